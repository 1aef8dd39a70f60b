import type { Uncertainty } from '@opencfp/core';
import type { IssueLog } from './issue-log.js';
import { attr, child, type XmlElement } from './xml/xml-element.js';

/** A distribution and pedigree scores read from an EcoSpold 2 `<uncertainty>` element. */
export interface EcoSpold2Uncertainty {
  uncertainty?: Uncertainty;
  /** Pedigree scores as openLCA writes them for the ecoinvent data-quality system: "(r;c;t;g;te)". */
  dqEntry?: string;
}

const PEDIGREE = [
  'reliability',
  'completeness',
  'temporalCorrelation',
  'geographicalCorrelation',
  'furtherTechnologyCorrelation',
] as const;

// Distributions EcoSpold 2 defines that the model has no type for.
const UNSUPPORTED = new Set(['undefined', 'beta', 'gamma', 'binomial']);

function num(e: XmlElement, name: string): number | undefined {
  const raw = attr(e, name);
  if (raw === undefined || raw.trim() === '') return undefined;
  const v = Number(raw);
  return Number.isFinite(v) ? v : undefined;
}

// openLCA's rule: the variance with pedigree uncertainty, unless it is 0 or missing.
function varianceOf(e: XmlElement): number | undefined {
  const withPedigree = num(e, 'varianceWithPedigreeUncertainty');
  if (withPedigree !== undefined && withPedigree !== 0) return withPedigree;
  return num(e, 'variance') ?? withPedigree;
}

function rawVariance(e: XmlElement): string {
  return `variance="${attr(e, 'variance') ?? ''}", varianceWithPedigreeUncertainty="${attr(e, 'varianceWithPedigreeUncertainty') ?? ''}"`;
}

/**
 * Converts the `<uncertainty>` of an exchange or parameter (`at` is its XPath, for issues).
 *
 * Mapping, as openLCA's EcoSpold 2 import does it: log-normal → geometric mean `meanValue` (else e^mu) and
 * geometric SD e^√(varianceWithPedigreeUncertainty, else variance); normal → mean `meanValue`, SD
 * √(varianceWithPedigreeUncertainty, else variance); triangular → minValue/mostLikelyValue/maxValue; uniform →
 * minValue/maxValue. Undefined, beta, gamma and binomial distributions have no counterpart and are dropped
 * (info); distributions with impossible parameters (negative variance, minimum above maximum) are dropped
 * with a warning. The pedigree matrix becomes "(r;c;t;g;te)".
 *
 * @example
 * const { uncertainty, dqEntry } = readEcoSpold2Uncertainty(child(exchange, 'uncertainty'), 'x.spold', path, log);
 */
export function readEcoSpold2Uncertainty(
  element: XmlElement | undefined,
  file: string,
  at: string,
  log: IssueLog,
): EcoSpold2Uncertainty {
  if (!element) return {};
  const out: EcoSpold2Uncertainty = {};
  const pedigree = child(element, 'pedigreeMatrix');
  if (pedigree) {
    const scores = PEDIGREE.map((k) => attr(pedigree, k)?.trim());
    if (scores.every((s) => s !== undefined && /^[1-5]$/.test(s))) out.dqEntry = `(${scores.join(';')})`;
    else
      log.warning(
        file,
        `${at}/pedigreeMatrix`,
        'INVALID_PEDIGREE',
        `The pedigree matrix needs five scores from 1 to 5 (got ${scores.map((s) => s ?? '?').join(', ')}); it was ignored.`,
      );
  }
  for (const d of element.children) {
    const path = `${at}/${d.name}`;
    const invalid = (why: string): EcoSpold2Uncertainty => {
      log.warning(file, path, 'INVALID_UNCERTAINTY', `The ${d.name} distribution ${why}; it was ignored.`);
      return out;
    };
    switch (d.name) {
      case 'lognormal': {
        const variance = varianceOf(d);
        if (variance === undefined) return invalid(`has no finite variance (${rawVariance(d)})`);
        if (variance < 0) return invalid(`has a negative variance (${variance})`);
        const mu = num(d, 'mu');
        const mean = num(d, 'meanValue') ?? (mu === undefined ? undefined : Math.exp(mu));
        if (mean === undefined) return invalid('has neither meanValue nor mu');
        out.uncertainty = {
          type: 'lognormal',
          geometricMean: mean,
          geometricSd: Math.exp(Math.sqrt(variance)),
        };
        if (out.dqEntry) out.uncertainty.pedigree = out.dqEntry;
        return out;
      }
      case 'normal': {
        const variance = varianceOf(d);
        const mean = num(d, 'meanValue');
        if (variance === undefined || mean === undefined)
          return invalid(
            `needs a finite meanValue and variance (${rawVariance(d)}, meanValue="${attr(d, 'meanValue') ?? ''}")`,
          );
        if (variance < 0) return invalid(`has a negative variance (${variance})`);
        out.uncertainty = { type: 'normal', mean, sd: Math.sqrt(variance) };
        return out;
      }
      case 'triangular': {
        const min = num(d, 'minValue');
        const mode = num(d, 'mostLikelyValue');
        const max = num(d, 'maxValue');
        if (min === undefined || mode === undefined || max === undefined)
          return invalid('needs minValue, mostLikelyValue and maxValue');
        if (!(min <= mode && mode <= max))
          return invalid(`needs minValue ≤ mostLikelyValue ≤ maxValue (got ${min}, ${mode}, ${max})`);
        out.uncertainty = { type: 'triangular', min, mode, max };
        return out;
      }
      case 'uniform': {
        const min = num(d, 'minValue');
        const max = num(d, 'maxValue');
        if (min === undefined || max === undefined) return invalid('needs minValue and maxValue');
        if (min > max) return invalid(`has minValue ${min} above maxValue ${max}`);
        out.uncertainty = { type: 'uniform', min, max };
        return out;
      }
      default:
        if (UNSUPPORTED.has(d.name)) {
          log.info(
            file,
            path,
            'UNSUPPORTED_UNCERTAINTY',
            `The ${d.name} distribution has no counterpart in OpenCFP (log-normal, normal, triangular, uniform); it was ignored.`,
          );
          return out;
        }
    }
  }
  return out;
}

/**
 * The same distribution for the exchange with its sign turned (amount a → −a), used when an ecoinvent waste
 * exchange is turned round; bounds are swapped so that minimum ≤ maximum still holds.
 *
 * @example
 * negateUncertainty({ type: 'uniform', min: -3, max: -1 }); // { type: 'uniform', min: 1, max: 3 }
 */
export function negateUncertainty(u: Uncertainty): Uncertainty {
  switch (u.type) {
    case 'lognormal':
      return { ...u, geometricMean: -u.geometricMean };
    case 'normal':
      return { ...u, mean: -u.mean };
    case 'triangular':
      return { type: 'triangular', min: -u.max, mode: -u.mode, max: -u.min };
    case 'uniform':
      return { type: 'uniform', min: -u.max, max: -u.min };
  }
}

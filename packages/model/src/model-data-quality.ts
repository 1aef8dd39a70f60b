import {
  DataQualityError,
  PACT_DATA_QUALITY_SOURCES,
  PEDIGREE_FACTOR_SETS,
  PEF_DATA_QUALITY_SOURCE,
  pactDataQuality,
  parsePedigree,
  pedigreeUncertainty,
  pefAggregateDataQuality,
  pefDataQualityRating,
  primaryDataShare,
  type Database,
  type PactDataQualityIndicators,
  type PactScores,
  type PactVersion,
  type PedigreeFactorSetId,
  type PedigreeScore,
  type PedigreeScores,
  type PefAggregate,
  type PefRating,
  type Process,
} from '@opencfp/core';
import type { ModelContribution, ProductModelFootprint } from './calculate-product-model.js';
import type { PreparedModel } from './prepare-product-model.js';
import type { ModelDataQuality, ProductModelDocument } from './product-model-document.js';

/** The pedigree of a line, where its scores come from, and the lognormal they imply. */
export interface LinePedigree {
  /** Scores 1–5 in dqEntry order (reliability, completeness, temporal, geographical, technology); null: n.a. */
  scores: PedigreeScores;
  /** 'model': the line's dataQuality; 'dataset': its background dataset's exchanges (see `dataset`). */
  from: 'model' | 'dataset';
  /** From a dataset: the unweighted mean per indicator over its exchanges with a dqEntry, and how many. */
  dataset?: { processId: string; exchanges: number; of: number; mean: (number | null)[] };
  /** The lognormal the scores imply with the line's basic uncertainty; null with `problem` when it has none. */
  uncertainty: { geometricSd: number; sigma: number; variance: number; basicVariance: number } | null;
  problem?: string;
  /** Whether Monte Carlo runs draw the line from it (model scores, and no uncertainty of its own). */
  appliedInMonteCarlo: boolean;
}

/** One line of the model with its contribution and everything known of its data quality. */
export interface LineDataQuality {
  /** JSON pointer of the line in the document (as in the footprint's contributions). */
  path: string;
  processId: string;
  name: string;
  kind: ModelContribution['kind'] | 'foreground';
  /** kg CO2e per declared unit and share of the total (0 for a link to another process of the model). */
  co2e: number;
  share: number;
  source?: string;
  /** Primary data (true), secondary (false) or not said (null). */
  primary: boolean | null;
  pedigree?: LinePedigree;
  pef?: PefRating;
  pact?: PactScores;
}

/** The data quality of a product model's footprint: per line, PEF and PACT aggregates, primary data share. */
export interface ProductModelDataQuality {
  pedigreeFactorSet: PedigreeFactorSetId;
  /** Lines with a footprint, and links to model processes that carry data quality, largest |co2e| first. */
  lines: LineDataQuality[];
  /** PEF: the contribution-weighted DQR of the most relevant lines (≥ 80 % of Σ |co2e| together). */
  pef: PefAggregate & { source: string };
  /** PACT: the version's data quality indicators and the primary data share (both in percent of the total). */
  pact: {
    version: PactVersion;
    dqi: PactDataQualityIndicators;
    primaryDataShare: number | null;
    assessed: string[];
    missing: string[];
    /** Lines with a footprint that say neither primary nor secondary (counted as secondary). */
    unflagged: string[];
    source: string;
  };
  notes: string[];
}

/** The data quality a line of the document states, from its JSON pointer ('/processes/2/inputs/0'). */
function documentDataQuality(document: ProductModelDocument, path: string): ModelDataQuality | undefined {
  const m = /^\/processes\/(\d+)\/(inputs|emissions)\/(\d+)$/.exec(path);
  if (!m) return undefined;
  const process = document.processes[Number(m[1])];
  const line = m[2] === 'inputs' ? process?.inputs[Number(m[3])] : process?.emissions[Number(m[3])];
  return line?.dataQuality;
}

/** Whether any line of the document states something about its data quality. */
export function hasDataQuality(document: ProductModelDocument): boolean {
  return (
    document.dataQuality !== undefined ||
    document.processes.some(
      (p) => p.inputs.some((x) => x.dataQuality) || p.emissions.some((x) => x.dataQuality),
    )
  );
}

function uncertaintyOf(
  scores: PedigreeScores,
  basic: number | undefined,
  factorSet: PedigreeFactorSetId,
): Pick<LinePedigree, 'uncertainty' | 'problem'> {
  try {
    const u = pedigreeUncertainty(scores, basic ?? 1, factorSet);
    return {
      uncertainty: {
        geometricSd: u.geometricSd,
        sigma: u.sigma,
        variance: u.variance,
        basicVariance: u.basicVariance,
      },
    };
  } catch (e) {
    if (e instanceof DataQualityError) return { uncertainty: null, problem: e.message };
    throw e;
  }
}

/**
 * The pedigree of a background dataset: its exchanges' dqEntry scores, averaged per indicator without weights
 * and rounded half up as openLCA rounds aggregated entries (`exchanges` 0 when none of them has one).
 */
type DatasetPedigree = NonNullable<LinePedigree['dataset']> & { scores: PedigreeScores };

function datasetPedigree(process: Process): DatasetPedigree {
  const sums = [0, 0, 0, 0, 0];
  const counts = [0, 0, 0, 0, 0];
  let exchanges = 0;
  for (const e of process.exchanges) {
    if (!e.dqEntry) continue;
    let scores: PedigreeScores;
    try {
      scores = parsePedigree(e.dqEntry).scores;
    } catch {
      continue;
    }
    exchanges++;
    scores.forEach((s, k) => {
      if (s === null) return;
      sums[k] += s;
      counts[k]++;
    });
  }
  const mean = sums.map((s, k) => (counts[k] === 0 ? null : s / counts[k]));
  return {
    processId: process.id,
    exchanges,
    of: process.exchanges.length,
    mean,
    scores: mean.map((m) => (m === null ? null : (Math.floor(m + 0.5) as PedigreeScore))),
  };
}

/**
 * The data quality of a product model's footprint: per line (input or direct emission) its contribution, its
 * pedigree scores (the line's own, or for a background dataset those of the dataset's exchanges when the
 * `background` database has them) with the lognormal they imply, its PEF rating and PACT ratings and whether it
 * is primary data; the PEF DQR weighted over the most relevant lines; the PACT data quality indicators of the
 * document's PACT version and the primary data share. Scores come from the document's `dataQuality` fields.
 *
 * @example
 * const footprint = calculateProductModel(doc, background);
 * const quality = productModelDataQuality(doc, footprint, database);
 * quality.pef.dqr; quality.pact.dqi.technologicalDQR; quality.pact.primaryDataShare;
 */
export function productModelDataQuality(
  document: ProductModelDocument,
  footprint: ProductModelFootprint,
  background?: Pick<Database, 'processes'>,
): ProductModelDataQuality {
  const factorSet = document.dataQuality?.pedigreeFactorSet ?? 'ecoinvent-v3';
  const pactVersion = document.dataQuality?.pactVersion ?? '2';
  const processes = background ? new Map(background.processes.map((p) => [p.id, p])) : undefined;
  const datasets = new Map<string, DatasetPedigree>();
  const contributions = new Map(footprint.contributions.map((c) => [c.path, c]));
  const lines: LineDataQuality[] = [];
  const notes: string[] = [];
  let fromDatasets = 0;

  document.processes.forEach((process, i) => {
    const all = [
      ...process.inputs.map((x, k) => ({ line: x, path: `/processes/${i}/inputs/${k}`, input: true })),
      ...process.emissions.map((x, k) => ({ line: x, path: `/processes/${i}/emissions/${k}`, input: false })),
    ];
    for (const { line, path, input } of all) {
      const c = contributions.get(path);
      const quality = line.dataQuality;
      if (!c && !quality) continue;
      const entry: LineDataQuality = {
        path,
        processId: process.id,
        name: c?.name ?? ('name' in line ? line.name : line.gas),
        kind: c?.kind ?? (input ? 'foreground' : 'emission'),
        co2e: c?.co2e ?? 0,
        share: c?.share ?? 0,
        primary: quality?.primary ?? null,
      };
      if (quality?.source !== undefined) entry.source = quality.source;
      if (quality?.pedigree) {
        const implied = uncertaintyOf(
          quality.pedigree as PedigreeScores,
          quality.basicUncertainty,
          factorSet,
        );
        entry.pedigree = {
          scores: quality.pedigree as PedigreeScores,
          from: 'model',
          ...implied,
          // As applyPedigreeUncertainty: an own uncertainty wins, and σ_g = 1 is no uncertainty.
          appliedInMonteCarlo: line.uncertainty === undefined && (implied.uncertainty?.geometricSd ?? 1) > 1,
        };
      } else if (c?.dataset && processes) {
        const key = c.dataset.processId;
        let found = datasets.get(key);
        if (!found) {
          const p = processes.get(key);
          if (p) {
            found = datasetPedigree(p);
            datasets.set(key, found);
          }
        }
        if (found && found.exchanges > 0) {
          const { scores, ...dataset } = found;
          entry.pedigree = {
            scores,
            from: 'dataset',
            dataset,
            ...uncertaintyOf(scores, undefined, factorSet),
            appliedInMonteCarlo: false,
          };
          fromDatasets++;
        }
      }
      if (quality?.pef) entry.pef = pefDataQualityRating(quality.pef);
      if (quality?.pact) entry.pact = { ...quality.pact };
      lines.push(entry);
    }
  });
  lines.sort((a, b) => Math.abs(b.co2e) - Math.abs(a.co2e));

  const counted = lines.filter((l) => l.co2e !== 0);
  const pef = pefAggregateDataQuality(
    counted.map((l) => ({ id: l.path, contribution: l.co2e, ...(l.pef ? { scores: l.pef } : {}) })),
  );
  const total = footprint.split.total;
  const pactItems = counted.map((l) => ({
    id: l.path,
    contribution: l.co2e,
    ...(l.pact ? { scores: l.pact } : {}),
    ...(l.primary === null ? {} : { primary: l.primary }),
  }));
  const pact = pactDataQuality(pactItems, total, pactVersion);
  const pds = primaryDataShare(pactItems, total);

  if (fromDatasets > 0)
    notes.push(
      `${fromDatasets} background line${fromDatasets === 1 ? ' takes its' : 's take their'} pedigree scores from the dataset's own exchanges (unweighted mean per indicator, rounded half up): they describe the dataset's data and are shown, not drawn in Monte Carlo runs`,
    );
  if (pef.missing.length > 0)
    notes.push(
      `${pef.missing.length} of the ${pef.mostRelevant.length} most relevant line${pef.mostRelevant.length === 1 ? ' has' : 's have'} no PEF rating (dataQuality.pef): the PEF DQR covers ${(100 * pef.ratedShare).toFixed(1)} % of the footprint`,
    );
  if (pact.missing.length > 0)
    notes.push(
      `${pact.missing.length} line${pact.missing.length === 1 ? '' : 's'} counting for PACT v${pactVersion} ${pact.missing.length === 1 ? 'has' : 'have'} no complete PACT ratings (dataQuality.pact)`,
    );
  if (pds.unflagged.length > 0)
    notes.push(
      `${pds.unflagged.length} line${pds.unflagged.length === 1 ? '' : 's'} with a footprint ${pds.unflagged.length === 1 ? 'says' : 'say'} neither primary nor secondary (dataQuality.primary): counted as secondary data`,
    );
  if (!(total > 0))
    notes.push('the total is not positive: PACT shares and the primary data share cannot be given');

  return {
    pedigreeFactorSet: factorSet,
    lines,
    pef: { ...pef, source: `${PEF_DATA_QUALITY_SOURCE.document} ${PEF_DATA_QUALITY_SOURCE.url}` },
    pact: {
      version: pactVersion,
      dqi: pact.dqi,
      primaryDataShare: pds.percent,
      assessed: pact.assessed,
      missing: pact.missing,
      unflagged: pds.unflagged,
      source: `${PACT_DATA_QUALITY_SOURCES[pactVersion].document} ${PACT_DATA_QUALITY_SOURCES[pactVersion].url}`,
    },
    notes,
  };
}

/**
 * Gives every line of a prepared model that has pedigree scores and no uncertainty of its own the lognormal its
 * scores imply (document's factor set, the line's basic uncertainty), for Monte Carlo runs; returns their paths.
 * An explicit `uncertainty` always wins.
 *
 * @example
 * const model = prepareProductModel(doc, background, options);
 * applyPedigreeUncertainty(model); // ['/processes/0/inputs/1']
 */
export function applyPedigreeUncertainty(model: PreparedModel): string[] {
  const factorSet = model.document.dataQuality?.pedigreeFactorSet ?? 'ecoinvent-v3';
  const applied: string[] = [];
  for (const line of model.lines) {
    if (line.uncertainty) continue;
    const quality = documentDataQuality(model.document, line.path);
    if (!quality?.pedigree) continue;
    const u = pedigreeUncertainty(
      quality.pedigree as PedigreeScores,
      quality.basicUncertainty ?? 1,
      factorSet,
    );
    if (u.geometricSd <= 1) continue;
    line.uncertainty = { distribution: 'lognormal', geometricSd: u.geometricSd };
    applied.push(line.path);
  }
  return applied;
}

/** The Monte Carlo note for lines drawn from their pedigree. */
export function pedigreeNote(model: PreparedModel, paths: readonly string[]): string | undefined {
  if (paths.length === 0) return undefined;
  const set = PEDIGREE_FACTOR_SETS[model.document.dataQuality?.pedigreeFactorSet ?? 'ecoinvent-v3'];
  const one = paths.length === 1;
  return `${paths.length} line${one ? ' has' : 's have'} pedigree scores and no uncertainty of ${one ? 'its' : 'their'} own: ${one ? 'it is' : 'they are'} drawn from the lognormal the scores imply (${set.name}, added to the basic uncertainty on the ln scale)`;
}

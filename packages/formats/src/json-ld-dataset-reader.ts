import type { Parameter, ParameterScope, Uncertainty } from '@opencfp/core';
import type { IssueLog } from './issue-log.js';
import { jsonPointer as ptr } from './json-pointer.js';

export type JsonObject = { [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function preview(value: unknown): string {
  let text: string;
  // Only the start is shown: a 10 MB string need not be copied whole to show 40 characters.
  if (typeof value === 'string' && value.length > 40) value = value.slice(0, 40);
  // JSON.stringify writes Infinity (a number literal such as 1e400 parsed) as 'null', which would mislead.
  if (typeof value === 'number') return String(value);
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Too deeply nested to stringify (String() of nested arrays recurses as well), or cyclic.
    text = Array.isArray(value) ? '[…]' : typeof value === 'object' && value !== null ? '{…}' : typeof value;
  }
  return text.length > 40 ? text.slice(0, 37) + '...' : text;
}

/** Thrown inside a dataset conversion after its error was logged: the dataset is left out, the rest is read. */
export class SkipDataset extends Error {}

/** v1 exports name a category by reference (resolved through categories/*.json), v2 by its path. */
export type CategoryField = { path: string } | { refId: string; name?: string };

export const EXPORT_AGAIN = 'Export it again from openLCA, or fix the file.';

/**
 * Field access for one JSON-LD dataset file: reads v1 and v2 field names, narrows `unknown` JSON to typed
 * values, and reports malformed values against the file with JSON pointers. Internal to `JsonLdConverter`.
 *
 * @example
 * const r = new DatasetReader('flows/x.json', log);
 * const id = r.requireId(json); // logs MISSING_ID and throws SkipDataset when absent
 * const cas = r.str(json, 'cas', '');
 */
export class DatasetReader {
  constructor(
    readonly file: string,
    readonly log: IssueLog,
  ) {}

  error(path: string, code: string, message: string): void {
    this.log.error(this.file, path, code, message);
  }

  warning(path: string, code: string, message: string): void {
    this.log.warning(this.file, path, code, message);
  }

  info(path: string, code: string, message: string): void {
    this.log.info(this.file, path, code, message);
  }

  /**
   * Unusable distributions of this dataset. Exports can hold thousands (US LCI: 4,811 log-normals with
   * geomSd 0), so they are reported once per dataset by `flush`.
   */
  private readonly droppedUncertainties: { path: string; why: string }[] = [];

  /** Reports what was collected while reading the dataset. */
  flush(): void {
    const dropped = this.droppedUncertainties;
    if (dropped.length === 0) return;
    const shown = dropped.slice(0, 3).map((d) => `${d.path}: ${d.why}`);
    if (dropped.length > 3) shown.push(`… ${dropped.length - 3} more`);
    this.warning(
      dropped[0].path,
      'INVALID_UNCERTAINTY',
      `${dropped.length} uncertainty distribution(s) cannot be used and were ignored; the amounts are kept ` +
        `(${shown.join('; ')}). Fix the distribution parameters if uncertainty analysis matters.`,
    );
  }

  /** Logs an error and leaves the whole dataset out. */
  skip(path: string, code: string, message: string): never {
    this.error(path, code, `${message} The dataset was skipped. ${EXPORT_AGAIN}`);
    throw new SkipDataset();
  }

  requireId(o: JsonObject): string {
    const id = o['@id'];
    if (typeof id !== 'string' || id.trim() === '') {
      this.skip('/@id', 'MISSING_ID', 'The dataset has no "@id".');
    }
    return id;
  }

  name(o: JsonObject, base: string): string {
    const name = o.name;
    if (typeof name === 'string') return name;
    this.warning(pointerOf(base, 'name'), 'MISSING_NAME', 'No "name"; an empty name is used.');
    return '';
  }

  /** An optional string; '' counts as absent. */
  str(o: JsonObject, key: string, base: string): string | undefined {
    const v = o[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'string') return v;
    this.warning(
      pointerOf(base, key),
      'INVALID_FIELD',
      `"${key}" should be a string, got ${preview(v)}; it was ignored.`,
    );
    return undefined;
  }

  /** The first of `keys` that holds a boolean (v1 and v2 names); undefined when none is given. */
  bool(o: JsonObject, base: string, ...keys: string[]): boolean | undefined {
    for (const key of keys) {
      const v = o[key];
      if (v === undefined || v === null) continue;
      if (typeof v === 'boolean') return v;
      this.warning(
        pointerOf(base, key),
        'INVALID_FIELD',
        `"${key}" should be true or false, got ${preview(v)}; false is used.`,
      );
      return false;
    }
    return undefined;
  }

  /** A number: undefined when absent, null when present but not a finite number (nothing logged yet). */
  num(o: JsonObject, key: string): number | undefined | null {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  }

  invalidNumber(
    o: JsonObject,
    key: string,
    base: string,
    consequence: string,
    severity: 'error' | 'warning',
  ): void {
    this.log.report(
      severity,
      this.file,
      pointerOf(base, key),
      'INVALID_NUMBER',
      `"${key}" must be a finite number, got ${preview(o[key])}; ${consequence}`,
    );
  }

  /** The @id of a reference: undefined when absent, null when malformed. */
  ref(o: JsonObject, key: string): string | undefined | null {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (isObject(v) && typeof v['@id'] === 'string' && v['@id'] !== '') return v['@id'];
    return null;
  }

  /** An optional reference; a malformed one is reported and ignored. */
  optRef(o: JsonObject, key: string, base: string): string | undefined {
    const id = this.ref(o, key);
    if (id === null) {
      this.warning(
        pointerOf(base, key),
        'INVALID_REFERENCE',
        `"${key}" is not a reference with an "@id"; it was ignored.`,
      );
      return undefined;
    }
    return id;
  }

  requireRef(o: JsonObject, key: string, base: string, what: string): string {
    const id = this.ref(o, key);
    if (typeof id !== 'string') {
      this.skip(
        pointerOf(base, key),
        'MISSING_FIELD',
        id === undefined ? `${what} has no "${key}".` : `${what} has a "${key}" without "@id".`,
      );
    }
    return id;
  }

  /** An array field; absent → []. A non-array is an error that skips the dataset when `required`. */
  array(o: JsonObject, key: string, base: string, required: boolean): unknown[] {
    const v = o[key];
    if (v === undefined || v === null) return [];
    if (Array.isArray(v)) return v;
    if (required)
      this.skip(pointerOf(base, key), 'INVALID_FIELD', `"${key}" must be a list, got ${preview(v)}.`);
    this.warning(
      pointerOf(base, key),
      'INVALID_FIELD',
      `"${key}" must be a list, got ${preview(v)}; it was ignored.`,
    );
    return [];
  }

  category(o: JsonObject): CategoryField | undefined {
    const c = o.category;
    if (typeof c === 'string') {
      const path = c
        .split('/')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .join('/');
      return path === '' ? undefined : { path };
    }
    if (isObject(c) && typeof c['@id'] === 'string') {
      return { refId: c['@id'], name: typeof c.name === 'string' ? c.name : undefined };
    }
    if (c !== undefined && c !== null) {
      this.warning(
        '/category',
        'INVALID_FIELD',
        `"category" should be a path or a reference, got ${preview(c)}; it was ignored.`,
      );
    }
    return undefined;
  }

  strings(o: JsonObject, key: string, base: string): string[] | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    // v2 packs flow synonyms into one string; unit synonyms and v1 use lists.
    const list = typeof v === 'string' ? v.split(/[;\n]/) : Array.isArray(v) ? v : null;
    if (list === null) {
      this.warning(
        pointerOf(base, key),
        'INVALID_FIELD',
        `"${key}" should be a list of strings; it was ignored.`,
      );
      return undefined;
    }
    const out = list
      .filter((s): s is string => typeof s === 'string')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    return out.length > 0 ? out : undefined;
  }

  uncertainty(o: JsonObject, key: string, base: string): Uncertainty | undefined {
    const u = o[key];
    if (u === undefined || u === null) return undefined;
    const at = pointerOf(base, key);
    const drop = (why: string): undefined => {
      this.droppedUncertainties.push({ path: at, why });
      return undefined;
    };
    if (!isObject(u)) return drop(`"${key}" is not an object`);
    const type = u.distributionType;
    if (type === undefined || type === null || type === 'NO_DISTRIBUTION') return undefined;
    // v1 and v2 both write minimum/maximum and geomMean/geomSd; the short forms appear in hand-written files.
    const pick = (...keys: string[]): number | undefined | null => {
      for (const k of keys) {
        const n = this.num(u, k);
        if (n !== undefined) return n;
      }
      return undefined;
    };
    const all = (what: string, ...vals: (number | undefined | null)[]): number[] | undefined => {
      if (vals.every((v): v is number => typeof v === 'number')) return vals;
      return drop(`${String(type)} needs finite ${what}`);
    };
    switch (type) {
      case 'LOG_NORMAL_DISTRIBUTION': {
        const v = all(
          'geomMean and geomSd',
          pick('geomMean', 'geometricMean'),
          pick('geomSd', 'geometricSd'),
        );
        if (!v) return undefined;
        const [geometricMean, geometricSd] = v;
        if (geometricSd <= 0) return drop(`geomSd must be positive, got ${geometricSd}`);
        return { type: 'lognormal', geometricMean, geometricSd };
      }
      case 'NORMAL_DISTRIBUTION': {
        const v = all('mean and sd', pick('mean'), pick('sd'));
        if (!v) return undefined;
        const [mean, sd] = v;
        if (sd < 0) return drop(`sd must not be negative, got ${sd}`);
        return { type: 'normal', mean, sd };
      }
      case 'TRIANGLE_DISTRIBUTION': {
        const v = all(
          'minimum, mode and maximum',
          pick('minimum', 'min'),
          pick('mode'),
          pick('maximum', 'max'),
        );
        if (!v) return undefined;
        const [min, mode, max] = v;
        if (!(min <= mode && mode <= max))
          return drop(`minimum ≤ mode ≤ maximum does not hold (${min}, ${mode}, ${max})`);
        return { type: 'triangular', min, mode, max };
      }
      case 'UNIFORM_DISTRIBUTION': {
        const v = all('minimum and maximum', pick('minimum', 'min'), pick('maximum', 'max'));
        if (!v) return undefined;
        const [min, max] = v;
        if (min > max) return drop(`minimum ${min} is above maximum ${max}`);
        return { type: 'uniform', min, max };
      }
      default:
        return drop(`unknown distributionType ${preview(type)}`);
    }
  }

  /** A parameter; undefined (after logging why) when it cannot be used. */
  parameter(o: unknown, base: string, scope: ParameterScope): Parameter | undefined {
    if (!isObject(o)) {
      this.error(
        base,
        'INVALID_PARAMETER',
        `The parameter is not an object; it was skipped. ${EXPORT_AGAIN}`,
      );
      return undefined;
    }
    const name = o.name;
    if (typeof name !== 'string' || name.trim() === '') {
      this.error(
        pointerOf(base, 'name'),
        'INVALID_PARAMETER',
        `The parameter has no name; it was skipped. ${EXPORT_AGAIN}`,
      );
      return undefined;
    }
    const formula = this.str(o, 'formula', base);
    const isInput = this.bool(o, base, 'isInputParameter', 'inputParameter') ?? formula === undefined;
    let value = this.num(o, 'value');
    if (value === null) {
      this.invalidNumber(o, 'value', base, `parameter '${name}' was skipped.`, 'error');
      return undefined;
    }
    if (value === undefined) {
      if (isInput) {
        this.error(
          pointerOf(base, 'value'),
          'INVALID_PARAMETER',
          `Input parameter '${name}' has no value; it was skipped.`,
        );
        return undefined;
      }
      // A calculated parameter's stored value is only a cache of its formula.
      value = 0;
    }
    const p: Parameter = { name, value, isInput, scope };
    if (formula !== undefined) p.formula = formula;
    const description = this.str(o, 'description', base);
    if (description !== undefined) p.description = description;
    const uncertainty = this.uncertainty(o, 'uncertainty', base);
    if (uncertainty) p.uncertainty = uncertainty;
    return p;
  }
}

export function pointerOf(base: string, key: string): string {
  return base + ptr(key);
}

// Compares two releases of one LCA database (the same US LCI as JSON-LD, EcoSpold 2 and EcoSpold 1): which
// processes are the same dataset, how their direct exchanges differ, and whether their LCI results agree.
// Used by uslci-equivalence.test.ts; kept apart so the test reads as the list of findings it is.
import {
  Calculator,
  evaluateProcessAmounts,
  resolveParameters,
  type Database,
  type Flow,
  type LciResult,
  type Process,
  type Unit,
} from '@opencfp/core';

/** One release of a database with its calculator (each process's own allocation, as the engine defaults). */
export interface Release {
  label: string;
  db: Database;
  calc: Calculator;
  processes: ReadonlyMap<string, Process>;
  flows: ReadonlyMap<string, Flow>;
  units: ReadonlyMap<string, Unit>;
  /** Location code (or name) by location id. */
  locations: ReadonlyMap<string, string>;
  /** Names of the units that exchanges of this release are written in. */
  usedUnits: ReadonlySet<string>;
}

/**
 * Wraps a database read from one release for comparison.
 *
 * @example
 * const jsonLd = prepareRelease('JSON-LD', (await readJsonLd(zip)).data);
 */
export function prepareRelease(label: string, db: Database): Release {
  const units = new Map<string, Unit>();
  for (const g of db.unitGroups) for (const u of g.units) if (!units.has(u.id)) units.set(u.id, u);
  const usedUnits = new Set<string>();
  for (const p of db.processes)
    for (const e of p.exchanges) usedUnits.add(units.get(e.unitId)?.name ?? e.unitId);
  return {
    label,
    db,
    calc: new Calculator(db),
    processes: new Map(db.processes.map((p) => [p.id, p])),
    flows: new Map(db.flows.map((f) => [f.id, f])),
    units,
    locations: new Map(db.locations.map((l) => [l.id, l.code ?? l.name])),
    usedUnits,
  };
}

/** Maps a flow of a release to the key under which it is compared with the other release. */
export type FlowKey = (flow: Flow) => string;

/**
 * The compartment of an elementary flow from its category path ('air', 'water', 'soil', 'resource'; 'other'
 * for final wastes, costs and the like; '?' without a category): legacy US LCI paths differ in depth and
 * wording ('air/unspecified', 'Elementary Flows/NETL Coal Elementary Flows/air/unspecified', '… Emission to
 * air', 'resource/in water', 'water/ground-'), so the first telling word decides.
 */
export function compartmentOf(category: string | undefined): string {
  if (category === undefined || category.trim() === '') return '?';
  const c = category.toLowerCase();
  if (/resource|\bin (ground|water|air)\b/.test(c)) return 'resource';
  if (/\bair\b|atmosphere/.test(c)) return 'air';
  if (/water/.test(c)) return 'water';
  if (/soil|ground/.test(c)) return 'soil';
  return 'other';
}

/** The common key of a flow: its name lower-cased, with its compartment (elementary) or type. */
export function commonKey(flow: Flow, compartment = compartmentOf(flow.category)): string {
  const name = flow.name.trim().replace(/\s+/g, ' ').toLowerCase();
  return `${name}|${flow.type === 'elementary' ? compartment : flow.type}`;
}

/** The exchanges of one process with one flow key, summed: what the calculation takes from the dataset. */
export interface DirectEntry {
  key: string;
  elementary: boolean;
  /** Flow names in this release ('a + b' when several flows share the key). */
  name: string;
  /** Reference unit of the flow, in which `amount` is given. */
  unit: string;
  /** Signed (output +, input −) sum in the reference unit, formulas evaluated as the calculation does. */
  amount: number;
  /** The same with the stored amounts: differs from `amount` only where a formula disagrees with its value. */
  stored: number;
  /** Signed sum of the stored amounts as written, each in its own unit (no conversion). */
  written: number;
  /** Names of the units the exchanges are written in. */
  exchangeUnits: string[];
}

/**
 * The direct exchanges of a process by flow key: amounts converted to the flow's reference unit and signed.
 * Exchanges the engine cannot convert are left out (the release's own tests account for them).
 */
export function directExchanges(r: Release, p: Process, key: FlowKey): Map<string, DirectEntry> {
  const withFormula = p.exchanges.some((e) => e.formula !== undefined && e.formula.trim() !== '');
  const evaluated = withFormula
    ? evaluateProcessAmounts(p, resolveParameters(r.db.parameters), { reportMismatches: false }).exchanges
    : undefined;
  const units = r.calc.matrices.units;
  const out = new Map<string, DirectEntry>();
  for (const e of p.exchanges) {
    const flow = r.flows.get(e.flowId);
    if (!flow) continue;
    const factor = units.conversionFactor(flow, e.unitId, e.flowPropertyId);
    if (typeof factor !== 'number') continue;
    const sign = e.isInput ? -1 : 1;
    const k = (flow.type === 'elementary' ? 'e:' : 't:') + key(flow);
    let entry = out.get(k);
    if (!entry) {
      entry = {
        key: k,
        elementary: flow.type === 'elementary',
        name: flow.name,
        unit: units.referenceUnitName(flow.id),
        amount: 0,
        stored: 0,
        written: 0,
        exchangeUnits: [],
      };
      out.set(k, entry);
    } else if (!entry.name.split(' + ').includes(flow.name)) entry.name += ` + ${flow.name}`;
    entry.amount += sign * factor * (evaluated?.get(e.internalId) ?? e.amount);
    entry.stored += sign * factor * e.amount;
    entry.written += sign * e.amount;
    const unit = r.units.get(e.unitId)?.name ?? e.unitId;
    if (!entry.exchangeUnits.includes(unit)) entry.exchangeUnits.push(unit);
  }
  return out;
}

/** Exchanges with an amount formula, and how many of them have a stored amount that differs from its value. */
export function formulaCheck(r: Release, tolerance = 1e-9): { formulas: number; differing: number } {
  const globals = resolveParameters(r.db.parameters);
  let formulas = 0;
  let differing = 0;
  for (const p of r.db.processes) {
    if (!p.exchanges.some((e) => e.formula !== undefined && e.formula.trim() !== '')) continue;
    const values = evaluateProcessAmounts(p, globals, { reportMismatches: false }).exchanges;
    for (const e of p.exchanges) {
      if (e.formula === undefined || e.formula.trim() === '') continue;
      formulas++;
      const v = values.get(e.internalId);
      if (v === undefined || !(v === e.amount || close(v, e.amount, tolerance))) differing++;
    }
  }
  return { formulas, differing };
}

/** How one flow key of a process differs between two releases (the first is the reference). */
export type DifferenceKind =
  /** Only in the first release. */
  | 'removed'
  /** Only in the second release. */
  | 'added'
  /** A flow of the first release is replaced by a flow of another key with the same amount. */
  | 'replaced'
  /** Exchanges in a unit the second release has nowhere are missing from it (all or part of the amount). */
  | 'dropped-unit'
  /** The same number, written in another unit (it was not converted). */
  | 'unit-label'
  /** The same number in a unit of the same name that the two releases convert with different factors. */
  | 'unit-factor'
  /** The same amount with the opposite sign: an output in one release, an input in the other. */
  | 'direction'
  /** The flow has a different reference unit in the two releases. */
  | 'reference-unit'
  /** Same unit, amounts differ, but the stored amounts agree: a formula disagrees with its stored value. */
  | 'formula'
  /** Same unit, different amounts. */
  | 'amount';

export interface ExchangeDifference {
  kind: DifferenceKind;
  key: string;
  a?: DirectEntry;
  b?: DirectEntry;
}

/** |x − y| ≤ tolerance · max(|x|, |y|). */
export function close(x: number, y: number, tolerance: number): boolean {
  return Math.abs(x - y) <= tolerance * Math.max(Math.abs(x), Math.abs(y));
}

/**
 * The differences between the direct exchanges of one process in two releases; an exchange of amount 0 on one
 * side counts as absent. `unitsOfB`, when given, are the names of all units release b writes exchanges in: an
 * exchange of a in another unit is then taken as dropped by b's exporter ('dropped-unit').
 */
export function compareDirect(
  a: ReadonlyMap<string, DirectEntry>,
  b: ReadonlyMap<string, DirectEntry>,
  unitsOfB?: ReadonlySet<string>,
  tolerance = 1e-9,
): ExchangeDifference[] {
  const out: ExchangeDifference[] = [];
  const droppedUnit = (x: DirectEntry): boolean =>
    unitsOfB !== undefined && x.exchangeUnits.some((u) => !unitsOfB.has(u));
  for (const [key, x] of a) {
    const y = b.get(key);
    if (!y || y.amount === 0) {
      if (x.amount !== 0) out.push({ kind: 'removed', key, a: x, b: y });
      continue;
    }
    if (x.amount === 0) out.push({ kind: 'added', key, a: x, b: y });
    else if (close(x.amount, y.amount, tolerance)) continue;
    else if (close(x.amount, -y.amount, tolerance)) out.push({ kind: 'direction', key, a: x, b: y });
    else if (close(x.written, y.written, tolerance)) {
      const sameNames = x.exchangeUnits.join() === y.exchangeUnits.join();
      out.push({ kind: sameNames ? 'unit-factor' : 'unit-label', key, a: x, b: y });
    } else if (droppedUnit(x)) out.push({ kind: 'dropped-unit', key, a: x, b: y });
    else if (x.unit !== y.unit) out.push({ kind: 'reference-unit', key, a: x, b: y });
    else if (close(x.stored, y.stored, tolerance)) out.push({ kind: 'formula', key, a: x, b: y });
    else out.push({ kind: 'amount', key, a: x, b: y });
  }
  for (const [key, y] of b) if (!a.has(key) && y.amount !== 0) out.push({ kind: 'added', key, b: y });
  // A removed and an added flow of the same amount (converted, or as written): one flow replaced by another.
  for (const removed of out.filter((d) => d.kind === 'removed')) {
    const x = removed.a as DirectEntry;
    const added = out.find(
      (d) =>
        d.kind === 'added' &&
        d.b?.elementary === x.elementary &&
        (close(d.b.amount, x.amount, tolerance) || close(d.b.written, x.written, tolerance)),
    );
    if (added) {
      removed.kind = 'replaced';
      removed.b = added.b;
      out.splice(out.indexOf(added), 1);
    } else if (droppedUnit(x)) removed.kind = 'dropped-unit';
  }
  return out;
}

/** The reference product of a process. */
export function referenceFlow(r: Release, p: Process): Flow | undefined {
  const ref = p.exchanges.find((e) => e.isReference);
  return ref ? r.flows.get(ref.flowId) : undefined;
}

const significant = (x: number): string => x.toPrecision(10);

/** The exchange amounts of a process, as stored, with their direction: the fingerprint of a dataset. */
function fingerprint(p: Process): string[] {
  return p.exchanges.map((e) => `${e.isInput ? '<' : '>'}${significant(e.amount)}`);
}

function commonCount(xs: readonly string[], ys: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let n = 0;
  for (const y of ys) {
    const c = counts.get(y);
    if (c) {
      n++;
      counts.set(y, c - 1);
    }
  }
  return n;
}

function words(s: string): Set<string> {
  return new Set(
    s
      .toLowerCase()
      .split(/[^a-z0-9.]+/)
      .filter(Boolean),
  );
}

/** Jaccard similarity of the words of two names. */
export function nameSimilarity(x: string, y: string): number {
  const a = words(x);
  const b = words(y);
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  const union = a.size + b.size - common;
  return union === 0 ? 0 : common / union;
}

/** A pair of processes that are the same dataset in two releases, with the evidence. */
export interface ProcessMatch {
  a: string;
  b: string;
  /** Share of exchange amounts (with direction) the two have in common, of the larger of the two. */
  overlap: number;
  /** Word similarity of the names (process and reference product). */
  similarity: number;
}

/**
 * Pairs the processes of two releases that carry no common ids, by their exchange amounts: a dataset keeps most
 * of its numbers from one release to the next while names of processes, products and elementary flows change
 * (the FY20 release renamed products and moved to FEDEFL flows). Candidates share at least `minOverlap` of
 * their amounts; the best overlap wins, ties go to the more similar name, and each process is used once.
 *
 * @example
 * const pairs = matchByExchanges(jsonLd, ecoSpold1); // [{ a: jsonLdId, b: ecoSpold1Id, overlap, similarity }]
 */
export function matchByExchanges(a: Release, b: Release, minOverlap = 0.5): ProcessMatch[] {
  const printsA = new Map(a.db.processes.map((p) => [p.id, fingerprint(p)]));
  const index = new Map<string, string[]>();
  for (const [id, xs] of printsA)
    for (const x of new Set(xs)) {
      let list = index.get(x);
      if (!list) index.set(x, (list = []));
      list.push(id);
    }
  const names = (r: Release, p: Process): string[] => [p.name, referenceFlow(r, p)?.name ?? ''];
  const candidates: ProcessMatch[] = [];
  for (const pb of b.db.processes) {
    const xs = fingerprint(pb);
    const seen = new Set<string>();
    for (const x of new Set(xs)) for (const id of index.get(x) ?? []) seen.add(id);
    for (const id of seen) {
      const ys = printsA.get(id) as string[];
      const overlap = commonCount(xs, ys) / Math.max(xs.length, ys.length);
      if (overlap < minOverlap) continue;
      const pa = a.processes.get(id) as Process;
      let similarity = 0;
      for (const x of names(a, pa))
        for (const y of names(b, pb)) similarity = Math.max(similarity, nameSimilarity(x, y));
      candidates.push({ a: id, b: pb.id, overlap, similarity });
    }
  }
  candidates.sort((x, y) => y.overlap - x.overlap || y.similarity - x.similarity);
  const usedA = new Set<string>();
  const usedB = new Set<string>();
  const out: ProcessMatch[] = [];
  for (const c of candidates) {
    if (usedA.has(c.a) || usedB.has(c.b)) continue;
    usedA.add(c.a);
    usedB.add(c.b);
    out.push(c);
  }
  return out;
}

/**
 * Learns which flow of release b each flow of release a became, from the exchanges of paired processes that
 * have the same direction and amount and are the only ones with that amount in both: a vote per exchange, the
 * majority wins. This is how legacy US LCI flows are followed to their FEDEFL names; a flow whose amounts all
 * changed gets no vote and stays unmapped (it then shows as removed and added, never as silently equal).
 */
export function learnFlowMap(
  a: Release,
  b: Release,
  pairs: readonly { a: string; b: string }[],
): Map<string, string> {
  const votes = new Map<string, Map<string, number>>();
  const byAmount = (p: Process): Map<string, string[]> => {
    const m = new Map<string, string[]>();
    for (const e of p.exchanges) {
      const k = `${e.isInput ? '<' : '>'}${significant(e.amount)}`;
      let list = m.get(k);
      if (!list) m.set(k, (list = []));
      list.push(e.flowId);
    }
    return m;
  };
  for (const pair of pairs) {
    const pa = a.processes.get(pair.a);
    const pb = b.processes.get(pair.b);
    if (!pa || !pb) continue;
    const mb = byAmount(pb);
    for (const [k, xs] of byAmount(pa)) {
      const ys = mb.get(k);
      if (xs.length !== 1 || ys?.length !== 1) continue;
      const fa = a.flows.get(xs[0]);
      const fb = b.flows.get(ys[0]);
      if (!fa || !fb || (fa.type === 'elementary') !== (fb.type === 'elementary')) continue;
      let v = votes.get(fa.id);
      if (!v) votes.set(fa.id, (v = new Map()));
      v.set(fb.id, (v.get(fb.id) ?? 0) + 1);
    }
  }
  for (const pair of pairs) {
    // The reference products are the same product, whatever their amounts (units may differ).
    const fa = referenceFlow(a, a.processes.get(pair.a) as Process);
    const fb = referenceFlow(b, b.processes.get(pair.b) as Process);
    if (!fa || !fb) continue;
    let v = votes.get(fa.id);
    if (!v) votes.set(fa.id, (v = new Map()));
    v.set(fb.id, (v.get(fb.id) ?? 0) + 1);
  }
  const out = new Map<string, string>();
  for (const [fa, v] of votes) {
    let best = '';
    let n = 0;
    for (const [fb, c] of v) if (c > n || (c === n && fb < best)) [best, n] = [fb, c];
    out.set(fa, best);
  }
  return out;
}

/** Per consumer process: its linked inputs (flow key → provider process ids) and its cut-off flow keys. */
export interface Links {
  providers: Map<string, Set<string>>;
  cutoffs: Set<string>;
}

/** How the engine linked the inputs of every process of a release. */
export function linksOf(r: Release, key: FlowKey): Map<string, Links> {
  const m = r.calc.matrices;
  const out = new Map<string, Links>();
  const get = (id: string): Links => {
    let l = out.get(id);
    if (!l) out.set(id, (l = { providers: new Map(), cutoffs: new Set() }));
    return l;
  };
  for (const link of m.links) {
    const p = r.processes.get(link.processId) as Process;
    const exchange = p.exchanges.find((e) => e.internalId === link.exchangeInternalId);
    const flow = exchange ? r.flows.get(exchange.flowId) : undefined;
    if (!flow) continue;
    const k = key(flow);
    const providers = get(p.id).providers;
    let set = providers.get(k);
    if (!set) providers.set(k, (set = new Set()));
    set.add(m.products[link.provider].processId);
  }
  for (const d of r.calc.diagnostics)
    if (d.code === 'CUT_OFF' && d.processId && d.flowId) {
      const flow = r.flows.get(d.flowId);
      if (flow) get(d.processId).cutoffs.add(key(flow));
    }
  return out;
}

/** The processes a process draws on, directly or through others (itself included). */
export function upstreamOf(r: Release, processId: string): Set<string> {
  const m = r.calc.matrices;
  let byConsumer = upstreamIndex.get(r);
  if (!byConsumer) {
    byConsumer = new Map();
    for (const link of m.links) {
      let list = byConsumer.get(link.processId);
      if (!list) byConsumer.set(link.processId, (list = []));
      list.push(m.products[link.provider].processId);
    }
    upstreamIndex.set(r, byConsumer);
  }
  const seen = new Set([processId]);
  const stack = [processId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const next of byConsumer.get(id) ?? [])
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
  }
  return seen;
}
const upstreamIndex = new WeakMap<Release, Map<string, string[]>>();

/** The inventory of a result by flow key (flows that share a key are summed). */
export function inventoryByKey(r: Release, result: LciResult, key: FlowKey): Map<string, number> {
  const rows = r.calc.matrices.elementaryRows;
  const out = new Map<string, number>();
  const g = result.inventoryVector;
  for (let i = 0; i < rows.length; i++) {
    if (g[i] === 0) continue;
    const flow = r.flows.get(rows[i].flowId) as Flow;
    const k = key(flow);
    out.set(k, (out.get(k) ?? 0) + g[i]);
  }
  return out;
}

/** The direct elementary flows of one column of B per unit of its product (B[:, j] / A[j, j]), by flow key. */
export function gateToGate(r: Release, column: number, key: FlowKey): Map<string, number> {
  const { A, B, elementaryRows } = r.calc.matrices;
  const diagonal = A.get(column, column);
  const out = new Map<string, number>();
  for (let k = B.columnPointers[column]; k < B.columnPointers[column + 1]; k++) {
    const flow = r.flows.get(elementaryRows[B.rowIndex[k]].flowId) as Flow;
    const fk = key(flow);
    out.set(fk, (out.get(fk) ?? 0) + B.values[k] / diagonal);
  }
  return out;
}

/** The largest relative difference between two inventories, and the flow key where it is. */
export function largestDifference(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
): { key: string; relative: number; a: number; b: number } {
  let worst = { key: '', relative: 0, a: 0, b: 0 };
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key) ?? 0;
    const y = b.get(key) ?? 0;
    const scale = Math.max(Math.abs(x), Math.abs(y));
    const relative = scale === 0 ? 0 : Math.abs(x - y) / scale;
    if (relative > worst.relative) worst = { key, relative, a: x, b: y };
  }
  return worst;
}

/** How the linking of one input differs between two releases. */
export type LinkKind =
  /** The first release links the input to a dataset the second does not have. */
  | 'provider-missing'
  /** Both link it, to datasets that are not the same. */
  | 'provider-differs'
  /** Cut off in the first release (no process makes the flow it names), linked in the second. */
  | 'cutoff-now-linked'
  /** Linked in the first release, cut off in the second. */
  | 'linked-now-cutoff';

export interface LinkDifference {
  kind: LinkKind;
  key: string;
  /** Providers (process ids of the first release, or of the second where it has no counterpart). */
  a: string[];
  b: string[];
}

const noLinks: Links = { providers: new Map(), cutoffs: new Set() };

/**
 * The differences between the linking of one process's inputs in two releases. Inputs that only one release
 * has are direct differences and not repeated here.
 */
export function compareLinks(
  la: Links = noLinks,
  lb: Links = noLinks,
  pairOfA: ReadonlyMap<string, string>,
): LinkDifference[] {
  const out: LinkDifference[] = [];
  for (const [key, providers] of la.providers) {
    const a = [...providers].sort();
    const bSet = lb.providers.get(key);
    const b = bSet ? [...bSet].sort() : [];
    if (a.some((id) => !pairOfA.has(id))) out.push({ kind: 'provider-missing', key, a, b });
    else if (bSet) {
      if (
        a
          .map((id) => pairOfA.get(id))
          .sort()
          .join() !== b.join()
      )
        out.push({ kind: 'provider-differs', key, a, b });
    } else if (lb.cutoffs.has(key)) out.push({ kind: 'linked-now-cutoff', key, a, b });
  }
  for (const key of la.cutoffs) {
    const bSet = lb.providers.get(key);
    if (bSet && !la.providers.has(key))
      out.push({ kind: 'cutoff-now-linked', key, a: [], b: [...bSet].sort() });
  }
  return out;
}

/** A dataset whose direct exchanges or linking differ between two releases. */
export interface DatasetFinding {
  a: string;
  b: string;
  name: string;
  exchanges: ExchangeDifference[];
  links: LinkDifference[];
}

/** The kinds of differences of a dataset, sorted and joined: what the test's tables record per dataset. */
export function causeOf(f: DatasetFinding): string {
  const kinds = new Set<string>([...f.exchanges.map((d) => d.kind), ...f.links.map((d) => d.kind)]);
  return [...kinds].sort().join(', ');
}

/** The LCI results of one process-product in both releases. */
export interface ResultFinding {
  a: string;
  b: string;
  name: string;
  productA: string;
  productB: string;
  /** Largest relative difference over all flow keys, where it is, and the two values. */
  relative: number;
  key: string;
  valueA: number;
  valueB: number;
  /** Datasets (ids in the first release) in the supply chain of `a`, itself included, that differ. */
  differingUpstream: string[];
  /**
   * Largest relative difference of the gate-to-gate inventory: the process's own elementary flows per unit of
   * the product, as the engine's matrices have them (B column over A diagonal, allocation applied).
   */
  gateToGate: number;
}

export interface Comparison {
  pairs: readonly { a: string; b: string }[];
  /** Paired datasets whose direct exchanges and linking agree. */
  identical: string[];
  /** Paired datasets that differ, by id in the first release. */
  findings: Map<string, DatasetFinding>;
  /** Every process-product of the paired datasets that both releases have. */
  results: ResultFinding[];
  /** Process-products of paired datasets the second release does not have ('id/product name'). */
  unpairedProducts: string[];
}

/**
 * Compares two releases dataset by dataset (direct exchanges by flow key, linking) and calculates every
 * process-product of the paired datasets in both.
 *
 * @example
 * const c = compareReleases(jsonLd, ecoSpold2, pairs, (f) => commonKey(f), (f) => commonKey(f));
 * c.results.filter((r) => r.differingUpstream.length === 0); // must agree
 */
export function compareReleases(
  a: Release,
  b: Release,
  pairs: readonly { a: string; b: string }[],
  keyA: FlowKey,
  keyB: FlowKey,
  options: { droppedUnits?: boolean } = {},
): Comparison {
  const pairOfA = new Map(pairs.map((p) => [p.a, p.b]));
  const linksA = linksOf(a, keyA);
  const linksB = linksOf(b, keyB);
  const identical: string[] = [];
  const findings = new Map<string, DatasetFinding>();
  for (const pair of pairs) {
    const pa = a.processes.get(pair.a) as Process;
    const pb = b.processes.get(pair.b) as Process;
    const exchanges = compareDirect(
      directExchanges(a, pa, keyA),
      directExchanges(b, pb, keyB),
      options.droppedUnits ? b.usedUnits : undefined,
    );
    const links = compareLinks(linksA.get(pa.id), linksB.get(pb.id), pairOfA);
    if (exchanges.length === 0 && links.length === 0) identical.push(pa.id);
    else findings.set(pa.id, { a: pa.id, b: pb.id, name: pa.name, exchanges, links });
  }
  const ma = a.calc.matrices;
  const mb = b.calc.matrices;
  const results: ResultFinding[] = [];
  const unpairedProducts: string[] = [];
  for (const pair of pairs) {
    const differingUpstream = [...upstreamOf(a, pair.a)].filter((id) => findings.has(id)).sort();
    for (const j of ma.columnsOf(pair.a)) {
      const productA = a.flows.get(ma.products[j].flowId) as Flow;
      const k = mb
        .columnsOf(pair.b)
        .find((c) => keyB(b.flows.get(mb.products[c].flowId) as Flow) === keyA(productA));
      if (k === undefined) {
        unpairedProducts.push(`${pair.a}/${productA.name}`);
        continue;
      }
      const productB = mb.products[k].flowId;
      const ga = inventoryByKey(a, a.calc.calculate({ processId: pair.a, productId: productA.id }), keyA);
      const gb = inventoryByKey(b, b.calc.calculate({ processId: pair.b, productId: productB }), keyB);
      const worst = largestDifference(ga, gb);
      const direct = largestDifference(gateToGate(a, j, keyA), gateToGate(b, k, keyB));
      results.push({
        a: pair.a,
        b: pair.b,
        name: `${ma.products[j].processName} / ${productA.name}`,
        productA: productA.id,
        productB,
        relative: worst.relative,
        key: worst.key,
        valueA: worst.a,
        valueB: worst.b,
        differingUpstream,
        gateToGate: direct.relative,
      });
    }
  }
  return { pairs, identical, findings, results, unpairedProducts };
}

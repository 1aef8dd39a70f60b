import { Calculator, type Database } from '@opencfp/core';
import {
  carbonFootprint,
  DEFAULT_GWP_SET_ID,
  gwpSet,
  type BiogenicApproach,
  type CarbonFootprint,
  type StageScheme,
} from '@opencfp/refdata';
import { csv } from '../csv.js';
import { UsageError } from '../errors.js';
import { loadDatabase } from '../load-database.js';
import type { Command } from './command.js';
import { calculationOptions } from './lci.js';
import { choiceOption, integerOption, requiredOption } from './options.js';

/** Labels of the split's parts, in the order ISO 14067 lists them. */
const SPLIT_LABELS: [keyof CarbonFootprint['split'], string][] = [
  ['fossilEmissions', 'Fossil GHG emissions'],
  ['fossilRemovals', 'Fossil GHG removals and credits'],
  ['biogenicCo2Emissions', 'Biogenic CO2 emissions'],
  ['biogenicNonCo2Emissions', 'Biogenic non-CO2 emissions (CH4)'],
  ['biogenicRemovals', 'Biogenic CO2 removals (uptake)'],
  ['dLuc', 'Direct land-use change (dLUC)'],
  ['landManagement', 'Land management'],
  ['aircraft', '  of which aircraft transport'],
  ['packaging', '  of which packaging'],
  ['total', 'Total'],
];

/**
 * `cfp calc <database> --process <id>`: the product carbon footprint — total, the ISO 14067 split, PACT fields,
 * by gas, by life-cycle stage and the top contributing processes.
 */
export const calc: Command = {
  options: {
    strict: { type: 'boolean' },
    process: { type: 'string' },
    product: { type: 'string' },
    amount: { type: 'string' },
    unit: { type: 'string' },
    method: { type: 'string' },
    biogenic: { type: 'string' },
    stages: { type: 'string' },
    'default-stage': { type: 'string' },
    top: { type: 'string' },
    allocation: { type: 'string' },
    providers: { type: 'string' },
    format: { type: 'string' },
  },
  async run(positionals, values, out) {
    if (positionals.length !== 1) throw new UsageError('usage: cfp calc <database> --process <id>');
    const processId = requiredOption(values, 'process', 'the id of the process whose product to calculate');
    const format = choiceOption(values, 'format', ['json', 'csv', 'text'] as const, 'json');
    const method = typeof values.method === 'string' ? values.method : DEFAULT_GWP_SET_ID;
    gwpSet(method); // an unknown set fails here, before the database is read
    const biogenicApproach = choiceOption<BiogenicApproach>(values, 'biogenic', ['-1/+1', '0/0'], '-1/+1');
    const stageScheme = choiceOption<StageScheme>(values, 'stages', ['iso-14067', 'eu-battery'], 'iso-14067');
    const top = integerOption(values, 'top', 10, 0);
    let amount = 1;
    if (values.amount !== undefined) {
      amount = Number(values.amount);
      if (typeof values.amount !== 'string' || !Number.isFinite(amount) || amount <= 0)
        throw new UsageError(`--amount must be a positive number, got '${String(values.amount)}'`);
    }
    const options = calculationOptions(values);
    const productId = typeof values.product === 'string' ? values.product : undefined;
    const { db } = await loadDatabase(positionals[0], out, { strict: values.strict === true });
    const unit = typeof values.unit === 'string' ? values.unit : undefined;
    const demandAmount = unit === undefined ? amount : amount * unitFactor(db, processId, productId, unit);
    const result = new Calculator(db, options).calculate({ processId, productId, amount: demandAmount });
    const cfp = carbonFootprint(result, db, {
      gwpSetId: method,
      biogenicApproach,
      stageScheme,
      defaultStage: typeof values['default-stage'] === 'string' ? values['default-stage'] : undefined,
      topContributors: top,
    });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0)
      out.stderr(
        `cfp: ${errors.length} error(s) in the calculation — ${[...new Set(errors.map((d) => d.code))].join(', ')}: the result is not meaningful as it stands (cfp lci --format json shows them)\n`,
      );
    for (const n of cfp.notes) out.stderr(`cfp: note ${n.code}: ${n.message}\n`);
    if (format === 'json')
      out.stdout(JSON.stringify({ ...cfp, cutoff: result.cutoff.length }, null, 2) + '\n');
    else if (format === 'csv') out.stdout(footprintCsv(cfp));
    else out.stdout(footprintText(cfp, result.cutoff.length));
  },
};

/**
 * Reference units in one `unit` of the product the demand names (its reference exchange's flow, or `productId`),
 * from the unit group of the flow's reference property: '--amount 1 --unit kWh' of an electricity measured in MJ → 3.6.
 */
function unitFactor(db: Database, processId: string, productId: string | undefined, unit: string): number {
  const process = db.processes.find((p) => p.id === processId);
  const flowId =
    productId ??
    process?.exchanges.find((e) => e.isReference)?.flowId ??
    process?.exchanges.find((e) => !e.isInput)?.flowId;
  const flow = db.flows.find((f) => f.id === flowId);
  const property = flow?.properties.find((p) => p.isReference);
  const group = db.unitGroups.find(
    (g) => g.id === db.flowProperties.find((p) => p.id === property?.flowPropertyId)?.unitGroupId,
  );
  if (!flow || !group)
    throw new UsageError(`--unit ${unit}: cannot tell the product or its units of process '${processId}'`);
  const wanted = unit.trim().toLowerCase();
  const found = group.units.find(
    (u) => u.name.toLowerCase() === wanted || (u.synonyms ?? []).some((x) => x.toLowerCase() === wanted),
  );
  if (!found)
    throw new UsageError(
      `--unit ${unit}: '${flow.name}' is measured in ${group.name}; use one of ${group.units.map((u) => u.name).join(', ')}`,
    );
  return found.factor;
}

/** One row per figure: section, key, name, amount, unit, share. */
function footprintCsv(cfp: CarbonFootprint): string {
  const rows: unknown[][] = [];
  for (const [key, label] of SPLIT_LABELS)
    rows.push(['split', key, label.trim(), cfp.split[key], 'kg CO2e', '']);
  for (const [key, value] of Object.entries(cfp.pact))
    rows.push([
      'pact',
      key,
      key,
      value,
      typeof value === 'boolean' ? '' : /CarbonContent$/.test(key) ? 'kg C' : 'kg CO2e',
      '',
    ]);
  for (const g of cfp.byGas)
    rows.push(['gas', gasKey(g), gasKey(g), g.co2e, 'kg CO2e', '', g.mass, g.factor, g.countedInTotal]);
  for (const s of cfp.byStage) rows.push(['stage', s.id, s.name, s.amount, 'kg CO2e', s.share]);
  for (const c of cfp.topContributors)
    rows.push([
      'contributor',
      c.processId,
      `${c.processName} | ${c.productName}`,
      c.amount,
      'kg CO2e',
      c.share,
    ]);
  return csv(['section', 'key', 'name', 'amount', 'unit', 'share', 'mass_kg', 'factor', 'counted'], rows);
}

const gasKey = (g: CarbonFootprint['byGas'][number]) => (g.kind ? `${g.species} ${g.kind}` : g.species);
const num = (x: number) =>
  x === 0 ? '0' : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e7 ? x.toFixed(4) : x.toExponential(4);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Columns a string takes in a terminal: East Asian wide characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/** A readable report. */
function footprintText(cfp: CarbonFootprint, cutoffs: number): string {
  const d = cfp.declaredUnit;
  const lines: string[] = [];
  const table = (rows: string[][]) => {
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => displayWidth(r[c]))));
    const pad = (cell: string, c: number) => ' '.repeat(widths[c] - displayWidth(cell));
    for (const r of rows)
      lines.push('  ' + r.map((cell, c) => (c === 0 ? cell + pad(cell, c) : pad(cell, c) + cell)).join('  '));
  };
  lines.push(`Product carbon footprint of ${d.amount} ${d.unit} '${d.productName}' (process ${d.processId})`);
  lines.push(
    `${cfp.gwpSet.name} · biogenic approach ${cfp.biogenicApproach} · stages ${cfp.stageScheme}` +
      (cutoffs > 0 ? ` · ${cutoffs} cut-off input(s)` : ''),
  );
  lines.push('', `Total: ${num(cfp.split.total)} kg CO2e`, '', 'ISO 14067 split (kg CO2e)');
  table(SPLIT_LABELS.map(([key, label]) => [label, num(cfp.split[key])]));
  lines.push('', 'PACT fields');
  table(
    Object.entries(cfp.pact).map(([key, value]) => [
      key,
      value === undefined ? '—' : typeof value === 'boolean' ? String(value) : num(value),
    ]),
  );
  lines.push('', 'By gas');
  table([
    ['gas', 'kg', 'factor', 'kg CO2e'],
    ...cfp.byGas.map((g) => [
      gasKey(g) + (g.countedInTotal ? '' : ' (not counted)'),
      num(g.mass),
      String(g.factor),
      num(g.co2e),
    ]),
  ]);
  lines.push('', `By life-cycle stage (${cfp.stageScheme})`);
  table([
    ['stage', 'kg CO2e', 'share'],
    ...cfp.byStage.map((s) => [`${s.name} ${s.nameZh}`, num(s.amount), pct(s.share)]),
  ]);
  if (cfp.topContributors.length > 0) {
    lines.push('', 'Top contributing processes (direct)');
    table([
      ['process', 'kg CO2e', 'share'],
      ...cfp.topContributors.map((c) => [c.processName, num(c.amount), pct(c.share)]),
    ]);
  }
  return lines.join('\n') + '\n';
}

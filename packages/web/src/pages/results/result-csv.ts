import type { ResultData } from './read-result';

/** A cell of a CSV file: text, a number (written in full, with a dot), or empty. */
export type CsvCell = string | number | boolean | null;

/** The byte order mark that makes Excel read a CSV file as UTF-8 (Chinese names stay readable). */
export const BOM = '\uFEFF';

const cell = (value: CsvCell): string => {
  if (value === null) return '';
  const s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  // RFC 4180: quote a field with a separator, a quote or a line break, doubling its quotes. A leading = + - @ is
  // quoted with an apostrophe so a spreadsheet does not run it as a formula (names come from datasets).
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * A CSV file (RFC 4180: commas, CRLF line ends) with the UTF-8 byte order mark.
 *
 * @example toCsv([['stage', 'kg CO2e'], ['production', 12.5]]) // '\uFEFFstage,kg CO2e\r\nproduction,12.5\r\n'
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return BOM + rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** The column headings of the exported tables, in the reader's language. */
export interface CsvHeadings {
  contributors: {
    rank: string;
    line: string;
    process: string;
    kind: string;
    stage: string;
    quantity: string;
    unit: string;
    dataset: string;
    datasetId: string;
    co2e: string;
    share: string;
    path: string;
  };
  stages: { stage: string; name: string; co2e: string; share: string };
  gases: { gas: string; origin: string; mass: string; factor: string; co2e: string; counted: string };
}

/**
 * Every line of a result with its kg CO2e per declared unit, largest first, as CSV (numbers in full).
 *
 * @example download('contributors.csv', contributorsCsv(data, headings))
 */
export function contributorsCsv(data: ResultData, headings: CsvHeadings): string {
  const h = headings.contributors;
  const lines = [...data.lines].sort((a, b) => b.co2e - a.co2e);
  return toCsv([
    [
      h.rank,
      h.line,
      h.process,
      h.kind,
      h.stage,
      h.quantity,
      h.unit,
      h.dataset,
      h.datasetId,
      h.co2e,
      h.share,
      h.path,
    ],
    ...lines.map((line, i) => [
      i + 1,
      line.name,
      line.processName,
      line.kind,
      line.stage,
      line.quantity,
      line.unit,
      line.dataset?.name ?? line.supplier?.supplier ?? null,
      line.dataset?.processId ?? null,
      line.co2e,
      line.share,
      line.path,
    ]),
  ]);
}

/**
 * The result's life-cycle stages as CSV, with the stage's name in the reader's language where the result has one.
 *
 * @example stagesCsv(data, headings, 'zh-CN')
 */
export function stagesCsv(data: ResultData, headings: CsvHeadings, language: string): string {
  const h = headings.stages;
  return toCsv([
    [h.stage, h.name, h.co2e, h.share],
    ...data.stages.map((stage) => [
      stage.id,
      (language === 'zh-CN' ? stage.nameZh : stage.name) ?? stage.name,
      stage.amount,
      stage.share,
    ]),
  ]);
}

/** The result's gases as CSV. */
export function gasesCsv(data: ResultData, headings: CsvHeadings): string {
  const h = headings.gases;
  return toCsv([
    [h.gas, h.origin, h.mass, h.factor, h.co2e, h.counted],
    ...data.gases.map((gas) => [gas.species, gas.kind, gas.mass, gas.factor, gas.co2e, gas.counted]),
  ]);
}

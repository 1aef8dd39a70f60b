import {
  FormulaError,
  evaluateFormula,
  resolveParameters,
  type AllocationFactor,
  type Database,
  type Exchange,
  type Flow,
  type FlowType,
  type FormulaScope,
  type ImpactCategory,
  type ImpactFactor,
  type ImpactMethod,
  type Parameter,
  type ParameterResolution,
  type Process,
  type Source,
} from '@opencfp/core';
import { FormatError } from './errors.js';
import type { IssueLog } from './issue-log.js';
import type { Block, CsvRow, Section } from './simapro-blocks.js';
import type { SimaProHeader } from './simapro-header.js';
import { SimaProUnits, type ResolvedUnit, type SimaProUnitRow } from './simapro-units.js';
import { uuidV5 } from './simapro-uuid.js';
import { isoDate, numericCell, translateFormula, uncertaintyCells } from './simapro-values.js';

/** An elementary compartment and the names SimaPro gives it in process sections, substance lists and methods. */
interface Compartment {
  key: string;
  section: string;
  isInput: boolean;
}

const COMPARTMENTS: Compartment[] = [
  { key: 'resource', section: 'Resources', isInput: true },
  { key: 'air', section: 'Emissions to air', isInput: false },
  { key: 'water', section: 'Emissions to water', isInput: false },
  { key: 'soil', section: 'Emissions to soil', isInput: false },
  { key: 'waste', section: 'Final waste flows', isInput: false },
  { key: 'non-material', section: 'Non material emissions', isInput: false },
  { key: 'social', section: 'Social issues', isInput: false },
  { key: 'economic', section: 'Economic issues', isInput: false },
];
const byKey = (key: string): Compartment => COMPARTMENTS.find((c) => c.key === key) as Compartment;

/** Process sections of elementary exchanges, substance-list blocks and method compartments, lower-cased. */
const SECTION_COMPARTMENT = new Map(COMPARTMENTS.map((c) => [c.section.toLowerCase(), c]));
const SUBSTANCE_BLOCK_COMPARTMENT = new Map<string, Compartment>([
  ['raw materials', byKey('resource')],
  ['airborne emissions', byKey('air')],
  ['waterborne emissions', byKey('water')],
  ['emissions to soil', byKey('soil')],
  ['final waste flows', byKey('waste')],
  ['non material emissions', byKey('non-material')],
  ['social issues', byKey('social')],
  ['economic issues', byKey('economic')],
]);
const METHOD_COMPARTMENT = new Map<string, Compartment>([
  ['raw', byKey('resource')],
  ['resources', byKey('resource')],
  ['air', byKey('air')],
  ['water', byKey('water')],
  ['soil', byKey('soil')],
  ['waste', byKey('waste')],
  ['non mat.', byKey('non-material')],
  ['non material', byKey('non-material')],
  ['social', byKey('social')],
  ['economic', byKey('economic')],
]);

/** Technosphere sections: the flow type and direction of their rows. */
const TECH_SECTIONS = new Map<string, { type: FlowType; isInput: boolean; isAvoided: boolean }>([
  ['materials/fuels', { type: 'product', isInput: true, isAvoided: false }],
  ['electricity/heat', { type: 'product', isInput: true, isAvoided: false }],
  // Avoided products are inputs in the data model, as in openLCA (the engine credits them either way).
  ['avoided products', { type: 'product', isInput: true, isAvoided: true }],
  ['waste to treatment', { type: 'waste', isInput: false, isAvoided: false }],
]);

/** Process sections that are read elsewhere or only documentation; anything else is reported. */
const KNOWN_TEXT_SECTIONS = new Set([
  'platformid',
  'category type',
  'process identifier',
  'type',
  'process name',
  'status',
  'time period',
  'geography',
  'technology',
  'representativeness',
  'multiple output allocation',
  'substitution allocation',
  'cut off rules',
  'capital goods',
  'boundary with nature',
  'infrastructure',
  'date',
  'record',
  'generator',
  'collection method',
  'data treatment',
  'verification',
  'comment',
  'allocation rules',
  'literature references',
  'system description',
  'external documents',
]);

interface FlowInfo {
  flow: Flow;
  compartment?: string;
  sub?: string;
  nameKey: string;
  groupId: string;
}

interface ParameterLines {
  [lowerName: string]: number;
}

const normSub = (sub: string): string => {
  const s = sub.trim();
  return s === '' || /^\(?unspecified\)?$/i.test(s) ? 'unspecified' : s;
};

/** SimaPro categories use '\' between levels. */
const categoryPath = (category: string): string =>
  category
    .split(/[\\/]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .join('/');

/**
 * Turns the blocks of a SimaPro CSV export into the core model. Reference data (units, substances) follows
 * the processes in an export, so processes are converted in `finish`, once everything is known.
 *
 * Flow ids: SimaPro names flows instead of giving them ids, so ids are name-based UUIDs (v5) of
 * `flow/<type>/<name>/<unit group id>` for products and wastes and
 * `flow/elementary/<compartment>/<sub-compartment>/<name>/<unit group id>` for elementary flows (names and
 * sub-compartments lower-cased, as SimaPro matches them case-insensitively). A 'Materials/fuels' input named
 * like another process's product therefore links to it whenever both units are of one unit group.
 *
 * @example
 * const converter = new SimaProConverter('db.csv', log, header);
 * converter.add(block); // for every block
 * const db = converter.finish('db');
 */
export class SimaProConverter {
  private readonly processBlocks: Extract<Block, { kind: 'sections' }>[] = [];
  private readonly methodBlocks: Extract<Block, { kind: 'sections' }>[] = [];
  private readonly unitRows: SimaProUnitRow[] = [];
  private readonly globalRows: { row: CsvRow; calculated: boolean; project: boolean }[] = [];
  private readonly substances = new Map<string, { cas?: string; formula?: string }>();
  private readonly sources: Source[] = [];
  private readonly unsupported = new Map<string, { count: number; line: number }>();
  private readonly flows = new Map<string, FlowInfo>();
  private readonly flowsById = new Map<string, FlowInfo>();
  private units!: SimaProUnits;
  private blocks = 0;

  constructor(
    private readonly file: string,
    private readonly log: IssueLog,
    private readonly header: SimaProHeader,
  ) {}

  /** Number of blocks seen; 0 after `finish` means the file holds nothing but its header. */
  get blockCount(): number {
    return this.blocks;
  }

  private get decimal(): string {
    return this.header.decimal ?? '.';
  }

  add(block: Block): void {
    this.blocks++;
    const name = block.name.toLowerCase();
    if (
      block.kind === 'unknown' ||
      name === 'system description' ||
      name === 'product stage' ||
      name === 'damage assessment'
    ) {
      const u = this.unsupported.get(block.name) ?? { count: 0, line: block.line };
      u.count++;
      this.unsupported.set(block.name, u);
      return;
    }
    if (block.kind === 'sections') {
      if (name === 'process') this.processBlocks.push(block);
      else if (name === 'method') this.methodBlocks.push(block);
      else if (name === 'literature reference') this.addSource(block);
      return;
    }
    if (name === 'units') for (const row of block.rows) this.addUnitRow(row);
    else if (name === 'quantities') return;
    else if (SUBSTANCE_BLOCK_COMPARTMENT.has(name))
      this.addSubstances(SUBSTANCE_BLOCK_COMPARTMENT.get(name) as Compartment, block.rows);
    else if (name.endsWith('parameters')) {
      for (const row of block.rows)
        this.globalRows.push({
          row,
          calculated: name.includes('calculated'),
          project: name.startsWith('project'),
        });
    }
  }

  private where(line: number): string {
    return `line ${line}`;
  }

  private tooFew(row: CsvRow, needed: number, what: string, columns: string): boolean {
    if (row.cells.length >= needed && row.cells[0] !== '') return false;
    this.log.error(
      this.file,
      this.where(row.line),
      row.cells[0] === '' ? 'MISSING_NAME' : 'TOO_FEW_COLUMNS',
      row.cells[0] === ''
        ? `The ${what} row has no name; it was skipped.`
        : `The ${what} row has ${row.cells.length} column(s), at least ${needed} are needed (${columns}); it was ` +
            'skipped. Check the separators in this line.',
    );
    return true;
  }

  private addUnitRow(row: CsvRow): void {
    if (this.tooFew(row, 4, 'unit', 'name; quantity; conversion factor; reference unit')) return;
    const factor = numericCell(row.cells[2], this.decimal);
    if (factor.kind !== 'number' || !(factor.value > 0)) {
      this.log.error(
        this.file,
        this.where(row.line),
        'INVALID_NUMBER',
        `Unit '${row.cells[0]}' needs a positive conversion factor, got '${row.cells[2]}'; the row was skipped.`,
      );
      return;
    }
    this.unitRows.push({
      name: row.cells[0],
      quantity: row.cells[1],
      factor: factor.value,
      referenceUnit: row.cells[3],
      line: row.line,
    });
  }

  private addSubstances(compartment: Compartment, rows: CsvRow[]): void {
    for (const row of rows) {
      if (row.cells[0] === '') continue;
      const info: { cas?: string; formula?: string } = {};
      const cas = normalizeCas(row.cells[2] ?? '');
      if (cas) info.cas = cas;
      const formula = /^Formula:\s*(.+)$/i.exec(row.cells[3] ?? '');
      if (formula) info.formula = formula[1].trim();
      this.substances.set(`${compartment.key}\u0000${row.cells[0].toLowerCase()}`, info);
    }
  }

  private addSource(block: Extract<Block, { kind: 'sections' }>): void {
    const text = (name: string): string | undefined => {
      const s = block.sections.find((x) => x.name.toLowerCase() === name);
      const v = s?.rows.map((r) => textOf(r, this.header.separator ?? ';')).join('\n');
      return v === undefined || v === '' ? undefined : v;
    };
    const name = text('name');
    if (name === undefined) {
      this.log.warning(
        this.file,
        this.where(block.line),
        'MISSING_NAME',
        'A literature reference without a name was skipped.',
      );
      return;
    }
    const source: Source = { id: uuidV5(`source/${name.toLowerCase()}`), name };
    const url = text('documentation link');
    if (url) source.url = url;
    const citation = text('description');
    if (citation) source.citation = citation;
    if (!this.sources.some((s) => s.id === source.id)) this.sources.push(source);
  }

  /** Converts everything read; call once, after the last block. */
  finish(name?: string): Database {
    this.units = new SimaProUnits(this.unitRows, this.log, this.file);
    const { parameters: globals, resolution } = this.globalParameters();

    const processes: Process[] = [];
    const ids = new Set<string>();
    for (const block of this.processBlocks) {
      const p = this.process(block, resolution);
      if (!p) continue;
      if (ids.has(p.id)) {
        this.log.warning(
          this.file,
          this.where(block.line),
          'DUPLICATE_PROCESS',
          `Another process has the same identifier (or, without one, the same name) '${p.name}'; this one was ignored.`,
        );
        continue;
      }
      ids.add(p.id);
      processes.push(p);
    }

    const methods = this.methodBlocks.map((b) => this.method(b, resolution.scope));
    this.expandUnspecifiedFactors(methods);

    for (const info of this.flows.values()) {
      if (info.compartment === undefined) continue;
      const substance = this.substances.get(`${info.compartment}\u0000${info.nameKey}`);
      if (substance?.cas && info.flow.cas === undefined) info.flow.cas = substance.cas;
      if (substance?.formula && info.flow.formula === undefined) info.flow.formula = substance.formula;
    }

    for (const [blockName, u] of this.unsupported) {
      this.log.info(
        this.file,
        this.where(u.line),
        'UNSUPPORTED_BLOCK',
        `${u.count} '${blockName}' block(s) were not read: the model has no place for them.`,
      );
    }

    const { unitGroups, flowProperties } = this.units.build();
    return {
      name,
      unitGroups,
      flowProperties,
      flows: [...this.flows.values()].map((f) => f.flow),
      processes,
      locations: [],
      parameters: globals,
      impactMethods: methods,
      sources: this.sources,
      actors: [],
    };
  }

  private globalParameters(): { parameters: Parameter[]; resolution: ParameterResolution } {
    const parameters: Parameter[] = [];
    const lines: ParameterLines = {};
    // Database parameters first: a project parameter of the same name replaces it, as in the project's own
    // calculations.
    const rows = [...this.globalRows.filter((r) => !r.project), ...this.globalRows.filter((r) => r.project)];
    for (const { row, calculated, project } of rows) {
      const p = calculated ? this.calculatedParameter(row, 'global') : this.inputParameter(row, 'global');
      if (!p) continue;
      const key = p.name.toLowerCase();
      const existing = parameters.findIndex((x) => x.name.toLowerCase() === key);
      if (existing >= 0) {
        this.log.warning(
          this.file,
          this.where(row.line),
          'DUPLICATE_PARAMETER',
          `Parameter '${p.name}' is defined twice (line ${lines[key]} and here); ` +
            (project ? 'the project parameter replaces the database parameter.' : 'the first one is used.'),
        );
        if (!project) continue;
        parameters.splice(existing, 1);
      }
      lines[key] = row.line;
      parameters.push(p);
    }
    const resolution = resolveParameters(parameters);
    this.reportParameterProblems(resolution, lines);
    for (const p of parameters) {
      const v = resolution.values.get(p.name.toLowerCase());
      if (!p.isInput && v !== undefined) p.value = v;
    }
    return { parameters, resolution };
  }

  private reportParameterProblems(resolution: ParameterResolution, lines: ParameterLines): void {
    for (const problem of resolution.problems) {
      const line = problem.parameter === undefined ? undefined : lines[problem.parameter.toLowerCase()];
      this.log.report(
        problem.severity,
        this.file,
        line === undefined ? '' : this.where(line),
        problem.code,
        problem.message,
      );
    }
  }

  private inputParameter(row: CsvRow, scope: 'global' | 'process'): Parameter | undefined {
    if (this.tooFew(row, 2, 'input parameter', 'name; value; uncertainty …')) return undefined;
    const value = numericCell(row.cells[1], this.decimal);
    if (value.kind !== 'number') {
      this.log.error(
        this.file,
        this.where(row.line),
        'INVALID_NUMBER',
        `Input parameter '${row.cells[0]}' needs a number as value, got '${row.cells[1]}'; it was skipped.`,
      );
      return undefined;
    }
    const p: Parameter = { name: row.cells[0], value: value.value, isInput: true, scope };
    const u = uncertaintyCells(row.cells.slice(2, 6), value.value, this.decimal);
    if (u.uncertainty) p.uncertainty = u.uncertainty;
    else if (u.problem) this.invalidUncertainty(row, u.problem);
    const comment = row.cells[7];
    if (comment) p.description = comment;
    return p;
  }

  private calculatedParameter(row: CsvRow, scope: 'global' | 'process'): Parameter | undefined {
    if (this.tooFew(row, 2, 'calculated parameter', 'name; expression; comment')) return undefined;
    const cell = numericCell(row.cells[1], this.decimal);
    const formula = cell.kind === 'formula' ? cell.formula : translateFormula(row.cells[1], this.decimal);
    const p: Parameter = {
      name: row.cells[0],
      value: cell.kind === 'number' ? cell.value : 0,
      formula,
      isInput: false,
      scope,
    };
    const comment = row.cells[2];
    if (comment) p.description = comment;
    return p;
  }

  private invalidUncertainty(row: CsvRow, problem: string): void {
    this.log.warning(
      this.file,
      this.where(row.line),
      'INVALID_UNCERTAINTY',
      `The uncertainty cannot be used (${problem}); it was ignored, the amount is kept.`,
    );
  }

  private process(
    block: Extract<Block, { kind: 'sections' }>,
    globals: ParameterResolution,
  ): Process | undefined {
    const sections = new Map<string, Section[]>();
    for (const s of block.sections) {
      const key = s.name.toLowerCase();
      const list = sections.get(key);
      if (list) list.push(s);
      else sections.set(key, [s]);
    }
    const rowsOf = (name: string): CsvRow[] => (sections.get(name) ?? []).flatMap((s) => s.rows);
    // A text section holds one value; cells are joined back in case it was written with separators unquoted.
    const text = (name: string): string => textOf(rowsOf(name)[0], this.header.separator ?? ';');

    const productRows = rowsOf('products').filter(
      (r) => !this.tooFew(r, 3, 'product', 'name; unit; amount; allocation %; …'),
    );
    const wasteRows = [...rowsOf('waste treatment'), ...rowsOf('waste scenario')].filter(
      (r) => !this.tooFew(r, 3, 'waste treatment', 'name; unit; amount; waste type; …'),
    );
    const identifier = text('process identifier');
    const name = text('process name') || productRows[0]?.cells[0] || wasteRows[0]?.cells[0] || identifier;
    if (productRows.length === 0 && wasteRows.length === 0) {
      this.log.error(
        this.file,
        this.where(block.line),
        'NO_REFERENCE_PRODUCT',
        `Process '${name}' has no product and treats no waste, so nothing can link to it; it was skipped. Give it ` +
          'a row under Products (or Waste treatment).',
      );
      return undefined;
    }
    const id = uuidV5(identifier !== '' ? `process/${identifier}` : `process-name/${name.toLowerCase()}`);
    const type = text('type').toLowerCase() === 'system' ? 'system' : 'unit';
    const process: Process = { id, name, type, exchanges: [], parameters: [], allocationFactors: [] };

    const reference = productRows[0] ?? wasteRows[0];
    const categoryType = text('category type');
    const referenceCategory = productRows.length > 0 ? reference.cells[5] : reference.cells[4];
    const category = [categoryType, categoryPath(referenceCategory ?? '')].filter((s) => s !== '').join('/');
    if (category !== '') process.category = category;
    const comment = rowsOf('comment')
      .map((r) => textOf(r, this.header.separator ?? ';'))
      .join('\n');
    if (comment !== '') process.description = comment;
    const date = text('date');
    if (date !== '') {
      const iso = isoDate(date, this.header.shortDateFormat);
      if (iso) process.lastChange = iso;
    }

    for (const s of block.sections) {
      const key = s.name.toLowerCase();
      if (
        !KNOWN_TEXT_SECTIONS.has(key) &&
        !TECH_SECTIONS.has(key) &&
        !SECTION_COMPARTMENT.has(key) &&
        ![
          'products',
          'waste treatment',
          'waste scenario',
          'input parameters',
          'calculated parameters',
        ].includes(key)
      ) {
        this.log.warning(
          this.file,
          this.where(s.line),
          'UNSUPPORTED_SECTION',
          `Section '${s.name}' of process '${name}' was not read (${s.rows.length} row(s))` +
            (key === 'separated waste' || key === 'remaining waste'
              ? ': waste scenarios are not modelled; link the waste to its treatments instead.'
              : '.'),
        );
      }
    }

    // Parameters, so that formulas can be evaluated.
    const lines: ParameterLines = {};
    for (const row of rowsOf('input parameters')) {
      const p = this.inputParameter(row, 'process');
      if (p) {
        process.parameters.push(p);
        lines[p.name.toLowerCase()] ??= row.line;
      }
    }
    for (const row of rowsOf('calculated parameters')) {
      const p = this.calculatedParameter(row, 'process');
      if (p) {
        process.parameters.push(p);
        lines[p.name.toLowerCase()] ??= row.line;
      }
    }
    const resolution = resolveParameters(globals, process);
    this.reportParameterProblems(resolution, lines);
    for (const p of process.parameters) {
      const v = resolution.values.get(p.name.toLowerCase());
      if (!p.isInput && v !== undefined) p.value = v;
    }
    const scope = resolution.scope;

    let nextId = 1;
    const add = (e: Omit<Exchange, 'internalId'>): Exchange => {
      const exchange: Exchange = { internalId: nextId++, ...e };
      process.exchanges.push(exchange);
      return exchange;
    };

    // Reference products and treated wastes.
    const products: { flowId: string; row: CsvRow }[] = [];
    for (const row of productRows) {
      const ex = this.exchange(
        row,
        { name: 0, unit: 1, amount: 2 },
        { type: 'product', category: row.cells[5] },
        scope,
      );
      if (!ex) continue;
      const e = add({ ...ex.exchange, isInput: false, isAvoided: false, isReference: products.length === 0 });
      if (row.cells[6]) e.description = row.cells[6];
      products.push({ flowId: e.flowId, row });
    }
    for (const row of wasteRows) {
      const ex = this.exchange(
        row,
        { name: 0, unit: 1, amount: 2 },
        { type: 'waste', category: row.cells[4] },
        scope,
      );
      if (!ex) continue;
      const e = add({
        ...ex.exchange,
        isInput: true,
        isAvoided: false,
        isReference: !process.exchanges.some((x) => x.isReference),
      });
      if (row.cells[5]) e.description = row.cells[5];
    }
    if (!process.exchanges.some((e) => e.isReference)) {
      this.log.error(
        this.file,
        this.where(reference.line),
        'NO_REFERENCE_PRODUCT',
        `No product of process '${name}' could be read (see the issues above); the process was skipped.`,
      );
      return undefined;
    }

    for (const s of block.sections) {
      const key = s.name.toLowerCase();
      const tech = TECH_SECTIONS.get(key);
      const compartment = SECTION_COMPARTMENT.get(key);
      if (!tech && !compartment) continue;
      for (const row of s.rows) {
        if (tech) {
          if (this.tooFew(row, 3, s.name, 'name; unit; amount; uncertainty …')) continue;
          const ex = this.exchange(
            row,
            { name: 0, unit: 1, amount: 2, uncertainty: 3 },
            { type: tech.type },
            scope,
          );
          if (!ex) continue;
          const e = add({
            ...ex.exchange,
            isInput: tech.isInput,
            isAvoided: tech.isAvoided,
            isReference: false,
          });
          if (row.cells[7]) e.description = row.cells[7];
        } else if (compartment) {
          if (this.tooFew(row, 4, s.name, 'name; sub-compartment; unit; amount; uncertainty …')) continue;
          const ex = this.exchange(
            row,
            { name: 0, unit: 2, amount: 3, uncertainty: 4 },
            { type: 'elementary', compartment, sub: row.cells[1] },
            scope,
          );
          if (!ex) continue;
          const e = add({
            ...ex.exchange,
            isInput: compartment.isInput,
            isAvoided: false,
            isReference: false,
          });
          if (row.cells[8]) e.description = row.cells[8];
        }
      }
    }

    if (products.length > 1) this.allocation(process, products, scope);
    return process;
  }

  /** SimaPro's allocation percentages of co-products, as physical allocation factors (share = % / 100). */
  private allocation(
    process: Process,
    products: { flowId: string; row: CsvRow }[],
    scope: FormulaScope,
  ): void {
    process.defaultAllocation = 'physical';
    let sum = 0;
    let complete = true;
    for (const { flowId, row } of products) {
      const cell = numericCell(row.cells[3] ?? '', this.decimal);
      const factor: AllocationFactor = { method: 'physical', productId: flowId, value: 0 };
      if (cell.kind === 'empty') {
        complete = false;
        this.log.warning(
          this.file,
          this.where(row.line),
          'MISSING_ALLOCATION',
          `Co-product '${row.cells[0]}' has no allocation percentage; it carries the full burden unless one is given.`,
        );
        continue;
      }
      if (cell.kind === 'number') {
        factor.value = cell.value / 100;
      } else {
        try {
          factor.value = evaluateFormula(cell.formula, scope) / 100;
          factor.formula = `(${cell.formula}) / 100`;
        } catch (err) {
          complete = false;
          this.formulaFailed(row, cell.raw, err, `the allocation factor of '${row.cells[0]}' was skipped`);
          continue;
        }
      }
      sum += factor.value;
      process.allocationFactors.push(factor);
    }
    if (complete && Math.abs(sum - 1) > 1e-9) {
      this.log.warning(
        this.file,
        this.where(products[0].row.line),
        'ALLOCATION_NOT_100',
        `The allocation percentages of the products of '${process.name}' add up to ${+(sum * 100).toPrecision(12)}%, ` +
          'not 100%; they are used as given.',
      );
    }
  }

  private formulaFailed(row: CsvRow, raw: string, err: unknown, consequence: string): void {
    if (err instanceof FormatError) throw err;
    const why = err instanceof FormulaError ? err.message : String(err);
    this.log.error(
      this.file,
      this.where(row.line),
      err instanceof FormulaError && err.code === 'FORMULA_SYNTAX' ? 'INVALID_NUMBER' : 'INVALID_FORMULA',
      `'${raw}' is neither a number (with decimal separator '${this.decimal}') nor a formula that can be ` +
        `evaluated: ${why}; ${consequence}.`,
    );
  }

  /** Flow, unit, amount and uncertainty of one exchange row; undefined (reported) when unusable. */
  private exchange(
    row: CsvRow,
    col: { name: number; unit: number; amount: number; uncertainty?: number },
    kind: { type: FlowType; category?: string; compartment?: Compartment; sub?: string },
    scope: FormulaScope,
  ): { exchange: Omit<Exchange, 'internalId' | 'isInput' | 'isAvoided' | 'isReference'> } | undefined {
    const name = row.cells[col.name];
    const unitName = row.cells[col.unit] ?? '';
    if (unitName === '') {
      this.log.error(
        this.file,
        this.where(row.line),
        'MISSING_UNIT',
        `'${name}' has no unit; the row was skipped.`,
      );
      return undefined;
    }
    const cell = numericCell(row.cells[col.amount] ?? '', this.decimal);
    let amount = 0;
    let formula: string | undefined;
    if (cell.kind === 'empty') {
      this.log.warning(
        this.file,
        this.where(row.line),
        'MISSING_AMOUNT',
        `'${name}' has no amount; 0 is used.`,
      );
    } else if (cell.kind === 'number') {
      amount = cell.value;
    } else {
      try {
        amount = evaluateFormula(cell.formula, scope);
        formula = cell.formula;
      } catch (err) {
        this.formulaFailed(row, cell.raw, err, 'the row was skipped');
        return undefined;
      }
    }
    const unit = this.units.resolve(unitName, this.where(row.line));
    const flow = this.flow(kind.type, name, unit, kind.compartment, kind.sub, kind.category);
    const exchange: Omit<Exchange, 'internalId' | 'isInput' | 'isAvoided' | 'isReference'> = {
      flowId: flow.id,
      amount,
      unitId: unit.unitId,
      flowPropertyId: unit.flowPropertyId,
    };
    if (formula !== undefined) exchange.formula = formula;
    if (col.uncertainty !== undefined) {
      const u = uncertaintyCells(row.cells.slice(col.uncertainty, col.uncertainty + 4), amount, this.decimal);
      if (u.uncertainty) exchange.uncertainty = u.uncertainty;
      else if (u.problem) this.invalidUncertainty(row, u.problem);
    }
    return { exchange };
  }

  private flow(
    type: FlowType,
    name: string,
    unit: ResolvedUnit,
    compartment?: Compartment,
    subCompartment?: string,
    category?: string,
  ): Flow {
    const nameKey = name.toLowerCase();
    const sub = compartment ? normSub(subCompartment ?? '') : undefined;
    const key =
      type === 'elementary' && compartment
        ? `flow/elementary/${compartment.key}/${(sub as string).toLowerCase()}/${nameKey}/${unit.groupId}`
        : `flow/${type}/${nameKey}/${unit.groupId}`;
    let info = this.flows.get(key);
    if (!info) {
      const flow: Flow = {
        id: uuidV5(key),
        name,
        type,
        properties: [{ flowPropertyId: unit.flowPropertyId, factor: 1, isReference: true }],
      };
      if (compartment) {
        flow.category = `${compartment.section}/${sub as string}`;
        flow.nomenclature = 'unknown';
      }
      info = { flow, nameKey, groupId: unit.groupId, compartment: compartment?.key, sub: sub?.toLowerCase() };
      this.flows.set(key, info);
      this.flowsById.set(flow.id, info);
    }
    if (category !== undefined && info.flow.category === undefined) {
      const path = categoryPath(category);
      if (path !== '') info.flow.category = path;
    }
    return info.flow;
  }

  private method(block: Extract<Block, { kind: 'sections' }>, scope: FormulaScope): ImpactMethod {
    const nameSection = block.sections.find((s) => s.name.toLowerCase() === 'name');
    const name = textOf(nameSection?.rows[0], this.header.separator ?? ';') || `Method at line ${block.line}`;
    const method: ImpactMethod = { id: uuidV5(`method/${name.toLowerCase()}`), name, categories: [] };
    let current: ImpactCategory | undefined;
    let currentFlows = new Set<string>();
    let duplicates = 0;
    const ignored = new Set<string>();
    const flushDuplicates = (line: number): void => {
      if (duplicates > 0 && current) {
        this.log.warning(
          this.file,
          this.where(line),
          'DUPLICATE_FACTOR',
          `${duplicates} characterisation factor(s) of '${current.name}' repeat a substance already listed; the first was used.`,
        );
      }
      duplicates = 0;
    };
    for (const s of block.sections) {
      const key = s.name.toLowerCase();
      if (key === 'impact category') {
        flushDuplicates(s.line);
        const row = s.rows[0];
        if (!row || row.cells[0] === '') {
          this.log.error(
            this.file,
            this.where(s.line),
            'MISSING_NAME',
            'An impact category without a name was skipped.',
          );
          current = undefined;
          continue;
        }
        current = {
          id: uuidV5(`impact-category/${name.toLowerCase()}/${row.cells[0].toLowerCase()}`),
          name: row.cells[0],
          unit: row.cells[1] ?? '',
          factors: [],
        };
        currentFlows = new Set();
        method.categories.push(current);
      } else if (key === 'substances') {
        if (!current) {
          this.log.error(
            this.file,
            this.where(s.line),
            'SUBSTANCES_WITHOUT_CATEGORY',
            'A Substances section has no impact category before it; its factors were skipped.',
          );
          continue;
        }
        for (const row of s.rows) {
          const factor = this.impactFactor(row, scope);
          if (!factor) continue;
          if (currentFlows.has(factor.flowId)) {
            duplicates++;
            continue;
          }
          currentFlows.add(factor.flowId);
          current.factors.push(factor);
        }
      } else if (
        ![
          'name',
          'version',
          'comment',
          'category',
          'use damage assessment',
          'use normalization',
          'use weighting',
          'use addition',
          'weighting unit',
        ].includes(key)
      ) {
        ignored.add(s.name);
      }
    }
    flushDuplicates(block.line);
    if (ignored.size > 0) {
      this.log.info(
        this.file,
        this.where(block.line),
        'UNSUPPORTED_METHOD_PARTS',
        `Method '${name}': ${[...ignored].join(', ')} were not read (the model holds characterisation factors only).`,
      );
    }
    return method;
  }

  private impactFactor(row: CsvRow, scope: FormulaScope): ImpactFactor | undefined {
    if (this.tooFew(row, 5, 'substance', 'compartment; sub-compartment; substance; CAS; factor; unit'))
      return undefined;
    const compartment = METHOD_COMPARTMENT.get(row.cells[0].toLowerCase());
    if (!compartment) {
      this.log.error(
        this.file,
        this.where(row.line),
        'UNKNOWN_COMPARTMENT',
        `Unknown compartment '${row.cells[0]}' (SimaPro writes Raw, Air, Water, Soil, Waste, Non mat., Social, ` +
          'Economic); the factor was skipped.',
      );
      return undefined;
    }
    const cell = numericCell(row.cells[4], this.decimal);
    let value: number;
    let formula: string | undefined;
    if (cell.kind === 'number') value = cell.value;
    else if (cell.kind === 'empty') {
      this.log.error(
        this.file,
        this.where(row.line),
        'MISSING_AMOUNT',
        `'${row.cells[2]}' has no factor; it was skipped.`,
      );
      return undefined;
    } else {
      try {
        value = evaluateFormula(cell.formula, scope);
        formula = cell.formula;
      } catch (err) {
        this.formulaFailed(row, cell.raw, err, 'the factor was skipped');
        return undefined;
      }
    }
    const unitName = row.cells[5] || 'kg';
    const unit = this.units.resolve(unitName, this.where(row.line));
    const flow = this.flow('elementary', row.cells[2], unit, compartment, row.cells[1]);
    const cas = normalizeCas(row.cells[3] ?? '');
    if (cas && flow.cas === undefined) flow.cas = cas;
    const factor: ImpactFactor = {
      flowId: flow.id,
      value,
      unitId: unit.unitId,
      flowPropertyId: unit.flowPropertyId,
    };
    if (formula !== undefined) factor.formula = formula;
    return factor;
  }

  /**
   * In SimaPro a factor for an '(unspecified)' sub-compartment applies to every sub-compartment of that
   * compartment that has no factor of its own. The model matches factors by flow, so such factors are copied
   * to the flows of the other sub-compartments found in this file.
   */
  private expandUnspecifiedFactors(methods: ImpactMethod[]): void {
    const bySubstance = new Map<string, FlowInfo[]>();
    for (const info of this.flows.values()) {
      if (info.compartment === undefined) continue;
      const k = `${info.compartment}\u0000${info.nameKey}\u0000${info.groupId}`;
      const list = bySubstance.get(k);
      if (list) list.push(info);
      else bySubstance.set(k, [info]);
    }
    let added = 0;
    for (const m of methods) {
      for (const c of m.categories) {
        const own = new Set(c.factors.map((f) => f.flowId));
        const extra: ImpactFactor[] = [];
        for (const f of c.factors) {
          const info = this.flowsById.get(f.flowId);
          if (!info || info.sub !== 'unspecified' || info.compartment === undefined) continue;
          for (const other of bySubstance.get(
            `${info.compartment}\u0000${info.nameKey}\u0000${info.groupId}`,
          ) ?? []) {
            if (own.has(other.flow.id)) continue;
            own.add(other.flow.id);
            extra.push({ ...f, flowId: other.flow.id });
          }
        }
        c.factors.push(...extra);
        added += extra.length;
      }
    }
    if (added > 0) {
      this.log.info(
        this.file,
        '',
        'UNSPECIFIED_FACTORS_APPLIED',
        `${added} characterisation factor(s) for '(unspecified)' sub-compartments were also given to the same ` +
          'substances in the other sub-compartments of this file, as SimaPro applies them.',
      );
    }
  }
}

/**
 * The value of a text-section line. SimaPro quotes a value that holds the separator; an unquoted one (hand
 * edits, other tools) is taken whole from the line rather than cut at the first separator.
 */
function textOf(row: CsvRow | undefined, separator: string): string {
  if (!row) return '';
  if (row.cells.filter((c) => c !== '').length <= 1) return row.cells.find((c) => c !== '') ?? '';
  let text = row.text.trim();
  while (text.endsWith(separator)) text = text.slice(0, -1).trimEnd();
  return text.replace(/\x7f/g, '\n');
}

/** '000124-38-9' → '124-38-9'; anything that is not a CAS number → undefined. */
function normalizeCas(text: string): string | undefined {
  const m = /^0*(\d{2,7})-(\d{2})-(\d)$/.exec(text.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

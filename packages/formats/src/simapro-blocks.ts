import { FormatError } from './errors.js';
import type { IssueLog } from './issue-log.js';
import { splitCells } from './simapro-cells.js';
import { guessSeparator, readHeaderLine, type SimaProHeader } from './simapro-header.js';

/** One CSV record: its cells and the (first) line it is on, 1-based. */
export interface CsvRow {
  cells: string[];
  line: number;
  /** The record as written (lines joined by '\n' when a quoted cell spans them). */
  text: string;
}

/** A section of a block: its header (e.g. 'Products') and the records up to the next empty line. */
export interface Section {
  name: string;
  line: number;
  rows: CsvRow[];
}

/**
 * A block of the file, from its header line to `End`. Processes, methods, literature references and system
 * descriptions are made of sections; reference data blocks (units, substances, parameters) of rows.
 */
export type Block =
  | { kind: 'sections'; name: string; line: number; sections: Section[] }
  | { kind: 'rows'; name: string; line: number; rows: CsvRow[] }
  | { kind: 'unknown'; name: string; line: number };

/** Blocks made of sections; matched case-insensitively. */
const SECTION_BLOCKS = new Set([
  'process',
  'method',
  'literature reference',
  'system description',
  'product stage',
  'damage assessment',
]);

/** Blocks made of rows. */
const ROW_BLOCKS = new Set([
  'quantities',
  'units',
  'raw materials',
  'airborne emissions',
  'waterborne emissions',
  'final waste flows',
  'emissions to soil',
  'non material emissions',
  'social issues',
  'economic issues',
  'database input parameters',
  'database calculated parameters',
  'project input parameters',
  'project calculated parameters',
]);

/** Sections of a process block that hold rows: a header line among them means an empty line is missing. */
export const PROCESS_ROW_SECTIONS = new Set([
  'products',
  'avoided products',
  'resources',
  'materials/fuels',
  'electricity/heat',
  'emissions to air',
  'emissions to water',
  'emissions to soil',
  'final waste flows',
  'non material emissions',
  'social issues',
  'economic issues',
  'waste to treatment',
  'input parameters',
  'calculated parameters',
  'literature references',
  'separated waste',
  'remaining waste',
  'waste treatment',
  'waste scenario',
  'system description',
]);

/** A quoted cell may run over lines, but not over more than this many (a stray quote must not eat the file). */
const MAX_CONTINUATION_LINES = 100;
/** UNEXPECTED_LINE warnings given one by one; the rest are counted. */
const MAX_UNEXPECTED_REPORTED = 20;
/** Lines kept to guess the separator when the header does not declare it. */
const GUESS_LINES = 200;

/**
 * Reads the lines of a SimaPro CSV export, one at a time, into blocks: the `{…}` header first (it declares
 * the separator and decimal mark), then blocks from a header line ('Process', 'Units', …) to `End`. Each block
 * is handed to `onBlock` as soon as it ends, so a caller can convert it and let the lines go.
 *
 * @example
 * const reader = new SimaProBlockReader('db.csv', log, (block) => blocks.push(block));
 * for (const [i, line] of text.split(/\r?\n/).entries()) reader.push(line, i + 1);
 * reader.end();
 */
export class SimaProBlockReader {
  readonly header: SimaProHeader = { version: '', entries: new Map() };
  private state: 'start' | 'header' | 'guess' | 'body' = 'start';
  private readonly guessLines: { text: string; line: number }[] = [];
  private separator = ';';
  /** A record whose quoted cell is still open, with the physical lines it spans. */
  private open: { text: string; line: number; lines: { text: string; line: number }[] } | undefined;
  private block: Block | undefined;
  private section: Section | undefined;
  /** In a section block: true after a header, until the empty line that ends the section. */
  private inSection = false;
  private unexpected = 0;

  constructor(
    private readonly file: string,
    private readonly log: IssueLog,
    private readonly onBlock: (block: Block) => void,
  ) {}

  /** The separator in use (declared, or guessed when the header does not say). */
  get cellSeparator(): string {
    return this.separator;
  }

  /** One physical line (without its line break) and its 1-based number. */
  push(text: string, line: number): void {
    switch (this.state) {
      case 'start':
        if (text.trim() === '') return;
        if (!/^\{SimaPro\b/i.test(text.trim())) {
          throw new FormatError(
            'UNKNOWN_FORMAT',
            `${this.file} is not a SimaPro CSV export: it should start with a line like {SimaPro 9.1}, but line ` +
              `${line} reads '${preview(text)}'. In SimaPro, export with File > Export > CSV.`,
            { file: this.file },
          );
        }
        this.state = 'header';
        this.headerLine(text, line);
        return;
      case 'header':
        if (text.trim().startsWith('{')) {
          this.headerLine(text, line);
          return;
        }
        this.endHeader(line);
        this.push(text, line);
        return;
      case 'guess':
        this.guessLines.push({ text, line });
        if (this.guessLines.length >= GUESS_LINES) this.flushGuess();
        return;
      case 'body':
        this.physical(text, line);
    }
  }

  /** Call after the last line. */
  end(): void {
    if (this.state === 'start') {
      throw new FormatError(
        'EMPTY_FILE',
        `${this.file} is empty (or holds only blank lines). Export it again.`,
        {
          file: this.file,
        },
      );
    }
    if (this.state === 'header') this.endHeader(0);
    if (this.state === 'guess') this.flushGuess();
    if (this.open) this.abandonOpenRecord();
    if (this.unexpected > MAX_UNEXPECTED_REPORTED) {
      this.log.warning(
        this.file,
        '',
        'UNEXPECTED_LINE',
        `${this.unexpected - MAX_UNEXPECTED_REPORTED} more data line(s) outside any block were ignored.`,
      );
    }
    if (this.block) {
      this.log.warning(
        this.file,
        `line ${this.block.line}`,
        'MISSING_END',
        `The '${this.block.name}' block that starts here has no closing 'End' line; what it holds was read. The ` +
          'file may be truncated: check that the export finished.',
      );
      this.finishBlock();
    }
  }

  private headerLine(text: string, line: number): void {
    const problem = readHeaderLine(text, this.header);
    if (problem) this.log.warning(this.file, `line ${line}`, 'INVALID_HEADER', problem);
  }

  private endHeader(line: number): void {
    const where = `line ${Math.max(1, line - 1)}`;
    if (this.header.decimal === undefined) {
      this.header.decimal = '.';
      this.log.warning(
        this.file,
        where,
        'MISSING_HEADER_FIELD',
        "The header declares no decimal separator ({Decimal separator: …}); '.' is used. Check the amounts.",
      );
    }
    if (this.header.separator === undefined) {
      this.state = 'guess';
      return;
    }
    this.separator = this.header.separator;
    this.checkSeparators(where);
    this.state = 'body';
  }

  private flushGuess(): void {
    this.separator = guessSeparator(this.guessLines.map((l) => l.text).filter((t) => t.trim() !== ''));
    this.header.separator = this.separator;
    const where = `line ${this.guessLines[0]?.line ?? 1}`;
    this.log.warning(
      this.file,
      where,
      'MISSING_HEADER_FIELD',
      `The header declares no CSV separator ({CSV separator: …}); '${this.separator === '\t' ? 'Tab' : this.separator}' ` +
        'was guessed from the data.',
    );
    this.checkSeparators(where);
    this.state = 'body';
    const lines = this.guessLines.splice(0);
    for (const l of lines) this.physical(l.text, l.line);
  }

  private checkSeparators(where: string): void {
    if (this.separator === ',' && this.header.decimal === ',') {
      this.log.warning(
        this.file,
        where,
        'AMBIGUOUS_SEPARATORS',
        "The header declares ',' both as CSV separator and as decimal separator; numbers with decimals are read " +
          'only where they are quoted. Export again with another separator.',
      );
    }
  }

  /** Joins lines of a quoted cell that spans line breaks, then hands on whole records. */
  private physical(text: string, line: number): void {
    if (this.open) {
      this.open.lines.push({ text, line });
      this.open.text += '\n' + text;
      const split = splitCells(this.open.text, this.separator);
      if (!split.open) {
        const { line: start, text: whole } = this.open;
        this.open = undefined;
        this.record({ cells: split.cells, line: start, text: whole }, false);
      } else if (this.open.lines.length > MAX_CONTINUATION_LINES) {
        this.abandonOpenRecord();
      }
      return;
    }
    if (text.trim() === '') {
      this.record({ cells: [], line, text }, true);
      return;
    }
    const split = splitCells(text, this.separator);
    if (split.open) {
      this.open = { text, line, lines: [{ text, line }] };
      return;
    }
    this.record({ cells: split.cells, line, text }, false);
  }

  /** An opening quote that never closes: read its line as it is and go on with the lines after it. */
  private abandonOpenRecord(): void {
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    this.log.warning(
      this.file,
      `line ${open.line}`,
      'UNTERMINATED_QUOTE',
      'A quoted cell starts on this line but its closing quote was not found; the line was read as if it closed ' +
        'at the end of the line. Check the quotes in this line.',
    );
    const first = open.lines[0];
    this.record(
      { cells: splitCells(first.text, this.separator).cells, line: first.line, text: first.text },
      false,
    );
    for (const l of open.lines.slice(1)) this.physical(l.text, l.line);
  }

  private record(row: CsvRow, empty: boolean): void {
    const isEmpty = empty || row.cells.every((c) => c === '');
    const first = row.cells[0] ?? '';
    const block = this.block;
    if (!block) {
      if (isEmpty) return;
      // Exports end with stray 'End' lines; they close nothing.
      if (first.toLowerCase() === 'end') return;
      this.startBlock(first, row);
      return;
    }
    const isEnd = !isEmpty && first.toLowerCase() === 'end' && row.cells.slice(1).every((c) => c === '');
    if (block.kind === 'unknown') {
      if (isEnd) this.finishBlock();
      return;
    }
    if (block.kind === 'rows') {
      if (isEnd) this.finishBlock();
      else if (!isEmpty) block.rows.push(row);
      return;
    }
    // A section block.
    if (!this.inSection) {
      if (isEmpty) return;
      if (isEnd) {
        this.finishBlock();
        return;
      }
      this.section = { name: first, line: row.line, rows: [] };
      block.sections.push(this.section);
      this.inSection = true;
      return;
    }
    if (isEmpty) {
      this.inSection = false;
      return;
    }
    if (isEnd) {
      this.inSection = false;
      this.finishBlock();
      return;
    }
    const section = this.section as Section;
    if (
      block.name.toLowerCase() === 'process' &&
      row.cells.filter((c) => c !== '').length === 1 &&
      PROCESS_ROW_SECTIONS.has(first.toLowerCase()) &&
      PROCESS_ROW_SECTIONS.has(section.name.toLowerCase())
    ) {
      this.log.warning(
        this.file,
        `line ${row.line}`,
        'MISSING_EMPTY_LINE',
        `'${first}' starts a new section, but no empty line ends the section '${section.name}' before it; it was ` +
          'read as a new section.',
      );
      this.section = { name: first, line: row.line, rows: [] };
      block.sections.push(this.section);
      return;
    }
    section.rows.push(row);
  }

  private startBlock(name: string, row: CsvRow): void {
    const key = name.toLowerCase();
    if (row.cells.filter((c) => c !== '').length > 1) {
      // A damaged file can have thousands of these; the first ones say enough.
      if (++this.unexpected <= MAX_UNEXPECTED_REPORTED) {
        this.log.warning(
          this.file,
          `line ${row.line}`,
          'UNEXPECTED_LINE',
          `A data line stands outside any block (a block starts with a line like 'Process' or 'Units'); it was ` +
            `ignored: '${preview(row.cells.join(this.separator))}'.`,
        );
      }
      return;
    }
    if (SECTION_BLOCKS.has(key)) this.block = { kind: 'sections', name, line: row.line, sections: [] };
    else if (ROW_BLOCKS.has(key)) this.block = { kind: 'rows', name, line: row.line, rows: [] };
    else this.block = { kind: 'unknown', name, line: row.line };
    this.inSection = false;
    this.section = undefined;
  }

  private finishBlock(): void {
    const block = this.block;
    this.block = undefined;
    this.section = undefined;
    this.inSection = false;
    if (block) this.onBlock(block);
  }
}

function preview(text: string): string {
  // Binary garbage would flood the message: show printable characters only, and not many.
  const printable = text.replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?');
  return printable.length > 60 ? printable.slice(0, 57) + '...' : printable;
}

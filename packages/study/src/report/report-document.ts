// The study report as a structured document: what studyReport builds from a study and what the HTML and PDF
// writers lay out. Every text is final (in the report's language) and every number already formatted, so the
// document serialised as JSON is exactly what a reader sees — the golden files compare it whole.

/** The languages a report is written in. */
export type ReportLanguage = 'en' | 'zh-CN';

export const REPORT_LANGUAGES: readonly ReportLanguage[] = ['en', 'zh-CN'];

export const REPORT_SCHEMA_ID = 'opencfp/study-report@1';

/** How far the study was checked by someone else, as the first page states it. */
export type VerificationLabelKind =
  'self-declared' | 'third-party-verified' | 'critical-review' | 'not-verified';

/** A label and its value, e.g. "Rule set" — "ISO 14067:2018". */
export interface ReportFact {
  label: string;
  value: string;
}

/** A headline number of the report (the footprint per declared unit …): the value as printed and as a number. */
export interface KeyFigure {
  label: string;
  /** As printed, e.g. "8.781". */
  value: string;
  unit: string;
  /** The unrounded number, for machine readers. */
  number: number;
}

export interface ReportTableColumn {
  label: string;
  align: 'left' | 'right';
}

/** A table of formatted cells; `total` is a last row set apart (a sum, a footprint). */
export interface ReportTable {
  kind: 'table';
  /** Stable id within the report (e.g. 'results-by-stage'), for tests and anchors. */
  id: string;
  caption: string;
  columns: ReportTableColumn[];
  rows: string[][];
  total?: string[];
  /** Notes under the table (sources, what a column means). */
  notes?: string[];
}

export type ReportBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'facts'; facts: ReportFact[] }
  | { kind: 'list'; items: string[] }
  /** Something the reader must not miss: a finding that blocks publication, starter data, a missing statement. */
  | { kind: 'notice'; tone: 'info' | 'warning'; text: string }
  | ReportTable;

/** A numbered section (subsections are numbered within it: 2.1, 2.2 …). */
export interface ReportSection {
  /** Stable id (e.g. 'goal-and-scope'), the same in every language. */
  id: string;
  /** "2" or "2.1". */
  number: string;
  heading: string;
  blocks: ReportBlock[];
  subsections: ReportSection[];
}

/** The report: a cover (title, product, label, key figures, facts), numbered sections and the running footer. */
export interface StudyReportDocument {
  schema: typeof REPORT_SCHEMA_ID;
  language: ReportLanguage;
  /** The report's kind, e.g. "Carbon footprint of a product — study report". */
  title: string;
  /** The study's own title. */
  studyTitle: string;
  /** The product the study is of. */
  product: string;
  /** The verification label on the first page. */
  label: { kind: VerificationLabelKind; text: string };
  keyFigures: KeyFigure[];
  /** Rule set, organisation, dates … on the first page. */
  cover: ReportFact[];
  /** A warning on the first page when the study cannot be published as it stands (mandatory requirements not met). */
  coverNotice?: string;
  sections: ReportSection[];
  /** Running footer text, e.g. "Aluminium bracket · GB/T 24067-2024 · self-declared". */
  footer: string;
  /** "Page {page} of {pages}" in the report's language (the writers fill in the numbers). */
  pageLabel: string;
  /** Who made the document. */
  generator: string;
}

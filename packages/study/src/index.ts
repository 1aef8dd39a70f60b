export { StudyError, type StudyErrorCode, type StudyProblem } from './errors.js';
export type {
  Attestation,
  ComplianceFinding,
  ComplianceReport,
  ComplianceStatus,
  CutOffExclusion,
  CutOffStatement,
  DataQualitySummary,
  DeclaredChoices,
  Evidence,
  ReportInformation,
  SensitivitySummary,
  Study,
  UncertaintySummary,
} from './study.js';
export { checkCompliance, type ComplianceOptions } from './check-compliance.js';
export { cutOffCoverage, type CutOffCoverage } from './cut-off-coverage.js';
export { ConditionSchema, RequirementSchema, RuleSetSchema, parseRuleSet } from './rule-set-schema.js';
export { studyReport, type StudyReportOptions } from './report/study-report.js';
export {
  REPORT_LANGUAGES,
  REPORT_SCHEMA_ID,
  type KeyFigure,
  type ReportBlock,
  type ReportFact,
  type ReportLanguage,
  type ReportSection,
  type ReportTable,
  type ReportTableColumn,
  type StudyReportDocument,
  type VerificationLabelKind,
} from './report/report-document.js';
export {
  StudyDeclarationSchema,
  VerificationStatementSchema,
  type DeclaredText,
  type MethodChoiceEntry,
  type ReportBackground,
  type ReportMonteCarlo,
  type ReportSensitivity,
  type StudyDeclaration,
  type StudyReportInput,
  type TornadoEntry,
  type VerificationStatement,
} from './report/report-input.js';
export {
  STUDY_FILE_SCHEMA_ID,
  StudyFileSchema,
  parseStudyFile,
  type StudyFile,
  type StudyFileInput,
} from './report/study-file.js';
export {
  prepareStudyReport,
  describeBackground,
  type StudyBackground,
} from './report/prepare-study-report.js';
export { renderReportHtml, escapeHtml } from './report/render-report-html.js';
export { renderReportPdf, type ReportFonts, type ReportPdfOptions } from './report/render-report-pdf.js';
export { reportFontFiles, type ReportFontFiles } from './report/report-fonts.js';

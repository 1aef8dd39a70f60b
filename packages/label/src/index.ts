// Carbon footprint labels for packaging, made from a published, signed statement (docs/labels.md).
export { LabelError, type LabelErrorCode } from './errors.js';
export {
  BOUNDARIES,
  LABEL_LANGUAGES,
  LabelDataSchema,
  LabelVerificationSchema,
  LocalTextSchema,
  parseLabelData,
  type LabelData,
  type LabelLanguage,
  type LabelVerification,
  type LocalText,
} from './label-data.js';
export {
  ClassSchemeSchema,
  EXAMPLE_CLASS_SCHEME_FILE,
  parseClassScheme,
  performanceClass,
  readClassSchemeFile,
  type ClassScheme,
  type PerformanceClass,
} from './class-scheme.js';
export { LABEL_SIZE, LABEL_SIZES, type LabelSize, type LabelSizeName } from './label-sizes.js';
export { formatFootprint, labelTexts, ruleSetDesignation, type LabelTexts } from './label-text.js';
export { loadLabelFonts, MM_PER_PT, typesetterFor, type LabelFonts } from './label-fonts.js';
export {
  QR_ERROR_CORRECTION,
  QR_MINIMUM_MODULE_MM,
  QR_QUIET_ZONE,
  qrMatrix,
  type QrMatrix,
} from './qr-code.js';
export {
  layoutLabel,
  type LabelItem,
  type LabelOptions,
  type LabelQr,
  type LabelRect,
  type LabelScene,
  type LabelText,
} from './label-layout.js';
export { LABEL_COLOURS } from './label-style.js';
export { renderLabelSvg } from './render-label-svg.js';
export { DEFAULT_PNG_DPI, pngPixels, renderLabelPng, type LabelPngOptions } from './render-label-png.js';
export { renderLabelPdf, type LabelPdfOptions } from './render-label-pdf.js';
export {
  LABEL_FORMATS,
  LABEL_MEDIA_TYPES,
  renderLabel,
  type LabelFormat,
  type RenderLabelOptions,
  type RenderedLabel,
} from './render-label.js';
export {
  StatementForLabelSchema,
  publicStatementUrl,
  statementLabelData,
  type StatementForLabel,
  type StatementLabelOptions,
} from './statement-label-data.js';

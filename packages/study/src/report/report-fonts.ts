import { createRequire } from 'node:module';

/** Where the fonts the PDF report embeds are, and what they are. */
export interface ReportFontFiles {
  /** Absolute paths of the TrueType files. */
  regular: string;
  bold: string;
  family: string;
  version: string;
  /** The npm package that ships them, and its licence file. */
  package: string;
  licenceFile: string;
  licence: string;
}

const PACKAGE = '@expo-google-fonts/noto-sans-sc';

/**
 * The fonts of the PDF report: Noto Sans SC (Google Fonts v40, font version 2.004; Simplified Chinese with Latin,
 * Greek and Cyrillic), Regular and Bold, as shipped by the npm package @expo-google-fonts/noto-sans-sc under the
 * SIL Open Font License 1.1. Only their paths are resolved here (from this package's dependencies, so no system font
 * is used); the caller reads them (renderReportPdf takes the bytes).
 *
 * @example
 * const files = reportFontFiles();
 * const fonts = { regular: await readFile(files.regular), bold: await readFile(files.bold) };
 */
export function reportFontFiles(): ReportFontFiles {
  const require = createRequire(import.meta.url);
  return {
    regular: require.resolve(`${PACKAGE}/400Regular/NotoSansSC_400Regular.ttf`),
    bold: require.resolve(`${PACKAGE}/700Bold/NotoSansSC_700Bold.ttf`),
    family: 'Noto Sans SC',
    version: '2.004',
    package: PACKAGE,
    licenceFile: require.resolve(`${PACKAGE}/LICENSE_FONT`),
    licence: 'SIL Open Font License 1.1',
  };
}

// The fixed study the report tests use: an aluminium bracket, cradle to grave, under GB/T 24067-2024, calculated
// on the starter database with the analyses its study file asks for (a seeded Monte Carlo run, a tornado and the
// method choices). The study file is examples/studies/aluminium-bracket.study.json (also the example of
// docs/report.md, the README and `cfp report`).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { prepareStudyReport } from '../report/prepare-study-report.js';
import type { StudyReportInput } from '../report/report-input.js';
import { parseStudyFile, type StudyFile } from '../report/study-file.js';
import { starter } from './starter-background.js';

/** The source folder of the test support files (tests run from dist/, the fixtures stay in src/). */
export const TEST_SUPPORT_SOURCE = fileURLToPath(new URL('../../src/test-support/', import.meta.url));

/** The study file of the fixed study (in the repository's examples). */
export const BRACKET_STUDY_FILE = fileURLToPath(
  new URL('../../../../examples/studies/aluminium-bracket.study.json', import.meta.url),
);

/** The study file's JSON, as written. */
export async function bracketStudyJson(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(BRACKET_STUDY_FILE, 'utf8')) as Record<string, unknown>;
}

/**
 * The report input of the fixed study (optionally changed first), prepared on the starter database.
 *
 * @example const input = await bracketReportInput();
 */
export async function bracketReportInput(change?: (file: StudyFile) => StudyFile): Promise<StudyReportInput> {
  const file = parseStudyFile(await bracketStudyJson());
  const { db, calculator } = await starter();
  return prepareStudyReport(change ? change(file) : file, { database: db, calculator, versionId: 'starter' });
}

// The starter database, read once per test process the way users read it (formats' readDatabase), and product
// models calculated on it with calculateProductModel — as the platform calculates them.
import assert from 'node:assert/strict';
import { Calculator, type Database } from '@opencfp/core';
import { readDatabase } from '@opencfp/formats';
import {
  calculateProductModel,
  modelBackground,
  parseProductModel,
  type ModelBackground,
  type ProductModelDocument,
  type ProductModelDocumentInput,
  type ProductModelFootprint,
  type ProductModelOptions,
} from '@opencfp/model';
import { starterDatabasePath, type StageScheme } from '@opencfp/refdata';

let loaded: Promise<{ db: Database; calculator: Calculator }> | undefined;
const backgrounds = new Map<string, ModelBackground>();

/**
 * The starter database and its calculator, read once per test process.
 *
 * @example const { db, calculator } = await starter();
 */
export async function starter(): Promise<{ db: Database; calculator: Calculator }> {
  loaded ??= readDatabase(starterDatabasePath()).then(({ data, issues }) => {
    assert.deepEqual(issues, [], 'the starter database reads without issues');
    return { db: data, calculator: new Calculator(data) };
  });
  return loaded;
}

/** Starter dataset ids (packages/refdata/starter-database; stable, derived from their names). */
export const STARTER = {
  primaryAluminium: 'dd82203e-988f-5468-a7b4-2e9013a4bc08',
  lorry: '26ae4fb9-0623-5e9b-a10e-200acf1f3fab',
  gridJiangsu: '74598a7b-cb71-5f37-b2a6-e36d1f608b8b',
  scrapMetalLandfill: '00663723-9563-5ec6-955b-8179324720d9',
  weeeRecycling: '6a04f8d4-6ac7-53c2-926d-bbe277f55265',
};

/**
 * A product model document validated and calculated on the starter database (AR6 GWP100 and −1/+1 unless told).
 *
 * @example const { document, result } = await calculateOnStarter(doc, { stageScheme: 'eu-battery' });
 */
export async function calculateOnStarter(
  input: ProductModelDocumentInput,
  options: ProductModelOptions & { gwpSetId?: string; stageScheme?: StageScheme } = {},
): Promise<{ document: ProductModelDocument; result: ProductModelFootprint }> {
  const { db, calculator } = await starter();
  const gwpSetId = options.gwpSetId ?? 'ipcc-ar6-gwp100';
  let background = backgrounds.get(gwpSetId);
  if (!background) {
    background = modelBackground(db, calculator, {
      gwpSetId,
      biogenicApproach: '-1/+1',
      versionId: 'starter',
    });
    backgrounds.set(gwpSetId, background);
  }
  const document = parseProductModel(input);
  return { document, result: calculateProductModel(document, background, { ...options, gwpSetId }) };
}

import type { Schema } from '@opencfp/client';

/**
 * The types the editor works on: the product-model document exactly as the API's OpenAPI document describes it
 * (`ProductModelDocument`, generated from the engine's zod schema), so what the editor builds is what the server
 * validates. Defaults may be left out (the server stores the document as sent).
 */
export type ModelDocument = Schema<'ProductModelDocument'>;
export type ModelProcess = ModelDocument['processes'][number];
export type ModelInput = NonNullable<ModelProcess['inputs']>[number];
export type ModelSource = ModelInput['source'];
export type SourceKind = ModelSource['kind'];
export type BackgroundSource = Extract<ModelSource, { kind: 'background' }>;
export type ForegroundSource = Extract<ModelSource, { kind: 'foreground' }>;
export type SupplierSource = Extract<ModelSource, { kind: 'supplier' }>;
export type ElectricitySource = Extract<ModelSource, { kind: 'electricity' }>;
export type TransportSource = Extract<ModelSource, { kind: 'transport' }>;
export type ElectricityInstrument = NonNullable<ElectricitySource['instruments']>[number];
export type ModelEmission = NonNullable<ModelProcess['emissions']>[number];
export type ModelParameter = NonNullable<ModelDocument['parameters']>[number];
export type ModelScenario = NonNullable<ModelDocument['scenarios']>[number];
export type ModelUncertainty = NonNullable<ModelInput['uncertainty']>;
export type ProcessTag = NonNullable<ModelProcess['tags']>[number];
export type ElectricityAccounting = NonNullable<ElectricitySource['accounting']>;
export type TransportMode = TransportSource['mode'];
/** A number, or a formula over the parameters. */
export type Amount = number | string;

/** A path into the document, as the server's validation issues give it: ['processes', 0, 'inputs', 2, 'unit']. */
export type DocumentPath = readonly (string | number)[];

/**
 * What the editor edits and autosaves: the model's name and background database version (saved with PATCH) and
 * its document (saved with PUT). Undo and redo move between such states.
 */
export interface EditorState {
  name: string;
  backgroundVersionId: string | null;
  document: ModelDocument;
}

/** The kinds of inputs, in the order the editor offers them. */
export const SOURCE_KINDS: readonly SourceKind[] = [
  'background',
  'foreground',
  'supplier',
  'electricity',
  'transport',
];

export const TRANSPORT_MODES: readonly TransportMode[] = ['road', 'rail', 'sea', 'inland-waterway', 'air'];

export const PROCESS_TAGS: readonly ProcessTag[] = [
  'cfp:packaging',
  'cfp:dluc',
  'cfp:land-management',
  'cfp:aircraft',
];

export const INSTRUMENT_KINDS: readonly ElectricityInstrument['kind'][] = [
  'green-electricity-certificate',
  'ppa',
  'on-site',
  'direct-line',
];

export const EMISSION_ORIGINS: readonly NonNullable<ModelEmission['origin']>[] = [
  'fossil',
  'biogenic',
  'land-transformation',
  'uptake',
];

/** The schema id of the document version the editor writes. */
export const MODEL_SCHEMA_ID = 'opencfp/product-model@1';

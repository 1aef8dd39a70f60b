/**
 * The life-cycle stage schemes the engine knows (packages/refdata carbon-footprint.ts LIFE_CYCLE_STAGES): ISO
 * 14067 / GB/T 24067 and the EU battery rules, with the ids a document writes. Their names are in the message
 * catalogues (editor.stages.<id>).
 */
export type StageScheme = 'iso-14067' | 'eu-battery';

export const STAGE_SCHEMES: readonly StageScheme[] = ['iso-14067', 'eu-battery'];

export const STAGES: Readonly<Record<StageScheme, readonly string[]>> = {
  'iso-14067': ['raw-material-acquisition', 'production', 'distribution', 'use', 'end-of-life'],
  'eu-battery': [
    'raw-material-acquisition-and-pre-processing',
    'main-product-production',
    'distribution',
    'end-of-life-and-recycling',
  ],
};

/** Stage ids of one scheme → the other's (the EU battery rules have no use stage). */
const ALIASES: Readonly<Record<StageScheme, Readonly<Record<string, string>>>> = {
  'iso-14067': {
    'raw-material-acquisition-and-pre-processing': 'raw-material-acquisition',
    'main-product-production': 'production',
    'end-of-life-and-recycling': 'end-of-life',
  },
  'eu-battery': {
    'raw-material-acquisition': 'raw-material-acquisition-and-pre-processing',
    production: 'main-product-production',
    'end-of-life': 'end-of-life-and-recycling',
  },
};

/** A stage id written in a scheme's ids; ids without a counterpart stay as they are. */
export function stageInScheme(id: string, scheme: StageScheme): string {
  return ALIASES[scheme][id] ?? id;
}

/** The scheme a set of stage ids is written in: the EU battery one when any id is only in it, else ISO 14067. */
export function schemeOf(stages: Iterable<string>): StageScheme {
  const iso = new Set(STAGES['iso-14067']);
  for (const stage of stages)
    if (!iso.has(stage) && STAGES['eu-battery'].includes(stage)) return 'eu-battery';
  return 'iso-14067';
}

/** Stages past the factory gate: with any of them the model is cradle-to-grave. */
export const GRAVE_STAGES: ReadonlySet<string> = new Set(['use', 'end-of-life', 'end-of-life-and-recycling']);

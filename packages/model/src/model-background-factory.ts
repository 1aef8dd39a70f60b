import { Calculator, type AllocationOption, type Database } from '@opencfp/core';
import type { BiogenicApproach } from '@opencfp/refdata';
import { modelBackground, type ModelBackground } from './model-background.js';

/** The method choices a background depends on. */
export interface BackgroundChoice {
  allocation: AllocationOption;
  gwpSetId: string;
  biogenicApproach: BiogenicApproach;
}

/** A background for each choice of allocation, GWP set and biogenic approach (for side-by-side totals). */
export type ModelBackgroundFactory = (choice: BackgroundChoice) => ModelBackground;

/**
 * Backgrounds of one database under several method choices: one calculator (matrices and factorization) per
 * allocation option and one background (with its cached dataset footprints) per choice, made when first asked
 * for and kept.
 *
 * @example
 * const backgrounds = modelBackgroundFactory(db);
 * methodChoices(doc, backgrounds, { gwpSetId: 'ipcc-ar6-gwp100' });
 */
export function modelBackgroundFactory(
  database: Database,
  options: { versionId?: string } = {},
): ModelBackgroundFactory {
  const calculators = new Map<AllocationOption, Calculator>();
  const backgrounds = new Map<string, ModelBackground>();
  return (choice) => {
    const key = `${choice.allocation}|${choice.gwpSetId}|${choice.biogenicApproach}`;
    let background = backgrounds.get(key);
    if (!background) {
      let calculator = calculators.get(choice.allocation);
      if (!calculator) {
        calculator = new Calculator(database, { allocation: choice.allocation });
        calculators.set(choice.allocation, calculator);
      }
      background = modelBackground(database, calculator, {
        gwpSetId: choice.gwpSetId,
        biogenicApproach: choice.biogenicApproach,
        versionId: options.versionId,
      });
      backgrounds.set(key, background);
    }
    return background;
  };
}

// All source tables of the starter background database, in the order their datasets are listed.

import { electricityDatasets, electricitySources } from './electricity.js';
import { energyDatasets, energySources } from './energy.js';
import { materialDatasets, materialSources } from './materials.js';
import type { StarterDataset, StarterSource } from './starter-dataset.js';
import { transportDatasets, transportSources } from './transport.js';
import { wasteDatasets, wasteSources } from './waste.js';

/** Sources and datasets of the starter database; a source shared by two tables is listed by both. */
export interface StarterTables {
  sources: readonly StarterSource[];
  datasets: readonly StarterDataset[];
}

/**
 * Every table of the starter database: electricity, energy, transport, materials and waste.
 *
 * @example starterTables.datasets.filter((d) => d.category.startsWith('Transport')).length
 */
export const starterTables: StarterTables = {
  sources: [
    ...electricitySources,
    ...energySources,
    ...transportSources,
    ...materialSources,
    ...wasteSources,
  ],
  datasets: [
    ...electricityDatasets,
    ...energyDatasets,
    ...transportDatasets,
    ...materialDatasets,
    ...wasteDatasets,
  ],
};

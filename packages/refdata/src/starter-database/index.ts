// The starter background database: source tables, the JSON-LD generator and the path of the generated folder.
export type {
  StarterConversion,
  StarterDataset,
  StarterEmission,
  StarterFlowKey,
  StarterInput,
  StarterSource,
  StarterUnit,
} from './starter-dataset.js';
export { electricityDatasets, electricitySources } from './electricity.js';
export { energyDatasets, energySources } from './energy.js';
export { materialDatasets, materialSources } from './materials.js';
export { DESNZ_2025_SOURCE, transportDatasets, transportSources } from './transport.js';
export { wasteDatasets, wasteSources } from './waste.js';
export { starterTables, type StarterTables } from './starter-tables.js';
export {
  generateStarterDatabase,
  starterId,
  STARTER_DATA_NOTICE,
  STARTER_DATA_TAG,
  type StarterDatabaseFile,
} from './generate-starter-database.js';
export { starterDatabasePath } from './starter-database-path.js';
export { starterFactorRecords } from './starter-factor-records.js';

export { StoreError, toStoreError, type StoreErrorCode } from './errors.js';
export { migrate, type MigrationReport } from './migrate.js';
export { migrations, type Migration } from './migrations/index.js';
export { PgliteDialect } from './pglite-dialect.js';
export type * from './schema.js';
export { openStore, type Store, type StoreKind, type StoreOptions } from './store.js';

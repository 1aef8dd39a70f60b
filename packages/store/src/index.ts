export { StoreError, toStoreError, type StoreErrorCode } from './errors.js';
export { migrate, type MigrationReport } from './migrate.js';
export { migrations, type Migration } from './migrations/index.js';
export { PgliteDialect } from './pglite-dialect.js';
export type * from './schema.js';
export { openStore, type Store, type StoreKind, type StoreOptions } from './store.js';
export { audit, type AuditEntry } from './repositories/audit.js';
export {
  addMember,
  authenticateToken,
  changePassword,
  createApiToken,
  createOrganisation,
  createUser,
  issueAccessToken,
  listUsers,
  managingOrganisation,
  membershipsOf,
  organisationById,
  organisationBySlug,
  PASSWORD_LENGTH,
  RANK,
  removeMembership,
  resetPassword,
  revokeApiToken,
  roleIn,
  sessionUser,
  setMembership,
  signIn,
  signOut,
  userByEmail,
  userById,
  type Organisation,
  type Principal,
  type User,
  type UserListing,
} from './repositories/accounts.js';
export { products, type Product, type ProductInput } from './repositories/products.js';
export {
  hashPassword,
  newSecret,
  randomPassword,
  secretHash,
  verifyPassword,
} from './repositories/secrets.js';
export {
  getBackgroundDatabaseVersion,
  importBackgroundDatabase,
  listBackgroundDatabaseVersions,
  loadBackgroundDatabase,
  lockBackgroundDatabase,
  visibleBackgroundVersion,
  type DatabaseVersion,
  type ImportOptions,
  type DatabaseVersionInfo,
} from './repositories/background-databases.js';
export {
  FINISHED_JOB_STATUSES,
  JOB_INTERRUPTED,
  jobs,
  type Job,
  type JobActor,
  type JobError,
  type JobOutcome,
} from './repositories/jobs.js';
export {
  calculationResults,
  inputsHash,
  productModels,
  type Author,
  type CalculationResult,
  type ModelSaver,
  type ProductModel,
  type ProductModelSummary,
} from './repositories/product-models.js';
export {
  base64url,
  decodeCompactJws,
  fromBase64url,
  signCompactJws,
  verifyEd25519,
  type DecodedJws,
  type JwsHeader,
  type PublicJwk,
} from './jws.js';
export {
  activeSigningKey,
  publicJwk,
  signingKeys,
  type KeySecret,
  type OwnSigningKey,
  type SigningKey,
} from './repositories/signing-keys.js';
export {
  STUDY_STATES,
  STUDY_TRANSITIONS,
  availableActions,
  nextState,
  type StudyAction,
  type StudySide,
  type StudyTransition,
  type TransitionFacts,
} from './repositories/study-transitions.js';
export {
  studies,
  type ComposedStatement,
  type CurrentInputsHash,
  type ModelSnapshot,
  type PartyReference,
  type PublicStatement,
  type PublishContext,
  type Study,
  type StudyActor,
  type StudyChange,
  type StudyEvent,
  type StudyFinding,
  type StudyInput,
  type StudyParty,
  type StudySubmission,
} from './repositories/studies.js';
export {
  COUNT_CAP,
  registry,
  type CategoryStatistics,
  type RegistryCategory,
  type RegistryEntry,
  type RegistryEntryInput,
  type RegistryQuery,
  type RegistrySearch,
  type RegistryStatus,
  type RegistrySummary,
  type RegistryVerification,
} from './repositories/registry.js';
export { searchQuery, searchTokens } from './registry/search-tokens.js';
export { seedSyntheticRegistry } from './registry/synthetic-registry.js';
export { publicationEntry, type PublicationFacts } from './registry/publication-entry.js';

export { createApp, jsonLogger, VERSION, type AppOptions } from './app.js';
export { SESSION_COOKIE, SIGNED_IN, authenticate, signedIn, type Credentials } from './authenticate.js';
export {
  loadConfig,
  uploadDirOf,
  type JobsConfig,
  type LoadConfigOptions,
  type RateLimitConfig,
  type ServerConfig,
} from './config.js';
export {
  ERROR_STATUS,
  ServerError,
  errorResponse,
  type ErrorBody,
  type ErrorCode,
  type ErrorStatus,
  type ServerErrorCode,
} from './errors.js';
export { actorId, orgAccess, principalOf } from './org-access.js';
export { WEB_APP_CSP, webApp } from './web-app.js';
export { clientAddress, rateLimit, type RateLimitOptions } from './rate-limit.js';
export { requestOrigin } from './request-origin.js';
export {
  ErrorSchema,
  createRouter,
  defineRoute,
  validationHook,
  type AppEnv,
  type ServerLogger,
  type ValidationIssue,
} from './routing.js';
export {
  listen,
  startServer,
  type ListenOptions,
  type RunningServer,
  type StartServerOptions,
} from './serve.js';
export { JobFailure } from './jobs/job-failure.js';
export { JobRunner, type JobContext, type JobHandler, type JobRunnerOptions } from './jobs/job-runner.js';
export { JobUpdates, type JobProgress } from './jobs/job-updates.js';
export {
  databaseImportJob,
  DatabaseImportInput,
  type DatabaseImportOutput,
} from './jobs/database-import-job.js';
export {
  DATABASE_IMPORT,
  receiveUpload,
  sweepUploads,
  uploadPath,
  type SweepOptions,
} from './jobs/upload-files.js';
export { DEMO_EMAIL, seedDemo, type DemoSeed } from './seed-demo.js';
export { CalculatorCache } from './calculator-cache.js';
export {
  MODEL_CALCULATION,
  MONTE_CARLO,
  MonteCarloRequest,
  modelCalculationJob,
  monteCarloJob,
} from './jobs/model-jobs.js';
export { METHOD_CHOICES, SENSITIVITY, methodChoicesJob, sensitivityJob } from './jobs/model-analysis-jobs.js';
export { modelJobHandlers } from './jobs/model-job-handlers.js';
export { calculateStoredModel, CalculationRequest } from './routes/calculations.js';
export { SigningSecret, KEY_SECRET_FILE } from './signing-secret.js';
export { composeStatement, issuerId, type ComplianceCounts } from './statements/compose-statement.js';
export {
  STATEMENT_CTY,
  STATEMENT_MEDIA_TYPE,
  STATEMENT_TYP,
  STATEMENT_TYPE,
  StatementPayload,
  VC_CONTEXT,
  VERIFICATION_LABELS,
} from './statements/statement-schema.js';
export {
  KEY_VALIDITY_SKEW_MS,
  compareWithResult,
  statementInputsHash,
  verifyStatement,
  type Jwks,
  type StatementVerification,
} from './statements/verify-statement.js';
export {
  checkStudyCompliance,
  type ComplianceOutcome,
  type UnmetRequirement,
} from './statements/study-compliance.js';
export { JWKS_PATH } from './routes/statements.js';

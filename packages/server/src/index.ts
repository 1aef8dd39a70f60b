export { createApp, jsonLogger, VERSION, type AppOptions } from './app.js';
export { SESSION_COOKIE, SIGNED_IN, authenticate, signedIn, type Credentials } from './authenticate.js';
export { loadConfig, type LoadConfigOptions, type RateLimitConfig, type ServerConfig } from './config.js';
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
export { listen, startServer, type ListenOptions, type RunningServer } from './serve.js';
export { DEMO_EMAIL, seedDemo, type DemoSeed } from './seed-demo.js';
export { CalculatorCache } from './calculator-cache.js';

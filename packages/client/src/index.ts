export { ApiError, type ApiErrorCode, type ErrorBody, type ValidationIssue } from './api-error.js';
export {
  createClient,
  type ApiMethod,
  type ApiResult,
  type ClientOptions,
  type OpenCfpClient,
} from './create-client.js';
export { ifMatch } from './if-match.js';
export type { components, operations, paths } from './generated/openapi.js';
export type { Schema } from './schema.js';

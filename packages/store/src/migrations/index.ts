import * as platform from './001-platform.js';
import * as accessTokens from './002-access-tokens.js';
import * as jobs from './003-jobs.js';
import * as tokenAuthors from './004-token-authors.js';
import * as resultLookup from './005-result-lookup.js';
import * as managedUsers from './006-managed-users.js';
import * as modelJobs from './007-model-jobs.js';
import * as studies from './008-studies.js';
import * as keyRevocation from './009-key-revocation.js';
import * as frozenStudies from './010-frozen-studies.js';
import * as registry from './011-registry.js';

/** One schema change: an id (applied in this order, never renamed) and its SQL statements. */
export interface Migration {
  id: string;
  statements: readonly string[];
}

/** Every migration, oldest first. Append; never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  platform,
  accessTokens,
  jobs,
  tokenAuthors,
  resultLookup,
  managedUsers,
  modelJobs,
  studies,
  keyRevocation,
  frozenStudies,
  registry,
];

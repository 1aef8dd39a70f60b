import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '@opencfp/core';
import { emptyDatabase } from '@opencfp/core';
import { readDatabase, type ImportIssue } from '@opencfp/formats';
import { sql, type Kysely } from 'kysely';
import { StoreError } from '../errors.js';
import type { Schema } from '../schema.js';
import type { Store } from '../store.js';
import { audit } from './audit.js';

/** The lists of a core Database, stored one row per entity under these kinds. */
const KINDS = [
  'unitGroups',
  'flowProperties',
  'flows',
  'processes',
  'locations',
  'parameters',
  'impactMethods',
  'sources',
  'actors',
] as const satisfies readonly (keyof Database)[];
type Kind = (typeof KINDS)[number];

/** Rows per INSERT: large enough to be fast, small enough to stay far below PostgreSQL's 65,535 parameters. */
const BATCH = 500;

export interface DatabaseVersion {
  id: string;
  databaseId: string;
  name: string;
  version: number;
  format: string;
  sourceName: string;
  contentHash: string;
  stats: Record<string, number>;
  issues: ImportIssue[];
  locked: boolean;
}

/** A stored version as listed: without its reading issues (their number instead), with its owner and age. */
export interface DatabaseVersionInfo extends Omit<DatabaseVersion, 'issues'> {
  /** The organisation that imported it; null for a database shared with every organisation (the starter one). */
  organisationId: string | null;
  issueCount: number;
  createdAt: Date;
}

/** SHA-256 of a file, or of a folder's files in name order (path and bytes). */
async function contentHash(path: string): Promise<string> {
  const hash = createHash('sha256');
  const add = async (p: string, label: string): Promise<void> => {
    if (statSync(p).isDirectory()) {
      for (const name of (await readdir(p)).sort()) await add(join(p, name), `${label}/${name}`);
      return;
    }
    hash.update(`${label}\0`);
    for await (const chunk of createReadStream(p)) hash.update(chunk as Buffer);
  };
  await add(path, '');
  return `sha256:${hash.digest('hex')}`;
}

const entityId = (kind: Kind, entity: { id?: string; name?: string }, index: number) =>
  kind === 'parameters' ? `${entity.name ?? ''}#${index}` : (entity.id ?? `#${index}`);

/** How an import reports, stops and finishes (all optional). */
export interface ImportOptions {
  /** Called with the fraction of datasets written so far (0 while reading) and what is being done. */
  onProgress?: (fraction: number, message: string) => void;
  /**
   * Aborting it stops the import at its next check (after reading, between batches of rows, before the commit):
   * it throws StoreError CANCELLED and the transaction rolls back, so nothing of it is written.
   */
  signal?: AbortSignal;
  /**
   * Runs inside the import's transaction once everything is written, just before the commit, with the new
   * version: whatever it writes commits together with the import (a background job marks itself succeeded here),
   * and a throw rolls everything back.
   */
  beforeCommit?: (trx: Kysely<Schema>, version: DatabaseVersion) => Promise<void>;
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  const reason = signal.reason instanceof Error ? `: ${signal.reason.message}` : '';
  throw new StoreError('CANCELLED', `the import was cancelled${reason}; nothing of it was written`);
}

/**
 * Imports a background database (any format `readDatabase` reads) as a new version of the database named `name`
 * of an organisation (or shared with every organisation when `organisationId` is null, e.g. the starter
 * database). Everything is written in one transaction: a failed, cancelled or interrupted import leaves nothing
 * behind. Reading issues are kept with the version. The fourth argument is the options, or just a progress
 * callback.
 *
 * @example
 * const v = await importBackgroundDatabase(store, { organisationId, name: 'USLCI', path: 'uslci.zip' }, userId);
 * const controller = new AbortController(); // controller.abort() → StoreError CANCELLED, nothing written
 * await importBackgroundDatabase(store, input, userId, { signal: controller.signal, onProgress: (f) => log(f) });
 */
export async function importBackgroundDatabase(
  store: Store,
  input: { organisationId: string | null; name: string; path: string; sourceName?: string },
  actorId: string | null,
  options?: ImportOptions | ((fraction: number, message: string) => void),
): Promise<DatabaseVersion> {
  const { onProgress, signal, beforeCommit }: ImportOptions =
    typeof options === 'function' ? { onProgress: options } : (options ?? {});
  throwIfCancelled(signal);
  onProgress?.(0, 'reading');
  const read = await readDatabase(input.path);
  throwIfCancelled(signal);
  const hash = await contentHash(input.path);
  throwIfCancelled(signal);
  const db = read.data;
  const stats: Record<string, number> = Object.fromEntries(KINDS.map((k) => [k, db[k].length]));
  const total = KINDS.reduce((n, k) => n + db[k].length, 0);
  return store.transaction(async (trx) => {
    throwIfCancelled(signal);
    let database = await trx
      .selectFrom('background_databases')
      .where('name', '=', input.name)
      .where((eb) =>
        input.organisationId === null
          ? eb('organisation_id', 'is', null)
          : eb('organisation_id', '=', input.organisationId),
      )
      .select('id')
      .executeTakeFirst();
    if (!database) {
      database = { id: randomUUID() };
      await trx
        .insertInto('background_databases')
        .values({ id: database.id, organisation_id: input.organisationId, name: input.name })
        .execute();
    }
    const last = await trx
      .selectFrom('database_versions')
      .where('database_id', '=', database.id)
      .select((eb) => eb.fn.max('version').as('version'))
      .executeTakeFirst();
    const version = Number(last?.version ?? 0) + 1;
    const id = randomUUID();
    await trx
      .insertInto('database_versions')
      .values({
        id,
        database_id: database.id,
        version,
        format: read.format.format,
        source_name: input.sourceName ?? input.path.split('/').pop() ?? input.path,
        content_hash: hash,
        status: 'ready',
        stats: JSON.stringify(stats),
        issues: JSON.stringify(read.issues),
      })
      .execute();
    let written = 0;
    for (const kind of KINDS) {
      const entities = db[kind] as { id?: string; name?: string }[];
      for (let start = 0; start < entities.length; start += BATCH) {
        const rows = entities.slice(start, start + BATCH).map((entity, k) => ({
          version_id: id,
          kind,
          entity_id: entityId(kind, entity, start + k),
          position: start + k,
          data: JSON.stringify(entity),
        }));
        await insertEntities(trx, rows);
        written += rows.length;
        // PGlite runs in this thread and its queries can resolve without giving I/O a turn: without this, a long
        // import would starve the process (no response, no heartbeat, no progress event) until it commits.
        await new Promise<void>((resolve) => setImmediate(resolve));
        throwIfCancelled(signal);
        onProgress?.(written / Math.max(1, total), `writing ${kind}`);
      }
    }
    await audit(trx, {
      organisationId: input.organisationId,
      actorId,
      action: 'import',
      entity: 'database-version',
      entityId: id,
      details: { name: input.name, version, format: read.format.format, stats, issues: read.issues.length },
    });
    const stored: DatabaseVersion = {
      id,
      databaseId: database.id,
      name: input.name,
      version,
      format: read.format.format,
      sourceName: input.sourceName ?? input.path,
      contentHash: hash,
      stats,
      issues: read.issues,
      locked: false,
    };
    throwIfCancelled(signal);
    await beforeCommit?.(trx, stored);
    return stored;
  });
}

async function insertEntities(
  trx: Kysely<Schema>,
  rows: { version_id: string; kind: string; entity_id: string; position: number; data: string }[],
): Promise<void> {
  try {
    await trx.insertInto('database_entities').values(rows).execute();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === '23505')
      throw new StoreError(
        'CONFLICT',
        `the database holds two ${rows[0]?.kind ?? 'entities'} with the same id`,
        {
          cause: e,
        },
      );
    throw e;
  }
}

/**
 * The name and number of a version the organisation can see (its own, or a shared one); NOT_FOUND otherwise, exactly
 * as for a version that does not exist.
 */
export async function visibleBackgroundVersion(
  store: Store,
  organisationId: string,
  versionId: string,
): Promise<{ name: string; version: number }> {
  const version = await store.db
    .selectFrom('database_versions')
    .innerJoin('background_databases', 'background_databases.id', 'database_versions.database_id')
    .where('database_versions.id', '=', versionId)
    .where((eb) =>
      eb.or([
        eb('background_databases.organisation_id', '=', organisationId),
        eb('background_databases.organisation_id', 'is', null),
      ]),
    )
    .select(['background_databases.name', 'database_versions.version'])
    .executeTakeFirst();
  if (!version)
    throw new StoreError('NOT_FOUND', `no background database version '${versionId}' visible here`);
  return version;
}

/**
 * The core Database of a stored version, for the calculation. A version is visible to its organisation and,
 * when shared (organisation null), to everyone; otherwise NOT_FOUND.
 */
export async function loadBackgroundDatabase(
  store: Store,
  organisationId: string,
  versionId: string,
): Promise<Database> {
  const version = await visibleBackgroundVersion(store, organisationId, versionId);
  const db = emptyDatabase(`${version.name} v${version.version}`);
  const rows = await store.db
    .selectFrom('database_entities')
    .where('version_id', '=', versionId)
    .select(['kind', 'entity_id', 'data'])
    .orderBy('kind')
    .orderBy('position')
    .execute();
  for (const row of rows) {
    const list = db[row.kind as Kind] as unknown[] | undefined;
    if (list) list.push(row.data);
  }
  return db;
}

/** Marks a version as used by a study: from then on it cannot change (database trigger). */
export async function lockBackgroundDatabase(store: Store, versionId: string): Promise<void> {
  await store.db
    .updateTable('database_versions')
    .set({ locked_at: new Date() })
    .where('id', '=', versionId)
    .where('locked_at', 'is', null)
    .execute();
}

/** The columns of a version's listing, joined with its database (visibility is checked by the callers' where). */
function versionInfoQuery(store: Store, organisationId: string) {
  return store.db
    .selectFrom('database_versions')
    .innerJoin('background_databases', 'background_databases.id', 'database_versions.database_id')
    .where((eb) =>
      eb.or([
        eb('background_databases.organisation_id', '=', organisationId),
        eb('background_databases.organisation_id', 'is', null),
      ]),
    )
    .select([
      'database_versions.id',
      'database_versions.database_id',
      'background_databases.name',
      'background_databases.organisation_id',
      'database_versions.version',
      'database_versions.format',
      'database_versions.source_name',
      'database_versions.content_hash',
      'database_versions.stats',
      'database_versions.created_at',
      'database_versions.locked_at',
      sql<number>`jsonb_array_length(database_versions.issues)`.as('issue_count'),
    ]);
}

type VersionInfoRow = Awaited<ReturnType<ReturnType<typeof versionInfoQuery>['executeTakeFirstOrThrow']>>;

const toVersionInfo = (r: VersionInfoRow): DatabaseVersionInfo => ({
  id: r.id,
  databaseId: r.database_id,
  name: r.name,
  organisationId: r.organisation_id,
  version: r.version,
  format: r.format,
  sourceName: r.source_name,
  contentHash: r.content_hash,
  stats: r.stats as Record<string, number>,
  issueCount: Number(r.issue_count),
  locked: r.locked_at !== null,
  createdAt: r.created_at,
});

/**
 * The background database versions an organisation can use: its own and the shared ones (organisation null, e.g.
 * the starter database), by database name and version. Without their reading issues (`issueCount` instead).
 *
 * @example const versions = await listBackgroundDatabaseVersions(store, orgId);
 */
export async function listBackgroundDatabaseVersions(
  store: Store,
  organisationId: string,
): Promise<DatabaseVersionInfo[]> {
  const rows = await versionInfoQuery(store, organisationId)
    .orderBy('background_databases.name')
    .orderBy('background_databases.id')
    .orderBy('database_versions.version')
    .execute();
  return rows.map(toVersionInfo);
}

/**
 * One version visible to the organisation (its own or shared) with the first `issueLimit` (default 1000) of its
 * reading issues, in the order they were found; `issueCount` is the number of all of them. Another organisation's
 * version is NOT_FOUND, exactly like one that does not exist.
 *
 * @example const v = await getBackgroundDatabaseVersion(store, orgId, versionId, { issueLimit: 100 });
 */
export async function getBackgroundDatabaseVersion(
  store: Store,
  organisationId: string,
  versionId: string,
  options: { issueLimit?: number } = {},
): Promise<DatabaseVersionInfo & { issues: ImportIssue[] }> {
  const limit = Math.max(0, Math.floor(options.issueLimit ?? 1000));
  const row = await versionInfoQuery(store, organisationId)
    .where('database_versions.id', '=', versionId)
    .select(
      limit === 0
        ? sql<ImportIssue[]>`'[]'::jsonb`.as('first_issues')
        : sql<
            ImportIssue[]
          >`jsonb_path_query_array(database_versions.issues, ${`$[0 to ${limit - 1}]`}::jsonpath)`.as(
            'first_issues',
          ),
    )
    .executeTakeFirst();
  if (!row) throw new StoreError('NOT_FOUND', `no background database version '${versionId}' visible here`);
  return { ...toVersionInfo(row), issues: row.first_issues };
}

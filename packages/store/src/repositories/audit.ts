import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';

/** One entry of the append-only audit log: who did what to which record, in which organisation. */
export interface AuditEntry {
  organisationId: string | null;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  details?: Record<string, unknown>;
}

/**
 * Appends an audit entry, in the caller's transaction, so the change and its record commit or roll back together.
 *
 * @example await audit(trx, { organisationId, actorId, action: 'create', entity: 'product', entityId: id });
 */
export async function audit(trx: Kysely<Schema>, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      organisation_id: entry.organisationId,
      actor_id: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

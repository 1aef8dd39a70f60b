// zod schemas shared by the /v1 routes; each named one becomes a component of the OpenAPI document.
import { z } from '@hono/zod-openapi';
import { LIFE_CYCLE_STAGES } from '@opencfp/refdata';

/** Every stage id of the ISO 14067 and EU battery schemes (docs/carbon-footprint.md). */
export const STAGE_IDS = [
  ...new Set([...LIFE_CYCLE_STAGES['iso-14067'], ...LIFE_CYCLE_STAGES['eu-battery']].map((s) => s.id)),
] as [string, ...string[]];

/** What a member or token may do: owner > editor > verifier > viewer. */
export const RoleSchema = z.enum(['owner', 'editor', 'verifier', 'viewer']).openapi('Role', {
  description:
    'owner: everything, incl. members and tokens; editor: create and change records; verifier and viewer: read',
});

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string().openapi({ example: 'li.wei@example.com' }),
    name: z.string().openapi({ example: 'Li Wei' }),
  })
  .openapi('User');

/** An organisation as the caller sees it: with the caller's role in it. */
export const OrganisationSchema = z
  .object({
    id: z.string(),
    name: z.string().openapi({ example: 'ACME Batteries' }),
    slug: z.string().openapi({ example: 'acme-batteries' }),
    role: RoleSchema.openapi({ description: "the caller's role in the organisation" }),
  })
  .openapi('Organisation');

/** The path parameter of every organisation-scoped route. */
export const OrgParams = z.object({
  orgId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'orgId', in: 'path' }, description: 'the organisation id' }),
});

/** An ISO 8601 instant in UTC, e.g. 2025-01-31T08:00:00.000Z. */
export const Instant = z.iso.datetime().openapi({ example: '2025-01-31T08:00:00.000Z' });

// A study published on a running `cfp serve` process, for tests that read its public statement over HTTP: a user
// and organisation made in its store, the starter database, the bracket product and model, its calculation, and a
// self-declared study submitted and published (so it is signed with the organisation's key).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { starterDatabasePath } from '@opencfp/refdata';
import { COMPLETE_DECLARATIONS, bracketModel, type RouteHarness } from '@opencfp/server/test-support';
import { createOrganisation, createUser, importBackgroundDatabase, signIn } from '@opencfp/store';

/** A published study: how to call the API as its owner, and where its statement is. */
export interface PublishedStatement {
  /** Calls the API with the owner's token; a status of 300 or more fails the test. */
  call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  token: string;
  orgId: string;
  studyId: string;
  /** The statement's path: /v1/public/statements/{id}. */
  /** The product, whose page in the public registry is `/registry/products/<productId>`. */
  productId: string;
  statementPath: string;
}

/**
 * Publishes a self-declared study of the bracket on the server `harness` runs.
 *
 * @example const { statementPath } = await publishedStatement(harness);
 */
export async function publishedStatement(harness: RouteHarness): Promise<PublishedStatement> {
  let token = '';
  let orgId = '';
  const call = async (method: string, path: string, body?: unknown) => {
    let res: Response;
    try {
      res = await fetch(`${harness.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      // undici says only 'fetch failed'; the cause says why (refused, reset …).
      throw new Error(`${method} ${path}: ${(e as Error).message} (${String((e as Error).cause)})`);
    }
    const json = (await res.json()) as Record<string, unknown>;
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  await harness.withStore(async (store) => {
    const password = 'correct horse battery';
    const user = await createUser(store, {
      email: `owner-${randomUUID()}@example.com`,
      name: 'Owner',
      password,
    });
    const slug = `bracket-${randomUUID().slice(0, 8)}`;
    orgId = (await createOrganisation(store, { name: 'Bracket Co', slug }, user.id)).id;
    await importBackgroundDatabase(
      store,
      { organisationId: null, name: 'starter', path: starterDatabasePath(), sourceName: 'starter' },
      user.id,
    );
    token = (await signIn(store, user.email, password))?.token ?? '';
  });
  const versions = (await call('GET', `/v1/orgs/${orgId}/databases`)) as { versions: { id: string }[] };
  const product = await call('POST', `/v1/orgs/${orgId}/products`, {
    nameEn: 'Aluminium bracket',
    nameZh: '铝支架',
    declaredUnit: 'item',
  });
  const model = await call('POST', `/v1/orgs/${orgId}/models`, {
    productId: product.id,
    name: 'Bracket',
    backgroundVersionId: versions.versions[0].id,
    model: bracketModel(),
  });
  const result = await call('POST', `/v1/orgs/${orgId}/models/${String(model.id)}/calculations`, {});
  const study = await call('POST', `/v1/orgs/${orgId}/studies`, {
    modelId: model.id,
    title: 'Bracket B-20',
    ruleSetId: 'iso-14067-2018',
    boundary: 'cradle-to-gate',
    productType: 'intermediate',
    functionalUnit: 'one bracket',
    declarations: COMPLETE_DECLARATIONS,
    selfDeclared: true,
    resultId: result.id,
  });
  const studyId = String(study.id);
  await call('POST', `/v1/orgs/${orgId}/studies/${studyId}/submit`, {});
  const published = await call('POST', `/v1/orgs/${orgId}/studies/${studyId}/publish`);
  return {
    call,
    token,
    orgId,
    studyId,
    productId: String(product.id),
    statementPath: String(published.statementUrl),
  };
}

// `cfp verify` end to end: a study published by a `cfp serve` process (PGlite on disk), checked by the `cfp`
// binary in another process against the URL of its public statement, with the keys fetched from the issuer's
// /.well-known/jwks.json; then its model and result, a tampered copy, a key rotation and a withdrawal.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { starterDatabasePath } from '@opencfp/refdata';
import { COMPLETE_DECLARATIONS, bracketModel, type RouteHarness } from '@opencfp/server/test-support';
import { base64url, createOrganisation, createUser, importBackgroundDatabase, signIn } from '@opencfp/store';
import { serveProcessHarness } from './test-support/serve-process-harness.js';

const bin = fileURLToPath(new URL('../bin/cfp.js', import.meta.url));

/**
 * Runs the `cfp` binary in a process of its own. Asynchronously: a test blocked while it runs would keep a
 * keep-alive connection the server has since closed, and its next request would fail on it.
 */
function cfp(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('cfp verify against a running server', () => {
  let harness: RouteHarness;
  const dir = mkdtempSync(join(tmpdir(), 'opencfp-verify-process-'));
  let token = '';
  let org = '';
  let studyId = '';
  let statementPath = '';
  /** The study's model and result, and what a self-declared study of them states. */
  let newStudy: Record<string, unknown> = {};

  async function call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${harness.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  before(async () => {
    harness = await serveProcessHarness('pglite')();
    await harness.withStore(async (store) => {
      const password = 'correct horse battery';
      const user = await createUser(store, {
        email: `owner-${randomUUID()}@example.com`,
        name: 'Owner',
        password,
      });
      org = (
        await createOrganisation(
          store,
          { name: 'Bracket Co', slug: `bracket-${randomUUID().slice(0, 8)}` },
          user.id,
        )
      ).id;
      await importBackgroundDatabase(
        store,
        { organisationId: null, name: 'starter', path: starterDatabasePath(), sourceName: 'starter' },
        user.id,
      );
      token = (await signIn(store, user.email, password))?.token ?? '';
    });
    const versions = (await call('GET', `/v1/orgs/${org}/databases`)) as { versions: { id: string }[] };
    const product = await call('POST', `/v1/orgs/${org}/products`, {
      nameEn: 'Aluminium bracket',
      declaredUnit: 'item',
    });
    const model = await call('POST', `/v1/orgs/${org}/models`, {
      productId: product.id,
      name: 'Bracket',
      backgroundVersionId: versions.versions[0].id,
      model: bracketModel(),
    });
    const result = await call('POST', `/v1/orgs/${org}/models/${String(model.id)}/calculations`, {});
    newStudy = {
      modelId: model.id,
      title: 'Bracket B-20',
      ruleSetId: 'iso-14067-2018',
      boundary: 'cradle-to-gate',
      productType: 'intermediate',
      functionalUnit: 'one bracket',
      declarations: COMPLETE_DECLARATIONS,
      selfDeclared: true,
      resultId: result.id,
    };
    const study = await call('POST', `/v1/orgs/${org}/studies`, newStudy);
    studyId = String(study.id);
    await call('POST', `/v1/orgs/${org}/studies/${studyId}/submit`, {});
    const published = await call('POST', `/v1/orgs/${org}/studies/${studyId}/publish`);
    statementPath = String(published.statementUrl);
  });
  after(async () => {
    await harness?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the statement URL verifies with the keys of the issuer’s well-known key set: exit 0, self-declared said', async () => {
    const { code, stdout, stderr } = await cfp(['verify', `${harness.url}${statementPath}`]);
    assert.equal(code, 0, stdout + stderr);
    assert.match(stdout, /^VALID: the statement is signed by its issuer's key /);
    assert.match(stdout, /verification: SELF-DECLARED — Self-declared: not verified by a third party/);
    assert.match(
      stdout,
      new RegExp(
        `note: keys from ${harness.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\.well-known/jwks\\.json`,
      ),
    );
    assert.doesNotMatch(stdout, /offline/);
  });

  it('--model with the study’s model view and --result with its result URL (a token from OPENCFP_TOKEN) agree', async () => {
    const view = await call('GET', `/v1/orgs/${org}/studies/${studyId}/model`);
    const modelFile = join(dir, 'model.json');
    writeFileSync(modelFile, JSON.stringify(view));
    const resultUrl = `${harness.url}/v1/orgs/${org}/studies/${studyId}/result`;
    const { code, stdout, stderr } = await cfp(
      ['verify', `${harness.url}${statementPath}`, '--model', modelFile, '--result', resultUrl],
      {
        OPENCFP_TOKEN: token,
      },
    );
    assert.equal(code, 0, stdout + stderr);
    assert.match(stdout, /gives the statement's inputs hash/);
    assert.match(stdout, /is the statement's \(id, inputs hash, split\)/);
    // without the token the result cannot be read: exit 2, not a verdict
    const anonymous = await cfp(['verify', `${harness.url}${statementPath}`, '--result', resultUrl], {
      OPENCFP_TOKEN: '',
    });
    assert.equal(anonymous.code, 2, anonymous.stdout + anonymous.stderr);
    assert.match(anonymous.stderr, /answered 401/);
  });

  it('a copy with its total changed does not verify: exit 1', async () => {
    const answer = await call('GET', statementPath);
    const [h, p, s] = String(answer.jws).split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as {
      credentialSubject: { footprint: { total: number } };
    };
    payload.credentialSubject.footprint.total = 0.1;
    const file = join(dir, 'tampered.jws');
    writeFileSync(file, `${h}.${base64url(JSON.stringify(payload))}.${s}`);
    const { code, stdout } = await cfp(['verify', file]);
    assert.equal(code, 1, stdout);
    assert.match(stdout, /signature does not match/);
  });

  it('after a key rotation the statement still verifies; once withdrawn it does not (exit 1)', async () => {
    await call('POST', `/v1/orgs/${org}/signing-keys`);
    const keys = (await call('GET', '/.well-known/jwks.json')) as { keys: { validUntil?: string }[] };
    assert.equal(keys.keys.filter((k) => k.validUntil !== undefined).length, 1, 'one key retired');
    assert.equal((await cfp(['verify', `${harness.url}${statementPath}`])).code, 0);
    await call('POST', `/v1/orgs/${org}/studies/${studyId}/withdraw`, { reason: 'discontinued' });
    const { code, stdout } = await cfp(['verify', `${harness.url}${statementPath}`]);
    assert.equal(code, 1, stdout);
    assert.match(stdout, /the statement was withdrawn by its issuer on /);
    assert.deepEqual(harness.problems(), []);
  });

  it('a statement signed with a key its organisation revoked is not valid: exit 1, and says so', async () => {
    const study = String((await call('POST', `/v1/orgs/${org}/studies`, newStudy)).id);
    await call('POST', `/v1/orgs/${org}/studies/${study}/submit`, {});
    const published = await call('POST', `/v1/orgs/${org}/studies/${study}/publish`);
    const url = `${harness.url}${String(published.statementUrl)}`;
    assert.equal((await cfp(['verify', url])).code, 0, 'valid before the revocation');
    const statement = await call('GET', String(published.statementUrl));
    const kid = JSON.parse(
      Buffer.from(String(statement.jws).split('.')[0], 'base64url').toString('utf8'),
    ).kid;
    const revoked = await call('POST', `/v1/orgs/${org}/signing-keys/${String(kid)}/revoke`, {
      reason: 'the key secret was leaked',
    });
    const { code, stdout, stderr } = await cfp(['verify', url]);
    assert.equal(code, 1, stdout + stderr);
    assert.match(stdout, /^INVALID: the statement does not verify\n/);
    assert.ok(
      stdout.includes(
        `the key '${String(kid)}' that signed it was revoked by its organisation on ${String(revoked.revokedAt)}`,
      ),
      stdout,
    );
    assert.match(stdout, /It claims:/, 'what it claims is still shown');
    // offline, the key as the issuer's key status route gives it (with revokedAt) says so too
    const keysFile = join(dir, 'old-keys.json');
    writeFileSync(
      keysFile,
      JSON.stringify({ keys: [(await call('GET', `/v1/public/signing-keys/${String(kid)}`)).jwk] }),
    );
    const offline = await cfp(['verify', url, '--keys', keysFile]);
    assert.equal(offline.code, 1, offline.stdout);
    assert.match(offline.stdout, /was revoked by its organisation/);
    assert.deepEqual(harness.problems(), []);
  });
});

// `cfp verify` offline (--keys): a statement composed as the platform composes one and signed with an Ed25519 key;
// every field of its payload, its header and its signature tampered with in turn; wrong, foreign and rotated keys;
// the model and result checks; usage errors. The end-to-end check against a running server is verify-process.test.ts.
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { composeStatement, verifyStatement, type Jwks } from '@opencfp/server';
import {
  base64url,
  inputsHash,
  signCompactJws,
  type PublicJwk,
  type PublishContext,
  type Study,
} from '@opencfp/store';
import { run } from './test-support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'opencfp-verify-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const ENGINE = 'opencfp-model@2';
const ORG = randomUUID();
const MODEL = {
  schema: 'opencfp/product-model@1',
  referenceProcessId: 'bracket',
  processes: [{ id: 'bracket', name: 'Bracket machining', output: { amount: 1, unit: 'item' }, inputs: [] }],
};
const REQUEST = { method: 'ipcc-ar6-gwp100', biogenicApproach: '-1/+1', stageScheme: 'iso-14067' } as const;
const HASH = inputsHash({ engine: ENGINE, model: MODEL, backgroundVersionId: 'bg-1', request: REQUEST });

function key(id: string, org = ORG, validity: { validFrom?: string; validUntil?: string } = {}) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk: PublicJwk = {
    kty: 'OKP',
    crv: 'Ed25519',
    x: String(publicKey.export({ format: 'jwk' }).x),
    kid: id,
    alg: 'EdDSA',
    use: 'sig',
    org,
    validFrom: validity.validFrom ?? '2025-01-01T00:00:00.000Z',
    ...(validity.validUntil ? { validUntil: validity.validUntil } : {}),
  };
  return { privateKey, jwk };
}

/** A third-party verified, certified study's statement as the platform composes it (issued at `issuedAt`). */
function payload(
  issuedAt = new Date('2025-06-30T08:00:00.000Z'),
  selfDeclared = false,
): Record<string, unknown> {
  const party = (organisationId: string, organisationName: string, userId: string, userName: string) => ({
    organisationId,
    organisationName,
    userId,
    userName,
  });
  const study = {
    id: randomUUID(),
    title: 'Aluminium bracket B-20',
    ruleSetId: 'iso-14067-2018',
    ruleSetVersion: '2018',
    declaredUnit: { amount: 1, unit: 'item' },
    functionalUnit: 'one bracket holding 20 kg for 10 years',
    boundary: 'cradle-to-gate',
    productType: 'intermediate',
    selfDeclared,
    verifier: selfDeclared ? null : party(randomUUID(), 'Verify Ltd', randomUUID(), 'Wang Fang'),
    verifiedAt: selfDeclared ? null : new Date('2025-06-20T00:00:00.000Z'),
    certificationBody: selfDeclared ? null : party(randomUUID(), 'Cert Body', randomUUID(), 'Zhao Lei'),
    certifiedAt: selfDeclared ? null : new Date('2025-06-25T00:00:00.000Z'),
    findings: { open: 0, answered: 0, closed: 2 },
  } as unknown as Study;
  const context = {
    study,
    result: {
      id: randomUUID(),
      organisationId: ORG,
      modelId: randomUUID(),
      modelVersion: 3,
      inputsHash: HASH,
      createdAt: new Date('2025-06-01T00:00:00.000Z'),
      result: {
        request: REQUEST,
        footprint: {
          split: { fossilEmissions: 8.7, fossilRemovals: 0, biogenicRemovals: -0.01, total: 8.766215 },
          pact: {
            pCfExcludingBiogenic: 8.766,
            fossilCarbonContent: undefined,
            packagingEmissionsIncluded: false,
          },
          gwpSet: { id: 'ipcc-ar6-gwp100', name: 'IPCC AR6 GWP100', version: 'AR6', year: 2021 },
          biogenicApproach: '-1/+1',
          stageScheme: 'iso-14067',
          scenario: null,
          backgroundVersionId: 'bg-1',
        },
        model: MODEL,
      },
    },
    product: {
      id: randomUUID(),
      nameEn: 'Aluminium bracket',
      nameZh: '铝支架',
      categoryScheme: 'HS',
      categoryCode: '761699',
      identifiers: [{ scheme: 'GTIN', value: '06901234567892' }],
    },
    organisation: { id: ORG, name: 'Bracket Co', slug: 'bracket' },
    statementId: randomUUID(),
    issuedAt,
    supersedesStatementId: null,
    key: {} as PublishContext['key'],
  } as PublishContext;
  return composeStatement(context, {
    baseUrl: 'https://cfp.example.org',
    engine: ENGINE,
    compliance: { met: 13, notMet: 0, notApplicable: 2, needsEvidence: 0 },
  }).payload;
}

const header = (kid: string) => ({ typ: 'vc+jwt', cty: 'vc', kid });
const sign = (kid: string, privateKey: KeyObject, body: object = payload()) =>
  signCompactJws(header(kid), body, privateKey);

/** The JWS with another header or payload (as JSON), keeping the signature made for the original. */
function reencode(jws: string, part: 0 | 1, value: unknown): string {
  const parts = jws.split('.');
  parts[part] = base64url(JSON.stringify(value));
  return parts.join('.');
}

function file(name: string, content: string | object): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** Every leaf of a JSON value with its path, and the value changed (numbers, strings, booleans, nulls). */
function leaves(
  value: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; changed: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  const changed =
    typeof value === 'number'
      ? value + 1
      : typeof value === 'boolean'
        ? !value
        : typeof value === 'string'
          ? `${value}x`
          : 'x';
  return [{ path, changed }];
}

function withLeaf(value: unknown, path: (string | number)[], changed: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = changed;
  return copy;
}

describe('cfp verify, offline', () => {
  const signer = key('k-2025');
  const other = key('k-other');
  const jwks: Jwks = { keys: [signer.jwk, other.jwk] };
  const keysFile = file('keys.json', jwks);
  const body = payload();
  const jws = sign('k-2025', signer.privateKey, body);
  const statementFile = file('statement.jws', `${jws}\n`);

  it('a statement signed by its issuer verifies: exit 0 and what it states', async () => {
    const { code, stdout, stderr } = await run('verify', statementFile, '--keys', keysFile);
    assert.equal(code, 0, stdout + stderr);
    assert.match(
      stdout,
      /^VALID: the statement is signed by its issuer's key k-2025 \(Ed25519\) and unchanged/,
    );
    assert.match(stdout, /issuer: {7}Bracket Co \(https:\/\/cfp\.example\.org\/v1\/public\/organisations\//);
    assert.match(stdout, /footprint: {4}8\.7662 kg CO2e per 1 item \(ipcc-ar6-gwp100/);
    assert.match(stdout, /verification: Verified by a third party and certified: Verify Ltd \(Wang Fang\)/);
    assert.match(stdout, /status not checked \(offline\)/);
    const json = await run('verify', statementFile, '--keys', keysFile, '--format', 'json');
    assert.equal(json.code, 0);
    const parsed = JSON.parse(json.stdout) as { valid: boolean; statement: unknown; key: { kid: string } };
    assert.deepEqual([parsed.valid, parsed.key.kid], [true, 'k-2025']);
    assert.deepEqual(parsed.statement, body);
  });

  it('tampering with any field of the payload is detected (every leaf, in turn)', async () => {
    const all = leaves(body);
    assert.ok(all.length > 50, `${all.length} fields`);
    for (const { path, changed } of all) {
      const tampered = reencode(jws, 1, withLeaf(body, path, changed));
      const outcome = verifyStatement(tampered, jwks);
      assert.equal(outcome.valid, false, path.join('.'));
      assert.match(outcome.problems[0], /the signature does not match/, path.join('.'));
      const { code, stdout } = await run('verify', file('tampered.jws', tampered), '--keys', keysFile);
      assert.equal(code, 1, `${path.join('.')}: ${stdout}`);
      assert.match(stdout, /^INVALID: the statement does not verify\n {2}- the signature does not match/);
    }
    // a field added or removed is a change too
    for (const changed of [
      { ...body, extra: true },
      { ...body, validFrom: undefined },
    ])
      assert.equal(verifyStatement(reencode(jws, 1, changed), jwks).valid, false);
  });

  it('tampering with the header or the signature is detected; alg none and other algorithms are refused', async () => {
    const [h] = jws.split('.');
    const decodedHeader = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
    const cases: [string, string, RegExp][] = [
      [
        'alg none',
        `${base64url(JSON.stringify({ ...decodedHeader, alg: 'none' }))}.${jws.split('.')[1]}.`,
        /'none': only EdDSA/,
      ],
      ['alg HS256', reencode(jws, 0, { ...decodedHeader, alg: 'HS256' }), /'HS256': only EdDSA/],
      [
        'another kid of the set',
        reencode(jws, 0, { ...decodedHeader, kid: 'k-other' }),
        /signature does not match/,
      ],
      ['an unknown kid', reencode(jws, 0, { ...decodedHeader, kid: 'k-nobody' }), /'k-nobody' is not among/],
      ['no kid', reencode(jws, 0, { alg: 'EdDSA', typ: 'vc+jwt' }), /names no key/],
      ['typ', reencode(jws, 0, { ...decodedHeader, typ: 'JWT' }), /typ is 'JWT'/],
      [
        'an added header field',
        reencode(jws, 0, { ...decodedHeader, x5u: 'https://evil.example' }),
        /signature does not match/,
      ],
      ['crit', reencode(jws, 0, { ...decodedHeader, crit: ['b64'], b64: false }), /crit/],
      [
        'one bit of the signature',
        (() => {
          const sig = Buffer.from(jws.split('.')[2], 'base64url');
          sig[10] ^= 1;
          return `${jws.split('.').slice(0, 2).join('.')}.${base64url(sig)}`;
        })(),
        /signature does not match/,
      ],
      ['a truncated signature', jws.slice(0, -4), /signature does not match|not base64url/],
      ['no signature', `${jws.split('.').slice(0, 2).join('.')}.`, /signature does not match/],
      ['not a JWS', 'hello', /not a compact JWS/],
    ];
    for (const [what, tampered, reason] of cases) {
      const outcome = verifyStatement(tampered, jwks);
      assert.equal(outcome.valid, false, what);
      assert.match(outcome.problems.join('\n'), reason, what);
      const { code } = await run('verify', file('tampered.jws', tampered), '--keys', keysFile);
      assert.equal(code, 1, what);
    }
  });

  it('a wrong key, another organisation’s key, and a key set without it: invalid', async () => {
    const impostor = key('k-2025');
    const wrong = await run('verify', statementFile, '--keys', file('wrong.json', { keys: [impostor.jwk] }));
    assert.equal(wrong.code, 1);
    assert.match(wrong.stdout, /signature does not match/);
    // signed with a key the platform published for another organisation, claiming to be this issuer
    const foreign = key('k-foreign', randomUUID());
    const outcome = verifyStatement(sign('k-foreign', foreign.privateKey), { keys: [foreign.jwk] });
    assert.equal(outcome.valid, false);
    assert.match(outcome.problems[0], /belongs to organisation .*, not to the issuer/);
    const none = await run('verify', statementFile, '--keys', file('empty.json', { keys: [] }));
    assert.equal(none.code, 1);
    // one JWK alone is a key set of one
    assert.equal((await run('verify', statementFile, '--keys', file('one.json', signer.jwk))).code, 0);
  });

  it('a rotated (retired) key still verifies what it signed before; not what is dated after, nor before it was made', async () => {
    const retired = key('k-2024', ORG, {
      validFrom: '2024-01-01T00:00:00.000Z',
      validUntil: '2025-07-01T00:00:00.000Z',
    });
    const before = sign('k-2024', retired.privateKey, payload(new Date('2025-06-30T08:00:00.000Z')));
    assert.deepEqual(verifyStatement(before, { keys: [retired.jwk] }).problems, []);
    const set = file('rotated.json', { keys: [retired.jwk, signer.jwk] });
    assert.equal((await run('verify', file('old.jws', before), '--keys', set)).code, 0);
    const later = sign('k-2024', retired.privateKey, payload(new Date('2025-08-01T00:00:00.000Z')));
    const outcome = verifyStatement(later, { keys: [retired.jwk] });
    assert.equal(outcome.valid, false);
    assert.match(outcome.problems[0], /after its key was retired/);
    const early = sign('k-2024', retired.privateKey, payload(new Date('2023-01-01T00:00:00.000Z')));
    assert.match(verifyStatement(early, { keys: [retired.jwk] }).problems[0], /before its key was made/);
  });

  it('a statement signed with a revoked key does not verify, whatever its date; offline, an unrevoked key is noted as not checked', async () => {
    const revoked = { ...signer.jwk, revokedAt: '2025-07-01T00:00:00.000Z' };
    const outcome = verifyStatement(jws, { keys: [revoked] });
    assert.equal(outcome.valid, false);
    assert.deepEqual(outcome.problems, [
      "the key 'k-2025' that signed it was revoked by its organisation on 2025-07-01T00:00:00.000Z: nothing signed with a revoked key can be trusted, whatever date it states (ask the issuer for a statement signed with a valid key)",
    ]);
    // dated before the revocation: refused all the same (the holder of a stolen key can backdate)
    assert.ok(String(body.validFrom) < revoked.revokedAt);
    const { code, stdout } = await run(
      'verify',
      statementFile,
      '--keys',
      file('revoked.json', { keys: [revoked] }),
    );
    assert.equal(code, 1, stdout);
    assert.match(
      stdout,
      /^INVALID: the statement does not verify\n {2}- the key 'k-2025' that signed it was revoked by its organisation on 2025-07-01/,
    );
    const json = await run(
      'verify',
      statementFile,
      '--keys',
      file('revoked-one.json', revoked),
      '--format',
      'json',
    );
    assert.equal(json.code, 1);
    assert.match(
      (JSON.parse(json.stdout) as { problems: string[] }).problems[0],
      /was revoked by its organisation/,
    );
    // not revoked: valid, with the note that revocation was not checked offline
    const valid = await run('verify', statementFile, '--keys', keysFile);
    assert.match(
      valid.stdout,
      /note: key revocation not checked \(offline\): ask the issuer whether key k-2025 is revoked/,
    );
  });

  it('a statement whose structure is wrong does not verify, even signed', async () => {
    const { credentialSubject, ...rest } = body as { credentialSubject: Record<string, unknown> };
    const broken = sign('k-2025', signer.privateKey, {
      ...rest,
      credentialSubject: { ...credentialSubject, verification: { mode: 'trust-me' } },
    });
    const { code, stdout } = await run('verify', file('broken.jws', broken), '--keys', keysFile);
    assert.equal(code, 1);
    assert.match(stdout, /not well formed at credentialSubject\.verification/);
    const selfDeclared = sign('k-2025', signer.privateKey, payload(undefined, true));
    const self = await run('verify', file('self.jws', selfDeclared), '--keys', keysFile);
    assert.equal(self.code, 0);
    assert.match(self.stdout, /verification: SELF-DECLARED — Self-declared: not verified by a third party/);
  });

  it('--model recomputes the inputs hash; --result compares the result; a withdrawn statement (as saved) is invalid', async () => {
    const model = await run(
      'verify',
      statementFile,
      '--keys',
      keysFile,
      '--model',
      file('model.json', MODEL),
    );
    assert.equal(model.code, 0, model.stdout);
    assert.match(model.stdout, /gives the statement's inputs hash/);
    const view = await run(
      'verify',
      statementFile,
      '--keys',
      keysFile,
      '--model',
      file('view.json', { studyId: 's', inputsHash: HASH, model: MODEL }),
    );
    assert.equal(view.code, 0, 'the answer of GET …/studies/{id}/model works too');
    const changedModel = { ...MODEL, processes: [{ ...MODEL.processes[0], name: 'Another name' }] };
    const wrong = await run(
      'verify',
      statementFile,
      '--keys',
      keysFile,
      '--model',
      file('other.json', changedModel),
    );
    assert.equal(wrong.code, 1);
    assert.match(wrong.stdout, /it is not the model the statement was calculated from/);
    const subject = (
      body as { credentialSubject: { calculation: { resultId: string }; footprint: { split: object } } }
    ).credentialSubject;
    const result = {
      id: subject.calculation.resultId,
      inputsHash: HASH,
      footprint: { split: subject.footprint.split },
    };
    assert.equal(
      (await run('verify', statementFile, '--keys', keysFile, '--result', file('result.json', result))).code,
      0,
    );
    const off = { ...result, footprint: { split: { ...subject.footprint.split, total: 1 } } };
    const offRun = await run('verify', statementFile, '--keys', keysFile, '--result', file('off.json', off));
    assert.equal(offRun.code, 1);
    assert.match(offRun.stdout, /the result's total is 1, the statement says 8\.766215/);
    const saved = { id: 'x', status: 'withdrawn', withdrawnAt: '2025-07-01T00:00:00.000Z', jws };
    const withdrawn = await run('verify', file('withdrawn.json', saved), '--keys', keysFile);
    assert.equal(withdrawn.code, 1);
    assert.match(withdrawn.stdout, /withdrawn by its issuer on 2025-07-01/);
  });

  it('usage and unreadable input: exit 2 with one message', async () => {
    for (const args of [
      ['verify'],
      ['verify', statementFile, statementFile],
      ['verify', statementFile, '--keys', keysFile, '--format', 'xml'],
      ['verify', join(dir, 'missing.jws'), '--keys', keysFile],
      ['verify', file('json.json', { hello: 'world' }), '--keys', keysFile],
      ['verify', statementFile, '--keys', file('notjson.json', 'not json')],
      ['verify', statementFile, '--keys', file('notkeys.json', { hello: 1 })],
      ['verify', 'http://127.0.0.1:1/v1/public/statements/x'],
    ]) {
      const { code, stderr } = await run(...args);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /^cfp: /, args.join(' '));
      assert.equal(stderr.trim().split('\n').length, 1, stderr);
    }
  });
});

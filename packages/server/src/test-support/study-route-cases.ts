// The study routes on a real listener, exercised with fetch: the verification workflow across three
// organisations, the freeze, publication as a signed statement (compliance check, keys, rotation), the public
// statement and key set, self-declaration labels, and tenant isolation of every study route. Run once per store
// engine and server kind (in this process; `cfp serve` processes on PGlite and PostgreSQL).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { starterDatabasePath } from '@opencfp/refdata';
import {
  createOrganisation,
  createUser,
  importBackgroundDatabase,
  setMembership,
  signIn,
  type Role,
} from '@opencfp/store';
import { statementInputsHash, verifyStatement, type Jwks } from '../statements/verify-statement.js';
import { VERIFICATION_LABELS, type StatementPayload } from '../statements/statement-schema.js';
import type { OpenHarness, RouteHarness } from './route-harness.js';
import { runModelJobs } from './run-model-jobs.js';

const PASSWORD = 'correct horse battery';

/** Starter dataset ids (packages/refdata/starter-database; stable, derived from their names). */
const STARTER = {
  primaryAluminium: 'dd82203e-988f-5468-a7b4-2e9013a4bc08',
  lorry: '26ae4fb9-0623-5e9b-a10e-200acf1f3fab',
};

/** An aluminium bracket on the starter database: aluminium, Jiangsu electricity and inbound transport. */
export function bracketModel(machiningName = 'Bracket machining') {
  return {
    schema: 'opencfp/product-model@1',
    referenceProcessId: 'bracket',
    carbonContent: { fossil: 0, biogenic: 0 },
    processes: [
      {
        id: 'bracket',
        name: machiningName,
        stage: 'production',
        output: { name: 'Aluminium bracket', amount: 1, unit: 'item' },
        inputs: [
          {
            name: 'Primary aluminium',
            amount: 0.5,
            unit: 'kg',
            stage: 'raw-material-acquisition',
            source: { kind: 'background', processId: STARTER.primaryAluminium },
          },
          {
            name: 'Assembly electricity',
            amount: 2,
            unit: 'kWh',
            source: { kind: 'electricity', region: '江苏', year: 2023 },
          },
          {
            name: 'Inbound aluminium, lorry 1000 km',
            amount: 0.5,
            unit: 'kg',
            stage: 'raw-material-acquisition',
            source: {
              kind: 'transport',
              mode: 'road',
              distance: 1000,
              dataset: { processId: STARTER.lorry },
            },
          },
        ],
      },
    ],
  };
}

/** What an ISO 14067 study of an intermediate product, cradle to gate, states to meet every mandatory requirement. */
export const COMPLETE_DECLARATIONS = {
  referencePeriod: { start: '2024-01-01', end: '2024-12-31' },
  reportDate: '2025-06-30',
  dataQuality: {
    method: 'pact-dqr',
    primaryDataShare: 0.62,
    ratings: { technological: 1.6, geographical: 2.1, temporal: 1.4 },
  },
  uncertainty: { method: 'monte-carlo', iterations: 1000, mean: 8.8, standardDeviation: 0.7 },
  sensitivity: { method: 'one-at-a-time', entries: [{ name: 'Primary aluminium', effect: 0.86 }] },
  choices: {
    allocation: { method: 'none' },
    cutOff: { criteria: 'every input above 0.1 % of the product mass', exclusions: [] },
    endOfLife: { approach: 'cut-off' },
    uncertaintyStatement:
      'The aluminium footprint dominates; its global average carries most of the uncertainty.',
    useProfile: 'Passive part: no energy or consumables in use.',
  },
  report: {
    manufacturer: 'Illustrative Components Co.',
    productIdentification: 'Bracket B-20',
    plantLocation: 'Suzhou, Jiangsu, China',
    publicStudyUrl: 'https://example.com/studies/b-20',
    productMassPerDeclaredUnit: 0.5,
    limitations: 'Illustrative amounts on the OpenCFP starter database.',
  },
  attestations: [
    {
      requirementId: 'iso-14067-2018.site-specific-data',
      statement: 'Machining electricity and material use metered at the plant, 2024.',
      reference: 'plant energy log 2024',
    },
  ],
};

/** One entry of a study's history, as GET …/studies/{id} answers it. */
interface StudyHistoryEvent {
  action: string;
  from: string | null;
  to: string | null;
  actorId: string | null;
  actorName: string | null;
  actorOrganisationId: string | null;
  at: string;
  details: Record<string, unknown>;
}

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

type Person =
  | 'owner'
  | 'editor'
  | 'viewer'
  | 'verifier'
  | 'verifier2'
  | 'verifierEditor'
  | 'verifierViewer'
  | 'certifier'
  | 'stranger';

/**
 * Studies over HTTP: practitioner P, verifier V (its invited user, another verifier, an editor and a viewer),
 * certification body C and a stranger S, each with a session.
 */
export function studyRouteCases(name: string, openHarness: OpenHarness) {
  describe(`study routes: ${name}`, () => {
    let harness: RouteHarness;
    const suffix = randomUUID().slice(0, 8);
    const orgs = { p: '', v: '', c: '', s: '' };
    const people = {} as Record<Person, { id: string; email: string; token: string }>;
    let productId = '';
    let modelId = '';
    let modelVersion = 1;
    let resultId = '';
    let starterId = '';

    async function call(
      method: string,
      path: string,
      who?: Person,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<Answer> {
      const h: Record<string, string> = { ...headers };
      if (who) h.authorization = `Bearer ${people[who].token}`;
      if (body !== undefined) h['content-type'] = 'application/json';
      const res = await fetch(`${harness.url}${path}`, {
        method,
        headers: h,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: Record<string, unknown> = {};
      if (text !== '' && (res.headers.get('content-type') ?? '').includes('json'))
        parsed = JSON.parse(text) as Record<string, unknown>;
      if (res.status >= 400)
        assert.deepEqual(Object.keys(parsed).sort(), ['code', 'details', 'message'], text);
      return { status: res.status, headers: res.headers, body: parsed, text };
    }

    const expect = (answer: Answer, status: number, code?: string) => {
      assert.equal(answer.status, status, answer.text);
      if (code) assert.equal(answer.body.code, code, answer.text);
      return answer.body;
    };

    const study = (org: string, id: string, rest = '') => `/v1/orgs/${org}/studies/${id}${rest}`;

    async function calculate(): Promise<string> {
      const answer = await call('POST', `/v1/orgs/${orgs.p}/models/${modelId}/calculations`, 'editor', {});
      assert.ok(answer.status === 201 || answer.status === 200, answer.text);
      return String(answer.body.id);
    }

    async function saveModel(document: object): Promise<void> {
      const saved = await call(
        'PUT',
        `/v1/orgs/${orgs.p}/models/${modelId}`,
        'editor',
        { model: document },
        {
          'if-match': `"${modelVersion}"`,
        },
      );
      expect(saved, 200);
      modelVersion = Number(saved.body.version);
    }

    /** Links the model to another background version (or none), as an editor does. */
    async function relink(backgroundVersionId: string | null): Promise<void> {
      const changed = await call(
        'PATCH',
        `/v1/orgs/${orgs.p}/models/${modelId}`,
        'editor',
        { backgroundVersionId },
        { 'if-match': `"${modelVersion}"` },
      );
      expect(changed, 200);
      modelVersion = Number(changed.body.version);
    }

    async function newStudy(extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
      return expect(
        await call('POST', `/v1/orgs/${orgs.p}/studies`, 'editor', {
          modelId,
          title: 'Aluminium bracket B-20',
          ruleSetId: 'iso-14067-2018',
          boundary: 'cradle-to-gate',
          productType: 'intermediate',
          functionalUnit: 'one bracket holding a 20 kg load for 10 years',
          declarations: COMPLETE_DECLARATIONS,
          resultId,
          ...extra,
        }),
        201,
      );
    }

    const invite = async (id: string, body = false) =>
      expect(
        await call('POST', study(orgs.p, id, '/invite-verifier'), 'editor', {
          verifier: { organisation: `verifier-${suffix}`, email: people.verifier.email },
          ...(body ? { certificationBody: { organisation: orgs.c, email: people.certifier.email } } : {}),
        }),
        200,
      );

    async function jwks(): Promise<Jwks> {
      const answer = await call('GET', '/.well-known/jwks.json');
      expect(answer, 200);
      return answer.body as unknown as Jwks;
    }

    /** A study of P taken to verified by V's invited verifier. */
    async function verifiedStudy(extra: Record<string, unknown> = {}) {
      const s = await newStudy(extra);
      const id = String(s.id);
      await invite(id);
      expect(await call('POST', study(orgs.p, id, '/submit'), 'editor', {}), 200);
      expect(await call('POST', study(orgs.v, id, '/start-verification'), 'verifier'), 200);
      expect(await call('POST', study(orgs.v, id, '/verify'), 'verifier', {}), 200);
      return id;
    }

    before(async () => {
      harness = await openHarness();
      await harness.withStore(async (store) => {
        const make = async (key: Person) => {
          const user = await createUser(store, {
            email: `${key.toLowerCase()}-${suffix}@example.com`,
            name: `${key} name`,
            password: PASSWORD,
          });
          const session = await signIn(store, user.email, PASSWORD);
          assert.ok(session);
          people[key] = { id: user.id, email: user.email, token: session.token };
        };
        for (const key of [
          'owner',
          'editor',
          'viewer',
          'verifier',
          'verifier2',
          'verifierEditor',
          'verifierViewer',
          'certifier',
          'stranger',
        ] as Person[])
          await make(key);
        orgs.p = (
          await createOrganisation(store, { name: 'Bracket Co', slug: `bracket-${suffix}` }, people.owner.id)
        ).id;
        orgs.v = (
          await createOrganisation(
            store,
            { name: 'Verify Ltd', slug: `verifier-${suffix}` },
            people.verifierEditor.id,
          )
        ).id;
        orgs.c = (
          await createOrganisation(store, { name: 'Cert Body', slug: `cert-${suffix}` }, people.stranger.id)
        ).id;
        orgs.s = (
          await createOrganisation(
            store,
            { name: 'Stranger', slug: `stranger-${suffix}` },
            people.stranger.id,
          )
        ).id;
        const roles: [string, Person, Role][] = [
          [orgs.p, 'editor', 'editor'],
          [orgs.p, 'viewer', 'viewer'],
          [orgs.v, 'verifier', 'verifier'],
          [orgs.v, 'verifier2', 'verifier'],
          [orgs.v, 'verifierEditor', 'editor'],
          [orgs.v, 'verifierViewer', 'viewer'],
          [orgs.c, 'certifier', 'verifier'],
        ];
        for (const [org, person, role] of roles)
          await setMembership(store, org, people[person].id, role, people.owner.id);
        // the stranger owns C only so that C exists with an owner; they act as S's owner in the tests
        await importBackgroundDatabase(
          store,
          {
            organisationId: null,
            name: 'OpenCFP starter database',
            path: starterDatabasePath(),
            sourceName: 'starter',
          },
          people.owner.id,
        );
      });
      const versions = expect(await call('GET', `/v1/orgs/${orgs.p}/databases`, 'editor'), 200) as {
        versions: { id: string; name: string }[];
      };
      const starter = versions.versions.find((v) => v.name === 'OpenCFP starter database');
      assert.ok(starter, 'the starter database is shared');
      starterId = starter.id;
      productId = String(
        expect(
          await call('POST', `/v1/orgs/${orgs.p}/products`, 'editor', {
            nameEn: 'Aluminium bracket',
            nameZh: '铝支架',
            declaredUnit: 'item',
            categoryScheme: 'HS',
            categoryCode: '761699',
            identifiers: [{ scheme: 'GTIN', value: `0690${suffix}` }],
          }),
          201,
        ).id,
      );
      const model = expect(
        await call('POST', `/v1/orgs/${orgs.p}/models`, 'editor', {
          productId,
          name: 'Bracket B-20',
          backgroundVersionId: starter.id,
          model: bracketModel(),
        }),
        201,
      );
      modelId = String(model.id);
      modelVersion = Number(model.version);
      resultId = await calculate();
    });
    after(async () => {
      await harness?.close();
    });

    it('the whole workflow: the verifier reads the model read-only through its own organisation, raises findings, verifies; the practitioner publishes a signed statement that verifies', async () => {
      const created = await newStudy();
      const id = String(created.id);
      assert.deepEqual(
        [created.state, created.relation, created.ruleSetVersion, created.verification],
        [
          'draft',
          'practitioner',
          '2018',
          { mode: 'third-party', label: 'Third-party verification: not verified yet' },
        ],
      );
      assert.deepEqual(created.declaredUnit, { amount: 1, unit: 'item' });
      const compliance = expect(await call('GET', study(orgs.p, id, '/compliance'), 'viewer'), 200);
      assert.equal(compliance.blocksPublication, false, JSON.stringify(compliance.unmet));
      // not invited yet: the verifier's organisation does not see it
      expect(await call('GET', study(orgs.v, id), 'verifier'), 404, 'NOT_FOUND');
      const invited = await invite(id);
      assert.equal((invited.verifier as { userName: string }).userName, 'verifier name');
      const submitted = expect(await call('POST', study(orgs.p, id, '/submit'), 'editor', {}), 200);
      assert.equal(submitted.state, 'submitted');
      assert.equal(submitted.resultId, resultId);

      // the verifier, through its own organisation's path
      const listed = expect(
        await call('GET', `/v1/orgs/${orgs.v}/studies?relation=verifier`, 'verifier2'),
        200,
      ) as {
        studies: { id: string; relation: string }[];
      };
      assert.deepEqual(
        listed.studies.filter((s) => s.id === id).map((s) => s.relation),
        ['verifier'],
      );
      const seen = expect(await call('GET', study(orgs.v, id), 'verifier'), 200);
      assert.deepEqual([seen.relation, seen.actions], ['verifier', ['start-verification']]);
      const model = expect(await call('GET', study(orgs.v, id, '/model'), 'verifier'), 200);
      assert.deepEqual(model.model, bracketModel(), 'the model as calculated');
      assert.equal((model.current as { changed: boolean }).changed, false);
      const result = expect(await call('GET', study(orgs.v, id, '/result'), 'verifier'), 200);
      assert.equal(result.id, resultId);
      expect(await call('POST', study(orgs.v, id, '/start-verification'), 'verifier'), 200);
      // a finding must point at something
      const nowhere = await call('POST', study(orgs.v, id, '/findings'), 'verifier', {
        itemPath: '/model/processes/7',
        text: 'Where is this?',
      });
      expect(nowhere, 400, 'VALIDATION_FAILED');
      assert.match(String(nowhere.body.message), /nothing at \/model\/processes\/7/);
      expect(
        await call('POST', study(orgs.v, id, '/findings'), 'verifier', {
          itemPath: 'model/x',
          text: 'no slash',
        }),
        400,
        'VALIDATION_FAILED',
      );
      const raised = expect(
        await call('POST', study(orgs.v, id, '/findings'), 'verifier', {
          itemPath: '/model/processes/0/inputs/1',
          text: 'Which year of the Jiangsu factor, and why location-based?',
        }),
        201,
      ) as { study: { state: string }; finding: { id: string; state: string } };
      assert.deepEqual([raised.study.state, raised.finding.state], ['findings-raised', 'open']);
      const onResult = expect(
        await call('POST', study(orgs.v, id, '/findings'), 'verifier', {
          itemPath: '/result/split/fossilEmissions',
          text: 'Fossil emissions look right.',
        }),
        201,
      ) as { finding: { id: string } };
      // the practitioner answers the first; the verifier closes the second
      const answered = expect(
        await call('POST', study(orgs.p, id, `/findings/${raised.finding.id}/answers`), 'editor', {
          text: '2023, the latest published; the rule set accepts location-based.',
        }),
        200,
      ) as { study: { state: string } };
      assert.equal(answered.study.state, 'findings-raised', 'one is still open');
      const closed = expect(
        await call('POST', study(orgs.v, id, `/findings/${onResult.finding.id}/close`), 'verifier'),
        200,
      ) as { study: { state: string } };
      assert.equal(closed.study.state, 'findings-answered');
      const findings = expect(await call('GET', study(orgs.p, id, '/findings'), 'viewer'), 200) as {
        findings: { state: string; itemPath: string; answers: unknown[] }[];
      };
      assert.deepEqual(
        findings.findings.map((f) => [f.itemPath, f.state, f.answers.length]),
        [
          ['/model/processes/0/inputs/1', 'answered', 1],
          ['/result/split/fossilEmissions', 'closed', 0],
        ],
      );
      const verified = expect(
        await call('POST', study(orgs.v, id, '/verify'), 'verifier', { note: 'Looks right.' }),
        200,
      );
      assert.equal(verified.state, 'verified');
      assert.equal(verified.frozenInputsHash, submitted.inputsHash);
      assert.deepEqual(verified.verification, {
        mode: 'third-party',
        label: VERIFICATION_LABELS['third-party'],
      });

      const published = expect(await call('POST', study(orgs.p, id, '/publish'), 'editor'), 200);
      assert.equal(published.state, 'published');
      const statementUrl = String(published.statementUrl);
      assert.equal(statementUrl, `/v1/public/statements/${String(published.statementId)}`);
      const statement = expect(await call('GET', statementUrl), 200);
      assert.deepEqual(
        [statement.status, statement.selfDeclared, statement.verification],
        ['published', false, { mode: 'third-party', label: VERIFICATION_LABELS['third-party'] }],
      );
      const jws = String(statement.jws);
      const outcome = verifyStatement(jws, await jwks());
      assert.deepEqual(outcome.problems, []);
      assert.ok(outcome.valid);
      const credential = outcome.statement as StatementPayload;
      assert.deepEqual(statement.credential, credential);
      const subject = credential.credentialSubject;
      assert.equal(credential.issuer.name, 'Bracket Co');
      assert.equal(credential.issuer.id, `${new URL(harness.url).origin}/v1/public/organisations/${orgs.p}`);
      assert.deepEqual(subject.product, {
        id: productId,
        nameEn: 'Aluminium bracket',
        nameZh: '铝支架',
        category: { scheme: 'HS', code: '761699' },
        identifiers: [{ scheme: 'GTIN', value: `0690${suffix}` }],
      });
      assert.deepEqual([subject.ruleSet.id, subject.ruleSet.version], ['iso-14067-2018', '2018']);
      assert.equal(subject.ruleSet.compliance?.notMet, 0);
      assert.equal(subject.footprint.total, result.total);
      assert.equal(subject.footprint.gwpSet.id, 'ipcc-ar6-gwp100');
      assert.deepEqual(subject.footprint.split, (result.footprint as { split: unknown }).split);
      assert.equal(subject.verification.mode, 'third-party');
      assert.deepEqual(
        subject.verification.mode === 'third-party'
          ? [
              subject.verification.verifier.organisation,
              subject.verification.verifier.user,
              subject.verification.findings,
            ]
          : [],
        [
          { id: orgs.v, name: 'Verify Ltd' },
          { id: people.verifier.id, name: 'verifier name' },
          { raised: 2, closed: 2 },
        ],
      );
      assert.deepEqual(
        [subject.calculation.resultId, subject.calculation.inputsHash],
        [resultId, submitted.inputsHash],
      );
      // the model document the verifier saw gives the statement's inputs hash
      assert.equal(statementInputsHash(credential, model.model), subject.calculation.inputsHash);
      assert.notEqual(
        statementInputsHash(credential, bracketModel('Another name')),
        subject.calculation.inputsHash,
      );
      // the JWS alone, for verifiers
      const raw = await call('GET', statementUrl, undefined, undefined, { accept: 'application/vc+jwt' });
      assert.deepEqual(
        [raw.status, raw.headers.get('content-type'), raw.text],
        [200, 'application/vc+jwt', jws],
      );
      // the issuer resolves
      const issuer = expect(await call('GET', `/v1/public/organisations/${orgs.p}`), 200);
      assert.equal(issuer.name, 'Bracket Co');
      expect(await call('GET', `/v1/public/organisations/${orgs.s}`), 404, 'NOT_FOUND');

      // the history: every action with who and when
      const detail = expect(await call('GET', study(orgs.v, id), 'verifier'), 200) as {
        history: {
          action: string;
          from: string | null;
          to: string | null;
          actorName: string | null;
          at: string;
        }[];
      };
      assert.deepEqual(
        detail.history.map((h) => [h.action, h.from, h.to, h.actorName]),
        [
          ['create', null, 'draft', 'editor name'],
          ['invite-verifier', 'draft', 'draft', 'editor name'],
          ['submit', 'draft', 'submitted', 'editor name'],
          ['start-verification', 'submitted', 'in-verification', 'verifier name'],
          ['raise-finding', 'in-verification', 'findings-raised', 'verifier name'],
          ['raise-finding', 'findings-raised', 'findings-raised', 'verifier name'],
          ['answer-finding', 'findings-raised', 'findings-raised', 'editor name'],
          ['close-finding', 'findings-raised', 'findings-raised', 'verifier name'],
          ['answer-findings', 'findings-raised', 'findings-answered', 'verifier name'],
          ['verify', 'findings-answered', 'verified', 'verifier name'],
          ['publish', 'verified', 'published', 'editor name'],
        ],
      );
      assert.ok(detail.history.every((h) => !Number.isNaN(Date.parse(h.at))));
    });

    it('the freeze: a model saved after submission cannot be verified (409 INPUTS_CHANGED, nothing changed)', async () => {
      const s = await newStudy();
      const id = String(s.id);
      await invite(id);
      expect(await call('POST', study(orgs.p, id, '/submit'), 'editor', {}), 200);
      expect(await call('POST', study(orgs.v, id, '/start-verification'), 'verifier'), 200);
      await saveModel(bracketModel('Bracket machining, revised'));
      try {
        const model = expect(await call('GET', study(orgs.v, id, '/model'), 'verifier'), 200);
        assert.equal((model.current as { changed: boolean }).changed, true);
        const refused = await call('POST', study(orgs.v, id, '/verify'), 'verifier', {});
        expect(refused, 409, 'INPUTS_CHANGED');
        assert.match(
          String(refused.body.message),
          /the model has changed since its result .* was calculated .* calculate the model again and submit the new result/,
        );
        assert.equal((refused.body.details as { resultId: string }).resultId, resultId);
        const after = expect(await call('GET', study(orgs.p, id), 'viewer'), 200);
        assert.deepEqual([after.state, after.frozenInputsHash], ['in-verification', null]);
        // a draft cannot be submitted with the old result either
        const stale = await newStudy();
        expect(
          await call('POST', study(orgs.p, String(stale.id), '/submit'), 'editor', {}),
          409,
          'INPUTS_CHANGED',
        );
      } finally {
        await saveModel(bracketModel());
      }
      // The background version is an input too: unlinked, the model no longer gives the result.
      await relink(null);
      try {
        const refused = await call('POST', study(orgs.v, id, '/verify'), 'verifier', {});
        expect(refused, 409, 'INPUTS_CHANGED');
      } finally {
        await relink(starterId);
      }
      // as it was: verifiable again
      expect(await call('POST', study(orgs.v, id, '/verify'), 'verifier', {}), 200);
    });

    it('the verified version is frozen in the database too: what the study states and reports cannot change once verified', async () => {
      const id = await verifiedStudy();
      const before = expect(await call('GET', study(orgs.p, id), 'viewer'), 200);
      for (const change of [
        { declarations: JSON.stringify({}) },
        { rule_set_id: 'pas-2050-2011' },
        { boundary: 'cradle-to-grave' as const },
        { result_id: null, inputs_hash: null },
        { frozen_inputs_hash: 'sha256:0' },
      ])
        await assert.rejects(
          harness.withStore((store) =>
            store.db.updateTable('studies').set(change).where('id', '=', id).execute(),
          ),
          /is frozen: its verified version/,
          JSON.stringify(change),
        );
      // The workflow moves on: published, then withdrawn.
      expect(await call('POST', study(orgs.p, id, '/publish'), 'editor'), 200);
      expect(await call('POST', study(orgs.p, id, '/withdraw'), 'editor', { reason: 'replaced' }), 200);
      const after = expect(await call('GET', study(orgs.p, id), 'viewer'), 200);
      assert.deepEqual(
        [after.declarations, after.ruleSetId, after.boundary, after.resultId, after.frozenInputsHash],
        [before.declarations, before.ruleSetId, before.boundary, before.resultId, before.frozenInputsHash],
      );
    });

    it('the accounting choices are stored with each study, only as choices there are, and carried to its successor', async () => {
      const choices = {
        ...COMPLETE_DECLARATIONS.choices,
        allocation: { method: 'physical', justification: 'by the mass of the co-products' },
        electricity: { accounting: 'market-based', statement: 'green certificates for the plant, 2024' },
        endOfLife: { approach: 'avoided-burden', statement: 'aluminium recycled at 90 %' },
      };
      const created = await newStudy({
        declarations: { ...COMPLETE_DECLARATIONS, choices },
        selfDeclared: true,
      });
      const id = String(created.id);
      const read = expect(await call('GET', study(orgs.p, id), 'viewer'), 200);
      assert.deepEqual((read.declarations as { choices: unknown }).choices, choices);
      for (const [field, value] of [
        ['electricity', { accounting: 'green' }],
        ['allocation', { method: 'mass' }],
        ['endOfLife', { approach: 'landfill' }],
      ] as const) {
        const refused = await call('POST', `/v1/orgs/${orgs.p}/studies`, 'editor', {
          modelId,
          title: 'x',
          ruleSetId: 'iso-14067-2018',
          boundary: 'cradle-to-gate',
          productType: 'intermediate',
          declarations: { choices: { [field]: value } },
        });
        expect(refused, 400, 'VALIDATION_FAILED');
        const issues = (refused.body.details as { issues: { path: (string | number)[] }[] }).issues;
        assert.deepEqual(issues[0].path.slice(0, 3), ['declarations', 'choices', field], refused.text);
      }
      // changed while a draft; the change is in the history
      const changed = { ...choices, electricity: { accounting: 'location-based' } };
      const patched = expect(
        await call(
          'PATCH',
          study(orgs.p, id),
          'editor',
          { declarations: { ...COMPLETE_DECLARATIONS, choices: changed } },
          { 'if-match': `"${String(read.version)}"` },
        ),
        200,
      );
      assert.deepEqual((patched.declarations as { choices: unknown }).choices, changed);
      // the report states them
      const html = await fetch(`${harness.url}${study(orgs.p, id, '/report')}`, {
        headers: { authorization: `Bearer ${people.viewer.token}` },
      });
      const text = await html.text();
      assert.equal(html.status, 200, text);
      for (const said of [
        'physical relationship',
        'by the mass of the co-products',
        'location-based',
        'avoided burden',
      ])
        assert.ok(text.includes(said), said);
      // published, its successor states the same choices
      expect(await call('POST', study(orgs.p, id, '/submit'), 'editor', {}), 200);
      expect(await call('POST', study(orgs.p, id, '/publish'), 'editor'), 200);
      const successor = expect(await call('POST', study(orgs.p, id, '/supersede'), 'editor', {}), 201);
      assert.deepEqual((successor.declarations as { choices: unknown }).choices, changed);
      const history = (
        expect(await call('GET', study(orgs.p, id), 'viewer'), 200) as { history: StudyHistoryEvent[] }
      ).history;
      const update = history.find((h) => h.action === 'update');
      assert.deepEqual([update?.actorName, update?.details.fields], ['editor name', ['declarations']]);
    });

    it('a rejection and a change are in the history too, with who, when and why; the study is submitted again', async () => {
      const s = await newStudy();
      const id = String(s.id);
      await invite(id);
      expect(await call('POST', study(orgs.p, id, '/submit'), 'editor', {}), 200);
      expect(await call('POST', study(orgs.v, id, '/start-verification'), 'verifier'), 200);
      const rejected = expect(
        await call('POST', study(orgs.v, id, '/reject'), 'verifier', {
          reason: 'The cut-off is not justified.',
        }),
        200,
      );
      assert.equal(rejected.state, 'rejected');
      expect(
        await call(
          'PATCH',
          study(orgs.p, id),
          'editor',
          { title: 'Aluminium bracket B-20, cut-off justified' },
          { 'if-match': `"${String(rejected.version)}"` },
        ),
        200,
      );
      expect(await call('POST', study(orgs.p, id, '/submit'), 'editor', {}), 200);
      const history = (
        expect(await call('GET', study(orgs.v, id), 'verifier'), 200) as { history: StudyHistoryEvent[] }
      ).history;
      assert.deepEqual(
        history.slice(-4).map((h) => [h.action, h.from, h.to, h.actorName]),
        [
          ['start-verification', 'submitted', 'in-verification', 'verifier name'],
          ['reject', 'in-verification', 'rejected', 'verifier name'],
          ['update', 'rejected', 'rejected', 'editor name'],
          ['submit', 'rejected', 'submitted', 'editor name'],
        ],
      );
      const reject = history.find((h) => h.action === 'reject');
      assert.deepEqual(
        [reject?.actorId, reject?.actorOrganisationId, reject?.details.reason],
        [people.verifier.id, orgs.v, 'The cut-off is not justified.'],
      );
      // when: in order, and not in the future
      const times = history.map((h) => Date.parse(h.at));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => a - b),
      );
      assert.ok(times.every((t) => t <= Date.now()));
    });

    it('a result per another unit than the study declares is not submitted: 422 naming both units, nothing changes', async () => {
      const s = await newStudy({ declaredUnit: { amount: 1000, unit: 'g' } });
      const id = String(s.id);
      const refused = await call('POST', study(orgs.p, id, '/submit'), 'editor', {});
      expect(refused, 422, 'INVALID_REFERENCE');
      assert.match(String(refused.body.message), /declares its footprint per 1000 g/);
      const details = refused.body.details as {
        resultDeclaredUnit: { unit: string };
        studyDeclaredUnit: object;
      };
      assert.deepEqual(details.studyDeclaredUnit, { amount: 1000, unit: 'g' });
      assert.notEqual(details.resultDeclaredUnit.unit, 'g');
      const after = expect(await call('GET', study(orgs.p, id), 'editor'), 200);
      assert.equal(after.state, 'draft');
    });

    it('a product or a model a study refers to is not deleted: 409 CONFLICT naming the studies, and nothing is deleted', async () => {
      const s = await newStudy({ title: 'Kept by its study' });
      const model = await call('DELETE', `/v1/orgs/${orgs.p}/models/${modelId}`, 'editor');
      expect(model, 409, 'CONFLICT');
      assert.match(
        String(model.body.message),
        new RegExp(
          `the product model '${modelId}' cannot be deleted: \\d+ studies refer to it — .*'Kept by its study' \\(draft, ${String(s.id)}\\)`,
        ),
      );
      const details = model.body.details as {
        reason: string;
        studies: { id: string; title: string; state: string }[];
      };
      assert.equal(details.reason, 'referred-to-by-studies');
      assert.deepEqual(
        details.studies.find((x) => x.id === s.id),
        { id: s.id, title: 'Kept by its study', state: 'draft' },
      );
      const product = await call('DELETE', `/v1/orgs/${orgs.p}/products/${productId}`, 'editor');
      expect(product, 409, 'CONFLICT');
      assert.match(
        String(product.body.message),
        new RegExp(`the product '${productId}' cannot be deleted: .*'Kept by its study'`),
      );
      assert.ok((product.body.details as typeof details).studies.some((x) => x.id === s.id));
      // nothing was deleted: the model, its result, the product and the study are there
      expect(await call('GET', `/v1/orgs/${orgs.p}/models/${modelId}`, 'viewer'), 200);
      expect(await call('GET', `/v1/orgs/${orgs.p}/calculations/${resultId}`, 'viewer'), 200);
      expect(await call('GET', `/v1/orgs/${orgs.p}/products/${productId}`, 'viewer'), 200);
      expect(await call('GET', study(orgs.p, String(s.id)), 'viewer'), 200);
      // a model of the product that no study names is deleted as before, with its results
      const spare = expect(
        await call('POST', `/v1/orgs/${orgs.p}/models`, 'editor', {
          productId,
          name: 'Spare',
          model: bracketModel(),
        }),
        201,
      );
      expect(await call('DELETE', `/v1/orgs/${orgs.p}/models/${String(spare.id)}`, 'editor'), 204);
      expect(await call('GET', `/v1/orgs/${orgs.p}/models/${String(spare.id)}`, 'viewer'), 404, 'NOT_FOUND');
    });

    it('the study report over HTTP: HTML and PDF, English and Chinese, for the practitioner and its invited verifier, with the result’s analyses and the study’s record', async () => {
      const s = await newStudy({
        declarations: {
          ...COMPLETE_DECLARATIONS,
          goalAndScope: {
            goal: { en: 'Tell customers the footprint of the bracket', zh: '向客户说明支架的碳足迹' },
            intendedApplication: 'Business-to-business disclosure',
            audience: { en: 'Customers', zh: '客户' },
            comparisonsIntended: false,
            limitations: ['Illustrative amounts'],
          },
        },
      });
      const id = String(s.id);
      const report = (who: Person, org: string, query = '', headers: Record<string, string> = {}) =>
        fetch(`${harness.url}${study(org, id, '/report')}${query}`, {
          headers: { authorization: `Bearer ${people[who].token}`, ...headers },
        });
      await invite(id);
      expect(await call('POST', study(orgs.p, id, '/submit'), 'editor', {}), 200);
      expect(await call('POST', study(orgs.v, id, '/start-verification'), 'verifier'), 200);
      expect(
        await call('POST', study(orgs.v, id, '/verify'), 'verifier', { note: 'Checked the Jiangsu factor.' }),
        200,
      );
      const verified = expect(await call('GET', study(orgs.p, id), 'viewer'), 200);

      const first = await report('viewer', orgs.p);
      const html = await first.text();
      assert.equal(first.status, 200, html);
      assert.equal(first.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(
        first.headers.get('content-disposition'),
        `attachment; filename="aluminium-bracket-b-20-report-en.html"; filename*=UTF-8''Aluminium%20bracket%20B-20-report-en.html`,
      );
      assert.equal(first.headers.get('cache-control'), 'private, no-cache');
      assert.equal(
        first.headers.get('content-security-policy'),
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        'opened where it is, its inline styles apply and nothing else loads',
      );
      const etag = first.headers.get('etag') ?? '';
      assert.match(etag, /^"[\w-]+"$/);
      assert.ok(html.startsWith('<!doctype html>'));
      for (const said of [
        'Aluminium bracket B-20',
        'Tell customers the footprint of the bracket',
        'Business-to-business disclosure',
        'Illustrative amounts',
        'Verify Ltd (verifier name)',
        'Checked the Jiangsu factor.',
        String(verified.frozenInputsHash),
        'Study record on the platform',
        'verification started',
        'none run for this result',
      ])
        assert.ok(html.includes(said), said);
      const unchanged = await report('viewer', orgs.p, '', { 'if-none-match': etag });
      assert.deepEqual([unchanged.status, await unchanged.text()], [304, '']);

      // the result's analyses, run after the fact: the report shows them, and its ETag changes
      const queued: string[] = [];
      for (const body of [
        { kind: 'monte-carlo', iterations: 50, seed: 1 },
        { kind: 'sensitivity' },
        { kind: 'method-choices' },
      ])
        queued.push(
          String(
            expect(await call('POST', `/v1/orgs/${orgs.p}/models/${modelId}/jobs`, 'editor', body), 202).id,
          ),
        );
      await runModelJobs(harness, orgs.p, queued);
      const withAnalyses = await report('viewer', orgs.p);
      const analysed = await withAnalyses.text();
      assert.notEqual(withAnalyses.headers.get('etag'), etag);
      for (const jobId of queued) assert.ok(analysed.includes(jobId), `job ${jobId}`);
      for (const said of ['Electricity accounting', 'market-based']) assert.ok(analysed.includes(said), said);
      assert.ok(!analysed.includes('none run for this result'));

      // in Chinese, for the verifier through its own organisation's path
      const zh = await report('verifier', orgs.v, '?language=zh-CN');
      const chinese = await zh.text();
      assert.equal(zh.status, 200, chinese);
      for (const said of ['平台上的研究记录', '核查通过', '向客户说明支架的碳足迹', '电力核算', '铝支架'])
        assert.ok(chinese.includes(said), said);
      assert.match(
        zh.headers.get('content-disposition') ?? '',
        /filename="aluminium-bracket-b-20-report-zh-CN\.html"/,
      );

      // PDF: the same bytes twice (dated by the study's last change), another ETag than the HTML's
      const pdfs = [];
      for (let i = 0; i < 2; i++) {
        const pdf = await report('verifier', orgs.v, '?language=zh-CN&format=pdf');
        assert.equal(pdf.status, 200);
        assert.equal(pdf.headers.get('content-type'), 'application/pdf');
        assert.match(
          pdf.headers.get('content-disposition') ?? '',
          /filename="aluminium-bracket-b-20-report-zh-CN\.pdf"/,
        );
        pdfs.push({ etag: pdf.headers.get('etag'), bytes: Buffer.from(await pdf.arrayBuffer()) });
      }
      assert.equal(pdfs[0].bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.ok(pdfs[0].bytes.equals(pdfs[1].bytes), 'the same report gives the same bytes');
      assert.equal(pdfs[0].etag, pdfs[1].etag);
      assert.notEqual(pdfs[0].etag, zh.headers.get('etag'));
      const cached = await report('verifier', orgs.v, '?language=zh-CN&format=pdf', {
        'if-none-match': String(pdfs[0].etag),
      });
      assert.equal(cached.status, 304);

      // 400 for what the query does not take; 404 for those who may not see it, and before a result is named
      for (const query of ['?language=fr', '?format=docx'])
        expect(await call('GET', study(orgs.p, id, `/report${query}`), 'viewer'), 400, 'VALIDATION_FAILED');
      expect(await call('GET', study(orgs.v, id, '/report'), 'verifierViewer'), 404, 'NOT_FOUND');
      expect(await call('GET', study(orgs.s, id, '/report'), 'stranger'), 404, 'NOT_FOUND');
      const draft = await newStudy({ resultId: null });
      const none = await call('GET', study(orgs.p, String(draft.id), '/report'), 'viewer');
      expect(none, 404, 'NOT_FOUND');
      assert.match(String(none.body.message), /names no calculation result yet/);
    });

    it('the verifier’s organisation is read-only: every practitioner write is 403, its viewers and other organisations get 404', async () => {
      const s = await newStudy();
      const id = String(s.id);
      await invite(id);
      const version = Number(s.version) + 1;
      const writes: [string, string, unknown][] = [
        ['PATCH', '', { title: 'taken over', version }],
        ['POST', '/submit', {}],
        ['POST', '/invite-verifier', { verifier: { organisation: orgs.v, email: people.verifier.email } }],
        ['POST', '/publish', undefined],
        ['POST', '/withdraw', { reason: 'mine now' }],
        ['POST', '/supersede', {}],
      ];
      for (const who of ['verifier', 'verifier2', 'verifierEditor'] as Person[])
        for (const [method, rest, body] of writes) {
          const answer = await call(method, study(orgs.v, id, rest), who, body);
          expect(answer, 403, 'FORBIDDEN');
        }
      expect(await call('POST', study(orgs.p, id, '/submit'), 'editor', {}), 200);
      expect(await call('POST', study(orgs.v, id, '/start-verification'), 'verifier'), 200);
      const raised = expect(
        await call('POST', study(orgs.v, id, '/findings'), 'verifier', {
          itemPath: '',
          text: 'The study as a whole.',
        }),
        201,
      ) as { finding: { id: string } };
      expect(
        await call('POST', study(orgs.v, id, `/findings/${raised.finding.id}/answers`), 'verifierEditor', {
          text: 'x',
        }),
        403,
        'FORBIDDEN',
      );
      // only the invited user acts for the verifier; the practitioner cannot verify its own study
      const byOther = await call('POST', study(orgs.v, id, '/reject'), 'verifier2', { reason: 'no' });
      expect(byOther, 403, 'FORBIDDEN');
      assert.match(String(byOther.body.message), /only the user invited as verifier \(verifier name\)/);
      expect(await call('POST', study(orgs.p, id, '/reject'), 'editor', { reason: 'no' }), 403, 'FORBIDDEN');
      expect(
        await call('POST', study(orgs.p, id, '/findings'), 'editor', { itemPath: '', text: 'x' }),
        403,
        'FORBIDDEN',
      );
      // the verifier organisation's viewer sees nothing (its clients' models are for its verifiers)
      for (const rest of ['', '/findings', '/model', '/result', '/compliance'])
        expect(await call('GET', study(orgs.v, id, rest), 'verifierViewer'), 404, 'NOT_FOUND');
      // nor does another organisation, through its own path
      for (const rest of ['', '/findings', '/model', '/result', '/compliance'])
        expect(await call('GET', study(orgs.s, id, rest), 'stranger'), 404, 'NOT_FOUND');
      const state = expect(await call('GET', study(orgs.p, id), 'viewer'), 200);
      assert.deepEqual([state.state, state.title], ['findings-raised', 'Aluminium bracket B-20']);
    });

    /** A body each study route accepts, so that only the study's visibility decides the answer. */
    const validBody = (method: string, path: string): unknown => {
      if (method === 'GET') return undefined;
      if (method === 'PATCH') return { title: 'taken' };
      const last = path.split('/').at(-1);
      const bodies: Record<string, unknown> = {
        findings: { itemPath: '', text: 'x' },
        answers: { text: 'x' },
        reject: { reason: 'x' },
        withdraw: { reason: 'x' },
        'invite-verifier': { verifier: { organisation: orgs.v, email: people.verifier.email } },
        submit: {},
        verify: {},
        certify: {},
        supersede: {},
      };
      return bodies[last ?? ''];
    };

    it('every study route is 404 to an organisation that takes no part, through its own path, and changes nothing', async () => {
      const published = await verifiedStudy();
      const s = await newStudy();
      const id = String(s.id);
      await invite(id);
      expect(await call('POST', study(orgs.p, id, '/submit'), 'editor', {}), 200);
      expect(await call('POST', study(orgs.v, id, '/start-verification'), 'verifier'), 200);
      const raised = expect(
        await call('POST', study(orgs.v, id, '/findings'), 'verifier', { itemPath: '', text: 'Q' }),
        201,
      ) as { finding: { id: string } };
      const doc = expect(await call('GET', '/openapi.json'), 200) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const routes = Object.entries(doc.paths)
        .filter(([path]) => path.startsWith('/v1/orgs/{orgId}/studies/{id}'))
        .flatMap(([path, methods]) =>
          Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
        );
      assert.ok(routes.length >= 17, `${routes.length} study routes`);
      for (const target of [id, published])
        for (const { method, path } of routes) {
          const concrete = path
            .replace('{orgId}', orgs.s)
            .replace('{id}', target)
            .replace('{findingId}', raised.finding.id);
          const answer = await call(method, concrete, 'stranger', validBody(method, path), {
            'if-match': '"1"',
          });
          expect(answer, 404, 'NOT_FOUND');
        }
      const after = expect(await call('GET', study(orgs.p, id), 'viewer'), 200);
      assert.equal(after.state, 'findings-raised');
      assert.deepEqual(after.findings, { open: 1, answered: 0, closed: 0 });
    });

    it('transitions the state does not allow are 409 ILLEGAL_TRANSITION with the action, state and allowed states', async () => {
      const s = await newStudy({ resultId: null });
      const id = String(s.id);
      const noResult = await call('POST', study(orgs.p, id, '/submit'), 'editor', {});
      expect(noResult, 409, 'ILLEGAL_TRANSITION');
      assert.match(String(noResult.body.message), /name the calculation result/);
      const early = await call('POST', study(orgs.p, id, '/publish'), 'editor');
      expect(early, 409, 'ILLEGAL_TRANSITION');
      assert.deepEqual(early.body.details, {
        action: 'publish',
        state: 'draft',
        allowedFrom: ['submitted', 'verified', 'certified'],
      });
      expect(await call('POST', study(orgs.p, id, '/supersede'), 'editor', {}), 409, 'ILLEGAL_TRANSITION');
      const submitted = expect(await call('POST', study(orgs.p, id, '/submit'), 'editor', { resultId }), 200);
      const edit = await call(
        'PATCH',
        study(orgs.p, id),
        'editor',
        { title: 'late' },
        {
          'if-match': `"${String(submitted.version)}"`,
        },
      );
      expect(edit, 409, 'ILLEGAL_TRANSITION');
      const uninvited = await call('POST', study(orgs.p, id, '/publish'), 'editor');
      expect(uninvited, 409, 'ILLEGAL_TRANSITION');
      assert.match(String(uninvited.body.message), /must be verified first \(or be self-declared\)/);
      // withdrawn is final
      expect(await call('POST', study(orgs.p, id, '/withdraw'), 'editor', { reason: 'not needed' }), 200);
      expect(
        await call('POST', study(orgs.p, id, '/withdraw'), 'editor', { reason: 'again' }),
        409,
        'ILLEGAL_TRANSITION',
      );
      // a reason is required
      expect(await call('POST', study(orgs.p, id, '/withdraw'), 'editor', {}), 400, 'VALIDATION_FAILED');
      // PATCH needs the version
      const draft = await newStudy();
      expect(
        await call('PATCH', study(orgs.p, String(draft.id)), 'editor', { title: 'x' }),
        428,
        'PRECONDITION_REQUIRED',
      );
      const renamed = expect(
        await call(
          'PATCH',
          study(orgs.p, String(draft.id)),
          'editor',
          { title: 'Renamed' },
          { 'if-match': `"${String(draft.version)}"` },
        ),
        200,
      );
      assert.equal(renamed.title, 'Renamed');
      expect(
        await call(
          'PATCH',
          study(orgs.p, String(draft.id)),
          'editor',
          { title: 'Stale' },
          { 'if-match': `"${String(draft.version)}"` },
        ),
        409,
        'VERSION_CONFLICT',
      );
      // the viewer reads only
      expect(
        await call('POST', `/v1/orgs/${orgs.p}/studies`, 'viewer', {
          modelId,
          title: 'x',
          ruleSetId: 'iso-14067-2018',
          boundary: 'cradle-to-gate',
          productType: 'final',
        }),
        403,
        'FORBIDDEN',
      );
      expect(
        await call('POST', `/v1/orgs/${orgs.p}/studies`, 'editor', {
          modelId,
          title: 'x',
          ruleSetId: 'no-such-rules',
          boundary: 'cradle-to-gate',
          productType: 'final',
        }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('publication is refused while mandatory requirements are not met: 422 PUBLICATION_BLOCKED with each one and its fix, nothing published', async () => {
      const incomplete = { ...COMPLETE_DECLARATIONS, dataQuality: undefined, sensitivity: undefined };
      const id = await verifiedStudy({
        productType: 'final',
        functionalUnit: null,
        declarations: incomplete,
      });
      const check = expect(await call('GET', study(orgs.v, id, '/compliance'), 'verifier'), 200);
      assert.equal(check.blocksPublication, true);
      const refused = await call('POST', study(orgs.p, id, '/publish'), 'editor');
      expect(refused, 422, 'PUBLICATION_BLOCKED');
      const unmet = (refused.body.details as { unmet: { requirementId: string; fix?: string }[] }).unmet;
      assert.deepEqual(
        unmet.map((u) => u.requirementId).sort(),
        (check.unmet as { requirementId: string }[]).map((u) => u.requirementId).sort(),
      );
      for (const expected of [
        'iso-14067-2018.boundary',
        'iso-14067-2018.unit',
        'iso-14067-2018.data-quality',
      ])
        assert.ok(
          unmet.some((u) => u.requirementId === expected),
          expected,
        );
      assert.ok(
        unmet.every((u) => typeof u.fix === 'string' && u.fix.length > 0),
        'each says what to fix',
      );
      assert.match(
        String(refused.body.message),
        /does not meet \d+ mandatory requirement\(s\) of iso-14067-2018/,
      );
      const after = expect(await call('GET', study(orgs.p, id), 'viewer'), 200);
      assert.deepEqual([after.state, after.statementId], ['verified', null]);
      const keys = expect(await call('GET', `/v1/orgs/${orgs.p}/signing-keys`, 'viewer'), 200) as {
        keys: unknown[];
      };
      const before = keys.keys.length;
      // fixed: the same study publishes (a rejected study is changed and submitted again; here a new one)
      const fixed = await verifiedStudy();
      expect(await call('POST', study(orgs.p, fixed, '/publish'), 'editor'), 200);
      const keysAfter = expect(await call('GET', `/v1/orgs/${orgs.p}/signing-keys`, 'viewer'), 200) as {
        keys: unknown[];
      };
      assert.equal(keysAfter.keys.length, Math.max(before, 1), 'one key signs them all');
    });

    it('self-declared: published without a third party and labelled so in every answer that shows it', async () => {
      const label = { mode: 'self-declared', label: VERIFICATION_LABELS['self-declared'] };
      const created = await newStudy({ selfDeclared: true });
      const id = String(created.id);
      assert.deepEqual(created.verification, label);
      expect(
        await call('POST', study(orgs.p, id, '/invite-verifier'), 'editor', {
          verifier: { organisation: orgs.v, email: people.verifier.email },
        }),
        409,
        'ILLEGAL_TRANSITION',
      );
      const submitted = expect(await call('POST', study(orgs.p, id, '/submit'), 'editor', {}), 200);
      assert.deepEqual(submitted.verification, label);
      const listed = expect(await call('GET', `/v1/orgs/${orgs.p}/studies`, 'viewer'), 200) as {
        studies: { id: string; verification: unknown }[];
      };
      assert.deepEqual(listed.studies.find((s) => s.id === id)?.verification, label);
      for (const rest of ['/model', '/result', '/compliance'])
        assert.deepEqual(
          expect(await call('GET', study(orgs.p, id, rest), 'viewer'), 200).verification,
          label,
          rest,
        );
      const published = expect(await call('POST', study(orgs.p, id, '/publish'), 'editor'), 200);
      assert.deepEqual([published.state, published.verification], ['published', label]);
      assert.deepEqual(expect(await call('GET', study(orgs.p, id), 'viewer'), 200).verification, label);
      const statement = expect(await call('GET', String(published.statementUrl)), 200);
      assert.deepEqual([statement.selfDeclared, statement.verification], [true, label]);
      const credential = statement.credential as StatementPayload;
      assert.deepEqual(credential.credentialSubject.verification, {
        mode: 'self-declared',
        label: VERIFICATION_LABELS['self-declared'],
      });
      assert.ok(verifyStatement(String(statement.jws), await jwks()).valid);
    });

    const credential0 = (statement: Record<string, unknown>) => statement.credential as StatementPayload;

    it('certification, supersession and withdrawal show on the public statement and in the public registry; drafts are never public', async () => {
      const versionsBefore = await (async () => {
        const answer = await call('GET', `/v1/public/registry/products/${productId}`);
        return answer.status === 404
          ? []
          : (expect(answer, 200).versions as { statementId: string }[]).map((v) => v.statementId);
      })();
      const s = await newStudy();
      const id = String(s.id);
      await invite(id, true);
      expect(await call('POST', study(orgs.p, id, '/submit'), 'editor', {}), 200);
      expect(await call('POST', study(orgs.v, id, '/start-verification'), 'verifier'), 200);
      expect(await call('POST', study(orgs.v, id, '/verify'), 'verifier', {}), 200);
      expect(await call('POST', study(orgs.p, id, '/publish'), 'editor'), 409, 'ILLEGAL_TRANSITION');
      expect(await call('POST', study(orgs.v, id, '/certify'), 'verifier', {}), 403, 'FORBIDDEN');
      const certified = expect(
        await call('POST', study(orgs.c, id, '/certify'), 'certifier', { note: 'OK' }),
        200,
      );
      assert.deepEqual([certified.state, certified.relation], ['certified', 'certification-body']);
      // Before publication the registry has nothing of the study, whatever its state: the product's versions (of
      // earlier studies) are as they were before it was submitted.
      const productKey = productId;
      const versionsNow = async () => {
        const answer = await call('GET', `/v1/public/registry/products/${productKey}`);
        return answer.status === 404
          ? []
          : (expect(answer, 200).versions as { statementId: string }[]).map((v) => v.statementId);
      };
      assert.deepEqual(await versionsNow(), versionsBefore, 'nothing of a certified, unpublished study');
      const first = expect(await call('POST', study(orgs.p, id, '/publish'), 'editor'), 200);
      const firstStatement = expect(await call('GET', String(first.statementUrl)), 200);
      assert.equal((firstStatement.verification as { mode: string }).mode, 'certified');
      // Published: in the public registry, as signed — the statement's own values and JWS, no model detail.
      const listed = expect(await call('GET', `/v1/public/registry/products/${productKey}`), 200);
      const current = listed.current as Record<string, unknown>;
      assert.equal(current.statementId, first.statementId);
      assert.equal(current.statementJws, firstStatement.jws);
      assert.deepEqual(current.footprint, {
        total: credential0(firstStatement).credentialSubject.footprint.total,
        unit: 'kg CO2e',
        declaredUnit: credential0(firstStatement).credentialSubject.declaredUnit,
      });
      assert.equal((current.verification as { mode: string }).mode, 'certified');
      assert.deepEqual(Object.keys(current.detail as object).sort(), [
        'biogenicApproach',
        'byGas',
        'byStage',
        'dataQuality',
        'functionalUnit',
        'gwpSet',
        'productType',
        'split',
        'stageScheme',
      ]);
      assert.doesNotMatch(JSON.stringify(listed), /byProcess|contributions|"processes"|"inputs"/);
      const credential = firstStatement.credential as StatementPayload;
      assert.equal(credential.credentialSubject.verification.mode, 'certified');
      // its successor
      const successor = expect(
        await call('POST', study(orgs.p, id, '/supersede'), 'editor', { title: 'B-20, 2026' }),
        201,
      );
      assert.deepEqual([successor.state, successor.supersedes, successor.title], ['draft', id, 'B-20, 2026']);
      expect(await call('POST', study(orgs.p, id, '/supersede'), 'editor', {}), 409, 'CONFLICT');
      const sid = String(successor.id);
      // a successor names the result it reports (here the same: the model is as it was)
      expect(await call('POST', study(orgs.p, sid, '/submit'), 'editor', {}), 409, 'ILLEGAL_TRANSITION');
      expect(await call('POST', study(orgs.p, sid, '/submit'), 'editor', { resultId }), 200);
      expect(await call('POST', study(orgs.v, sid, '/start-verification'), 'verifier'), 200);
      expect(await call('POST', study(orgs.v, sid, '/verify'), 'verifier', {}), 200);
      expect(await call('POST', study(orgs.c, sid, '/certify'), 'certifier', {}), 200);
      const second = expect(await call('POST', study(orgs.p, sid, '/publish'), 'editor'), 200);
      const superseded = expect(await call('GET', String(first.statementUrl)), 200);
      assert.deepEqual([superseded.status, superseded.supersededBy], ['superseded', second.statementId]);
      const newer = expect(await call('GET', String(second.statementUrl)), 200);
      assert.equal(newer.supersedes, first.statementId);
      assert.equal(
        (newer.credential as StatementPayload).credentialSubject.study.supersedes,
        first.statementId,
      );
      // withdrawn: still readable, marked, and the signature still verifies
      expect(
        await call('POST', study(orgs.p, sid, '/withdraw'), 'editor', { reason: 'bracket discontinued' }),
        200,
      );
      const withdrawn = expect(await call('GET', String(second.statementUrl)), 200);
      assert.equal(withdrawn.status, 'withdrawn');
      // The registry keeps both versions: the first superseded by the second, the second withdrawn with its reason.
      const history = expect(await call('GET', `/v1/public/registry/products/${productKey}`), 200);
      assert.deepEqual(
        (history.versions as { statementId: string; status: string; statusReason: string | null }[])
          .filter((v) => v.statementId === first.statementId || v.statementId === second.statementId)
          .map((v) => [v.statementId, v.status, v.statusReason]),
        [
          [second.statementId, 'withdrawn', 'bracket discontinued'],
          [first.statementId, 'superseded', null],
        ],
      );
      assert.ok(typeof withdrawn.withdrawnAt === 'string');
      assert.ok(verifyStatement(String(withdrawn.jws), await jwks()).valid);
      // a draft's id, a study id, nothing: 404 alike
      for (const missing of [sid, randomUUID(), 'x'])
        expect(await call('GET', `/v1/public/statements/${missing}`), 404, 'NOT_FOUND');
    });

    it('keys: every organisation’s keys at /.well-known/jwks.json; the owner rotates; old statements still verify, new ones use the new key', async () => {
      const id = await verifiedStudy();
      const before = expect(await call('POST', study(orgs.p, id, '/publish'), 'editor'), 200);
      const oldStatement = expect(await call('GET', String(before.statementUrl)), 200);
      const oldKid = verifyStatement(String(oldStatement.jws), await jwks()).key?.kid;
      assert.ok(oldKid);
      expect(await call('POST', `/v1/orgs/${orgs.p}/signing-keys`, 'editor'), 403, 'FORBIDDEN');
      const rotated = expect(await call('POST', `/v1/orgs/${orgs.p}/signing-keys`, 'owner'), 201) as {
        key: { kid: string; active: boolean };
        retired: { kid: string; active: boolean; validUntil: string };
      };
      assert.deepEqual(
        [rotated.retired.kid, rotated.retired.active, rotated.key.active],
        [oldKid, false, true],
      );
      const set = await jwks();
      const old = set.keys.find((k) => k.kid === oldKid);
      assert.deepEqual(
        [old?.kty, old?.crv, old?.alg, old?.org, typeof old?.x, old?.validUntil],
        ['OKP', 'Ed25519', 'EdDSA', orgs.p, 'string', rotated.retired.validUntil],
      );
      assert.ok(
        verifyStatement(String(oldStatement.jws), set).valid,
        'a retired key verifies what it signed',
      );
      const next = await verifiedStudy();
      const after = expect(await call('POST', study(orgs.p, next, '/publish'), 'editor'), 200);
      const newStatement = expect(await call('GET', String(after.statementUrl)), 200);
      const outcome = verifyStatement(String(newStatement.jws), await jwks());
      assert.deepEqual([outcome.valid, outcome.key?.kid], [true, rotated.key.kid]);
      const listed = expect(await call('GET', `/v1/orgs/${orgs.p}/signing-keys`, 'viewer'), 200) as {
        keys: { kid: string; active: boolean }[];
        jwks: string;
      };
      assert.deepEqual(listed.keys[0], { ...listed.keys[0], kid: rotated.key.kid, active: true });
      assert.match(listed.jwks, /\/\.well-known\/jwks\.json$/);
      // the organisation routes of keys are the organisation's
      expect(await call('GET', `/v1/orgs/${orgs.p}/signing-keys`, 'stranger'), 404, 'NOT_FOUND');
    });

    it('revocation: the owner revokes a key; it leaves the key set, shows as revoked with when, what it signed no longer verifies, and the next publication signs with a new key', async () => {
      const id = await verifiedStudy();
      const published = expect(await call('POST', study(orgs.p, id, '/publish'), 'editor'), 200);
      const statement = expect(await call('GET', String(published.statementUrl)), 200);
      const jws = String(statement.jws);
      const kid = verifyStatement(jws, await jwks()).key?.kid as string;
      assert.ok(kid);
      const revoke = (who: Person, body: unknown, org = orgs.p, key = kid) =>
        call('POST', `/v1/orgs/${org}/signing-keys/${key}/revoke`, who, body);
      expect(await revoke('editor', { reason: 'x' }), 403, 'FORBIDDEN');
      expect(await revoke('owner', {}), 400, 'VALIDATION_FAILED');
      expect(await revoke('owner', { reason: '   ' }), 400, 'VALIDATION_FAILED');
      expect(await revoke('owner', { reason: 'x' }, orgs.p, 'no-such-key'), 404, 'NOT_FOUND');
      // another organisation's owner, through its own path, does not reach P's key
      expect(await revoke('stranger', { reason: 'x' }, orgs.s), 404, 'NOT_FOUND');
      assert.ok(
        (await jwks()).keys.some((k) => k.kid === kid),
        'not revoked by any of these',
      );

      const revoked = expect(
        await revoke('owner', { reason: 'a backup of the server was stolen' }),
        200,
      ) as Record<string, unknown>;
      assert.deepEqual(
        [revoked.kid, revoked.status, revoked.active, revoked.revocationReason],
        [kid, 'revoked', false, 'a backup of the server was stolen'],
      );
      const revokedAt = String(revoked.revokedAt);
      assert.ok(!Number.isNaN(Date.parse(revokedAt)));
      assert.equal(revoked.validUntil, revokedAt, 'the active key was retired when revoked');
      const again = await revoke('owner', { reason: 'again' });
      expect(again, 409, 'CONFLICT');
      assert.match(String(again.body.message), /was revoked already/);

      // Published as revoked: out of the key set, revoked at the key status route, by the issuer, on the statement.
      const set = await jwks();
      assert.ok(!set.keys.some((k) => k.kid === kid), 'a revoked key is not in the key set');
      const status = expect(await call('GET', `/v1/public/signing-keys/${kid}`), 200) as {
        status: string;
        organisationId: string;
        revokedAt: string;
        jwk: Jwks['keys'][number];
      };
      assert.deepEqual(
        [status.status, status.organisationId, status.revokedAt, status.jwk.revokedAt, status.jwk.kid],
        ['revoked', orgs.p, revokedAt, revokedAt, kid],
      );
      expect(await call('GET', '/v1/public/signing-keys/no-such-key'), 404, 'NOT_FOUND');
      const issuer = expect(await call('GET', `/v1/public/organisations/${orgs.p}`), 200) as {
        keys: { kid: string }[];
        revoked: { kid: string; revokedAt: string }[];
      };
      assert.ok(!issuer.keys.some((k) => k.kid === kid));
      assert.deepEqual(issuer.revoked.find((k) => k.kid === kid)?.revokedAt, revokedAt);
      const after = expect(await call('GET', String(published.statementUrl)), 200);
      assert.deepEqual(after.signingKey, { kid, status: 'revoked', revokedAt });
      // What it signed does not verify: not with the key set, and not with the key as the status route gives it.
      assert.match(verifyStatement(jws, set).problems[0], /is not among the issuer's published keys/);
      const withKey = verifyStatement(jws, { keys: [status.jwk] });
      assert.equal(withKey.valid, false);
      assert.match(
        withKey.problems.join('\n'),
        new RegExp(`key '${kid}' that signed it was revoked by its organisation on ${revokedAt}`),
      );
      const listed = expect(await call('GET', `/v1/orgs/${orgs.p}/signing-keys`, 'viewer'), 200) as {
        keys: { kid: string; status: string; revocationReason: string | null }[];
      };
      assert.deepEqual(
        listed.keys.find((k) => k.kid === kid),
        {
          ...listed.keys.find((k) => k.kid === kid),
          status: 'revoked',
          revocationReason: 'a backup of the server was stolen',
        },
      );

      // It never signs again: the next publication makes a new key, which verifies.
      const next = await verifiedStudy();
      const nextPublished = expect(await call('POST', study(orgs.p, next, '/publish'), 'editor'), 200);
      const nextStatement = expect(await call('GET', String(nextPublished.statementUrl)), 200);
      const outcome = verifyStatement(String(nextStatement.jws), await jwks());
      assert.ok(outcome.valid, outcome.problems.join('; '));
      assert.notEqual(outcome.key?.kid, kid);
      assert.deepEqual(nextStatement.signingKey, {
        kid: outcome.key?.kid,
        status: 'active',
        revokedAt: null,
      });

      // In the audit log: who revoked it and why.
      const audit = await harness.withStore((store) =>
        store.db
          .selectFrom('audit_log')
          .where('entity', '=', 'signing-key')
          .where('entity_id', '=', kid)
          .where('action', '=', 'revoke')
          .select(['organisation_id', 'actor_id', 'details', 'at'])
          .execute(),
      );
      assert.equal(audit.length, 1);
      assert.deepEqual(
        [audit[0].organisation_id, audit[0].actor_id, audit[0].details],
        [orgs.p, people.owner.id, { reason: 'a backup of the server was stolen', wasActive: true }],
      );
    });

    it('the store kept every transition in the audit log with the actor, and nothing went wrong on the server', async () => {
      const rows = await harness.withStore((store) =>
        store.db
          .selectFrom('audit_log')
          .where('organisation_id', '=', orgs.p)
          .where('entity', '=', 'study')
          .select(['action', 'actor_id', 'details'])
          .execute(),
      );
      const actions = new Set(rows.map((r) => r.action));
      for (const action of [
        'create',
        'submit',
        'invite-verifier',
        'start-verification',
        'raise-finding',
        'answer-finding',
        'close-finding',
        'answer-findings',
        'verify',
        'certify',
        'publish',
        'supersede',
        'withdraw',
        'start-successor',
        'reject',
        'update',
      ])
        assert.ok(actions.has(action), action);
      for (const r of rows) {
        assert.ok(r.actor_id, `${r.action} names its actor`);
        assert.ok('from' in (r.details as object) && 'to' in (r.details as object), `${r.action}: from → to`);
      }
      assert.deepEqual(harness.problems(), [], 'no internal errors');
    });
  });
}

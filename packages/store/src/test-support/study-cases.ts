import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { StoreError } from '../errors.js';
import { decodeCompactJws, verifyEd25519 } from '../jws.js';
import * as studiesMigration from '../migrations/008-studies.js';
import { calculationResults, inputsHash, productModels } from '../repositories/product-models.js';
import { products } from '../repositories/products.js';
import { publicJwk, signingKeys } from '../repositories/signing-keys.js';
import {
  studies,
  type ComposedStatement,
  type CurrentInputsHash,
  type PublishContext,
  type Study,
  type StudyActor,
} from '../repositories/studies.js';
import { STUDY_STATES, type StudyAction } from '../repositories/study-transitions.js';
import type { Role, StudyState } from '../schema.js';
import type { Store } from '../store.js';

const SECRET = 'a test secret of more than thirty-two bytes, never used elsewhere';
const OTHER_SECRET = 'another secret of more than thirty-two bytes, not the one above';

/** The hash a result of the model would have now: here, of the document and its background version. */
const currentInputsHash: CurrentInputsHash = (model) =>
  inputsHash({ model: model.model, backgroundVersionId: model.backgroundVersionId });

/** A statement as the server would compose one, smaller: what the tests check of the context. */
const compose = (context: PublishContext): ComposedStatement => ({
  header: { typ: 'vc+jwt' },
  payload: {
    id: context.statementId,
    study: context.study.id,
    selfDeclared: context.study.selfDeclared,
    inputsHash: context.result.inputsHash,
    product: context.product.nameEn,
    issuer: context.organisation.name,
    supersedes: context.supersedesStatementId,
    validFrom: context.issuedAt.toISOString(),
  },
  compliance: { blocksPublication: false },
});

function rejectsWith(code: string, pattern?: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof StoreError, `a StoreError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (pattern) assert.match(e.message, pattern);
    return true;
  };
}

/**
 * Studies, their verification and their signed statements on a store: every transition of the table allowed and
 * refused, who may take it, tenant isolation, the freeze of the inputs hash, findings, publication with the
 * organisation's key (rotation, encryption at rest, immutability), supersession and the audit log. Run for every
 * Store implementation.
 */
export function studyCases(
  name: string,
  open: () => Promise<{ store: Store; cleanup?: () => Promise<void> }>,
) {
  describe(`studies: ${name}`, () => {
    let store: Store;
    let cleanup: (() => Promise<void>) | undefined;
    const suffix = randomUUID().slice(0, 8);
    const orgs = { practitioner: '', verifier: '', body: '', stranger: '' };
    const slugs = { verifier: `verifier-${suffix}` };
    type Person =
      'owner' | 'editor' | 'viewer' | 'verifier' | 'verifier2' | 'verifierViewer' | 'certifier' | 'stranger';
    const people = {} as Record<Person, { id: string; email: string; actor: StudyActor }>;
    let modelId = '';
    let resultId = '';

    async function organisation(label: string, slug = `${label}-${suffix}`): Promise<string> {
      const id = randomUUID();
      await store.db
        .insertInto('organisations')
        .values({ id, name: `${label} org`, slug })
        .execute();
      return id;
    }

    async function person(key: Person, organisationId: string, role: Role): Promise<void> {
      const id = randomUUID();
      const email = `${key.toLowerCase()}-${suffix}@example.com`;
      await store.db
        .insertInto('users')
        .values({ id, email, name: `${key} name`, password_hash: null })
        .execute();
      await store.db
        .insertInto('memberships')
        .values({ organisation_id: organisationId, user_id: id, role })
        .execute();
      people[key] = { id, email, actor: { organisationId, userId: id, role, actorId: id } };
    }

    const actor = (key: Person) => people[key].actor;
    const doc = (label: string) => ({ schema: 'test-model', label });

    /** A result of the model as saved now. */
    async function calculate(): Promise<string> {
      const model = await productModels.get(store, orgs.practitioner, modelId);
      const result = await calculationResults.record(
        store,
        orgs.practitioner,
        {
          modelId,
          modelVersion: model.version,
          inputsHash: currentInputsHash(model, { inputsHash: '' } as never),
          result: { total: 1 },
        },
        people.editor.id,
      );
      return result.id;
    }

    const newStudy = (extra: Partial<Parameters<typeof studies.create>[2]> = {}) =>
      studies.create(store, actor('editor'), {
        modelId,
        title: 'Bracket 2025',
        ruleSetId: 'iso-14067-2018',
        ruleSetVersion: '2018',
        boundary: 'cradle-to-gate',
        productType: 'intermediate',
        ...extra,
      });

    const invitation = {
      verifier: { organisation: () => slugs.verifier, email: () => people.verifier.email },
    };
    const invite = (id: string, withBody = false) =>
      studies.inviteVerifier(store, actor('editor'), id, {
        verifier: { organisation: invitation.verifier.organisation(), email: invitation.verifier.email() },
        certificationBody: withBody ? { organisation: orgs.body, email: people.certifier.email } : null,
      });

    async function auditOf(id: string) {
      return store.db
        .selectFrom('audit_log')
        .where('entity', '=', 'study')
        .where('entity_id', '=', id)
        .select(['action', 'actor_id', 'details', 'organisation_id'])
        .orderBy('id')
        .execute();
    }

    before(async () => {
      ({ store, cleanup } = await open());
      orgs.practitioner = await organisation('practitioner');
      orgs.verifier = await organisation('verifier', slugs.verifier);
      orgs.body = await organisation('body');
      orgs.stranger = await organisation('stranger');
      await person('owner', orgs.practitioner, 'owner');
      await person('editor', orgs.practitioner, 'editor');
      await person('viewer', orgs.practitioner, 'viewer');
      await person('verifier', orgs.verifier, 'verifier');
      await person('verifier2', orgs.verifier, 'verifier');
      await person('verifierViewer', orgs.verifier, 'viewer');
      await person('certifier', orgs.body, 'verifier');
      await person('stranger', orgs.stranger, 'owner');
      const product = await products.create(
        store,
        orgs.practitioner,
        {
          nameEn: 'Aluminium bracket',
          nameZh: '铝支架',
          categoryScheme: null,
          categoryCode: null,
          identifiers: [{ scheme: 'GTIN', value: `0${suffix}` }],
          declaredUnitAmount: 1,
          declaredUnit: 'item',
        },
        people.editor.id,
      );
      modelId = (
        await productModels.create(
          store,
          orgs.practitioner,
          { productId: product.id, name: 'Bracket', backgroundVersionId: null, model: doc('v1') },
          people.editor.id,
        )
      ).id;
      resultId = await calculate();
    });
    after(async () => {
      await store?.close();
      await cleanup?.();
    });

    it('migration 008 applied again changes nothing', async () => {
      for (const statement of studiesMigration.statements) await sql.raw(statement).execute(store.db);
      const tables = await sql<{ tablename: string }>`select tablename from pg_tables
        where tablename in ('studies', 'study_findings', 'signing_keys') order by tablename`.execute(
        store.db,
      );
      assert.deepEqual(
        tables.rows.map((r) => r.tablename),
        ['signing_keys', 'studies', 'study_findings'],
      );
    });

    it('a third-party study goes draft → submitted → in verification → findings → verified → certified → published → withdrawn, every step in the audit log', async () => {
      const created = await newStudy();
      assert.deepEqual(
        [created.state, created.relation, created.selfDeclared],
        ['draft', 'practitioner', false],
      );
      assert.deepEqual(created.declaredUnit, { amount: 1, unit: 'item' }, "the product's declared unit");
      const invited = await invite(created.id, true);
      assert.deepEqual(invited.verifier, {
        organisationId: orgs.verifier,
        organisationName: 'verifier org',
        userId: people.verifier.id,
        userName: 'verifier name',
      });
      assert.equal(invited.certificationBody?.organisationId, orgs.body);
      const submitted = await studies.submit(store, actor('editor'), created.id, {
        resultId,
        currentInputsHash,
      });
      assert.equal(submitted.state, 'submitted');
      assert.equal(submitted.resultId, resultId);
      assert.match(String(submitted.inputsHash), /^sha256:/);
      // the verifier's organisation sees it now, read-only
      const seen = await studies.get(store, actor('verifier2'), created.id);
      assert.deepEqual([seen.relation, seen.actions], ['verifier', ['start-verification']]);
      assert.deepEqual(
        (await studies.list(store, actor('verifier'))).map((s) => s.id).filter((id) => id === created.id),
        [created.id],
      );
      const started = await studies.startVerification(store, actor('verifier'), created.id);
      assert.equal(started.state, 'in-verification');
      const first = await studies.raiseFinding(store, actor('verifier'), created.id, {
        itemPath: '/model/label',
        text: 'Which year is this label from?',
      });
      assert.deepEqual([first.study.state, first.finding.state], ['findings-raised', 'open']);
      assert.deepEqual(first.study.findings, { open: 1, answered: 0, closed: 0 });
      const answered = await studies.answerFinding(store, actor('editor'), created.id, first.finding.id, {
        text: '2025',
      });
      assert.deepEqual([answered.study.state, answered.finding.state], ['findings-answered', 'answered']);
      assert.deepEqual(
        answered.finding.answers.map((a) => [a.text, a.authorId]),
        [['2025', people.editor.id]],
      );
      const second = await studies.raiseFinding(store, actor('verifier'), created.id, {
        itemPath: '/result/total',
        text: 'Check the total.',
      });
      assert.equal(second.study.state, 'findings-raised');
      const closed = await studies.closeFinding(store, actor('verifier'), created.id, second.finding.id);
      assert.deepEqual([closed.study.state, closed.finding.state], ['findings-answered', 'closed']);
      const verified = await studies.verify(store, actor('verifier'), created.id, { currentInputsHash });
      assert.equal(verified.state, 'verified');
      assert.equal(verified.frozenInputsHash, submitted.inputsHash, 'the verified version is frozen');
      assert.deepEqual(verified.findings, { open: 0, answered: 0, closed: 2 }, 'answered findings close');
      await assert.rejects(
        studies.publish(store, actor('editor'), created.id, { secret: SECRET, currentInputsHash, compose }),
        rejectsWith('ILLEGAL_TRANSITION', /certification body is invited: the study must be certified first/),
      );
      const certified = await studies.certify(store, actor('certifier'), created.id, { note: 'ok' });
      assert.equal(certified.state, 'certified');
      const published = await studies.publish(store, actor('editor'), created.id, {
        secret: SECRET,
        currentInputsHash,
        compose,
      });
      assert.equal(published.state, 'published');
      assert.ok(published.statementId);
      const withdrawn = await studies.withdraw(store, actor('editor'), created.id, {
        reason: 'product discontinued',
      });
      assert.equal(withdrawn.state, 'withdrawn');

      const entries = await auditOf(created.id);
      assert.deepEqual(
        entries.map((e) => [
          e.action,
          (e.details as { from: string | null }).from,
          (e.details as { to: string }).to,
          e.actor_id,
        ]),
        [
          ['create', null, 'draft', people.editor.id],
          ['invite-verifier', 'draft', 'draft', people.editor.id],
          ['submit', 'draft', 'submitted', people.editor.id],
          ['start-verification', 'submitted', 'in-verification', people.verifier.id],
          ['raise-finding', 'in-verification', 'findings-raised', people.verifier.id],
          ['answer-finding', 'findings-raised', 'findings-raised', people.editor.id],
          ['answer-findings', 'findings-raised', 'findings-answered', people.editor.id],
          ['raise-finding', 'findings-answered', 'findings-raised', people.verifier.id],
          ['close-finding', 'findings-raised', 'findings-raised', people.verifier.id],
          ['answer-findings', 'findings-raised', 'findings-answered', people.verifier.id],
          ['verify', 'findings-answered', 'verified', people.verifier.id],
          ['certify', 'verified', 'certified', people.certifier.id],
          ['publish', 'certified', 'published', people.editor.id],
          ['withdraw', 'published', 'withdrawn', people.editor.id],
        ],
      );
      assert.ok(entries.every((e) => e.organisation_id === orgs.practitioner));
      const history = await studies.history(store, actor('verifier'), created.id);
      assert.equal(history.length, entries.length);
      const verify = history.find((h) => h.action === 'verify');
      assert.deepEqual(
        [verify?.actorName, verify?.actorOrganisationId, verify?.details.frozenInputsHash],
        ['verifier name', orgs.verifier, submitted.inputsHash],
      );
      assert.equal(history.find((h) => h.action === 'withdraw')?.details.reason, 'product discontinued');
    });

    it('every action in every state: allowed exactly where the table says, refused as ILLEGAL_TRANSITION elsewhere, nothing changed', async () => {
      // The table, written out: action → the states it is taken from (with a verifier and a certification body invited).
      const allowed: Record<Exclude<StudyAction, 'answer-findings' | 'supersede'>, StudyState[]> = {
        submit: ['draft', 'rejected'],
        'start-verification': ['submitted'],
        'raise-finding': ['in-verification', 'findings-raised', 'findings-answered'],
        verify: ['in-verification', 'findings-answered'],
        reject: ['in-verification', 'findings-raised', 'findings-answered'],
        certify: ['verified'],
        publish: ['certified'],
        withdraw: STUDY_STATES.filter((s) => s !== 'superseded' && s !== 'withdrawn'),
      };
      const take: Record<keyof typeof allowed, (id: string) => Promise<unknown>> = {
        submit: (id) => studies.submit(store, actor('editor'), id, { resultId, currentInputsHash }),
        'start-verification': (id) => studies.startVerification(store, actor('verifier'), id),
        'raise-finding': (id) =>
          studies.raiseFinding(store, actor('verifier'), id, { itemPath: '', text: 'A finding.' }),
        verify: (id) => studies.verify(store, actor('verifier'), id, { currentInputsHash }),
        reject: (id) => studies.reject(store, actor('verifier'), id, { reason: 'no' }),
        certify: (id) => studies.certify(store, actor('certifier'), id),
        publish: (id) =>
          studies.publish(store, actor('editor'), id, { secret: SECRET, currentInputsHash, compose }),
        withdraw: (id) => studies.withdraw(store, actor('editor'), id, { reason: 'test' }),
      };
      const to: Record<keyof typeof allowed, StudyState> = {
        submit: 'submitted',
        'start-verification': 'in-verification',
        'raise-finding': 'findings-raised',
        verify: 'verified',
        reject: 'rejected',
        certify: 'certified',
        publish: 'published',
        withdraw: 'withdrawn',
      };
      let checked = 0;
      for (const [action, from] of Object.entries(allowed) as [keyof typeof allowed, StudyState[]][])
        for (const state of STUDY_STATES) {
          const study = await newStudy({ resultId });
          await invite(study.id, true);
          // put the study in `state` as if it had got there (the published ones with a statement)
          await store.db
            .updateTable('studies')
            .set({
              state,
              inputs_hash: (await calculationResults.get(store, orgs.practitioner, resultId)).inputsHash,
              ...(state === 'published' || state === 'superseded'
                ? { statement_id: randomUUID(), statement: JSON.stringify({}), statement_jws: 'x.y.z' }
                : {}),
            })
            .where('id', '=', study.id)
            .execute();
          const before = await auditOf(study.id);
          const expected = from.includes(state);
          if (expected) {
            await take[action](study.id);
            assert.equal(
              (await studies.get(store, actor('editor'), study.id)).state,
              to[action],
              `${action} from ${state}`,
            );
            const last = (await auditOf(study.id)).at(-1);
            assert.deepEqual(
              [last?.action, (last?.details as { from: string }).from, (last?.details as { to: string }).to],
              [action, state, to[action]],
            );
          } else {
            await assert.rejects(take[action](study.id), (e: unknown) => {
              assert.ok(e instanceof StoreError, `${action} from ${state}: ${String(e)}`);
              assert.equal(e.code, 'ILLEGAL_TRANSITION', `${action} from ${state}: ${e.message}`);
              assert.equal(e.details?.action, action);
              assert.equal(e.details?.state, state);
              return true;
            });
            const unchanged = await studies.get(store, actor('editor'), study.id);
            assert.equal(unchanged.state, state, `${action} from ${state} changed nothing`);
            assert.equal((await auditOf(study.id)).length, before.length);
          }
          checked++;
        }
      assert.equal(checked, 8 * STUDY_STATES.length);
    });

    it('the guards: publication needs verification (or self-declaration, or certification when a body is invited); verification needs an invited verifier', async () => {
      const plain = await newStudy({ resultId });
      await studies.submit(store, actor('editor'), plain.id, { currentInputsHash });
      await assert.rejects(
        studies.publish(store, actor('editor'), plain.id, { secret: SECRET, currentInputsHash, compose }),
        rejectsWith('ILLEGAL_TRANSITION', /must be verified first \(or be self-declared\)/),
      );
      await assert.rejects(
        studies.startVerification(store, actor('verifier'), plain.id),
        rejectsWith('NOT_FOUND'),
        'not invited: the verifier organisation does not even see it',
      );
      // verified without a certification body: published from verified
      await invite(plain.id);
      await studies.startVerification(store, actor('verifier'), plain.id);
      await studies.verify(store, actor('verifier'), plain.id, { currentInputsHash });
      await assert.rejects(
        studies.certify(store, actor('certifier'), plain.id),
        rejectsWith('NOT_FOUND'),
        'a body that was not invited sees nothing',
      );
      const published = await studies.publish(store, actor('editor'), plain.id, {
        secret: SECRET,
        currentInputsHash,
        compose,
      });
      assert.equal(published.state, 'published');
      // submit needs a result
      const empty = await newStudy();
      await assert.rejects(
        studies.submit(store, actor('editor'), empty.id, { currentInputsHash }),
        rejectsWith('ILLEGAL_TRANSITION', /name the calculation result/),
      );
    });

    it('a verification with an open finding is refused and says so', async () => {
      const study = await newStudy({ resultId });
      await invite(study.id);
      await studies.submit(store, actor('editor'), study.id, { currentInputsHash });
      await studies.startVerification(store, actor('verifier'), study.id);
      const { finding } = await studies.raiseFinding(store, actor('verifier'), study.id, {
        itemPath: '/model',
        text: 'Open.',
      });
      // answered, then the verifier raises it again in a new finding: the study is findings-raised
      await studies.answerFinding(store, actor('editor'), study.id, finding.id, { text: 'Answered.' });
      await studies.raiseFinding(store, actor('verifier'), study.id, {
        itemPath: '/model',
        text: 'Not enough.',
      });
      await assert.rejects(
        studies.verify(store, actor('verifier'), study.id, { currentInputsHash }),
        rejectsWith('ILLEGAL_TRANSITION', /cannot verify when it is findings-raised/),
      );
      const [, second] = await studies.findings(store, actor('verifier'), study.id);
      await studies.answerFinding(store, actor('editor'), study.id, second.id, { text: 'More.' });
      // answered, not closed: verification closes it
      const verified = await studies.verify(store, actor('verifier'), study.id, { currentInputsHash });
      assert.equal(verified.state, 'verified');
      assert.ok(
        (await studies.findings(store, actor('editor'), study.id)).every((f) => f.state === 'closed'),
      );
      // a closed finding takes no answers
      await assert.rejects(
        studies.answerFinding(store, actor('editor'), study.id, second.id, { text: 'late' }),
        rejectsWith('ILLEGAL_TRANSITION'),
      );
    });

    it('who may do what: the practitioner’s editors change, the invited verifier verifies, the invited body certifies; others are FORBIDDEN, strangers NOT_FOUND', async () => {
      const study = await newStudy({ resultId });
      await invite(study.id, true);
      // the practitioner's viewer reads but does not change
      assert.equal((await studies.get(store, actor('viewer'), study.id)).relation, 'practitioner');
      await assert.rejects(
        studies.update(store, actor('viewer'), study.id, 2, { title: 'no' }),
        rejectsWith('FORBIDDEN', /editor role/),
      );
      // the verifier's organisation: read-only on the practitioner's side
      for (const key of ['verifier', 'verifier2'] as const) {
        await assert.rejects(
          studies.update(store, actor(key), study.id, 2, { title: 'no' }),
          rejectsWith('FORBIDDEN', /read-only access/),
        );
        await assert.rejects(
          studies.submit(store, actor(key), study.id, { currentInputsHash }),
          rejectsWith('FORBIDDEN', /read-only access/),
        );
        await assert.rejects(
          studies.publish(store, actor(key), study.id, { secret: SECRET, currentInputsHash, compose }),
          rejectsWith('FORBIDDEN', /read-only access/),
        );
      }
      await studies.submit(store, actor('editor'), study.id, { currentInputsHash });
      // the practitioner cannot verify its own study; another verifier of the invited organisation cannot either
      await assert.rejects(
        studies.startVerification(store, actor('owner'), study.id),
        rejectsWith('FORBIDDEN', /only the invited verifier/),
      );
      await assert.rejects(
        studies.startVerification(store, actor('verifier2'), study.id),
        rejectsWith('FORBIDDEN', /only the user invited as verifier \(verifier name\)/),
      );
      await assert.rejects(
        studies.startVerification(store, actor('certifier'), study.id),
        rejectsWith('FORBIDDEN', /read-only access/),
      );
      await studies.startVerification(store, actor('verifier'), study.id);
      const { finding } = await studies.raiseFinding(store, actor('verifier'), study.id, {
        itemPath: '',
        text: 'Q',
      });
      await assert.rejects(
        studies.answerFinding(store, actor('verifier'), study.id, finding.id, { text: 'self' }),
        rejectsWith('FORBIDDEN'),
      );
      await assert.rejects(
        studies.raiseFinding(store, actor('editor'), study.id, { itemPath: '', text: 'self' }),
        rejectsWith('FORBIDDEN'),
      );
      // the verifier organisation's viewer, and strangers, see nothing
      for (const key of ['verifierViewer', 'stranger'] as const) {
        await assert.rejects(studies.get(store, actor(key), study.id), rejectsWith('NOT_FOUND'));
        await assert.rejects(studies.findings(store, actor(key), study.id), rejectsWith('NOT_FOUND'));
        await assert.rejects(studies.history(store, actor(key), study.id), rejectsWith('NOT_FOUND'));
        await assert.rejects(studies.submission(store, actor(key), study.id), rejectsWith('NOT_FOUND'));
        await assert.rejects(
          studies.withdraw(store, actor(key), study.id, { reason: 'x' }),
          rejectsWith('NOT_FOUND'),
        );
        assert.ok(!(await studies.list(store, actor(key))).some((s) => s.id === study.id));
      }
      // a machine client of the verifier's organisation is not the invited user
      await assert.rejects(
        studies.verify(
          store,
          { organisationId: orgs.verifier, userId: null, role: 'owner', actorId: `client@${orgs.verifier}` },
          study.id,
          { currentInputsHash },
        ),
        rejectsWith('FORBIDDEN'),
      );
      const bodyList = await studies.list(store, actor('certifier'), { relation: 'certification-body' });
      assert.ok(bodyList.some((s) => s.id === study.id && s.relation === 'certification-body'));
    });

    it('the freeze: a model saved after submission cannot be verified (INPUTS_CHANGED, nothing changed); a stale result cannot be submitted', async () => {
      const study = await newStudy({ resultId: await calculate() });
      await invite(study.id);
      await studies.submit(store, actor('editor'), study.id, { currentInputsHash });
      await studies.startVerification(store, actor('verifier'), study.id);
      const model = await productModels.get(store, orgs.practitioner, modelId);
      await productModels.save(
        store,
        orgs.practitioner,
        modelId,
        model.version,
        doc('changed'),
        people.editor.id,
      );
      await assert.rejects(
        studies.verify(store, actor('verifier'), study.id, { currentInputsHash }),
        rejectsWith(
          'INPUTS_CHANGED',
          /the model has changed since its result .* was calculated .*cannot be verified/,
        ),
      );
      assert.equal((await studies.get(store, actor('verifier'), study.id)).state, 'in-verification');
      assert.equal((await studies.get(store, actor('verifier'), study.id)).frozenInputsHash, null);
      // submitting another study with the old result is refused too
      const stale = await newStudy({ resultId: study.resultId });
      await assert.rejects(
        studies.submit(store, actor('editor'), stale.id, { currentInputsHash }),
        rejectsWith('INPUTS_CHANGED', /cannot be submitted/),
      );
      // back as it was: the same inputs, the same hash, verifiable again
      const now = await productModels.get(store, orgs.practitioner, modelId);
      await productModels.save(store, orgs.practitioner, modelId, now.version, doc('v1'), people.editor.id);
      assert.equal(
        (await studies.verify(store, actor('verifier'), study.id, { currentInputsHash })).state,
        'verified',
      );
    });

    it('self-declared: submitted → published without a third party; no verifier may be invited', async () => {
      const study = await newStudy({ resultId, selfDeclared: true });
      assert.equal(study.selfDeclared, true);
      await assert.rejects(invite(study.id), rejectsWith('ILLEGAL_TRANSITION', /self-declared/));
      await studies.submit(store, actor('editor'), study.id, { currentInputsHash });
      assert.deepEqual((await studies.get(store, actor('editor'), study.id)).actions, [
        'publish',
        'withdraw',
      ]);
      let seen: PublishContext | undefined;
      const published = await studies.publish(store, actor('editor'), study.id, {
        secret: SECRET,
        currentInputsHash,
        compose: (context) => {
          seen = context;
          return compose(context);
        },
      });
      assert.equal(published.state, 'published');
      assert.equal(published.frozenInputsHash, published.inputsHash, 'frozen at publication');
      assert.equal(seen?.study.selfDeclared, true);
      assert.equal(seen?.product.nameZh, '铝支架');
      const statement = await studies.publicStatement(store, String(published.statementId));
      assert.equal(statement.selfDeclared, true);
      assert.equal((statement.payload as { selfDeclared: boolean }).selfDeclared, true);
    });

    it('publication signs with the organisation’s Ed25519 key (made once, encrypted at rest); a refusal of compose keeps nothing; the statement is immutable', async () => {
      const study = await newStudy({ resultId, selfDeclared: true });
      await studies.submit(store, actor('editor'), study.id, { currentInputsHash });
      const keysBefore = await signingKeys.list(store, orgs.stranger);
      await assert.rejects(
        studies.publish(store, actor('editor'), study.id, {
          secret: SECRET,
          currentInputsHash,
          compose: () => {
            throw new Error('blocked by the compliance check');
          },
        }),
        /blocked by the compliance check/,
      );
      assert.equal((await studies.get(store, actor('editor'), study.id)).state, 'submitted');
      assert.deepEqual(await signingKeys.list(store, orgs.stranger), keysBefore);
      const published = await studies.publish(store, actor('editor'), study.id, {
        secret: SECRET,
        currentInputsHash,
        compose,
      });
      const statement = await studies.publicStatement(store, String(published.statementId));
      const decoded = decodeCompactJws(statement.jws);
      assert.ok(!('problem' in decoded));
      assert.deepEqual(decoded.header, { alg: 'EdDSA', typ: 'vc+jwt', kid: statement.keyId });
      assert.deepEqual(decoded.payload, statement.payload);
      const keys = await signingKeys.published(store, orgs.practitioner);
      const key = keys.find((k) => k.id === statement.keyId);
      assert.ok(key, 'the key is published');
      assert.ok(verifyEd25519(decoded.signingInput, decoded.signature, publicJwk(key)));
      assert.equal(verifyEd25519(`${decoded.signingInput}x`, decoded.signature, publicJwk(key)), false);
      // one active key per organisation, its private half encrypted
      const rows = await store.db
        .selectFrom('signing_keys')
        .where('organisation_id', '=', orgs.practitioner)
        .selectAll()
        .execute();
      assert.equal(rows.filter((r) => r.valid_until === null).length, 1);
      for (const r of rows) {
        assert.match(r.private_key, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
        assert.ok(!r.private_key.includes('MC4CAQAwBQYDK2Vw'), 'no PKCS #8 DER in clear');
      }
      // the statement and its study cannot be changed or deleted, even past the repositories
      await assert.rejects(
        store.transaction((trx) =>
          trx.updateTable('studies').set({ statement_jws: 'a.b.c' }).where('id', '=', study.id).execute(),
        ),
        rejectsWith('IMMUTABLE', /statement is immutable/),
      );
      await assert.rejects(
        store.transaction((trx) => trx.deleteFrom('studies').where('id', '=', study.id).execute()),
        rejectsWith('IMMUTABLE'),
      );
      await assert.rejects(
        store.transaction((trx) =>
          trx
            .updateTable('signing_keys')
            .set({ public_key: 'x' })
            .where('id', '=', statement.keyId)
            .execute(),
        ),
        rejectsWith('IMMUTABLE', /only ever retired/),
      );
    });

    it('keys: rotation retires the active key (still published, still verifies what it signed); a wrong or short secret is refused', async () => {
      const org = await organisation('rotating');
      const first = await signingKeys.rotate(store, org, SECRET, 'tester');
      assert.equal(first.retired, null);
      await assert.rejects(
        signingKeys.rotate(store, org, OTHER_SECRET, 'tester'),
        rejectsWith('SIGNING_KEY_UNAVAILABLE'),
      );
      await assert.rejects(
        signingKeys.rotate(store, org, 'short', 'tester'),
        rejectsWith('INVALID_VALUE', /at least 32 bytes/),
      );
      const second = await signingKeys.rotate(store, org, SECRET, 'tester');
      assert.equal(second.retired?.id, first.key.id);
      assert.ok(second.retired?.validUntil instanceof Date);
      const listed = await signingKeys.list(store, org);
      assert.deepEqual(
        listed.map((k) => [k.id, k.validUntil === null]),
        [
          [second.key.id, true],
          [first.key.id, false],
        ],
      );
      const jwks = (await signingKeys.published(store))
        .filter((k) => k.organisationId === org)
        .map(publicJwk);
      assert.deepEqual(
        jwks.map((k) => [k.kid, k.kty, k.crv, k.alg, typeof k.validUntil]),
        [
          [first.key.id, 'OKP', 'Ed25519', 'EdDSA', 'string'],
          [second.key.id, 'OKP', 'Ed25519', 'EdDSA', 'undefined'],
        ],
      );
      // a retired key is never changed again
      await assert.rejects(
        store.transaction((trx) =>
          trx
            .updateTable('signing_keys')
            .set({ valid_until: new Date() })
            .where('id', '=', first.key.id)
            .execute(),
        ),
        rejectsWith('IMMUTABLE'),
      );
      // an encrypted key copied to another organisation's row does not open there (bound to its id and organisation)
      const other = await organisation('copier');
      const made = await signingKeys.rotate(store, other, SECRET, 'tester');
      const stolen = await store.db
        .selectFrom('signing_keys')
        .where('id', '=', second.key.id)
        .select('private_key')
        .executeTakeFirstOrThrow();
      await store.db.deleteFrom('signing_keys').where('id', '=', made.key.id).execute();
      await store.db
        .insertInto('signing_keys')
        .values({
          id: made.key.id,
          organisation_id: other,
          algorithm: 'EdDSA',
          public_key: made.key.publicKey,
          private_key: stolen.private_key,
        })
        .execute();
      await assert.rejects(
        signingKeys.rotate(store, other, SECRET, 'tester'),
        rejectsWith('SIGNING_KEY_UNAVAILABLE'),
      );
    });

    it('a wrong key secret cannot publish: SIGNING_KEY_UNAVAILABLE, and the study stays as it was', async () => {
      const study = await newStudy({ resultId, selfDeclared: true });
      await studies.submit(store, actor('editor'), study.id, { currentInputsHash });
      await assert.rejects(
        studies.publish(store, actor('editor'), study.id, {
          secret: OTHER_SECRET,
          currentInputsHash,
          compose,
        }),
        rejectsWith('SIGNING_KEY_UNAVAILABLE', /cannot be decrypted with this server's key secret/),
      );
      assert.equal((await studies.get(store, actor('editor'), study.id)).state, 'submitted');
    });

    it('supersession: a successor draft of a published study, once published, supersedes it; one successor at a time', async () => {
      const study = await newStudy({ resultId, selfDeclared: true });
      await studies.submit(store, actor('editor'), study.id, { currentInputsHash });
      const first = await studies.publish(store, actor('editor'), study.id, {
        secret: SECRET,
        currentInputsHash,
        compose,
      });
      await assert.rejects(
        studies.startSuccessor(store, actor('verifier'), study.id),
        rejectsWith('NOT_FOUND'),
        'no verifier was invited: the verifier organisation sees nothing',
      );
      const successor = await studies.startSuccessor(store, actor('editor'), study.id, {
        title: 'Bracket 2026',
      });
      assert.deepEqual(
        [successor.state, successor.supersedes, successor.title],
        ['draft', study.id, 'Bracket 2026'],
      );
      await assert.rejects(studies.startSuccessor(store, actor('editor'), study.id), rejectsWith('CONFLICT'));
      await studies.submit(store, actor('editor'), successor.id, { resultId, currentInputsHash });
      let supersedes: string | null = null;
      const second = await studies.publish(store, actor('editor'), successor.id, {
        secret: SECRET,
        currentInputsHash,
        compose: (context) => {
          supersedes = context.supersedesStatementId;
          return compose(context);
        },
      });
      assert.equal(supersedes, first.statementId);
      const old = await studies.get(store, actor('editor'), study.id);
      assert.deepEqual([old.state, old.supersededBy], ['superseded', successor.id]);
      const oldStatement = await studies.publicStatement(store, String(first.statementId));
      assert.deepEqual(
        [oldStatement.state, oldStatement.supersededByStatementId],
        ['superseded', second.statementId],
      );
      const newStatement = await studies.publicStatement(store, String(second.statementId));
      assert.equal(newStatement.supersedesStatementId, first.statementId);
      // a draft is no public statement
      await assert.rejects(studies.publicStatement(store, study.id), rejectsWith('NOT_FOUND'));
      await assert.rejects(studies.publicStatement(store, 'nothing'), rejectsWith('NOT_FOUND'));
    });

    it('invitations: another organisation, a user with the verifier role or above, by id or slug; else refused', async () => {
      const study = await newStudy();
      await assert.rejects(
        studies.inviteVerifier(store, actor('editor'), study.id, {
          verifier: { organisation: orgs.practitioner, email: people.owner.email },
        }),
        rejectsWith('INVALID_VALUE', /another organisation/),
      );
      await assert.rejects(
        studies.inviteVerifier(store, actor('editor'), study.id, {
          verifier: { organisation: orgs.verifier, email: people.verifierViewer.email },
        }),
        rejectsWith('INVALID_REFERENCE', /verifier role/),
      );
      await assert.rejects(
        studies.inviteVerifier(store, actor('editor'), study.id, {
          verifier: { organisation: orgs.verifier, email: people.stranger.email },
        }),
        rejectsWith('INVALID_REFERENCE'),
      );
      await assert.rejects(
        studies.inviteVerifier(store, actor('editor'), study.id, {
          verifier: { organisation: orgs.verifier, email: people.verifier.email },
          certificationBody: { organisation: orgs.verifier, email: people.verifier2.email },
        }),
        rejectsWith('INVALID_VALUE', /certification body must be another organisation/),
      );
      const byId = await studies.inviteVerifier(store, actor('editor'), study.id, {
        verifier: { organisation: orgs.verifier, email: people.verifier.email.toUpperCase() },
      });
      assert.equal(byId.verifier?.userId, people.verifier.id);
      // self-declaring withdraws the invitation
      const self = await studies.update(store, actor('editor'), study.id, byId.version, {
        selfDeclared: true,
      });
      assert.deepEqual([self.selfDeclared, self.verifier], [true, null]);
      await assert.rejects(
        studies.update(store, actor('editor'), study.id, byId.version, { title: 'stale' }),
        rejectsWith('VERSION_CONFLICT'),
      );
    });

    it('a submitted study cannot be edited; a rejected one can, and is submitted again', async () => {
      const study = await newStudy({ resultId });
      await invite(study.id);
      const submitted = await studies.submit(store, actor('editor'), study.id, { currentInputsHash });
      await assert.rejects(
        studies.update(store, actor('editor'), study.id, submitted.version, { title: 'late' }),
        rejectsWith('ILLEGAL_TRANSITION', /cannot be changed when it is submitted/),
      );
      await studies.startVerification(store, actor('verifier'), study.id);
      const rejected = await studies.reject(store, actor('verifier'), study.id, {
        reason: 'Wrong boundary.',
      });
      const edited = await studies.update(store, actor('editor'), study.id, rejected.version, {
        boundary: 'cradle-to-grave',
      });
      assert.equal(edited.boundary, 'cradle-to-grave');
      assert.equal(
        (await studies.submit(store, actor('editor'), study.id, { currentInputsHash })).state,
        'submitted',
      );
    });

    it('two verifications at once: exactly one succeeds', async () => {
      const study = await newStudy({ resultId });
      await invite(study.id);
      await studies.submit(store, actor('editor'), study.id, { currentInputsHash });
      await studies.startVerification(store, actor('verifier'), study.id);
      const outcomes = await Promise.allSettled([
        studies.verify(store, actor('verifier'), study.id, { currentInputsHash }),
        studies.verify(store, actor('verifier'), study.id, { currentInputsHash }),
      ]);
      assert.deepEqual(outcomes.map((o) => o.status).sort(), ['fulfilled', 'rejected']);
      const failed = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      assert.ok(failed.reason instanceof StoreError && failed.reason.code === 'ILLEGAL_TRANSITION');
      assert.equal((await auditOf(study.id)).filter((e) => e.action === 'verify').length, 1);
    });

    it('lists: the practitioner its own, the verifier what it is invited to, filtered by relation and state', async () => {
      const mine = await studies.list(store, actor('viewer'));
      assert.ok(mine.length > 0 && mine.every((s: Study) => s.relation === 'practitioner'));
      const invited = await studies.list(store, actor('verifier'), { relation: 'verifier' });
      assert.ok(invited.length > 0 && invited.every((s) => s.verifier?.organisationId === orgs.verifier));
      const drafts = await studies.list(store, actor('editor'), { state: 'draft' });
      assert.ok(drafts.every((s) => s.state === 'draft'));
      assert.deepEqual(await studies.list(store, actor('stranger')), []);
    });
  });
}

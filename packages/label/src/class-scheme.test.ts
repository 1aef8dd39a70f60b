// Class schemes are configuration: the shipped example is valid and says it is illustrative, bad schemes are
// refused with every problem named, and a footprint gets the class whose bound is at or above it.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  EXAMPLE_CLASS_SCHEME_FILE,
  parseClassScheme,
  performanceClass,
  readClassSchemeFile,
  type ClassScheme,
} from './class-scheme.js';
import { LabelError } from './errors.js';
import { BATTERY, BRACKET } from './test-support/label-fixtures.js';

const example = () => readClassSchemeFile(EXAMPLE_CLASS_SCHEME_FILE);

/** Asserts a LabelError with `code` whose details include a problem at `path`. */
function assertRefused(run: () => unknown, code: string, path: string): void {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof LabelError, String(e));
    assert.equal(e.code, code);
    assert.ok(
      e.details.some((d) => d.startsWith(`${path}:`)),
      `no problem at ${path}: ${e.details.join('; ')}`,
    );
    return true;
  });
}

describe('the example class scheme', () => {
  it('is valid, illustrative, and says in its data that its bounds are not official', async () => {
    const scheme = await example();
    assert.equal(scheme.status, 'illustrative');
    assert.equal(scheme.source, undefined);
    assert.match(scheme.name.en, /^Example /);
    assert.match(scheme.note.en, /Illustrative only, not official thresholds/);
    assert.match(scheme.note.zh, /仅为示例，并非官方阈值/);
    assert.deepEqual(
      scheme.classes.map((c) => c.class),
      ['A', 'B', 'C', 'D', 'E'],
    );
    assert.deepEqual(scheme.declaredUnit, { amount: 1, unit: 'kWh' });
  });

  it('classifies by inclusive upper bounds, the last class open-ended', async () => {
    const scheme = await example();
    const at = (value: number) =>
      performanceClass({ ...BATTERY, footprint: { value, unit: 'kg CO2e' } }, scheme).class;
    assert.deepEqual([-3, 0, 50, 50.01, 65, 72.4137, 80, 99.9, 100, 100.5, 1e6].map(at), [
      'A',
      'A',
      'A',
      'B',
      'B',
      'C',
      'C',
      'D',
      'D',
      'E',
      'E',
    ]);
    assert.equal(performanceClass(BATTERY, scheme).index, 2);
  });

  it('refuses a footprint per another declared unit', async () => {
    const scheme = await example();
    assert.throws(
      () => performanceClass(BRACKET, scheme),
      (e: unknown) =>
        e instanceof LabelError &&
        e.code === 'CLASS_SCHEME_UNIT_MISMATCH' &&
        /per 1 kWh, this footprint is per 1 item/.test(e.message),
    );
  });
});

describe('invalid schemes', () => {
  const valid = async (): Promise<ClassScheme> => structuredClone(await example());

  it('bounds that do not increase', async () => {
    const scheme = await valid();
    scheme.classes[2].upTo = 60;
    assertRefused(() => parseClassScheme(scheme), 'INVALID_CLASS_SCHEME', 'classes.2.upTo');
  });

  it('a class named twice, a bound missing, a bound on the last class', async () => {
    const twice = await valid();
    twice.classes[1].class = 'A';
    assertRefused(() => parseClassScheme(twice), 'INVALID_CLASS_SCHEME', 'classes.1.class');
    const missing = await valid();
    delete missing.classes[1].upTo;
    assertRefused(() => parseClassScheme(missing), 'INVALID_CLASS_SCHEME', 'classes.1.upTo');
    const bounded = await valid();
    bounded.classes[4].upTo = 500;
    assertRefused(() => parseClassScheme(bounded), 'INVALID_CLASS_SCHEME', 'classes.4.upTo');
  });

  it('an official scheme without its source; a bad colour; an unknown member', async () => {
    const official = { ...(await valid()), status: 'official' };
    assertRefused(() => parseClassScheme(official), 'INVALID_CLASS_SCHEME', 'source');
    assert.equal(parseClassScheme({ ...official, source: 'Delegated act (EU) 2099/1' }).status, 'official');
    const colour = await valid();
    colour.classes[0].colour = 'green';
    assertRefused(() => parseClassScheme(colour), 'INVALID_CLASS_SCHEME', 'classes.0.colour');
    const extra = { ...(await valid()), thresholds: [] };
    assertRefused(() => parseClassScheme(extra), 'INVALID_CLASS_SCHEME', '(root)');
  });

  it('a file that is not JSON, or not a scheme, is named in the message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'opencfp-scheme-'));
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ "id": ');
    await assert.rejects(readClassSchemeFile(broken), (e: unknown) => {
      assert.ok(e instanceof LabelError && e.code === 'INVALID_CLASS_SCHEME');
      assert.match(e.message, /broken\.json is not JSON/);
      return true;
    });
    const wrong = join(dir, 'wrong.json');
    await writeFile(wrong, JSON.stringify({ id: 'x' }));
    await assert.rejects(readClassSchemeFile(wrong), /the class scheme .*wrong\.json is not valid: name: /);
  });
});

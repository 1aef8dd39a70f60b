import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RefdataError } from '../errors.js';
import { ruleSet, ruleSets } from './rule-sets.js';
import type { Condition, SourceReference } from './rule-set.js';

/** Every sourced value (number, date, words) a condition or phase-in holds. */
function sourcedValues(condition: Condition): SourceReference[] {
  switch (condition.check) {
    case 'unit':
      return condition.unit ? [condition.unit] : [];
    case 'gwp-set':
      return [condition.horizonYears, condition.assessmentReports].filter((x) => x !== undefined);
    case 'cut-off':
      return [condition.maxSharePerExclusion, condition.minCoveredShare, condition.maxExcludedShare].filter(
        (x) => x !== undefined,
      );
    case 'data-quality':
      return [
        condition.primaryDataShare?.min,
        condition.ratings?.scaleMin,
        condition.ratings?.scaleMax,
        condition.ratings?.maxAllowed,
      ].filter((x) => x !== undefined);
    default:
      return [];
  }
}

describe('rule sets', () => {
  it('holds the eight rule sets of issue 7, each found by its id', () => {
    assert.deepEqual(
      ruleSets().map((r) => r.id),
      [
        'iso-14067-2018',
        'gb-t-24067-2024',
        'ghg-protocol-product-2011',
        'pas-2050-2011',
        'eu-pef-2021-2279',
        'eu-battery-cfb-ev-2023',
        'eu-battery-draft-da-2024',
        'pact-methodology-3.0',
      ],
    );
    for (const r of ruleSets()) assert.equal(ruleSet(r.id), r);
  });

  it('refuses an unknown id with the ids there are', () => {
    assert.throws(
      () => ruleSet('iso-14067-2006'),
      (e: unknown) =>
        e instanceof RefdataError && e.code === 'UNKNOWN_RULE_SET' && e.message.includes('iso-14067-2018'),
    );
  });

  it('gives every requirement an id unique across all rule sets, prefixed by its rule set', () => {
    const seen = new Set<string>();
    for (const r of ruleSets())
      for (const q of r.requirements) {
        assert.ok(q.id.startsWith(`${r.id}.`), q.id);
        assert.ok(!seen.has(q.id), `duplicate ${q.id}`);
        seen.add(q.id);
      }
  });

  it('names a source of the rule set for every number, date and value a condition uses', () => {
    let count = 0;
    for (const r of ruleSets()) {
      const ids = new Set(r.sources.map((s) => s.id));
      for (const q of r.requirements) {
        const refs = [...sourcedValues(q.condition), ...(q.phaseIn ? [q.phaseIn.mandatoryFrom] : [])];
        for (const ref of refs) {
          assert.ok(ids.has(ref.sourceId), `${q.id}: source '${ref.sourceId}' is not in ${r.id}.sources`);
          assert.ok(ref.clause.length > 0, `${q.id}: clause`);
          count++;
        }
      }
    }
    // PAS 2050 1 %; PACT AR6, DQR 1 and 5, 2027-12-31 twice; the battery kWh unit twice.
    assert.equal(count, 8);
  });

  it('keeps the PAS 2050 materiality threshold at 1 % and leaves the 95 % coverage out until confirmed', () => {
    const materiality = ruleSet('pas-2050-2011').requirements.find(
      (q) => q.id === 'pas-2050-2011.materiality',
    );
    assert.ok(materiality && materiality.condition.check === 'cut-off');
    assert.deepEqual(materiality.condition.maxSharePerExclusion, {
      value: 1,
      unit: '%',
      sourceId: 'pas-2050-2011',
      clause: '6.3; Annex B',
    });
    assert.equal(materiality.condition.minCoveredShare, undefined);
    assert.ok(materiality.toBeConfirmed?.some((t) => t.includes('95 %')));
  });

  it('takes GB/T 24067-2024 requirements from ISO 14067:2018 with the ISO clause they correspond to', () => {
    const iso = ruleSet('iso-14067-2018');
    const gbt = ruleSet('gb-t-24067-2024');
    for (const q of iso.requirements) {
      const twin = gbt.requirements.find((g) => g.id === q.id.replace('iso-14067-2018.', 'gb-t-24067-2024.'));
      assert.ok(twin, q.id);
      assert.deepEqual(twin.condition, q.condition);
      assert.equal(twin.clause, `GB/T 24067-2024 (${q.clause})`);
    }
  });

  it('writes every requirement in English and Chinese', () => {
    for (const r of ruleSets()) {
      assert.ok(r.name.en && r.name.zh, r.id);
      for (const q of r.requirements)
        for (const text of [q.text, q.fix]) {
          assert.ok(text.en.length > 10, q.id);
          assert.match(text.zh, /[\u4e00-\u9fff]/, q.id);
        }
    }
  });
});

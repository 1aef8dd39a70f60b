import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PAS_2050_2011, ruleSets, type RuleSet } from '@opencfp/refdata';
import type { z } from 'zod';
import { StudyError } from './errors.js';
import { parseRuleSet, RuleSetSchema } from './rule-set-schema.js';

// The schema and refdata's types describe the same data: a shipped rule set is schema input, a parsed one a RuleSet.
const _asInput: z.input<typeof RuleSetSchema> = PAS_2050_2011;
const _asRuleSet: (data: unknown) => RuleSet = (data) => RuleSetSchema.parse(data);

/** A deep copy of PAS 2050:2011 changed by `edit`. */
function changed(
  edit: (data: Record<string, unknown> & { requirements: Record<string, unknown>[] }) => void,
) {
  const data = structuredClone(PAS_2050_2011) as unknown as Record<string, unknown> & {
    requirements: Record<string, unknown>[];
  };
  edit(data);
  return data;
}

function problems(data: unknown): { path: string; message: string }[] {
  try {
    parseRuleSet(data);
  } catch (e) {
    assert.ok(e instanceof StudyError && e.code === 'INVALID_RULE_SET', String(e));
    return e.problems;
  }
  assert.fail('the rule set was accepted');
}

const MATERIALITY = 3; // index of pas-2050-2011.materiality

describe('RuleSetSchema', () => {
  it('accepts every rule set OpenCFP ships, unchanged', () => {
    for (const r of ruleSets()) assert.deepEqual(parseRuleSet(r), r, r.id);
  });

  it('counts the requirements of each rule set', () => {
    assert.deepEqual(Object.fromEntries(ruleSets().map((r) => [r.id, r.requirements.length])), {
      'iso-14067-2018': 15,
      'gb-t-24067-2024': 16,
      'ghg-protocol-product-2011': 14,
      'pas-2050-2011': 10,
      'eu-pef-2021-2279': 12,
      'eu-battery-cfb-ev-2023': 12,
      'eu-battery-draft-da-2024': 12,
      'pact-methodology-3.0': 13,
    });
  });

  it('keeps requirement ids unique across every rule set', () => {
    const ids = ruleSets().flatMap((r) => r.requirements.map((q) => q.id));
    assert.equal(new Set(ids).size, ids.length);
  });

  it('refuses a number whose source is not one of the rule set’s', () => {
    const data = changed((d) => {
      const condition = d.requirements[MATERIALITY].condition as Record<string, Record<string, unknown>>;
      condition.maxSharePerExclusion.sourceId = 'somewhere';
    });
    assert.deepEqual(problems(data), [
      {
        path: `/requirements/${MATERIALITY}/condition/maxSharePerExclusion/sourceId`,
        message: "source 'somewhere' is not one of the rule set's sources",
      },
    ]);
  });

  it('refuses a bare number: every number carries its unit and source', () => {
    const data = changed((d) => {
      (d.requirements[MATERIALITY].condition as Record<string, unknown>).maxSharePerExclusion = 1;
    });
    assert.deepEqual(
      problems(data).map((p) => p.path),
      [`/requirements/${MATERIALITY}/condition/maxSharePerExclusion`],
    );
  });

  it('refuses a condition that is not one of the checks (no code in the data)', () => {
    const data = changed((d) => {
      d.requirements[0].condition = { check: 'expression', code: 'result.total < 10' };
    });
    assert.deepEqual(
      problems(data).map((p) => p.path),
      ['/requirements/0/condition/check'],
    );
  });

  it('refuses duplicate and unprefixed requirement ids, and a method twice in a hierarchy', () => {
    const data = changed((d) => {
      d.requirements[1].id = d.requirements[0].id;
      d.requirements[2].id = 'other.gwp';
      const allocation = d.requirements.find((q) => q.id === 'pas-2050-2011.allocation');
      (allocation?.condition as { hierarchy: string[][] }).hierarchy = [['physical'], ['physical']];
    });
    assert.deepEqual(
      problems(data).map((p) => p.message),
      [
        "requirement id 'pas-2050-2011.boundary' is used twice",
        "requirement id 'other.gwp' must start with 'pas-2050-2011.'",
        'a method appears twice in the allocation hierarchy',
      ],
    );
  });

  it('refuses a requirement without its Chinese text', () => {
    const data = changed((d) => {
      d.requirements[0].text = { en: 'A paraphrase.', zh: '' };
    });
    assert.deepEqual(
      problems(data).map((p) => p.path),
      ['/requirements/0/text/zh'],
    );
  });
});

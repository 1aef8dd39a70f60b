// The zod schema of a rule set (packages/refdata rule-sets/rule-set.ts): the same shape, plus what the types cannot
// say — ids unique and prefixed by the rule set's id, every number, date and value in a condition tied to a source of
// the rule set, hierarchies without repeats, rating scales in order. Used to validate the rule sets OpenCFP ships (in
// tests) and, later, rule sets a user brings.
import {
  ACCOUNTING_RULES,
  ALLOCATION_METHODS,
  DQR_INDICATORS,
  END_OF_LIFE_APPROACHES,
  LIFE_CYCLE_STAGES,
  REPORT_ITEMS,
  REQUIREMENT_TOPICS,
  SEPARATE_ITEMS,
  type AccountingChoice,
  type RuleSet,
  type StageScheme,
} from '@opencfp/refdata';
import { z } from 'zod';
import { StudyError } from './errors.js';

const Text = z.string().trim().min(1);
const LocalText = z.strictObject({ en: Text, zh: Text });
const Id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'lower-case letters, digits, . and -');
const Reference = { sourceId: Id, clause: Text };

/** A number in a condition: never bare, always with its unit and source. */
const SourcedNumber = z.strictObject({
  value: z.number().finite(),
  unit: z.enum(['%', 'rating', 'years']),
  ...Reference,
});
const SourcedDate = z.strictObject({ date: z.iso.date(), ...Reference });
const SourcedValues = z.strictObject({ values: z.array(Text).min(1), ...Reference });

const ProductType = z.enum(['intermediate', 'final']);
const Boundary = z.enum(['cradle-to-gate', 'cradle-to-grave', 'gate-to-gate']);
const UnitRequirement = z.enum(['functional-unit', 'declared-unit', 'functional-or-declared-unit']);
const Accounting = z.enum(Object.keys(ACCOUNTING_RULES) as [AccountingChoice, ...AccountingChoice[]]);
const Scheme = z.enum(Object.keys(LIFE_CYCLE_STAGES) as [StageScheme, ...StageScheme[]]);
const perProductType = <T extends z.ZodType>(t: T) => z.strictObject({ intermediate: t, final: t });

export const ConditionSchema = z.discriminatedUnion('check', [
  z.strictObject({ check: z.literal('boundary'), allowed: perProductType(z.array(Boundary).min(1)) }),
  z.strictObject({
    check: z.literal('unit'),
    required: perProductType(UnitRequirement),
    unit: SourcedValues.optional(),
  }),
  z.strictObject({
    check: z.literal('gwp-set'),
    characterisation: z.enum(['ipcc', 'ef-reference-package']),
    horizonYears: SourcedNumber.optional(),
    assessmentReports: SourcedValues.optional(),
  }),
  z.strictObject({ check: z.literal('separate-reporting'), items: z.array(z.enum(SEPARATE_ITEMS)).min(1) }),
  z.strictObject({ check: z.literal('stages'), scheme: Scheme }),
  z.strictObject({
    check: z.literal('cut-off'),
    statementRequired: z.boolean(),
    maxSharePerExclusion: SourcedNumber.optional(),
    minCoveredShare: SourcedNumber.optional(),
    maxExcludedShare: SourcedNumber.optional(),
    excludedShareRequired: z.boolean().optional(),
  }),
  z.strictObject({
    check: z.literal('allocation'),
    hierarchy: z.array(z.array(z.enum(ALLOCATION_METHODS)).min(1)).min(1),
    justificationBelowFirstLevel: z.boolean(),
  }),
  z.strictObject({ check: z.literal('electricity'), accepted: z.array(Accounting).min(1) }),
  z.strictObject({
    check: z.literal('data-quality'),
    assessmentRequired: z.boolean(),
    primaryDataShare: z.strictObject({ required: z.boolean(), min: SourcedNumber.optional() }).optional(),
    ratings: z
      .strictObject({
        indicators: z.array(z.enum(DQR_INDICATORS)).min(1),
        scaleMin: SourcedNumber,
        scaleMax: SourcedNumber,
        maxAllowed: SourcedNumber.optional(),
      })
      .optional(),
  }),
  z.strictObject({
    check: z.literal('uncertainty'),
    kind: z.enum(['qualitative', 'quantitative', 'sensitivity']),
  }),
  z.strictObject({
    check: z.literal('end-of-life'),
    accepted: z.array(z.enum(END_OF_LIFE_APPROACHES)).min(1),
  }),
  z.strictObject({ check: z.literal('reference-period') }),
  z.strictObject({ check: z.literal('report'), items: z.array(z.enum(REPORT_ITEMS)).min(1) }),
  z.strictObject({ check: z.literal('attestation') }),
]);

export const RequirementSchema = z.strictObject({
  id: Id,
  clause: Text,
  clauseToBeConfirmed: z.boolean().optional(),
  topic: z.enum(REQUIREMENT_TOPICS),
  level: z.enum(['mandatory', 'recommended']),
  appliesTo: z
    .strictObject({
      productTypes: z.array(ProductType).min(1).optional(),
      boundaries: z.array(Boundary).min(1).optional(),
    })
    .optional(),
  phaseIn: z
    .strictObject({ mandatoryFrom: SourcedDate, basis: z.enum(['reference-period-end', 'report-date']) })
    .optional(),
  condition: ConditionSchema,
  text: LocalText,
  fix: LocalText,
  toBeConfirmed: z.array(Text).min(1).optional(),
});

const RuleSourceSchema = z.strictObject({
  id: Id,
  title: Text,
  publisher: Text,
  year: z.number().int().min(1990).max(2100),
  edition: Text.optional(),
  url: z.url().optional(),
  seen: Text,
});

type ConditionData = z.output<typeof ConditionSchema>;
type Sourced = { sourceId: string; clause: string };

/** Every sourced value of a condition, with where it sits in the condition. */
function sourced(condition: ConditionData): [string, Sourced][] {
  const out: [string, Sourced | undefined][] = [];
  switch (condition.check) {
    case 'unit':
      out.push(['unit', condition.unit]);
      break;
    case 'gwp-set':
      out.push(['horizonYears', condition.horizonYears], ['assessmentReports', condition.assessmentReports]);
      break;
    case 'cut-off':
      out.push(
        ['maxSharePerExclusion', condition.maxSharePerExclusion],
        ['minCoveredShare', condition.minCoveredShare],
        ['maxExcludedShare', condition.maxExcludedShare],
      );
      break;
    case 'data-quality':
      out.push(
        ['primaryDataShare/min', condition.primaryDataShare?.min],
        ['ratings/scaleMin', condition.ratings?.scaleMin],
        ['ratings/scaleMax', condition.ratings?.scaleMax],
        ['ratings/maxAllowed', condition.ratings?.maxAllowed],
      );
      break;
  }
  return out.filter((x): x is [string, Sourced] => x[1] !== undefined);
}

export const RuleSetSchema = z
  .strictObject({
    id: Id,
    name: LocalText,
    version: Text,
    publisher: Text,
    year: z.number().int().min(1990).max(2100),
    url: z.url(),
    copyright: Text,
    scope: LocalText,
    supersedes: Id.optional(),
    sources: z.array(RuleSourceSchema).min(1),
    requirements: z.array(RequirementSchema).min(1),
    toBeConfirmed: z.array(Text).min(1).optional(),
  })
  .superRefine((r, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const sources = new Set<string>();
    r.sources.forEach((s, i) => {
      if (sources.has(s.id)) issue(['sources', i, 'id'], `source id '${s.id}' is used twice`);
      sources.add(s.id);
    });
    const ids = new Set<string>();
    r.requirements.forEach((q, i) => {
      const at = ['requirements', i];
      if (!q.id.startsWith(`${r.id}.`))
        issue([...at, 'id'], `requirement id '${q.id}' must start with '${r.id}.'`);
      if (ids.has(q.id)) issue([...at, 'id'], `requirement id '${q.id}' is used twice`);
      ids.add(q.id);
      const refs: [PropertyKey[], Sourced][] = sourced(q.condition).map(([where, s]) => [
        [...at, 'condition', ...where.split('/')],
        s,
      ]);
      if (q.phaseIn) refs.push([[...at, 'phaseIn', 'mandatoryFrom'], q.phaseIn.mandatoryFrom]);
      for (const [path, s] of refs)
        if (!sources.has(s.sourceId))
          issue([...path, 'sourceId'], `source '${s.sourceId}' is not one of the rule set's sources`);
      const c = q.condition;
      if (c.check === 'allocation') {
        const all = c.hierarchy.flat();
        if (new Set(all).size !== all.length)
          issue([...at, 'condition', 'hierarchy'], 'a method appears twice in the allocation hierarchy');
      }
      if (c.check === 'data-quality' && c.ratings && c.ratings.scaleMin.value >= c.ratings.scaleMax.value)
        issue([...at, 'condition', 'ratings'], 'scaleMin must be below scaleMax');
      if (c.check === 'cut-off' && c.maxSharePerExclusion && c.maxSharePerExclusion.unit !== '%')
        issue([...at, 'condition', 'maxSharePerExclusion', 'unit'], "a share is in '%'");
    });
  });

/**
 * A rule set validated by the schema (a shipped one, or one a user brings).
 *
 * @throws StudyError `INVALID_RULE_SET` with every problem at its path.
 * @example parseRuleSet(JSON.parse(text)).requirements.length
 */
export function parseRuleSet(data: unknown): RuleSet {
  const parsed = RuleSetSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({
      path: `/${i.path.map(String).join('/')}`,
      message: i.message,
    }));
    throw new StudyError(
      'INVALID_RULE_SET',
      `the rule set is not valid: ${problems
        .slice(0, 5)
        .map((p) => `${p.path}: ${p.message}`)
        .join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`,
      problems,
    );
  }
  return parsed.data;
}

import type { Schema } from '@opencfp/client';

export type StudyCompliance = Schema<'StudyCompliance'>;

export type ComplianceStatus = 'met' | 'not-met' | 'not-applicable' | 'needs-evidence';
const STATUSES: readonly ComplianceStatus[] = ['met', 'not-met', 'not-applicable', 'needs-evidence'];

/** A text the check gives in English and in Chinese. */
export interface LocalText {
  en: string;
  zh: string;
}

/** Where the check looked (a JSON pointer into the study, its model or result) and what it found. */
export interface Evidence {
  path: string;
  value: string | number | boolean | null;
  note: string | null;
}

/** One requirement of the rule set, checked. */
export interface ComplianceRow {
  requirementId: string;
  clause: string;
  topic: string;
  /** 'mandatory' or 'recommended' (a phase-in may keep a mandatory one recommended still). */
  level: string;
  status: ComplianceStatus;
  message: LocalText;
  /** How to meet it (for requirements not met or needing evidence). */
  fix: LocalText | null;
  evidence: Evidence[];
  /** What the rule set's data could not confirm for this requirement. */
  toBeConfirmed: string[];
  /** Mandatory and not met: the study cannot be published. */
  blocking: boolean;
}

export interface ComplianceReport {
  ruleSetId: string;
  ruleSetVersion: string;
  blocksPublication: boolean;
  counts: StudyCompliance['counts'];
  rows: ComplianceRow[];
}

type Loose = Record<string, unknown>;
const isObject = (x: unknown): x is Loose => typeof x === 'object' && x !== null && !Array.isArray(x);
const text = (x: unknown): string => (typeof x === 'string' ? x : '');

function localText(x: unknown): LocalText | null {
  if (typeof x === 'string') return { en: x, zh: x };
  if (!isObject(x)) return null;
  return { en: text(x.en), zh: text(x.zh) || text(x.en) };
}

function evidenceValue(x: unknown): Evidence['value'] {
  return typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? x : null;
}

/**
 * The compliance check of a study (GET …/studies/{id}/compliance) read into rows: every requirement of the rule set
 * with its status, level, message and fix in both languages and its evidence, in the rule set's order. The API
 * types the rows loosely (the checker's `ComplianceFinding`, packages/study); a row is blocking when it is among
 * `unmet` (the server's list of mandatory requirements not met).
 *
 * @example const report = readCompliance(data); report.rows.filter((r) => r.blocking)
 */
export function readCompliance(compliance: StudyCompliance): ComplianceReport {
  const blocking = new Set(compliance.unmet.map((u) => u.requirementId));
  const rows = compliance.findings.map((finding): ComplianceRow => {
    const f: Loose = finding;
    const status = STATUSES.find((s) => s === f.status) ?? 'needs-evidence';
    return {
      requirementId: finding.requirementId,
      clause: text(f.clause),
      topic: text(f.topic),
      level: text(f.level),
      status,
      message: localText(f.message) ?? { en: '', zh: '' },
      fix: localText(f.fix),
      evidence: (Array.isArray(f.evidence) ? f.evidence : []).filter(isObject).map((e) => ({
        path: text(e.path),
        value: evidenceValue(e.value),
        note: typeof e.note === 'string' ? e.note : null,
      })),
      toBeConfirmed: (Array.isArray(f.toBeConfirmed) ? f.toBeConfirmed : []).filter(
        (x): x is string => typeof x === 'string',
      ),
      blocking: blocking.has(finding.requirementId),
    };
  });
  return {
    ruleSetId: compliance.ruleSetId,
    ruleSetVersion: compliance.ruleSetVersion,
    blocksPublication: compliance.blocksPublication,
    counts: compliance.counts,
    rows,
  };
}

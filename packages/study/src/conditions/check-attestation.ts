import type { Study } from '../study.js';
import { outcome, type ConditionOutcome } from './condition-outcome.js';

/**
 * A requirement only a person can show met (verification, site data collected …): met when the study carries an
 * attestation for it, else evidence is needed.
 *
 * @example checkAttestation('ghg-protocol-product-2011.assurance', study).status // 'needs-evidence' without one
 */
export function checkAttestation(requirementId: string, study: Study): ConditionOutcome {
  const index = (study.attestations ?? []).findIndex((a) => a.requirementId === requirementId);
  if (index < 0)
    return outcome(
      'needs-evidence',
      [],
      'the model cannot show this: a person must attest it, with a reference to the evidence',
      '模型无法体现此项：须由人员声明并注明证据出处',
    );
  const a = (study.attestations ?? [])[index];
  return outcome(
    'met',
    [
      { path: `/study/attestations/${index}/statement`, value: a.statement },
      ...(a.reference ? [{ path: `/study/attestations/${index}/reference`, value: a.reference }] : []),
    ],
    `attested${a.by ? ` by ${a.by}` : ''}: ${a.statement}`,
    `已声明${a.by ? `（${a.by}）` : ''}：${a.statement}`,
  );
}

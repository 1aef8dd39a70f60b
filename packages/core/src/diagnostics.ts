/**
 * Diagnostics: everything the calculation noticed and did about the data. Nothing is dropped or guessed
 * silently; each choice and each problem becomes one diagnostic, so results can be reviewed and reproduced.
 */

/** Stable codes; the meaning of each is documented where it is raised. */
export type DiagnosticCode =
  // units and flows
  | 'UNKNOWN_FLOW'
  | 'UNKNOWN_UNIT'
  | 'UNKNOWN_FLOW_PROPERTY'
  | 'FLOW_PROPERTY_NOT_ON_FLOW'
  | 'NO_REFERENCE_FLOW_PROPERTY'
  | 'DUPLICATE_PROCESS_ID'
  | 'PROCESS_WITHOUT_PRODUCT'
  // formulas
  | 'FORMULA_AMOUNT_MISMATCH'
  | 'FORMULA_FAILED'
  | 'PARAMETER_PROBLEM'
  // linking
  | 'MULTIPLE_PROVIDERS'
  | 'DEFAULT_PROVIDER_NOT_FOUND'
  | 'CUT_OFF'
  | 'CUT_OFF_FLOWS'
  // allocation
  | 'ALLOCATION_FACTOR_MISSING'
  | 'ALLOCATION_FACTORS_SUM'
  | 'UNALLOCATED_COPRODUCTS'
  // results
  | 'NEGATIVE_SCALING'
  | 'NON_PRODUCTIVE_LOOP'
  | 'RESIDUAL_HIGH'
  | 'SINGULAR_DATABASE'
  // impact assessment
  | 'IMPACT_FACTOR_SKIPPED';

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/**
 * One finding. `processId`/`flowId` locate it in the source data; `details` carries the figures (plain JSON).
 *
 * @example
 * { code: 'MULTIPLE_PROVIDERS', severity: 'warning', processId: 'p1', flowId: 'diesel',
 *   message: "2 processes provide 'diesel' …", details: { chosen: 'p-us', candidates: [...] } }
 */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: DiagnosticSeverity;
  message: string;
  processId?: string;
  flowId?: string;
  details?: Record<string, unknown>;
}

/** Diagnostics indexed by process, so a result can pick those of the processes it scales. */
export class DiagnosticIndex {
  readonly all: readonly Diagnostic[];
  private readonly byProcess = new Map<string, Diagnostic[]>();
  private readonly global: Diagnostic[] = [];

  constructor(diagnostics: readonly Diagnostic[]) {
    this.all = diagnostics;
    for (const d of diagnostics) {
      if (d.processId === undefined) {
        this.global.push(d);
        continue;
      }
      let list = this.byProcess.get(d.processId);
      if (!list) this.byProcess.set(d.processId, (list = []));
      list.push(d);
    }
  }

  /** Diagnostics that concern no single process (apply to every result). */
  get general(): readonly Diagnostic[] {
    return this.global;
  }

  /** Diagnostics of one process (empty when there are none). */
  of(processId: string): readonly Diagnostic[] {
    return this.byProcess.get(processId) ?? [];
  }
}

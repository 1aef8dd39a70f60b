import type { Diagnostic } from './diagnostics.js';
import type { LcaMatrices } from './product-system.js';

/**
 * Flags negative scaling factors that are not credits. A column reached from the demand only through
 * avoided-product (or avoided-waste) links may rightly run "backwards" (s < 0: the credit); a column reached
 * through ordinary supply links with s < 0 means the system is not productive — typically a loop that needs
 * more of its own products than it makes (e.g. a process that uses 1.2 kg of its product per kg made), so every
 * result depending on it is meaningless. One NON_PRODUCTIVE_LOOP per loop (strongly connected set of columns
 * of the supply graph) holding flagged columns, and one NEGATIVE_SCALING listing every flagged column.
 *
 * @example
 * const d = negativeScalingDiagnostics(s, demandColumn, matrices); // [] for a productive system
 */
export function negativeScalingDiagnostics(s: Float64Array, root: number, m: LcaMatrices): Diagnostic[] {
  let max = 0;
  for (let j = 0; j < s.length; j++) if (Math.abs(s[j]) > max) max = Math.abs(s[j]);
  // Round-off around exact zeros is not a finding.
  const tol = max * 1e-12;
  let any = false;
  for (let j = 0; j < s.length && !any; j++) if (s[j] < -tol) any = true;
  if (!any) return [];

  const { columnPointers: p, rowIndex: ri } = m.supplyLinks;
  const n = s.length;
  const reached = new Uint8Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  reached[root] = 1;
  queue[tail++] = root;
  while (head < tail) {
    const j = queue[head++];
    for (let q = p[j]; q < p[j + 1]; q++) {
      const i = ri[q];
      if (!reached[i]) {
        reached[i] = 1;
        queue[tail++] = i;
      }
    }
  }
  const flagged: number[] = [];
  for (let j = 0; j < n; j++) if (reached[j] && s[j] < -tol) flagged.push(j);
  if (flagged.length === 0) return [];

  const component = stronglyConnected(m, reached, queue.subarray(0, tail));
  const loops = new Map<number, number[]>();
  const sizes = new Map<number, number>();
  for (let q = 0; q < tail; q++) {
    const j = queue[q];
    sizes.set(component[j], (sizes.get(component[j]) ?? 0) + 1);
  }
  for (const j of flagged) {
    const c = component[j];
    const cyclic = (sizes.get(c) ?? 0) > 1 || m.selfLinked[j] === 1;
    if (!cyclic) continue;
    let list = loops.get(c);
    if (!list) loops.set(c, (list = []));
    list.push(j);
  }

  const describe = (j: number) => ({
    processId: m.products[j].processId,
    processName: m.products[j].processName,
    flowId: m.products[j].flowId,
    flowName: m.products[j].flowName,
    scaling: s[j],
  });
  const out: Diagnostic[] = [];
  for (const [c, members] of loops) {
    const all: number[] = [];
    for (let q = 0; q < tail; q++) if (component[queue[q]] === c) all.push(queue[q]);
    const names = all
      .slice(0, 8)
      .map((j) => {
        const p = m.products[j];
        // Name the product when it is not the process's namesake: loops often run through a co-product.
        return p.flowName === p.processName
          ? `'${p.processName}' (${p.processId})`
          : `'${p.processName}' (${p.processId}) → '${p.flowName}'`;
      })
      .join(', ');
    out.push({
      code: 'NON_PRODUCTIVE_LOOP',
      severity: 'error',
      processId: m.products[members[0]].processId,
      flowId: m.products[members[0]].flowId,
      message:
        `non-productive loop: ${all.length === 1 ? `process ${names} uses more of its own product than it makes` : `the ${all.length} process-products ${names}${all.length > 8 ? ', …' : ''} together need more of their own products than they make`}, ` +
        'so scaling factors are negative and results that depend on the loop are meaningless. Check the amounts and ' +
        'units of the inputs along the loop, and whether unallocated co-products make a process look less productive than it is.',
      details: { products: all.slice(0, 100).map(describe), size: all.length },
    });
  }
  out.push({
    code: 'NEGATIVE_SCALING',
    severity: 'error',
    message:
      `${flagged.length} process-product${flagged.length === 1 ? ' has a' : 's have'} negative scaling factor${flagged.length === 1 ? '' : 's'} although ${flagged.length === 1 ? 'it is' : 'they are'} supplied through ordinary (not avoided-product) links: ` +
      (loops.size > 0
        ? 'see the non-productive loop diagnostics. '
        : 'avoided products or negative reference amounts exceed what the system needs. ') +
      'Results that depend on them are not meaningful.',
    details: { products: flagged.slice(0, 100).map(describe), count: flagged.length },
  });
  return out;
}

/**
 * Tarjan's strongly connected components of the supply graph (edge j → i when column j is supplied by i),
 * restricted to `nodes`; iterative, so deep supply chains cannot overflow the stack. Returns a component id per
 * column (−1 outside `nodes`).
 */
function stronglyConnected(m: LcaMatrices, inSet: Uint8Array, nodes: Int32Array): Int32Array {
  const n = inSet.length;
  const { columnPointers: p, rowIndex: ri } = m.supplyLinks;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const callStack: number[] = [];
  const edgeAt = new Int32Array(n);
  let counter = 0;
  let components = 0;
  for (const start of nodes) {
    if (index[start] >= 0) continue;
    callStack.push(start);
    index[start] = low[start] = counter++;
    edgeAt[start] = p[start];
    stack.push(start);
    onStack[start] = 1;
    while (callStack.length > 0) {
      const v = callStack[callStack.length - 1];
      if (edgeAt[v] < p[v + 1]) {
        const w = ri[edgeAt[v]++];
        if (!inSet[w]) continue;
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          edgeAt[w] = p[w];
          stack.push(w);
          onStack[w] = 1;
          callStack.push(w);
        } else if (onStack[w] && index[w] < low[v]) low[v] = index[w];
        continue;
      }
      callStack.pop();
      if (callStack.length > 0) {
        const parent = callStack[callStack.length - 1];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          comp[w] = components;
        } while (w !== v);
        components++;
      }
    }
  }
  return comp;
}

// The item a verifier's finding is about, as the API names it: a JSON pointer (RFC 6901) into the model as
// submitted (`/model/…`), its result's footprint (`/result/…`) or the study (`/study/…`), or '' for the study as a
// whole (docs/studies.md, Findings). The pages build pointers from what the user clicks and read them back into
// words; nothing here guesses: a pointer the pages do not know is shown as it is.

/** The roots a finding's item path may start with. */
export type ItemRoot = 'model' | 'result' | 'study';

/** The study fields a finding may point at besides its declarations (the study as the API answers it). */
export const STUDY_FIELDS = [
  'title',
  'ruleSetId',
  'declaredUnit',
  'functionalUnit',
  'boundary',
  'productType',
] as const;
export type StudyField = (typeof STUDY_FIELDS)[number];

/** The declarations a study states (`declarations` of the study; the compliance check reads them). */
export const DECLARATION_KEYS = [
  'referencePeriod',
  'reportDate',
  'dataQuality',
  'uncertainty',
  'sensitivity',
  'choices',
  'report',
  'goalAndScope',
  'attestations',
] as const;
export type DeclarationKey = (typeof DECLARATION_KEYS)[number];

/** An item of a study, as the pages let a verifier choose it. */
export type Item =
  | { kind: 'study' }
  | { kind: 'process'; process: number }
  | { kind: 'input'; process: number; input: number }
  | { kind: 'emission'; process: number; emission: number }
  | { kind: 'parameter'; parameter: number }
  | { kind: 'split'; key: string }
  | { kind: 'stage'; stage: number }
  | { kind: 'line'; line: number }
  | { kind: 'field'; field: StudyField }
  | { kind: 'declaration'; path: string[] }
  | { kind: 'other'; path: string };

/** One reference token of a JSON pointer, escaped (~ as ~0, / as ~1). */
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * A JSON pointer of the given tokens.
 *
 * @example jsonPointer(['model', 'processes', 0, 'inputs', 2]) // '/model/processes/0/inputs/2'
 */
export function jsonPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((token) => `/${escapeToken(token)}`).join('');
}

/**
 * The tokens of a JSON pointer, unescaped ('' has none).
 *
 * @example pointerTokens('/result/split/a~1b') // ['result', 'split', 'a/b']
 */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const INDEX = /^(0|[1-9]\d*)$/;
const index = (token: string | undefined): number | null =>
  token !== undefined && INDEX.test(token) ? Number(token) : null;

/**
 * The item path (JSON pointer) of an item.
 *
 * @example itemPath({ kind: 'input', process: 0, input: 2 }) // '/model/processes/0/inputs/2'
 */
export function itemPath(item: Item): string {
  switch (item.kind) {
    case 'study':
      return '';
    case 'process':
      return jsonPointer(['model', 'processes', item.process]);
    case 'input':
      return jsonPointer(['model', 'processes', item.process, 'inputs', item.input]);
    case 'emission':
      return jsonPointer(['model', 'processes', item.process, 'emissions', item.emission]);
    case 'parameter':
      return jsonPointer(['model', 'parameters', item.parameter]);
    case 'split':
      return jsonPointer(['result', 'split', item.key]);
    case 'stage':
      return jsonPointer(['result', 'byStage', item.stage]);
    case 'line':
      return jsonPointer(['result', 'contributions', item.line]);
    case 'field':
      return jsonPointer(['study', item.field]);
    case 'declaration':
      return jsonPointer(['study', 'declarations', ...item.path]);
    case 'other':
      return item.path;
  }
}

/**
 * The item an item path names, as the pages build them; any other pointer is `other` (shown as it is).
 *
 * @example readItemPath('/model/processes/1/emissions/0') // { kind: 'emission', process: 1, emission: 0 }
 */
export function readItemPath(path: string): Item {
  const tokens = pointerTokens(path);
  const [root, a, b, c, d] = tokens;
  const other: Item = { kind: 'other', path };
  if (tokens.length === 0) return { kind: 'study' };
  if (root === 'model') {
    if (a === 'processes') {
      const process = index(b);
      if (process === null) return other;
      if (tokens.length === 3) return { kind: 'process', process };
      const at = index(d);
      if (tokens.length === 5 && at !== null) {
        if (c === 'inputs') return { kind: 'input', process, input: at };
        if (c === 'emissions') return { kind: 'emission', process, emission: at };
      }
      return other;
    }
    const parameter = index(b);
    if (a === 'parameters' && parameter !== null && tokens.length === 3)
      return { kind: 'parameter', parameter };
    return other;
  }
  if (root === 'result' && tokens.length === 3 && b !== undefined) {
    if (a === 'split') return { kind: 'split', key: b };
    const at = index(b);
    if (at !== null && a === 'byStage') return { kind: 'stage', stage: at };
    if (at !== null && a === 'contributions') return { kind: 'line', line: at };
    return other;
  }
  if (root === 'study') {
    if (a === 'declarations') return { kind: 'declaration', path: tokens.slice(2) };
    const field = STUDY_FIELDS.find((f) => f === a);
    if (field && tokens.length === 2) return { kind: 'field', field };
  }
  return other;
}

/** The documents an item path points into: the study as the API answers it, the model as submitted, its footprint. */
export interface ItemRoots {
  study: unknown;
  model: unknown;
  result: unknown;
}

/** Whether `pointer` (without its root) points at something in `document`, as the server decides it. */
function found(document: unknown, tokens: readonly string[]): boolean {
  let node: unknown = document;
  for (const token of tokens) {
    if (Array.isArray(node)) {
      const at = index(token);
      if (at === null || at >= node.length) return false;
      node = node[at];
    } else if (node !== null && typeof node === 'object' && Object.hasOwn(node, token)) {
      node = (node as Record<string, unknown>)[token];
    } else return false;
  }
  return true;
}

/**
 * Where a compliance check's evidence is, as an item path a finding can be raised on: the check names the model
 * `/document/…` and the study's statements flat (`/study/choices/…`), the findings API names them `/model/…` and
 * `/study/declarations/…`. Of that path, the deepest part that exists in the documents (a statement not made yet
 * points at the declarations as a whole); '' (the study as a whole) when nothing of it does.
 *
 * @example evidenceItemPath('/study/choices/cutOff/criteria', roots) // '/study/declarations/choices' when cutOff is missing
 */
export function evidenceItemPath(evidencePath: string, roots: ItemRoots): string {
  const tokens = pointerTokens(evidencePath);
  const [root, ...rest] = tokens;
  let mapped: string[];
  if (root === 'document' || root === 'model') mapped = ['model', ...rest];
  else if (root === 'result') mapped = ['result', ...rest];
  else if (root === 'study') {
    const first = rest[0];
    mapped = DECLARATION_KEYS.some((key) => key === first)
      ? ['study', 'declarations', ...rest]
      : ['study', ...rest];
  } else return '';
  const document = roots[mapped[0] as ItemRoot];
  for (let length = mapped.length; length > 1; length--)
    if (found(document, mapped.slice(1, length))) return jsonPointer(mapped.slice(0, length));
  return '';
}

/**
 * The id of the element that shows an item on the study page, so that a link can lead to it (`#…`).
 *
 * @example itemAnchor('/model/processes/0/inputs/2') // 'item-model-processes-0-inputs-2'
 */
export function itemAnchor(path: string): string {
  return `item${path.replace(/[^A-Za-z0-9]+/g, '-')}`.replace(/-+$/, '');
}

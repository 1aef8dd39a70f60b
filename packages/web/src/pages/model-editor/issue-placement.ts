import type { Schema, ValidationIssue } from '@opencfp/client';
import type { DocumentPath, ModelDocument } from './model-types';
import type { EditorIssue } from './validate-document';

/**
 * Where the editor shows a problem: the field it concerns, or — when the editor has no field for that exact place
 * (a nested part, a whole source) — the nearest field or card around it. Patterns name the places the editor
 * renders, numbers as '#', scenario parameter names as '*'.
 */
const PLACES = new Set<string>([
  '',
  '$name',
  '$backgroundVersionId',
  'referenceProcessId',
  'description',
  'functionalUnit/en',
  'functionalUnit/zh',
  'boundary',
  'processes',
  'parameters',
  'scenarios',
  'carbonContent/fossil',
  'carbonContent/biogenic',
  'processes/#',
  ...['id', 'name', 'nameZh', 'stage', 'tags', 'location', 'output/name', 'output/amount', 'output/unit'].map(
    (f) => `processes/#/${f}`,
  ),
  'processes/#/inputs/#',
  ...['name', 'amount', 'unit', 'stage', 'comment', 'uncertainty', 'source'].map(
    (f) => `processes/#/inputs/#/${f}`,
  ),
  ...[
    'processId',
    'pcfExcludingBiogenic',
    'per',
    'unit',
    'biogenicCo2Emissions',
    'biogenicRemovals',
    'dLucGhgEmissions',
    'landManagementGhgEmissions',
    'otherBiogenicGhgEmissions',
    'aircraftGhgEmissions',
    'supplier',
    'footprintId',
    'year',
    'gwpSetId',
    'region',
    'accounting',
    'factorBasis',
    'timeMatching',
    'instruments',
    'mode',
    'distance',
    'distanceUnit',
    'dataset',
    'factor/kgCo2ePerTkm',
    'factor/source',
    'factor/year',
    'instruments/#',
    ...[
      'id',
      'kind',
      'share',
      'amount',
      'unit',
      'factor',
      'factorUnit',
      'factorSource',
      'criteria',
      'directConnection',
      'comment',
    ].map((f) => `instruments/#/${f}`),
  ].map((f) => `processes/#/inputs/#/source/${f}`),
  'processes/#/emissions/#',
  ...['gas', 'origin', 'amount', 'unit', 'stage', 'comment', 'uncertainty'].map(
    (f) => `processes/#/emissions/#/${f}`,
  ),
  'parameters/#',
  ...['name', 'value', 'formula', 'unit', 'description', 'uncertainty'].map((f) => `parameters/#/${f}`),
  'scenarios/#',
  ...['id', 'name', 'kind', 'description', 'electricity/accounting', 'parameters/*'].map(
    (f) => `scenarios/#/${f}`,
  ),
]);

/** The text form of a path: ['processes', 0, 'name'] → 'processes/0/name'. */
export const pathKey = (path: DocumentPath): string => path.join('/');

function pattern(path: DocumentPath): string {
  return path
    .map((part, i) =>
      typeof part === 'number' || /^\d+$/.test(String(part))
        ? '#'
        : path[i - 1] === 'parameters' && path[i - 2] !== undefined && path[i - 3] === 'scenarios'
          ? '*'
          : part,
    )
    .join('/');
}

/**
 * The key of the place that shows an issue at `path`: the longest start of it that the editor renders.
 *
 * @example placeOf(['processes', 1, 'inputs', 0, 'source', 'dataset', 'processId']) // 'processes/1/inputs/0/source/dataset'
 */
export function placeOf(path: DocumentPath): string {
  // a background input's product id is chosen with its process id, in the dataset picker
  const normalised = path[path.length - 1] === 'productId' ? [...path.slice(0, -1), 'processId'] : path;
  for (let k = normalised.length; k > 0; k--) {
    const start = normalised.slice(0, k);
    if (PLACES.has(pattern(start))) return pathKey(start);
  }
  return '';
}

/** Zod issue codes with a message of their own in the catalogues (editor.issues.server.<code>). */
const SERVER_CODES = new Set(['invalid_type', 'too_small', 'too_big', 'invalid_format', 'unrecognized_keys']);

/**
 * The server's validation issues (400 VALIDATION_FAILED `details.issues`) as the editor's: the document's paths
 * without the body's `model` wrapper, the model's own fields (`name`, `backgroundVersionId` of a PATCH) as
 * '$name' / '$backgroundVersionId'. The server's own words are kept with each (shown as it wrote them when the
 * catalogues have no message for its code).
 *
 * @example fromServerIssues(error.issues)
 */
export function fromServerIssues(issues: readonly ValidationIssue[]): EditorIssue[] {
  return issues
    .filter((issue) => issue.location === 'body')
    .map((issue) => {
      const [first, ...rest] = issue.path;
      const path: DocumentPath =
        first === 'model'
          ? rest
          : first === 'name' || first === 'backgroundVersionId'
            ? [`$${first}`]
            : issue.path;
      return {
        path,
        severity: 'error',
        origin: 'server',
        message: SERVER_CODES.has(issue.code)
          ? { key: `server.${issue.code}`, values: { text: issue.message } }
          : { text: issue.message },
      } satisfies EditorIssue;
    });
}

/**
 * The issues by the key of the place that shows them, errors first.
 *
 * @example const byPlace = groupByPlace(issues); byPlace.get('processes/0/name')
 */
export function groupByPlace(issues: readonly EditorIssue[]): Map<string, EditorIssue[]> {
  const byPlace = new Map<string, EditorIssue[]>();
  for (const issue of [...issues].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  )) {
    const key = placeOf(issue.path);
    const list = byPlace.get(key);
    if (list) list.push(issue);
    else byPlace.set(key, [issue]);
  }
  return byPlace;
}

/** Codes of the server's validation with a message of their own in the catalogues (editor.issues.model.<code>). */
const MODEL_CODES = new Set([
  'INVALID_MODEL',
  'FORMULA_ERROR',
  'UNKNOWN_PARAMETER',
  'PARAMETER_CYCLE',
  'UNKNOWN_SCENARIO',
  'UNKNOWN_PROCESS',
  'UNKNOWN_DATASET',
  'UNKNOWN_FACTOR',
  'NO_BACKGROUND',
  'UNIT_MISMATCH',
  'UNKNOWN_GAS',
  'UNKNOWN_STAGE',
  'FOREGROUND_SINGULAR',
  'NEGATIVE_SCALING',
  'NON_FINITE',
  'INVALID_OPTIONS',
]);

/**
 * A JSON pointer of the server ('/processes/0/inputs/1/unit') as a document path (['processes', 0, 'inputs', 1,
 * 'unit']).
 *
 * @example pointerPath('/scenarios/0/parameters/a~1b') // ['scenarios', 0, 'parameters', 'a/b']
 */
export function pointerPath(pointer: string): DocumentPath {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * The problems of the server's validation (POST …/models/validate: what a calculation would raise) as the
 * editor's: errors at the place their pointer names, in the reader's language by their code with the server's own
 * words beside, and the scenario they arise in named by its name.
 *
 * @example fromValidationIssues(data.issues, document)
 */
export function fromValidationIssues(
  issues: readonly Schema<'ModelIssue'>[],
  document: ModelDocument,
): EditorIssue[] {
  return issues.map((issue) => {
    const scenario =
      issue.scenarioId === undefined
        ? undefined
        : (document.scenarios?.find((s) => s.id === issue.scenarioId)?.name ?? issue.scenarioId);
    return {
      path: pointerPath(issue.path),
      severity: 'error',
      origin: 'server',
      message: {
        key: MODEL_CODES.has(issue.code) ? `model.${issue.code}` : 'model.other',
        values: { text: issue.message },
        ...(scenario === undefined ? {} : { scenario }),
      },
    } satisfies EditorIssue;
  });
}

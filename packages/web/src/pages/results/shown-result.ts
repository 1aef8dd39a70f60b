/**
 * The result a model's footprint is shown by, among its stored results (newest first, as the server lists them):
 * the newest of the base case (no scenario) — the model as it stands, which a scenario only varies — else, when
 * only scenarios were calculated, the newest of them (the page then names its scenario). Null when there is none.
 *
 * @example shownResult([{ scenario: { id: 'solar', name: 'Solar' } }, { scenario: null }]) // the second
 */
export function shownResult<Result extends { scenario: object | null }>(
  results: readonly Result[],
): Result | null {
  return results.find((result) => result.scenario === null) ?? results[0] ?? null;
}

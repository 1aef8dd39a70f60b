/**
 * The app's path of one dataset (a process, with the product whose footprint is shown).
 *
 * @example datasetPath('v-1', 'p-frame', 'f-frame') // '/databases/v-1/processes/p-frame?product=f-frame'
 */
export function datasetPath(versionId: string, processId: string, productId?: string): string {
  const path = `/databases/${encodeURIComponent(versionId)}/processes/${encodeURIComponent(processId)}`;
  return productId === undefined ? path : `${path}?product=${encodeURIComponent(productId)}`;
}

/**
 * Saves a file in the browser (an object URL on a temporary link; the server's CSP allows blob: downloads). Its own
 * copy here rather than the results pages' (results/download.ts), whose module brings ECharts with it.
 *
 * @example saveFile('statement.jws', new Blob([jws], { type: 'application/vc+jwt' }));
 */
export function saveFile(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // the download has its own reference to the blob once started
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

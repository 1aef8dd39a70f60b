import { getInstanceByDom } from 'echarts/core';

/**
 * Saves a file in the browser (an object URL on a temporary link; the server's CSP allows blob: downloads).
 *
 * @example downloadFile('stages.csv', new Blob([csv], { type: 'text/csv;charset=utf-8' }));
 */
export function downloadFile(name: string, blob: Blob): void {
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

/** A file name from a text: letters and digits of any script kept, the rest turned into dashes. */
export function fileName(...parts: string[]): string {
  return parts
    .join('-')
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}.]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
}

/**
 * The chart inside an `<EChart>` figure as a PNG: ECharts draws SVG, which is painted on a canvas at twice its size
 * on a white background. Rejects when the figure holds no chart.
 *
 * @example downloadFile('stages.png', await chartPng(figureElement));
 */
export async function chartPng(figure: HTMLElement, scale = 2): Promise<Blob> {
  const host = figure.querySelector<HTMLElement>('.echart-host');
  const chart = host ? getInstanceByDom(host) : undefined;
  if (!chart) throw new Error('no chart in this figure');
  const svg = chart.getDataURL({ type: 'svg', backgroundColor: '#ffffff' });
  const image = new Image();
  image.src = svg;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(chart.getWidth() * scale));
  canvas.height = Math.max(1, Math.round(chart.getHeight() * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas in this browser');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the chart could not be drawn'))),
      'image/png',
    ),
  );
}

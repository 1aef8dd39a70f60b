// A label as PNG at print resolution: the SVG rasterised by resvg (no system font is read: the text is already
// outlines), with a pHYs chunk so that layout and print software place it at its physical size.
import { crc32 } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import type { LabelScene } from './label-layout.js';

/** The default resolution: 300 dots per inch, the usual minimum for print. */
export const DEFAULT_PNG_DPI = 300;

export interface LabelPngOptions {
  /** Dots per inch (72–2400; default 300). */
  dpi?: number;
}

/** The PNG's size in pixels at a resolution. */
export function pngPixels(
  scene: Pick<LabelScene, 'width' | 'height'>,
  dpi: number,
): { width: number; height: number } {
  return { width: Math.round((scene.width / 25.4) * dpi), height: Math.round((scene.height / 25.4) * dpi) };
}

/** The PNG with a pHYs chunk (pixels per metre) right after its header chunk. */
function withResolution(png: Buffer, dpi: number): Uint8Array {
  const perMetre = Math.round(dpi / 0.0254);
  const data = Buffer.alloc(9);
  data.writeUInt32BE(perMetre, 0);
  data.writeUInt32BE(perMetre, 4);
  data.writeUInt8(1, 8); // unit: metre
  const type = Buffer.from('pHYs', 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  type.copy(chunk, 4);
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(Buffer.concat([type, data])), 8 + data.length);
  // The signature (8 bytes) and IHDR (4 length + 4 type + 13 data + 4 CRC) come first.
  const afterHeader = 8 + 25;
  return new Uint8Array(Buffer.concat([png.subarray(0, afterHeader), chunk, png.subarray(afterHeader)]));
}

/**
 * Rasterises a label's SVG (renderLabelSvg) at `dpi` to PNG bytes, on white.
 *
 * @example const png = renderLabelPng(renderLabelSvg(scene, fonts), scene, { dpi: 600 });
 */
export function renderLabelPng(svg: string, scene: LabelScene, options: LabelPngOptions = {}): Uint8Array {
  const dpi = options.dpi ?? DEFAULT_PNG_DPI;
  if (!Number.isFinite(dpi) || dpi < 72 || dpi > 2400)
    throw new RangeError(`the resolution must be between 72 and 2400 dpi, not ${dpi}`);
  // The pixel size is rounded from the physical size, and the drawing stretched to it exactly (by less than a
  // pixel), so that the PNG has the size its pHYs chunk states.
  const pixels = pngPixels(scene, dpi);
  const sized = svg.replace(
    /<svg([^>]*?) width="[^"]*" height="[^"]*"/,
    `<svg$1 width="${pixels.width}" height="${pixels.height}" preserveAspectRatio="none"`,
  );
  const rendered = new Resvg(sized, {
    fitTo: { mode: 'original' },
    background: '#ffffff',
    font: { loadSystemFonts: false },
    logLevel: 'off',
  }).render();
  return withResolution(rendered.asPng(), dpi);
}

// Reading rendered PNGs back in tests: their pixels (pngjs), their QR code (jsQR, an independent decoder), their
// stated resolution, and a pixel-wise comparison with a golden image.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Accept a changed rendering as the new golden image (docs/labels.md). */
export const UPDATE_GOLDEN = process.env.OPENCFP_UPDATE_GOLDEN === '1';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row by row. */
  data: Uint8Array;
}

/** The pixels of a PNG. */
export function decodePng(png: Uint8Array): Pixels {
  const image = PNG.sync.read(Buffer.from(png));
  return { width: image.width, height: image.height, data: new Uint8Array(image.data) };
}

/** The text of the QR code jsQR finds in the image, or null. */
export function decodeQr(pixels: Pixels): string | null {
  const found = jsQR.default(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height, {
    inversionAttempts: 'dontInvert',
  });
  return found ? found.data : null;
}

/** The pHYs chunk's pixels per metre (x, y), or undefined when the PNG has none. */
export function pngPixelsPerMetre(png: Uint8Array): { x: number; y: number } | undefined {
  const bytes = Buffer.from(png);
  let at = 8;
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (type === 'pHYs' && bytes[at + 16] === 1)
      return { x: bytes.readUInt32BE(at + 8), y: bytes.readUInt32BE(at + 12) };
    if (type === 'IDAT') return undefined;
    at += 12 + length;
  }
  return undefined;
}

/** The darkest channel value of a pixel (0 black … 255 white). */
export function darkness(pixels: Pixels, x: number, y: number): number {
  const i = (y * pixels.width + x) * 4;
  return Math.min(pixels.data[i], pixels.data[i + 1], pixels.data[i + 2]);
}

/**
 * Compares a rendering with its golden PNG: the same size, and at most `tolerance` of the pixels differing by more
 * than 48 in a channel (anti-aliasing may change a little between rasteriser versions; a moved or missing text
 * changes far more). With OPENCFP_UPDATE_GOLDEN=1 the rendering becomes the golden image. On a difference the
 * rendering is written next to the system's temporary files, to look at.
 */
export async function compareWithGolden(
  actual: Uint8Array,
  goldenFile: string,
  tolerance = 0.002,
): Promise<{ ok: boolean; message: string }> {
  if (UPDATE_GOLDEN || !existsSync(goldenFile)) {
    if (!UPDATE_GOLDEN)
      return { ok: false, message: `no golden image ${goldenFile}: run with OPENCFP_UPDATE_GOLDEN=1` };
    await writeFile(goldenFile, actual);
  }
  const golden = decodePng(await readFile(goldenFile));
  const rendered = decodePng(actual);
  const keep = async () => {
    const dir = join(tmpdir(), 'opencfp-label-goldens');
    await mkdir(dir, { recursive: true });
    const file = join(dir, goldenFile.split('/').at(-1) ?? 'label.png');
    await writeFile(file, actual);
    return file;
  };
  if (golden.width !== rendered.width || golden.height !== rendered.height)
    return {
      ok: false,
      message: `${goldenFile} is ${golden.width}×${golden.height}, the rendering ${rendered.width}×${rendered.height} (${await keep()})`,
    };
  let differing = 0;
  for (let i = 0; i < golden.data.length; i += 4) {
    const delta = Math.max(
      Math.abs(golden.data[i] - rendered.data[i]),
      Math.abs(golden.data[i + 1] - rendered.data[i + 1]),
      Math.abs(golden.data[i + 2] - rendered.data[i + 2]),
    );
    if (delta > 48) differing++;
  }
  const share = differing / (golden.width * golden.height);
  return share <= tolerance
    ? { ok: true, message: '' }
    : {
        ok: false,
        message: `${(share * 100).toFixed(2)} % of the pixels differ from ${goldenFile} (at most ${tolerance * 100} %): see ${await keep()}; if the change is meant, run with OPENCFP_UPDATE_GOLDEN=1 (docs/labels.md)`,
      };
}

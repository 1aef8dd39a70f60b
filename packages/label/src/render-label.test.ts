// Every layout (Chinese, English, bilingual) at every size, rendered to PNG: compared pixel-wise with its golden
// image, its QR code decoded by an independent reader (jsQR) to the product page's URL, its quiet zone white, its
// resolution stated. To accept a deliberate change of the rendering (docs/labels.md):
//   npx tsc -b packages/label && OPENCFP_UPDATE_GOLDEN=1 node --test packages/label/dist/render-label.test.js
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ClassScheme } from './class-scheme.js';
import { LABEL_LANGUAGES, type LabelData } from './label-data.js';
import type { LabelFonts } from './label-fonts.js';
import { layoutLabel, type LabelOptions, type LabelQr, type LabelScene } from './label-layout.js';
import { LABEL_SIZES } from './label-sizes.js';
import { pngPixels, renderLabelPng } from './render-label-png.js';
import { renderLabelSvg } from './render-label-svg.js';
import { renderLabel } from './render-label.js';
import { BATTERY, BRACKET, TEST_SUPPORT_SOURCE, fontsAndScheme } from './test-support/label-fixtures.js';
import {
  compareWithGolden,
  darkness,
  decodePng,
  decodeQr,
  pngPixelsPerMetre,
  type Pixels,
} from './test-support/png-tools.js';

let fonts: LabelFonts;
let scheme: ClassScheme;
before(async () => {
  ({ fonts, scheme } = await fontsAndScheme());
});

/** The golden labels: the battery, with the example class scheme where the size shows classes. */
const goldenOptions = (size: LabelOptions['size'], language: LabelOptions['language']): LabelOptions => ({
  size,
  language,
  ...(size === 'small' ? {} : { classScheme: scheme }),
});

function render(data: LabelData, options: LabelOptions, dpi: number): { scene: LabelScene; png: Uint8Array } {
  const scene = layoutLabel(data, options, fonts);
  return { scene, png: renderLabelPng(renderLabelSvg(scene, fonts), scene, { dpi }) };
}

/** Every pixel of the QR code's quiet zone (the ring of 4 modules around the symbol) is white paper. */
function assertQuietZone(pixels: Pixels, qr: LabelQr, dpi: number, what: string): void {
  const px = dpi / 25.4;
  const module = qr.module;
  const side = qr.matrix.size * module;
  const outer = {
    left: Math.ceil((qr.x - 4 * module) * px),
    top: Math.ceil((qr.y - 4 * module) * px),
    right: Math.floor((qr.x + side + 4 * module) * px) - 1,
    bottom: Math.floor((qr.y + side + 4 * module) * px) - 1,
  };
  // Pixels the symbol's edge may touch through anti-aliasing are left out (one pixel).
  const inner = {
    left: Math.floor(qr.x * px) - 1,
    top: Math.floor(qr.y * px) - 1,
    right: Math.ceil((qr.x + side) * px),
    bottom: Math.ceil((qr.y + side) * px),
  };
  let dark = 0;
  for (let y = outer.top; y <= outer.bottom; y++)
    for (let x = outer.left; x <= outer.right; x++) {
      if (x >= inner.left && x <= inner.right && y >= inner.top && y <= inner.bottom) continue;
      if (darkness(pixels, x, y) < 250) dark++;
    }
  assert.equal(dark, 0, `${what}: ${dark} pixels of the quiet zone are not white`);
}

describe('golden images', () => {
  for (const size of LABEL_SIZES)
    for (const language of LABEL_LANGUAGES)
      it(`the ${language} ${size} label matches its golden image`, async () => {
        // 150 dpi keeps the golden files small; the print resolution is checked below.
        const { png } = render(BATTERY, goldenOptions(size, language), 150);
        const { ok, message } = await compareWithGolden(
          png,
          `${TEST_SUPPORT_SOURCE}golden/label-${size}-${language}.png`,
        );
        assert.ok(ok, message);
      });
});

describe('the QR code decodes to the product page, at print resolution', () => {
  for (const size of LABEL_SIZES)
    for (const language of LABEL_LANGUAGES)
      for (const data of [BATTERY, BRACKET])
        it(`${language}, ${size}, ${data === BATTERY ? 'certified battery' : 'self-declared bracket'}`, () => {
          const options = data === BATTERY ? goldenOptions(size, language) : { size, language };
          const { scene, png } = render(data, options, 300);
          const pixels = decodePng(png);
          assert.deepEqual({ width: pixels.width, height: pixels.height }, pngPixels(scene, 300));
          assert.equal(decodeQr(pixels), data.productPageUrl);
          const qr = scene.items.find((item): item is LabelQr => item.kind === 'qr');
          assert.ok(qr);
          assertQuietZone(pixels, qr, 300, `${language} ${size}`);
        });
});

describe('PNG resolution', () => {
  it('300 dpi by default, stated in the pHYs chunk; another resolution on request', async () => {
    const standard = await renderLabel(BRACKET, { format: 'png', language: 'zh', size: 'medium', fonts });
    assert.equal(standard.mediaType, 'image/png');
    const pixels = decodePng(standard.bytes);
    // 60 × 40 mm at 300 dpi
    assert.deepEqual([pixels.width, pixels.height], [709, 472]);
    assert.deepEqual(pngPixelsPerMetre(standard.bytes), { x: 11811, y: 11811 });
    const fine = await renderLabel(BRACKET, {
      format: 'png',
      language: 'zh',
      size: 'medium',
      fonts,
      dpi: 600,
    });
    const finePixels = decodePng(fine.bytes);
    assert.deepEqual([finePixels.width, finePixels.height], [1417, 945]);
    assert.deepEqual(pngPixelsPerMetre(fine.bytes), { x: 23622, y: 23622 });
    assert.equal(decodeQr(finePixels), BRACKET.productPageUrl);
    await assert.rejects(
      renderLabel(BRACKET, { format: 'png', language: 'zh', size: 'medium', fonts, dpi: 10 }),
      /between 72 and 2400 dpi/,
    );
  });
});

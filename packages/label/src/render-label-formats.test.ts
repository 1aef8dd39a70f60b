// The SVG and the PDF of a label: the SVG at its physical size with its text as outlines (no font needed, words in
// its title and description, names escaped), the PDF one page of exactly the label's size whose text an independent
// reader (pdf.js) reads back in Chinese and English, from embedded font subsets only.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { Resvg } from '@resvg/resvg-js';
import type { ClassScheme } from './class-scheme.js';
import type { LabelFonts } from './label-fonts.js';
import { LABEL_SIZE, LABEL_SIZES } from './label-sizes.js';
import { renderLabel } from './render-label.js';
import { BATTERY, BRACKET, fontsAndScheme } from './test-support/label-fixtures.js';

let fonts: LabelFonts;
let scheme: ClassScheme;
before(async () => {
  ({ fonts, scheme } = await fontsAndScheme());
});

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('SVG', () => {
  it('is the label’s physical size in millimetres, text as outlines, the words in title and description', async () => {
    const { bytes, mediaType } = await renderLabel(BATTERY, {
      format: 'svg',
      language: 'bilingual',
      size: 'medium',
      classScheme: scheme,
      fonts,
    });
    assert.equal(mediaType, 'image/svg+xml');
    const svg = text(bytes);
    assert.match(svg, /<svg [^>]*width="60mm" height="40mm" viewBox="0 0 60 40"/);
    assert.doesNotMatch(svg, /<text|@font-face|font-family/, 'no text element and no font to load');
    // Nothing is fetched: the only URLs are the namespaces.
    assert.deepEqual([...new Set(svg.match(/https?:\/\/[^"\s<]+/g))].sort(), [
      'http://www.w3.org/1999/xlink',
      'http://www.w3.org/2000/svg',
    ]);
    assert.match(svg, /<title id="label-title">产品碳足迹 Product carbon footprint<\/title>/);
    const description = /<desc id="label-description">([^<]*)<\/desc>/.exec(svg)?.[1] ?? '';
    for (const part of [
      '72.4 kg CO2e',
      '每 1 千瓦时，从摇篮到大门',
      'C 级',
      '电池等级示例 v1',
      'Verified and certified',
    ])
      assert.ok(description.includes(part), `${part} in ${description}`);
    // Glyphs are defined once and used where they occur.
    const defined = [...svg.matchAll(/<path id="([rb]\d+)"/g)].map((m) => m[1]);
    assert.equal(new Set(defined).size, defined.length);
    assert.ok(svg.split('xlink:href="#').length - 1 > defined.length);
  });

  it('names are escaped: a product called <script> stays text', async () => {
    const hostile = {
      ...BRACKET,
      product: { ...BRACKET.product, name: { en: '<script>alert("x")</script> & co', zh: '支架' } },
    };
    const svg = text(
      (await renderLabel(hostile, { format: 'svg', language: 'en', size: 'large', fonts })).bytes,
    );
    assert.doesNotMatch(svg, /<script/);
    assert.ok(svg.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co'));
    assert.doesNotThrow(() => new Resvg(svg).render(), 'still well-formed');
  });
});

async function pdfPages(pdf: Uint8Array) {
  const document = await getDocument({
    data: pdf.slice(),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const pages = [];
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const content = await page.getTextContent();
    pages.push({
      view: page.view,
      text: content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join(' ')
        .replace(/\s+/g, ' '),
    });
  }
  await document.destroy();
  return pages;
}

describe('PDF', () => {
  for (const size of LABEL_SIZES)
    it(`the ${size} label is one page of exactly ${LABEL_SIZE[size].width} × ${LABEL_SIZE[size].height} mm`, async () => {
      const { bytes, mediaType } = await renderLabel(BRACKET, { format: 'pdf', language: 'en', size, fonts });
      assert.equal(mediaType, 'application/pdf');
      const pages = await pdfPages(bytes);
      assert.equal(pages.length, 1);
      const [x0, y0, x1, y1] = pages[0].view;
      const mm = (points: number) => (points * 25.4) / 72;
      assert.deepEqual([x0, y0], [0, 0]);
      assert.ok(Math.abs(mm(x1) - LABEL_SIZE[size].width) < 1e-6, `width ${mm(x1)} mm`);
      assert.ok(Math.abs(mm(y1) - LABEL_SIZE[size].height) < 1e-6, `height ${mm(y1)} mm`);
      assert.match(pages[0].text, /Carbon footprint/i);
    });

  it('reads back in Chinese and English from embedded subsets of Noto Sans SC only', async () => {
    const { bytes } = await renderLabel(BATTERY, {
      format: 'pdf',
      language: 'bilingual',
      size: 'large',
      classScheme: scheme,
      fonts,
      creationDate: new Date('2025-06-30T00:00:00Z'),
    });
    const [page] = await pdfPages(bytes);
    for (const part of [
      '产品碳足迹',
      'Product carbon footprint',
      '磷酸铁锂电池包 BP-60（60 千瓦时）',
      '72.4',
      '每 1 千瓦时，从摇篮到大门',
      '等级方案：电池等级示例 v1（示例，非官方）',
      'Scheme: Example battery classes v1 (illustrative)',
      '经第三方核查 / Verified by a third party: Verify Ltd',
      '认证 / Certified by: Cert Body',
      `声明编号 Statement ${BATTERY.statementId}`,
    ])
      assert.ok(page.text.includes(part), `${part} in ${page.text}`);
    const raw = Buffer.from(bytes).toString('latin1');
    const fontNames = new Set([...raw.matchAll(/\/BaseFont \/([A-Za-z0-9+-]+)/g)].map((m) => m[1]));
    assert.ok(fontNames.size > 0);
    for (const name of fontNames) assert.match(name, /^[A-Z]{6}\+NotoSansSC-(Regular|Bold)$/);
    assert.ok(bytes.length < 100_000, `${bytes.length} bytes: subsets, not the 10 MB fonts`);
  });
});

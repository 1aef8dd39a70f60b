// The geometry of every layout at every size, for short and long names: every text inside the label and at least
// the size's minimum (which meets the millimetres of the legibility rule in this font), no two texts overlapping,
// nothing in the QR code's quiet zone, modules large enough to print; and what cannot be printed is refused.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ClassScheme } from './class-scheme.js';
import { LabelError } from './errors.js';
import { LABEL_LANGUAGES, type LabelData } from './label-data.js';
import { MM_PER_PT, typesetterFor, type LabelFonts } from './label-fonts.js';
import {
  layoutLabel,
  type LabelOptions,
  type LabelQr,
  type LabelScene,
  type LabelText,
} from './label-layout.js';
import { LABEL_SIZE, LABEL_SIZES } from './label-sizes.js';
import { QR_MINIMUM_MODULE_MM, QR_QUIET_ZONE } from './qr-code.js';
import { BATTERY, BRACKET, fontsAndScheme } from './test-support/label-fixtures.js';

let fonts: LabelFonts;
let scheme: ClassScheme;
before(async () => {
  ({ fonts, scheme } = await fontsAndScheme());
});

/** Names as long as the data allows people to write: they end in an ellipsis, nothing else moves out. */
const LONG: LabelData = {
  ...BATTERY,
  product: {
    name: {
      en: 'Lithium iron phosphate traction battery pack for heavy commercial vehicles, liquid cooled, 60 kWh, model BP-60-HD-2025 revision C',
      zh: '重型商用车用液冷磷酸铁锂动力电池包，六十千瓦时，型号 BP-60-HD-2025 C 版，适用于城市物流车辆与环卫车辆',
    },
    company:
      'Jiangsu Example New Energy Battery Technology Manufacturing and Trading Company Limited, Changzhou Branch',
  },
  verification: { status: 'third-party', verifier: 'China Example Quality Certification Centre' },
};

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const inkBox = (t: LabelText): Box => ({
  left: t.x,
  top: t.baseline - t.shaped.inkAbove,
  right: t.x + t.shaped.width,
  bottom: t.baseline + t.shaped.inkBelow,
});

const overlap = (a: Box, b: Box) =>
  a.left < b.right - 0.01 && b.left < a.right - 0.01 && a.top < b.bottom - 0.01 && b.top < a.bottom - 0.01;

const texts = (scene: LabelScene) => scene.items.filter((i): i is LabelText => i.kind === 'text');

/** The checks every layout passes. */
function assertSound(scene: LabelScene, what: string): void {
  const { size } = scene;
  const all = texts(scene);
  assert.ok(all.length > 4, what);
  for (const t of all) {
    assert.ok(t.shaped.sizePt >= size.minimumTextPt, `${what}: '${t.shaped.text}' is ${t.shaped.sizePt} pt`);
    const box = inkBox(t);
    assert.ok(
      box.left >= 0.5 && box.right <= scene.width - 0.5 && box.top >= 0.5 && box.bottom <= scene.height - 0.5,
      `${what}: '${t.shaped.text}' leaves the label (${JSON.stringify(box)})`,
    );
  }
  // No two texts overlap, except a class letter on its own box.
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++)
      assert.ok(
        !overlap(inkBox(all[i]), inkBox(all[j])),
        `${what}: '${all[i].shaped.text}' overlaps '${all[j].shaped.text}'`,
      );
  // The heading is in the header band, everything else below it.
  const header = scene.items.find((i) => i.kind === 'rect' && i.role === 'header');
  assert.ok(header && header.kind === 'rect');
  for (const t of all) {
    const box = inkBox(t);
    if (t.role === 'heading')
      assert.ok(box.bottom <= header.y + header.height, `${what}: the heading leaves its band`);
    else assert.ok(box.top >= header.y + header.height, `${what}: '${t.shaped.text}' is in the header band`);
  }
  // The QR code's quiet zone holds nothing but paper.
  const qr = scene.items.find((i): i is LabelQr => i.kind === 'qr');
  assert.ok(qr, what);
  assert.ok(qr.module >= QR_MINIMUM_MODULE_MM, `${what}: module ${qr.module} mm`);
  const margin = QR_QUIET_ZONE * qr.module;
  const zone: Box = {
    left: qr.x - margin,
    top: qr.y - margin,
    right: qr.x + qr.matrix.size * qr.module + margin,
    bottom: qr.y + qr.matrix.size * qr.module + margin,
  };
  assert.ok(zone.left > 0 && zone.top > 0 && zone.right < scene.width && zone.bottom < scene.height);
  for (const item of scene.items) {
    if (item.kind === 'text')
      assert.ok(!overlap(inkBox(item), zone), `${what}: '${item.shaped.text}' is in the quiet zone`);
    if (item.kind === 'rect' && item.role !== 'paper') {
      const half = item.stroke ? item.strokeWidth / 2 : 0;
      const box = {
        left: item.x - half,
        top: item.y - half,
        right: item.x + item.width + half,
        bottom: item.y + item.height + half,
      };
      // The frame surrounds the zone: only its stroke, not its inside, may not reach into it.
      const reaches =
        item.role === 'frame'
          ? zone.right > item.x + item.width - half || zone.top < item.y + half
          : overlap(box, zone);
      assert.ok(!reaches, `${what}: the ${item.role} reaches into the quiet zone`);
    }
  }
}

describe('every layout at every size is sound', () => {
  for (const size of LABEL_SIZES)
    for (const language of LABEL_LANGUAGES)
      it(`${language}, ${size}: short and long names, with and without a class`, () => {
        const withClass = size === 'small' ? [undefined] : [undefined, scheme];
        for (const data of [BATTERY, BRACKET, LONG])
          for (const classScheme of data === BRACKET ? [undefined] : withClass) {
            const options: LabelOptions = { size, language, ...(classScheme ? { classScheme } : {}) };
            const scene = layoutLabel(data, options, fonts);
            assertSound(
              scene,
              `${language} ${size} ${data.product.name.en.slice(0, 20)}${classScheme ? ' with class' : ''}`,
            );
          }
      });
});

describe('what the labels say', () => {
  const said = (scene: LabelScene) =>
    texts(scene)
      .map((t) => t.shaped.text)
      .join(' ');

  it('the value, its unit and declared unit, the boundary and the verification, in the language asked', () => {
    const zh = said(layoutLabel(BRACKET, { size: 'small', language: 'zh' }, fonts));
    for (const part of ['碳足迹', '8.77', 'kg CO2e', '每 1 件', '从摇篮到坟墓', '自我声明'])
      assert.ok(zh.includes(part), `${part} in ${zh}`);
    assert.doesNotMatch(zh, /per 1|Self-declared/);
    const en = said(layoutLabel(BRACKET, { size: 'large', language: 'en' }, fonts));
    for (const part of [
      'Product carbon footprint',
      'Aluminium bracket B-20',
      'Suzhou Bracket Co.',
      'per 1 item, cradle to grave',
      'Rules: ISO 14067:2018',
      'Issued 2025',
      'Self-declared: not verified by a third party',
      `Statement ${BRACKET.statementId}`,
    ])
      assert.ok(en.includes(part), `${part} in ${en}`);
    assert.doesNotMatch(en, /[\u4e00-\u9fff]/u);
    const both = said(
      layoutLabel(BATTERY, { size: 'large', language: 'bilingual', classScheme: scheme }, fonts),
    );
    for (const part of [
      '产品碳足迹',
      'Product carbon footprint',
      '参考年份 2024',
      'reference year 2024',
      '经第三方核查 / Verified by a third party: Verify Ltd',
      '认证 / Certified by: Cert Body',
      'kg CO 2 e',
    ])
      assert.ok(both.includes(part), `${part} in ${both}`);
  });

  it('a class is shown with the scheme it comes from, its version, and that it is illustrative', () => {
    for (const language of LABEL_LANGUAGES) {
      const scene = layoutLabel(BATTERY, { size: 'medium', language, classScheme: scheme }, fonts);
      assert.equal(scene.performance?.class, 'C');
      const schemeText = texts(scene)
        .filter((t) => t.role === 'scheme')
        .map((t) => t.shaped.text)
        .join(' ');
      if (language !== 'en') assert.match(schemeText, /等级方案：电池等级示例 v1（示例，非官方）/);
      if (language !== 'zh') assert.match(schemeText, /Scheme: Example battery classes v1 \(illustrative\)/);
      const active = scene.items.filter((i) => i.role === 'class-active' || i.role === 'class-letter-active');
      assert.equal(active.length, 2);
      assert.ok(active.some((i) => i.kind === 'text' && i.shaped.text === 'C'));
    }
  });

  it('long names end in an ellipsis within their lines; the label’s own words are never cut', () => {
    const scene = layoutLabel(LONG, { size: 'large', language: 'en' }, fonts);
    const product = texts(scene).filter((t) => t.role === 'product');
    assert.equal(product.length, 2);
    assert.ok(product[1].shaped.text.endsWith('…'));
    const company = texts(scene).filter((t) => t.role === 'company');
    assert.equal(company.length, 1);
    assert.ok(company[0].shaped.text.endsWith('…'));
    assert.ok(said(scene).includes('Verified by a third party: China Example Quality Certification Centre'));
    const zh = said(layoutLabel(LONG, { size: 'medium', language: 'zh' }, fonts));
    assert.ok(zh.includes('经第三方核查：China Example Quality Certification Centre'), zh);
  });

  it('the minimum text sizes meet the millimetres of the rule in Noto Sans SC', () => {
    const { xHeight, ideograph } = typesetterFor(fonts).proportions();
    for (const name of LABEL_SIZES) {
      const size = LABEL_SIZE[name];
      const em = size.minimumTextPt * MM_PER_PT;
      assert.ok(em * xHeight >= size.minimumXHeightMm, `${name}: x-height ${em * xHeight} mm`);
      assert.ok(em * ideograph >= size.minimumIdeographMm, `${name}: ideograph ${em * ideograph} mm`);
    }
    assert.ok(
      Math.abs(xHeight - 0.543) < 0.001 && Math.abs(ideograph - 0.875) < 0.001,
      'as docs/labels.md states',
    );
  });
});

describe('what cannot be printed is refused', () => {
  const refused = (run: () => unknown, code: string, message: RegExp) =>
    assert.throws(run, (e: unknown) => e instanceof LabelError && e.code === code && message.test(e.message));

  it('a class on the small label, which has no room to name the scheme', () => {
    refused(
      () => layoutLabel(BATTERY, { size: 'small', language: 'zh', classScheme: scheme }, fonts),
      'DOES_NOT_FIT',
      /needs a medium or large label/,
    );
  });

  it('a verifier’s name too long for the size: the verification is never cut, so the label does not fit', () => {
    const data: LabelData = {
      ...BATTERY,
      verification: { status: 'third-party', verifier: 'Verifier '.repeat(33).trim() },
    };
    refused(
      () => layoutLabel(data, { size: 'medium', language: 'en' }, fonts),
      'DOES_NOT_FIT',
      /use a larger size or shorter names/,
    );
  });

  it('a URL too long for a printable QR code at the size', () => {
    const url = `https://cfp.example.org/p/${'x'.repeat(400)}`;
    refused(
      () => layoutLabel({ ...BRACKET, productPageUrl: url }, { size: 'small', language: 'en' }, fonts),
      'QR_TOO_DENSE',
      /use a larger size or a shorter URL/,
    );
  });

  it('a character the font cannot print, named with where it is', () => {
    const data = { ...BRACKET, product: { ...BRACKET.product, name: { en: 'Bracket 🔩', zh: '支架 🔩' } } };
    refused(
      () => layoutLabel(data, { size: 'large', language: 'en' }, fonts),
      'MISSING_GLYPH',
      /the product name has the character '🔩' \(U\+1F529\)/,
    );
  });

  it('data that is not label data', () => {
    const bad = { ...BRACKET, footprint: { value: Number.NaN, unit: 'kg CO2e' } } as LabelData;
    refused(
      () => layoutLabel(bad, { size: 'large', language: 'en' }, fonts),
      'INVALID_LABEL_DATA',
      /footprint\.value/,
    );
    const noUuid = { ...BRACKET, statementId: 'statement 7' };
    refused(
      () => layoutLabel(noUuid, { size: 'large', language: 'en' }, fonts),
      'INVALID_LABEL_DATA',
      /statementId/,
    );
  });
});

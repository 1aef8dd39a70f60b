// A label as SVG, its text converted to outlines: the glyphs of Noto Sans SC are drawn as paths (each glyph
// defined once and reused), so the file renders the same in a browser, a rasteriser or a print shop's software,
// with no font installed or embedded, Chinese included. The words stay readable to software and assistive
// technology in the SVG's <title> and <desc>.
import { typesetterFor, type LabelFonts } from './label-fonts.js';
import type { LabelItem, LabelScene, LabelText } from './label-layout.js';
import { qrRuns } from './qr-code.js';

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

/** A number for the SVG: millimetres to the micrometre, without trailing zeros. */
const n = (value: number) => String(Math.round(value * 1000) / 1000);

const LANG = { zh: 'zh-Hans', en: 'en', bilingual: 'zh-Hans' } as const;

/**
 * Renders a laid-out label as an SVG document whose width and height are its physical size (mm) and whose user
 * unit is a millimetre.
 *
 * @example await writeFile('label.svg', renderLabelSvg(layoutLabel(data, options, fonts), fonts));
 */
export function renderLabelSvg(scene: LabelScene, fonts: LabelFonts): string {
  const typesetter = typesetterFor(fonts);
  const glyphIds = new Map<string, string>();
  const body: string[] = [];
  const glyphRef = (weight: 'regular' | 'bold', id: number) => {
    const key = `${weight}:${id}`;
    let ref = glyphIds.get(key);
    if (ref === undefined) {
      ref = `${weight === 'bold' ? 'b' : 'r'}${id}`;
      glyphIds.set(key, ref);
    }
    return ref;
  };
  const text = (item: LabelText) => {
    const { shaped } = item;
    const unitsPerEm = typesetter.unitsPerEm(shaped.weight);
    // One font unit in mm; glyph origins are given in font units inside the scaled group.
    const scale = (shaped.sizePt * 25.4) / 72 / unitsPerEm;
    const uses = shaped.glyphs
      .filter((g) => typesetter.glyphPath(shaped.weight, g.id) !== '')
      .map((g) => {
        const x = Math.round((g.x / scale) * 10) / 10;
        const y = Math.round((-g.y / scale) * 10) / 10;
        return `<use xlink:href="#${glyphRef(shaped.weight, g.id)}"${x !== 0 ? ` x="${x}"` : ''}${y !== 0 ? ` y="${y}"` : ''}/>`;
      });
    if (uses.length === 0) return;
    body.push(
      `<g class="${item.role}" fill="${item.colour}" transform="translate(${n(item.x)} ${n(item.baseline)}) scale(${scale.toPrecision(6)} ${(-scale).toPrecision(6)})">${uses.join('')}</g>`,
    );
  };
  const draw = (item: LabelItem) => {
    if (item.kind === 'rect') {
      const paint = `fill="${item.fill ?? 'none'}"${item.stroke ? ` stroke="${item.stroke}" stroke-width="${n(item.strokeWidth)}"` : ''}`;
      const round = item.radius > 0 ? ` rx="${n(item.radius)}"` : '';
      body.push(
        `<rect class="${item.role}" x="${n(item.x)}" y="${n(item.y)}" width="${n(item.width)}" height="${n(item.height)}"${round} ${paint}/>`,
      );
    } else if (item.kind === 'text') text(item);
    else {
      // Dark modules as one path of horizontal runs, in module units; crisp edges keep the modules square in
      // every rasterisation.
      const runs = qrRuns(item.matrix).map((r) => `M${r.col} ${r.row}h${r.length}v1h${-r.length}z`);
      body.push(
        `<path class="qr" fill="#000000" shape-rendering="crispEdges" transform="translate(${n(item.x)} ${n(item.y)}) scale(${item.module.toPrecision(6)})" d="${runs.join('')}"/>`,
      );
    }
  };
  for (const item of scene.items) draw(item);
  const defs = [...glyphIds].map(([key, ref]) => {
    const [weight, id] = key.split(':');
    return `<path id="${ref}" d="${typesetter.glyphPath(weight as 'regular' | 'bold', Number(id))}"/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${n(scene.width)}mm" height="${n(scene.height)}mm" viewBox="0 0 ${n(scene.width)} ${n(scene.height)}" role="img" aria-labelledby="label-title label-description" xml:lang="${LANG[scene.language]}">`,
    `<title id="label-title">${escapeXml(scene.title)}</title>`,
    `<desc id="label-description">${escapeXml(scene.description)}</desc>`,
    `<defs>${defs.join('')}</defs>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

import { writeFile } from 'node:fs/promises';
import {
  EXAMPLE_CLASS_SCHEME_FILE,
  LABEL_FORMATS,
  LABEL_LANGUAGES,
  LABEL_SIZE,
  LABEL_SIZES,
  readClassSchemeFile,
  renderLabel,
  statementLabelData,
  type LabelFormat,
  type LabelLanguage,
  type LabelSizeName,
} from '@opencfp/label';
import { UsageError } from '../errors.js';
import type { Output } from '../main.js';
import type { Command } from './command.js';
import { choiceOption, integerOption, requiredOption } from './options.js';
import { verify } from './verify.js';

const USAGE =
  'usage: cfp label <statement file or URL> --out <file> [--format svg|png|pdf] [--language zh|en|bilingual] ' +
  '[--size small|medium|large] [--class-scheme <file.json>|example] [--reference-year <year>] [--url <product page>] ' +
  '[--dpi 300] [--keys <jwks.json>]';

/** What `cfp verify --format json` answers. */
interface Verification {
  valid: boolean;
  problems: string[];
  notes: string[];
  statement: unknown;
}

/**
 * Runs `cfp verify` on the statement (the same checks: signature with the issuer's published or given keys, key
 * status, structure, withdrawal) and returns its verdict; its own output is kept, not printed.
 */
async function verified(source: string, keys: string | undefined): Promise<Verification> {
  let printed = '';
  const captured: Output = { stdout: (text) => (printed += text), stderr: (text) => (printed += text) };
  await verify.run([source], { format: 'json', ...(keys === undefined ? {} : { keys }) }, captured);
  return JSON.parse(printed) as Verification;
}

/**
 * `cfp label <statement file or URL> --out <file> [--format svg|png|pdf] [--language zh|en|bilingual]
 * [--size small|medium|large] [--class-scheme <file.json>|example] [--reference-year <year>] [--url <product page>]
 * [--dpi 300] [--keys <jwks.json>]`: the carbon footprint label of a published statement (docs/labels.md). The
 * statement is checked as `cfp verify` checks it, and a label is made only when its signature verifies: otherwise
 * every reason is printed and the exit code is 1 (2 for usage, an unreadable file or an unreachable server).
 */
export const label: Command = {
  options: {
    out: { type: 'string', short: 'o' },
    format: { type: 'string' },
    language: { type: 'string' },
    size: { type: 'string' },
    'class-scheme': { type: 'string' },
    'reference-year': { type: 'string' },
    url: { type: 'string' },
    dpi: { type: 'string' },
    keys: { type: 'string' },
  },
  async run(positionals, values, out) {
    if (positionals.length !== 1) throw new UsageError(USAGE);
    const target = requiredOption(values, 'out', `the file to write the label to. ${USAGE}`);
    const format = choiceOption<LabelFormat>(values, 'format', LABEL_FORMATS, 'svg');
    const language = choiceOption<LabelLanguage>(values, 'language', LABEL_LANGUAGES, 'bilingual');
    const size = choiceOption<LabelSizeName>(values, 'size', LABEL_SIZES, 'medium');
    const dpi = integerOption(values, 'dpi', 300, 72);
    if (values.dpi !== undefined && format !== 'png') throw new UsageError('--dpi is for --format png');
    const referenceYear =
      values['reference-year'] === undefined ? undefined : integerOption(values, 'reference-year', 0, 1990);
    for (const name of ['class-scheme', 'url', 'keys'])
      if (values[name] !== undefined && (typeof values[name] !== 'string' || values[name] === ''))
        throw new UsageError(`--${name} needs a value. ${USAGE}`);
    // The word 'example' names the illustrative scheme the label package ships.
    const schemeFile =
      values['class-scheme'] === 'example' ? EXAMPLE_CLASS_SCHEME_FILE : values['class-scheme'];
    const classScheme = typeof schemeFile === 'string' ? await readClassSchemeFile(schemeFile) : undefined;

    const source = positionals[0];
    const verdict = await verified(source, values.keys as string | undefined);
    if (!verdict.valid) {
      out.stderr(
        `cfp: no label made: the statement ${source} does not verify, and a label is only made from a statement whose signature verifies:\n` +
          verdict.problems.map((problem) => `  - ${problem}\n`).join(''),
      );
      return 1;
    }
    for (const note of verdict.notes) out.stderr(`cfp: note: ${note}\n`);
    const data = statementLabelData(verdict.statement, {
      ...(referenceYear === undefined ? {} : { referenceYear }),
      ...(typeof values.url === 'string' ? { productPageUrl: values.url } : {}),
    });
    const { bytes, scene } = await renderLabel(data, { format, language, size, classScheme, dpi });
    await writeFile(target, bytes);
    const { width, height } = LABEL_SIZE[size];
    out.stderr(
      `cfp: wrote ${target} (${format}${format === 'png' ? ` at ${dpi} dpi` : ''}, ${language}, ${size} ${width} × ${height} mm` +
        `${scene.performance ? `, class ${scene.performance.class} of ${scene.performance.scheme.id} v${scene.performance.scheme.version} (${scene.performance.scheme.status})` : ''}; ` +
        `QR code to ${data.productPageUrl})\n`,
    );
  },
};

import { open, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { FormatError } from './errors.js';
import { IssueLog } from './issue-log.js';
import { endsLikeZip, readZipEntries } from './read-zip-entries.js';

/** The database formats OpenCFP reads. */
export type DatabaseFormat = 'json-ld' | 'ecospold2' | 'ecospold1' | 'ilcd' | 'simapro-csv';

/** What {@link detectFormat} found, and why (for messages and `cfp check`). */
export interface DetectedFormat {
  format: DatabaseFormat;
  container: 'zip' | 'folder' | 'file';
  evidence: string;
}

const SNIFF_BYTES = 64 * 1024;
const MAX_LISTED = 200_000;

/**
 * Tells the format of a database from its content, not its name: the zip signature, the folders and files an
 * export holds, and the root element and namespace of its XML or the header of its CSV.
 *
 * @example
 * const { format } = await detectFormat('ecoinvent.7z.zip'); // 'ecospold2', whatever the name says
 */
export async function detectFormat(path: string): Promise<DetectedFormat> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new FormatError('NOT_FOUND', `${path} does not exist or cannot be accessed. Check the path.`, {
      file: path,
    });
  }
  if (info.isDirectory()) return detectFolder(path);
  if (info.size === 0)
    throw new FormatError('EMPTY_FILE', `${path} is empty (0 bytes). Export the database again.`, {
      file: path,
    });
  const head = await readHead(path);
  if (isZip(head) || endsLikeZip(path)) return detectZip(path);
  const format = sniffContent(head);
  if (format) return { format, container: 'file', evidence: describe(format, head) };
  throw unknown(
    path,
    'its content is neither a zip archive, nor EcoSpold or ILCD XML, nor a SimaPro CSV export',
  );
}

/** The format of one file's first bytes, if they tell it. */
export function sniffContent(bytes: Uint8Array): DatabaseFormat | undefined {
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, SNIFF_BYTES)).toString(
    'latin1',
  );
  if (text.startsWith('\u00ef\u00bb\u00bf')) text = text.slice(3);
  else if (text.startsWith('\u00ff\u00fe') || text.startsWith('\u00fe\u00ff'))
    text = Buffer.from(bytes)
      .toString(text.startsWith('\u00ff\u00fe') ? 'utf16le' : 'latin1')
      .slice(1);
  text = text.split('\u0000').join('');
  if (
    /^\s*\{SimaPro/i.test(text) ||
    /^\s*\{(processes|CSV separator|CSV Format version)/im.test(text.slice(0, 2000))
  )
    return 'simapro-csv';
  const root = rootElement(text);
  if (!root) return undefined;
  const ns = root.namespace;
  if (root.name === 'ecoSpold') {
    if (/EcoSpold02/i.test(ns) || /<(activityDataset|childActivityDataset)[\s>]/.test(text))
      return 'ecospold2';
    if (/EcoSpold01/i.test(ns) || /<dataset[\s>]/.test(text)) return 'ecospold1';
  }
  if (
    /lca\.jrc\.it\/ILCD|ILCD/i.test(ns) ||
    /^(processDataSet|flowDataSet|unitGroupDataSet|flowPropertyDataSet|LCIAMethodDataSet|sourceDataSet|contactDataSet)$/.test(
      root.name,
    )
  )
    return 'ilcd';
  return undefined;
}

function rootElement(text: string): { name: string; namespace: string } | undefined {
  // Skip the declaration, comments, processing instructions and a DOCTYPE to the first start tag.
  const cleaned = text
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!DOCTYPE[^>]*>/i, '');
  const m = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)([^>]*)>/.exec(cleaned);
  if (!m) return undefined;
  const prefix = m[1] ? m[1].slice(0, -1) : '';
  const nsPattern = prefix
    ? new RegExp(`xmlns:${prefix}\\s*=\\s*["']([^"']*)["']`)
    : /xmlns\s*=\s*["']([^"']*)["']/;
  return { name: m[2], namespace: nsPattern.exec(m[3])?.[1] ?? '' };
}

/** What the names of an archive's or folder's files say; undefined when only content can tell. */
function classifyNames(names: string[]): { format?: DatabaseFormat; evidence: string; xml: string[] } {
  const lower = names.map((n) => n.replace(/\\/g, '/').toLowerCase());
  const count = (p: RegExp) => lower.filter((n) => p.test(n)).length;
  const jsonLd = count(/(^|\/)(processes|flows|unit_groups|flow_properties)\/[^/]+\.json$/);
  const spold = count(/\.spold$/);
  const ilcd = count(/(^|\/)(processes|flows|unitgroups|flowproperties)\/[^/]+\.xml$/);
  const csv = names.filter((n) => /\.csv$/i.test(n));
  if (jsonLd > 0)
    return { format: 'json-ld', evidence: `${jsonLd} JSON-LD datasets in processes/, flows/, …`, xml: [] };
  if (spold > 0) return { format: 'ecospold2', evidence: `${spold} .spold datasets`, xml: [] };
  if (ilcd > 0)
    return { format: 'ilcd', evidence: `${ilcd} ILCD datasets in processes/, flows/, …`, xml: [] };
  const xml = names.filter((n) => /\.xml$/i.test(n));
  return { evidence: '', xml: [...xml, ...csv] };
}

async function detectZip(path: string): Promise<DetectedFormat> {
  const names: string[] = [];
  const log = new IssueLog();
  for await (const _ of readZipEntries(path, log, {
    filter: (name) => {
      if (names.length < MAX_LISTED) names.push(name);
      return false;
    },
  }));
  const byName = classifyNames(names);
  if (byName.format) return { format: byName.format, container: 'zip', evidence: byName.evidence };
  // Only content can tell .xml / .csv apart (EcoSpold 1, ILCD single files, SimaPro CSV): sniff the first few.
  const candidates = new Set(byName.xml.slice(0, 5));
  for await (const entry of readZipEntries(path, log, { filter: (n) => candidates.has(n) })) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data) : entry.data;
    const format = sniffContent(data.subarray(0, SNIFF_BYTES));
    if (format) return { format, container: 'zip', evidence: `${entry.name}: ${describe(format, data)}` };
  }
  throw unknown(path, `the zip holds ${names.length} files but none of them is a dataset of a known format`);
}

async function detectFolder(path: string): Promise<DetectedFormat> {
  const names: string[] = [];
  async function walk(dir: string, depth: number): Promise<void> {
    if (depth > 4 || names.length >= MAX_LISTED) return;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full, depth + 1);
      else if (entry.isFile()) names.push(relative(path, full));
    }
  }
  await walk(path, 0);
  const byName = classifyNames(names);
  if (byName.format) return { format: byName.format, container: 'folder', evidence: byName.evidence };
  for (const name of byName.xml.slice(0, 5)) {
    const head = await readHead(join(path, name));
    const format = sniffContent(head);
    if (format) return { format, container: 'folder', evidence: `${name}: ${describe(format, head)}` };
  }
  throw unknown(
    path,
    `the folder holds ${names.length} files but none of them is a dataset of a known format`,
  );
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function isZip(head: Uint8Array): boolean {
  // Local file header, or the end-of-central-directory record of an empty archive.
  return (
    head.length >= 4 &&
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    (head[2] === 3 || head[2] === 5) &&
    (head[3] === 4 || head[3] === 6)
  );
}

function describe(format: DatabaseFormat, head: Uint8Array): string {
  const root = rootElement(Buffer.from(head).toString('latin1'));
  return format === 'simapro-csv'
    ? 'SimaPro CSV header'
    : `root element <${root?.name ?? '?'}> ${root?.namespace ?? ''}`.trim();
}

function unknown(path: string, why: string): FormatError {
  return new FormatError(
    'UNKNOWN_FORMAT',
    `${path}: unknown format — ${why}. OpenCFP reads openLCA JSON-LD (zip or folder), EcoSpold 2 (.spold files), ` +
      'EcoSpold 1 (XML), ILCD (zip or folder with processes/, flows/, …) and SimaPro CSV exports.',
    { file: path },
  );
}

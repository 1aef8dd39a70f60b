import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';
import * as echarts from 'echarts';
import { ruleSets } from '@opencfp/refdata';
import {
  COUNT_CAP,
  registry,
  StoreError,
  type CategoryStatistics,
  type RegistryEntry,
  type RegistrySummary,
  type RegistryVerification,
} from '@opencfp/store';
import { ServerError } from '../errors.js';
import type { AppEnv } from '../routing.js';
import { compareEntries, type ComparisonCaution } from './compare-entries.js';
import { html, SafeHtml } from './html.js';
import { message, type MessageKey, type PageLanguage } from './page-messages.js';
import { REGISTRY_CSS } from './registry-css.js';

/** The pages' own policy: no script at all, styles from our stylesheet, charts as images. */
export const REGISTRY_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE_SIZE = 20;
const VERIFICATIONS: RegistryVerification[] = ['third-party', 'certified', 'self-declared'];

/** The page language: ?lang=, else the first Accept-Language that is Chinese or English, else English. */
function languageOf(c: Context<AppEnv>): PageLanguage {
  const asked = c.req.query('lang');
  if (asked === 'zh-CN' || asked === 'zh') return 'zh-CN';
  if (asked === 'en') return 'en';
  for (const part of (c.req.header('accept-language') ?? '').split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

/** A link within the registry, keeping the language. */
function href(
  path: string,
  lang: PageLanguage,
  query: Record<string, string | number | undefined> = {},
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  params.set('lang', lang);
  return `${path}?${params.toString()}`;
}

interface Formats {
  lang: PageLanguage;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  number: (x: number) => string;
  date: (d: Date) => string;
}

function formats(lang: PageLanguage): Formats {
  const number = new Intl.NumberFormat(lang, { maximumSignificantDigits: 4 });
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  return {
    lang,
    t: (key, values) => message(lang, key, values),
    number: (x) => number.format(x),
    date: (d) => date.format(d),
  };
}

const ruleSetNames = new Map(ruleSets().map((r) => [r.id, r.name]));
function ruleSetName(id: string, f: Formats): string {
  const name = ruleSetNames.get(id);
  return name ? (f.lang === 'zh-CN' ? name.zh : name.en) : id;
}

const productName = (p: RegistrySummary['product'], f: Formats) =>
  f.lang === 'zh-CN' ? (p.nameZh ?? p.nameEn) : p.nameEn;
const otherName = (p: RegistrySummary['product'], f: Formats) =>
  f.lang === 'zh-CN' ? (p.nameZh ? p.nameEn : null) : p.nameZh;
const unitText = (e: RegistrySummary) =>
  `${e.footprint.declaredUnit.amount === 1 ? '' : `${e.footprint.declaredUnit.amount} `}${e.footprint.declaredUnit.unit}`;

function verificationBadge(e: RegistrySummary, f: Formats): SafeHtml {
  const mode = e.verification.mode;
  return html`<span class="badge badge-${mode}">${f.t(`verification.${mode}`)}</span>${
      e.verification.verifierName
        ? html` <span class="muted">${f.t('verifiedBy', { name: e.verification.verifierName })}</span>`
        : ''
    }`;
}

const statusBadge = (e: RegistrySummary, f: Formats) =>
  html`<span class="status status-${e.status}">${f.t(`status.${e.status}`)}</span>`;

function page(
  c: Context<AppEnv>,
  f: Formats,
  title: string,
  body: SafeHtml,
  status: 200 | 400 | 404 | 429 = 200,
) {
  const other: PageLanguage = f.lang === 'en' ? 'zh-CN' : 'en';
  const url = new URL(c.req.url);
  url.searchParams.set('lang', other);
  const here = new URL(c.req.url);
  const alternate = (lang: PageLanguage) => {
    here.searchParams.set('lang', lang);
    return `${here.pathname}${here.search}`;
  };
  c.header('Content-Security-Policy', REGISTRY_CSP);
  c.header('Content-Language', f.lang);
  c.header('Vary', 'Accept-Language');
  if (status === 200) c.header('Cache-Control', 'public, max-age=60');
  return c.html(
    html`<!doctype html>
      <html lang="${f.lang}">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>${title} · ${f.t('siteTitle')}</title>
          <link rel="stylesheet" href="/registry/registry.css" />
          <link rel="alternate" hreflang="en" href="${alternate('en')}" />
          <link rel="alternate" hreflang="zh-CN" href="${alternate('zh-CN')}" />
        </head>
        <body>
          <header class="site">
            <a class="home" href="${href('/registry', f.lang)}">${f.t('siteTitle')}</a>
            <nav>
              <a href="${href('/registry', f.lang)}">${f.t('searchNav')}</a>
              <a href="/v1/public/registry/download?format=json">${f.t('openData')}</a>
              <a href="${url.pathname}${url.search}" hreflang="${other}" lang="${other}"
                >${f.t('otherLanguage')}</a
              >
            </nav>
          </header>
          <main>${body}</main>
          <footer><p>${f.t('footer')}</p></footer>
        </body>
      </html>`.value,
    status,
  );
}

function searchForm(f: Formats, q: Record<string, string | undefined>): SafeHtml {
  const input = (name: string, label: MessageKey, type = 'text') =>
    html`<label>${f.t(label)}<input type="${type}" name="${name}" value="${q[name] ?? ''}" /></label>`;
  return html`<form class="search" method="get" action="/registry" role="search">
    <input type="hidden" name="lang" value="${f.lang}" />
    <label class="wide"
      >${f.t('q')}<input type="search" name="q" value="${q.q ?? ''}" maxlength="200"
    /></label>
    ${input('category', 'category')}${input('company', 'company')}${input('region', 'region')}
    <label
      >${f.t('ruleSet')}<select name="ruleSet">
        <option value="">${f.t('any')}</option>
        ${ruleSets().map(
          (r) =>
            html`<option value="${r.id}" ${q.ruleSet === r.id ? new SafeHtml(' selected') : ''}>
              ${ruleSetName(r.id, f)}
            </option>`,
        )}
      </select></label
    >
    ${input('year', 'year', 'number')}
    <label
      >${f.t('verification')}<select name="verification">
        <option value="">${f.t('any')}</option>
        ${VERIFICATIONS.map(
          (v) =>
            html`<option value="${v}" ${q.verification === v ? new SafeHtml(' selected') : ''}>
              ${f.t(`verification.${v}`)}
            </option>`,
        )}
      </select></label
    >
    <label class="check"
      ><input
        type="checkbox"
        name="status"
        value="all"
        ${q.status === 'all' ? new SafeHtml(' checked') : ''}
      />${f.t('includeOld')}</label
    >
    <button type="submit">${f.t('search')}</button>
  </form>`;
}

/** A table's head: one column header per message. */
const columnHeads = (f: Formats, keys: MessageKey[]) =>
  html`<thead>
    <tr>
      ${keys.map((k) => html`<th scope="col">${f.t(k)}</th>`)}
    </tr>
  </thead>`;

function resultsTable(f: Formats, entries: readonly RegistrySummary[]): SafeHtml {
  return html`<form method="get" action="/registry/compare">
    <input type="hidden" name="lang" value="${f.lang}" />
    <table class="results">
      ${columnHeads(f, ['select', 'product', 'footprint', 'ruleSet', 'year', 'verification', 'status'])}
      <tbody>
        ${entries.map(
          (e) =>
            html`<tr>
              <td>
                <input
                  type="checkbox"
                  name="id"
                  value="${e.statementId}"
                  aria-label="${f.t('select')}: ${productName(e.product, f)}"
                />
              </td>
              <td>
                <a href="${href(`/registry/products/${encodeURIComponent(e.productKey)}`, f.lang)}"
                  >${productName(e.product, f)}</a
                >${otherName(e.product, f) ? html`<div class="muted">${otherName(e.product, f)}</div>` : ''}
                <div class="muted">
                  ${e.company.name}${e.product.category ? ` · ${e.product.category.scheme ?? ''} ${e.product.category.code}` : ''}${e.region ? ` · ${e.region}` : ''}
                </div>
              </td>
              <td class="number">
                <strong>${f.number(e.footprint.total)}</strong>
                <span class="muted">${f.t('perUnit', { unit: unitText(e) })}</span>
              </td>
              <td>${ruleSetName(e.ruleSet.id, f)}</td>
              <td>${e.referenceYear ?? '—'}</td>
              <td>${verificationBadge(e, f)}</td>
              <td>${statusBadge(e, f)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <button type="submit">${f.t('compareSelected')}</button>
  </form>`;
}

/** kg CO2e rows of the ISO 14067 split as the product page lists them (aircraft and packaging are parts of the total). */
const SPLIT_ROWS: [string, MessageKey, boolean][] = [
  ['fossilEmissions', 'split.fossilEmissions', false],
  ['fossilRemovals', 'split.fossilRemovals', false],
  ['biogenicEmissions', 'split.biogenicEmissions', false],
  ['biogenicRemovals', 'split.biogenicRemovals', false],
  ['dLuc', 'split.dLuc', false],
  ['landManagement', 'split.landManagement', false],
  ['total', 'split.total', false],
  ['aircraft', 'split.aircraft', true],
  ['packaging', 'split.packaging', true],
];

function productSections(f: Formats, e: RegistryEntry): SafeHtml {
  const split = (e.detail.split ?? {}) as Record<string, unknown>;
  const stages = Array.isArray(e.detail.byStage)
    ? (e.detail.byStage as { id?: string; name?: string; nameZh?: string; amount?: number; share?: number }[])
    : [];
  const quality = (e.detail.dataQuality ?? null) as {
    primaryDataShare?: number | null;
    pefDqr?: number | null;
  } | null;
  const primary = typeof quality?.primaryDataShare === 'number' ? quality.primaryDataShare : undefined;
  const dqr = typeof quality?.pefDqr === 'number' ? quality.pefDqr : undefined;
  const rows = SPLIT_ROWS.filter(([key]) => typeof split[key] === 'number');
  return html`${
      rows.length > 0
        ? html`<section>
            <h2>${f.t('splitHeading')}</h2>
            <table class="split">
              <tbody>
                ${rows.map(
                  ([key, label, part]) =>
                    html`<tr class="${part ? 'part' : key === 'total' ? 'total' : ''}">
                      <th scope="row">${f.t(label)}</th>
                      <td class="number">${f.number(split[key] as number)}</td>
                      <td class="muted">${f.t('perUnit', { unit: unitText(e) })}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </section>`
        : ''
    }${
      stages.length > 0
        ? html`<section>
            <h2>${f.t('stagesHeading')}</h2>
            <table>
              ${columnHeads(f, ['stage', 'footprint', 'share'])}
              <tbody>
                ${stages.map(
                  (s) =>
                    html`<tr>
                      <th scope="row">${(f.lang === 'zh-CN' ? s.nameZh : s.name) ?? s.name ?? s.id ?? ''}</th>
                      <td class="number">${typeof s.amount === 'number' ? f.number(s.amount) : '—'}</td>
                      <td class="number">
                        ${typeof s.share === 'number' ? `${f.number(s.share * 100)} %` : '—'}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </section>`
        : ''
    }
    <section>
      <h2>${f.t('dataQualityHeading')}</h2>
      <dl>
        <dt>${f.t('primaryDataShare')}</dt>
        <dd>${primary === undefined ? f.t('notStated') : `${f.number(primary * 100)} %`}</dd>
        <dt>${f.t('dqr')}</dt>
        <dd>${dqr === undefined ? f.t('notStated') : f.number(dqr)}</dd>
      </dl>
    </section>`;
}

function productPage(f: Formats, versions: readonly RegistryEntry[], origin: string): SafeHtml {
  const current = versions.find((v) => v.status === 'published') ?? versions[0];
  const e = current;
  const statementHref = `/registry/statements/${encodeURIComponent(e.statementId)}.jwt`;
  const categoryHref = e.product.category
    ? href('/registry/categories', f.lang, {
        scheme: e.product.category.scheme ?? undefined,
        code: e.product.category.code,
        unit: e.footprint.declaredUnit.unit,
        amount: e.footprint.declaredUnit.amount,
      })
    : undefined;
  return html`<h1>${productName(e.product, f)}</h1>
    ${otherName(e.product, f) ? html`<p class="subtitle">${otherName(e.product, f)}</p>` : ''}
    <p class="muted">
      ${e.company.name}${e.product.category ? ` · ${e.product.category.scheme ?? ''} ${e.product.category.code}` : ''}${e.region ? ` · ${e.region}` : ''}
    </p>
    ${e.status === 'withdrawn' ? html`<p class="warning">${f.t('withdrawnBecause', { reason: e.statusReason ?? '' })}</p>` : ''}
    <div class="value">
      <span class="big">${f.number(e.footprint.total)}</span> ${f.t('perUnit', { unit: unitText(e) })}
    </div>
    <dl class="facts">
      <dt>${f.t('boundary')}</dt>
      <dd>${f.t(`boundary.${e.boundary}`)}</dd>
      <dt>${f.t('ruleSet')}</dt>
      <dd>${ruleSetName(e.ruleSet.id, f)} (${e.ruleSet.version})</dd>
      <dt>${f.t('year')}</dt>
      <dd>${e.referenceYear ?? f.t('notStated')}</dd>
      <dt>${f.t('verificationHeading')}</dt>
      <dd>${verificationBadge(e, f)}</dd>
      <dt>${f.t('status')}</dt>
      <dd>${statusBadge(e, f)}</dd>
      <dt>${f.t('publishedAt')}</dt>
      <dd>${f.date(e.publishedAt)}</dd>
    </dl>
    ${productSections(f, e)}
    <section>
      <h2>${f.t('statementHeading')}</h2>
      <dl>
        <dt>${f.t('statementId')}</dt>
        <dd><code>${e.statementId}</code></dd>
      </dl>
      <p><a href="${statementHref}" download>${f.t('downloadStatement')}</a></p>
      <p>${f.t('checkWith')}</p>
      <pre><code>cfp verify ${`${origin}/v1/public/statements/${e.statementId}`}</code></pre>
    </section>
    <section>
      <h2>${f.t('historyHeading')}</h2>
      <table>
        ${columnHeads(f, ['publishedAt', 'footprint', 'ruleSet', 'verification', 'status'])}
        <tbody>
          ${versions.map(
            (v) =>
              html`<tr${v.statementId === e.statementId ? new SafeHtml(' aria-current="true"') : ''}><td>${f.date(v.publishedAt)}</td><td class="number">${f.number(v.footprint.total)} <span class="muted">${f.t('perUnit', { unit: unitText(v) })}</span></td><td>${ruleSetName(v.ruleSet.id, f)}</td><td>${verificationBadge(v, f)}</td><td>${statusBadge(v, f)}${
                v.status === 'withdrawn' && v.statusReason
                  ? html`<div class="muted">${v.statusReason}</div>`
                  : ''
              }</td></tr>`,
          )}
        </tbody>
      </table>
    </section>
    <section>
      <h2>${f.t('openDataHeading')}</h2>
      <ul>
        <li>
          <a href="/v1/public/registry/entries/${encodeURIComponent(e.statementId)}">${f.t('entryJson')}</a>
        </li>
        <li>
          <a href="/v1/public/registry/entries/${encodeURIComponent(e.statementId)}?format=csv"
            >${f.t('entryCsv')}</a
          >
        </li>
        ${categoryHref ? html`<li><a href="${categoryHref}">${f.t('categoryLink')}</a></li>` : ''}
      </ul>
    </section>`;
}

/** The histogram as an SVG picture drawn by ECharts on the server (no script in the page). */
function histogramImage(f: Formats, s: CategoryStatistics): SafeHtml {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 640, height: 280 });
  try {
    chart.setOption({
      animation: false,
      grid: { left: 56, right: 16, top: 16, bottom: 48 },
      xAxis: {
        type: 'category',
        data: s.histogram.map((b) => `${f.number(b.from)}–${f.number(b.to)}`),
        axisLabel: { interval: 0, rotate: 30, fontSize: 10 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: s.histogram.map((b) => b.count), itemStyle: { color: '#2f6f4f' } }],
    });
    const svg = chart.renderToSVGString();
    const alt = f.t('histogramAlt', {
      bins: s.histogram.map((b) => `${f.number(b.from)}–${f.number(b.to)}: ${b.count}`).join('; '),
    });
    return html`<img
      class="chart"
      width="640"
      height="280"
      alt="${alt}"
      src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"
    />`;
  } finally {
    chart.dispose();
  }
}

function statisticsPage(f: Formats, s: CategoryStatistics): SafeHtml {
  const unit = `${s.declaredUnit.amount === 1 ? '' : `${s.declaredUnit.amount} `}${s.declaredUnit.unit}`;
  const value = (x: number | null) => (x === null ? '—' : f.number(x));
  return html`<h1>
      ${f.t('categoryHeading', { code: `${s.category.scheme ?? ''} ${s.category.code}`.trim(), unit })}
    </h1>
    <dl class="facts">
      <dt>${f.t('count')}</dt>
      <dd>${s.count}</dd>
      <dt>${f.t('min')}</dt>
      <dd>${value(s.min)}</dd>
      <dt>${f.t('p25')}</dt>
      <dd>${value(s.p25)}</dd>
      <dt>${f.t('median')}</dt>
      <dd><strong>${value(s.median)}</strong></dd>
      <dt>${f.t('p75')}</dt>
      <dd>${value(s.p75)}</dd>
      <dt>${f.t('max')}</dt>
      <dd>${value(s.max)}</dd>
      <dt>${f.t('mean')}</dt>
      <dd>${value(s.mean)}</dd>
    </dl>
    <p class="muted">${f.t('perUnit', { unit })}</p>
    ${
      s.count > 0
        ? html`<section>
            <h2>${f.t('distribution')}</h2>
            ${histogramImage(f, s)}
          </section>`
        : ''
    }
    <p><a href="${href('/registry', f.lang, { category: s.category.code })}">${f.t('searchNav')}</a></p>`;
}

/** What differs, in the page's language (the API's cautions name it in English). */
function cautionValues(
  code: ComparisonCaution['code'],
  entries: readonly RegistryEntry[],
  f: Formats,
): string {
  const distinct = (values: string[]) => [...new Set(values)].join(f.lang === 'zh-CN' ? '、' : ', ');
  switch (code) {
    case 'RULE_SETS_DIFFER':
      return distinct(entries.map((e) => `${ruleSetName(e.ruleSet.id, f)} (${e.ruleSet.version})`));
    case 'BOUNDARIES_DIFFER':
      return distinct(entries.map((e) => f.t(`boundary.${e.boundary}`)));
    case 'REFERENCE_YEARS_DIFFER':
      return distinct(
        entries.map((e) => (e.referenceYear === null ? f.t('notStated') : String(e.referenceYear))),
      );
    case 'VERIFICATION_DIFFERS':
      return distinct(entries.map((e) => f.t(`verification.${e.verification.mode}`)));
    case 'NOT_CURRENT':
      return distinct(
        entries
          .filter((e) => e.status !== 'published')
          .map((e) => `${productName(e.product, f)} (${f.t(`status.${e.status}`)})`),
      );
  }
}

const text = (c: Context<AppEnv>, name: string, max = 200) => {
  const v = c.req.query(name)?.trim();
  return v === undefined || v === '' ? undefined : v.slice(0, max);
};

/**
 * The registry's server-rendered pages (no sign-in, no script): `/registry` (search with filters), `/registry/
 * products/{productKey}` (a product's footprint and history), `/registry/compare?id=…&id=…` (side by side, with
 * cautions), `/registry/categories?code=…&unit=…` (the distribution of a category), `/registry/statements/{id}.jwt`
 * (the signed statement to download) and the stylesheet. English or Chinese by `?lang=` or Accept-Language; ETags
 * and short public caching; `limited` is the public rate limit (shared with the open-data routes).
 */
export function registryPages(limited: MiddlewareHandler<AppEnv>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/registry/registry.css', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(REGISTRY_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  app.use('/registry', limited, etag({ weak: true }));
  app.use('/registry/*', limited, etag({ weak: true }));

  app.get('/registry', async (c) => {
    const f = formats(languageOf(c));
    const q = {
      q: text(c, 'q'),
      category: text(c, 'category', 50),
      company: text(c, 'company', 100),
      region: text(c, 'region', 100),
      ruleSet: text(c, 'ruleSet', 100),
      year: text(c, 'year', 4),
      verification: text(c, 'verification', 20),
      status: text(c, 'status', 10),
    };
    const pageNumber = Math.max(1, Math.min(COUNT_CAP / PAGE_SIZE, Number(c.req.query('page') ?? 1) || 1));
    const year = q.year === undefined ? undefined : Number(q.year);
    const found = await registry.search(c.var.store, {
      text: q.q,
      category: q.category,
      company: q.company,
      region: q.region,
      ruleSet: q.ruleSet,
      year: year !== undefined && Number.isInteger(year) ? year : undefined,
      verification: VERIFICATIONS.includes(q.verification as RegistryVerification)
        ? (q.verification as RegistryVerification)
        : undefined,
      status: q.status === 'all' ? 'all' : 'published',
      limit: PAGE_SIZE,
      offset: (pageNumber - 1) * PAGE_SIZE,
    });
    const pages = Math.ceil(found.total / PAGE_SIZE);
    const link = (n: number) => href('/registry', f.lang, { ...q, page: n });
    const body = html`<h1>${f.t('searchHeading')}</h1>
      ${searchForm(f, q)}
      <p class="count" role="status">
        ${
          found.totalIsLowerBound
            ? f.t('foundMore', { n: f.number(COUNT_CAP) })
            : f.t(found.totalIsEstimate ? 'foundAbout' : found.total === 1 ? 'foundOne' : 'found', {
                n: f.number(found.total),
              })
        }${
          found.totalIsLowerBound
            ? html` <span class="muted">${f.t('narrow', { n: f.number(COUNT_CAP) })}</span>`
            : ''
        }
      </p>
      ${found.entries.length === 0 ? html`<p>${f.t('noResults')}</p>` : resultsTable(f, found.entries)}
      <nav class="pages" aria-label="${f.t('page', { n: pageNumber })}">
        ${pageNumber > 1 ? html`<a rel="prev" href="${link(pageNumber - 1)}">${f.t('previous')}</a>` : ''}
        <span>${f.t('page', { n: pageNumber })}</span> ${
          pageNumber < pages ? html`<a rel="next" href="${link(pageNumber + 1)}">${f.t('next')}</a>` : ''
        }
      </nav>`;
    return page(c, f, f.t('searchHeading'), body);
  });

  app.get('/registry/products/:productKey', async (c) => {
    const f = formats(languageOf(c));
    const versions = await registry.product(c.var.store, c.req.param('productKey'));
    const current = versions.find((v) => v.status === 'published') ?? versions[0];
    // The statement's full address, as `cfp verify` needs it: the configured public URL, else this request's origin.
    const origin = c.var.config.publicUrl ?? new URL(c.req.url).origin;
    return page(c, f, productName(current.product, f), productPage(f, versions, origin));
  });

  app.get('/registry/statements/:file', async (c) => {
    const file = c.req.param('file');
    const id = file.endsWith('.jwt') ? file.slice(0, -4) : file;
    const entry = await registry.entry(c.var.store, id);
    c.header('Content-Disposition', `attachment; filename="statement-${id}.jwt"`);
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(entry.statementJws, 200, { 'Content-Type': 'application/vc+jwt' });
  });

  app.get('/registry/compare', async (c) => {
    const f = formats(languageOf(c));
    const ids = [...new Set([...(c.req.queries('id') ?? []), ...(c.req.query('ids') ?? '').split(',')])]
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .slice(0, 10);
    if (ids.length < 2)
      return page(
        c,
        f,
        f.t('compareHeading'),
        html`<h1>${f.t('compareHeading')}</h1>
          <p>${f.t('chooseTwo')}</p>`,
        400,
      );
    const entries = await registry.entries(c.var.store, ids);
    const { cautions, refusal } = compareEntries(entries);
    const table = html`<table>
      ${columnHeads(f, ['product', 'footprint', 'boundary', 'ruleSet', 'year', 'verification', 'status'])}
      <tbody>
        ${entries.map(
          (e) =>
            html`<tr>
              <td>
                <a href="${href(`/registry/products/${encodeURIComponent(e.productKey)}`, f.lang)}"
                  >${productName(e.product, f)}</a
                >
                <div class="muted">${e.company.name}</div>
              </td>
              <td class="number">
                <strong>${f.number(e.footprint.total)}</strong>
                <span class="muted">${f.t('perUnit', { unit: unitText(e) })}</span>
              </td>
              <td>${f.t(`boundary.${e.boundary}`)}</td>
              <td>${ruleSetName(e.ruleSet.id, f)}</td>
              <td>${e.referenceYear ?? '—'}</td>
              <td>${verificationBadge(e, f)}</td>
              <td>${statusBadge(e, f)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
    if (refusal)
      return page(
        c,
        f,
        f.t('compareHeading'),
        html`<h1>${f.t('compareHeading')}</h1>
          <p class="warning" role="alert">${f.t('notComparable')}</p>
          ${table}`,
        400,
      );
    const body = html`<h1>${f.t('compareHeading')}</h1>
      ${
        cautions.length > 0
          ? html`<section class="cautions" role="note">
              <h2>${f.t('cautionsHeading')}</h2>
              <ul>
                ${cautions.map(
                  (k) =>
                    html`<li>${f.t(`caution.${k.code}`, { values: cautionValues(k.code, entries, f) })}</li>`,
                )}
              </ul>
            </section>`
          : ''
      }${table}`;
    return page(c, f, f.t('compareHeading'), body);
  });

  app.get('/registry/categories', async (c) => {
    const f = formats(languageOf(c));
    const code = text(c, 'code', 50);
    const unit = text(c, 'unit', 50);
    const amount = Number(c.req.query('amount') ?? 1);
    if (code === undefined || unit === undefined || !(amount > 0))
      return page(
        c,
        f,
        f.t('notFound'),
        html`<h1>${f.t('notFound')}</h1>
          <p>${f.t('notFoundText')}</p>`,
        400,
      );
    const s = await registry.categoryStatistics(
      c.var.store,
      { scheme: text(c, 'scheme', 50) ?? null, code },
      { amount, unit },
    );
    return page(c, f, f.t('categoryHeading', { code, unit }), statisticsPage(f, s));
  });

  app.get('/registry/*', (c) => {
    const f = formats(languageOf(c));
    return page(
      c,
      f,
      f.t('notFound'),
      html`<h1>${f.t('notFound')}</h1>
        <p>${f.t('notFoundText')}</p>`,
      404,
    );
  });

  app.onError((e, c) => {
    const f = formats(languageOf(c));
    if (e instanceof StoreError && e.code === 'NOT_FOUND')
      return page(
        c,
        f,
        f.t('notFound'),
        html`<h1>${f.t('notFound')}</h1>
          <p>${f.t('notFoundText')}</p>`,
        404,
      );
    if (e instanceof ServerError && e.code === 'RATE_LIMITED')
      return page(c, f, f.t('tooMany'), html`<h1>${f.t('tooMany')}</h1>`, 429);
    throw e;
  });
  return app;
}

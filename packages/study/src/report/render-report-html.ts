import type { ReportBlock, ReportSection, StudyReportDocument } from './report-document.js';

/**
 * Text for HTML element content and attribute values: the five characters that can end a text or an attribute
 * become references, so no name in a model can add markup or script.
 *
 * @example escapeHtml('<b>"A&B"</b>') // '&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const STYLE = `
:root { --ink: #1b1f23; --muted: #57606a; --rule: #d0d7de; --band: #f6f8fa; --accent: #0b6e4f; --warn: #9a6700; --bad: #b42318; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", system-ui, sans-serif; color: var(--ink); font-size: 10.5pt; line-height: 1.5; }
body { margin: 0 auto; max-width: 190mm; padding: 12mm 8mm; }
.label { display: inline-block; padding: 2pt 8pt; border-radius: 3pt; font-weight: 700; border: 1.5pt solid currentColor; }
.label-self-declared { color: var(--warn); } .label-third-party-verified, .label-critical-review { color: var(--accent); } .label-not-verified { color: var(--bad); }
.cover h1 { font-size: 22pt; line-height: 1.25; margin: 10pt 0 4pt; }
.cover .study-title { font-size: 14pt; margin: 0; }
.cover .product { color: var(--muted); margin: 2pt 0 12pt; }
.key-figures { display: flex; flex-wrap: wrap; gap: 8pt; margin: 0 0 12pt; padding: 0; list-style: none; }
.key-figures li { border: 1pt solid var(--rule); border-radius: 4pt; padding: 6pt 10pt; min-width: 48mm; }
.key-figures .value { display: block; font-size: 18pt; font-weight: 700; }
.key-figures .what { display: block; color: var(--muted); font-size: 9pt; }
.key-figures small { font-size: 10pt; font-weight: 400; }
.notice { border-left: 3pt solid var(--accent); background: var(--band); padding: 4pt 8pt; margin: 6pt 0; }
.notice-warning { border-left-color: var(--bad); }
h2 { font-size: 15pt; margin: 18pt 0 6pt; border-bottom: 1pt solid var(--rule); padding-bottom: 2pt; }
h3 { font-size: 12pt; margin: 12pt 0 4pt; }
h4 { font-size: 11pt; margin: 10pt 0 4pt; }
p { margin: 4pt 0; white-space: pre-line; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; font-size: 9pt; }
caption { text-align: left; font-weight: 700; padding: 2pt 0; }
th, td { border-bottom: 0.5pt solid var(--rule); padding: 2pt 4pt; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: var(--band); }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 700; border-top: 1pt solid var(--ink); }
table.facts th { background: none; color: var(--muted); font-weight: 400; width: 32%; }
.table-note { color: var(--muted); font-size: 8.5pt; margin: 0 0 2pt; }
nav ol { columns: 2; font-size: 9.5pt; padding-left: 16pt; }
footer { margin-top: 18pt; border-top: 1pt solid var(--rule); color: var(--muted); font-size: 8.5pt; }
@page { size: A4; margin: 18mm 16mm 20mm; @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; } }
@media print {
  body { max-width: none; padding: 0; }
  .cover { break-after: page; }
  h2, h3, h4, caption { break-after: avoid; }
  thead { display: table-header-group; }
  tr, .key-figures li, .notice { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

function block(b: ReportBlock): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'notice':
      return `<p class="notice notice-${b.tone}">${escapeHtml(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'facts':
      return `<table class="facts"><tbody>${b.facts
        .map((f) => `<tr><th scope="row">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`)
        .join('')}</tbody></table>`;
    case 'table': {
      const cls = (i: number) => (b.columns[i]?.align === 'right' ? ' class="num"' : '');
      const row = (cells: string[], extra = '') =>
        `<tr${extra}>${cells.map((c, i) => `<td${cls(i)}>${escapeHtml(c)}</td>`).join('')}</tr>`;
      const head = b.columns.map((c, i) => `<th scope="col"${cls(i)}>${escapeHtml(c.label)}</th>`).join('');
      const notes = (b.notes ?? []).map((n) => `<p class="table-note">${escapeHtml(n)}</p>`).join('');
      return (
        `<table id="t-${escapeHtml(b.id)}"><caption>${escapeHtml(b.caption)}</caption><thead><tr>${head}</tr></thead>` +
        `<tbody>${b.rows.map((r) => row(r)).join('')}${b.total ? row(b.total, ' class="total"') : ''}</tbody></table>${notes}`
      );
    }
  }
}

function section(s: ReportSection, depth: number): string {
  const h = `h${Math.min(depth + 1, 6)}`;
  return (
    `<section id="s-${escapeHtml(s.id)}"><${h}>${escapeHtml(`${s.number} ${s.heading}`)}</${h}>` +
    s.blocks.map(block).join('\n') +
    s.subsections.map((x) => section(x, depth + 1)).join('\n') +
    `</section>`
  );
}

/**
 * The study report as one self-contained HTML document: its styles inline (screen and print: A4 pages, table
 * headers repeated, no breaks after headings), no script, no external resource, and a Content-Security-Policy that
 * allows neither. Every text is escaped. Chinese is shown with the reader's CJK fonts (Noto Sans SC, Source Han
 * Sans, PingFang, Microsoft YaHei …); the PDF embeds its own.
 *
 * @example
 * await writeFile('report.html', renderReportHtml(studyReport(input, { language: 'zh-CN' })));
 */
export function renderReportHtml(report: StudyReportDocument): string {
  const figures = report.keyFigures
    .map(
      (f) =>
        `<li><span class="value">${escapeHtml(f.value)} <small>${escapeHtml(f.unit)}</small></span><span class="what">${escapeHtml(f.label)}</span></li>`,
    )
    .join('');
  const cover = report.cover
    .map((f) => `<tr><th scope="row">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`)
    .join('');
  const contents = report.sections
    .map((s) => `<li><a href="#s-${escapeHtml(s.id)}">${escapeHtml(s.heading)}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="${escapeHtml(report.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(report.generator)}">
<title>${escapeHtml(`${report.studyTitle} — ${report.title}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="cover">
<p class="label label-${escapeHtml(report.label.kind)}">${escapeHtml(report.label.text)}</p>
<h1>${escapeHtml(report.title)}</h1>
<p class="study-title">${escapeHtml(report.studyTitle)}</p>
<p class="product">${escapeHtml(report.product)}</p>
<ul class="key-figures">${figures}</ul>
<table class="facts"><tbody>${cover}</tbody></table>
${report.coverNotice ? `<p class="notice notice-warning">${escapeHtml(report.coverNotice)}</p>` : ''}
<nav><ol>${contents}</ol></nav>
</header>
<main>
${report.sections.map((s) => section(s, 1)).join('\n')}
</main>
<footer><p>${escapeHtml(report.footer)}</p><p>${escapeHtml(report.generator)}</p></footer>
</body>
</html>
`;
}

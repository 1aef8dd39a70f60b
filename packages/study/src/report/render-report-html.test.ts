// The HTML report: self-contained (no script, no external resource, a CSP that forbids both), every text escaped
// — a model whose names carry markup shows the markup as text — and the content is the report's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bracketReportInput } from '../test-support/report-fixture.js';
import { escapeHtml, renderReportHtml } from './render-report-html.js';
import { studyReport } from './study-report.js';

const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)>"'&`;

test('escapeHtml turns every character that could end a text or an attribute into a reference', () => {
  assert.equal(
    escapeHtml(`<a href="x" title='y'>&</a>`),
    '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
  );
  assert.equal(escapeHtml('铝支架 8.961 kg CO2e'), '铝支架 8.961 kg CO2e');
});

test('names in the model, the declaration and the study cannot inject markup', async () => {
  const input = await bracketReportInput((file) => {
    const model = structuredClone(file.model) as {
      processes: { name: string; nameZh?: string; inputs: { name: string }[] }[];
    };
    model.processes[0].name = HOSTILE;
    model.processes[0].nameZh = HOSTILE;
    model.processes[0].inputs[0].name = HOSTILE;
    return {
      ...file,
      model,
      declaration: { ...file.declaration, title: HOSTILE, goal: HOSTILE, product: HOSTILE },
      report: { ...file.report, manufacturer: HOSTILE },
    };
  });
  for (const language of ['en', 'zh-CN'] as const) {
    const html = renderReportHtml(studyReport(input, { language }));
    assert.ok(!html.includes('<script'), 'no script element');
    assert.ok(!html.includes('<img'), 'no injected element');
    // Every '<' of a text is escaped, so each tag in the document is one the writer made: none has a handler.
    const tags = html.match(/<[^>]*>/g) ?? [];
    assert.ok(!tags.some((tag) => /\son\w+\s*=/i.test(tag)), 'no event handler attribute');
    const escaped = escapeHtml(HOSTILE);
    // The hostile text is there, as text: in the title, the goal, the process and the line names.
    assert.ok(html.split(escaped).length - 1 >= 5, 'the names are shown escaped');
  }
});

test('the HTML is one self-contained document in the report’s language, with every section and table', async () => {
  const report = studyReport(await bracketReportInput(), { language: 'zh-CN' });
  const html = renderReportHtml(report);
  assert.match(html, /^<!doctype html>\n<html lang="zh-CN">/);
  assert.match(
    html,
    /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/,
  );
  assert.ok(!/<(script|link|iframe|object|embed)\b/i.test(html), 'no script and no linked resource');
  assert.ok(!/(src|href)="(https?:)?\/\//i.test(html), 'nothing loaded from elsewhere');
  assert.ok(!/url\(/i.test(html), 'no external font or image in the styles');
  assert.match(html, /@media print/);
  assert.match(html, /thead \{ display: table-header-group; \}/);
  assert.ok(html.includes('<h1>产品碳足迹研究报告</h1>'));
  assert.ok(html.includes('class="label label-self-declared">自我声明：未经第三方核查</p>'));
  for (const s of report.sections)
    assert.ok(html.includes(`<section id="s-${s.id}"><h2>${s.number} ${s.heading}</h2>`), s.id);
  assert.ok(html.includes('<table id="t-results-by-stage">'));
  assert.ok(html.includes(`<td class="num">${report.keyFigures[0].value}</td>`), 'the total is in a table');
});

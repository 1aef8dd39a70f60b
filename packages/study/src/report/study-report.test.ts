// The study report's content: golden files of the fixed study (the aluminium bracket on the starter database) in
// English and Chinese, and what must hold of any report. To accept a deliberate change of the content, rebuild and
// run this file with --update (docs/report.md):
//   npx tsc -b packages/study && node packages/study/dist/report/study-report.test.js --update
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { checkCompliance } from '../check-compliance.js';
import { bracketReportInput, TEST_SUPPORT_SOURCE } from '../test-support/report-fixture.js';
import { formatNumber, formatShare } from './report-format.js';
import type {
  ReportBlock,
  ReportLanguage,
  ReportSection,
  ReportTable,
  StudyReportDocument,
} from './report-document.js';
import { MESSAGE_KEYS, messageTemplates } from './report-messages.js';
import { studyReport } from './study-report.js';

const UPDATE = process.argv.includes('--update') || process.env.OPENCFP_UPDATE_GOLDEN === '1';

function allSections(sections: ReportSection[]): ReportSection[] {
  return sections.flatMap((s) => [s, ...allSections(s.subsections)]);
}

function allBlocks(report: StudyReportDocument): ReportBlock[] {
  return allSections(report.sections).flatMap((s) => s.blocks);
}

function tableOf(report: StudyReportDocument, id: string): ReportTable {
  const found = allBlocks(report).find((b): b is ReportTable => b.kind === 'table' && b.id === id);
  assert.ok(found, `no table ${id}`);
  return found;
}

for (const language of ['en', 'zh-CN'] as ReportLanguage[]) {
  test(`the ${language} report of the fixed study matches its golden file`, async () => {
    const report = studyReport(await bracketReportInput(), { language });
    const text = `${JSON.stringify(report, null, 2)}\n`;
    const file = `${TEST_SUPPORT_SOURCE}golden/study-report.${language}.json`;
    if (UPDATE) await writeFile(file, text);
    const golden = await readFile(file, 'utf8');
    assert.equal(text, golden, `the report differs from ${file}; if the change is meant, run with --update`);
  });
}

test('both languages have the same sections, tables and numbers', async () => {
  const input = await bracketReportInput();
  const en = studyReport(input, { language: 'en' });
  const zh = studyReport(input, { language: 'zh-CN' });
  const ids = (r: StudyReportDocument) => allSections(r.sections).map((s) => `${s.number} ${s.id}`);
  assert.deepEqual(ids(zh), ids(en));
  const tables = (r: StudyReportDocument) => allBlocks(r).filter((b): b is ReportTable => b.kind === 'table');
  const enTables = tables(en);
  const zhTables = tables(zh);
  assert.deepEqual(
    zhTables.map((t) => t.id),
    enTables.map((t) => t.id),
  );
  // Right-aligned columns hold numbers: the same digits in both languages (only the % spacing differs).
  enTables.forEach((t, k) => {
    const numbers = (table: ReportTable) =>
      [...table.rows, ...(table.total ? [table.total] : [])].map((row) =>
        row.filter((_, i) => table.columns[i].align === 'right').map((cell) => cell.replace(/ ?%$/, '')),
      );
    assert.deepEqual(numbers(zhTables[k]), numbers(t), `table ${t.id}`);
  });
  assert.deepEqual(
    zh.keyFigures.map((f) => f.value),
    en.keyFigures.map((f) => f.value),
  );
});

test('the figures are the calculation’s: total, stages, split and Monte Carlo', async () => {
  const input = await bracketReportInput();
  const report = studyReport(input, { language: 'en' });
  const { result } = input.study;
  assert.equal(report.keyFigures[0].number, result.split.total);
  assert.equal(report.keyFigures[0].value, formatNumber(result.split.total));
  const stages = tableOf(report, 'results-by-stage');
  assert.deepEqual(
    stages.rows.map((r) => r[1]),
    result.byStage.map((s) => formatNumber(s.amount)),
  );
  assert.deepEqual(stages.total, ['Total', formatNumber(result.split.total), formatShare(1, 'en')]);
  const split = tableOf(report, 'separately-reported');
  assert.equal(split.rows[0][1], formatNumber(result.split.fossilEmissions));
  const mc = tableOf(report, 'monte-carlo');
  assert.equal(mc.rows.find((r) => r[0] === 'Mean')?.[1], formatNumber(input.monteCarlo?.mean as number));
  // The scenario row of the method choices is the model calculated in its scenario.
  const choices = tableOf(report, 'method-choices');
  const green = input.sensitivity?.choices?.find(
    (x) => typeof x.option !== 'string' && x.option.en?.startsWith('Plant'),
  );
  assert.ok(green);
  assert.ok(choices.rows.some((r) => r[2] === formatNumber(green.total)));
  // The fixed study's green scenario takes the 2 kWh out of the footprint: 2 × 0.5827 kg CO2/kWh.
  assert.ok(Math.abs(result.split.total - green.total - 2 * 0.5827) < 1e-9);
});

test('the sections are the ones ISO 14067 / GB/T 24067 ask of a report, numbered in order', async () => {
  const zh = studyReport(await bracketReportInput(), { language: 'zh-CN' });
  assert.equal(zh.title, '产品碳足迹研究报告');
  assert.deepEqual(
    zh.sections.map((s) => `${s.number} ${s.heading}`),
    [
      '1 目的与范围',
      '2 系统边界与过程清单',
      '3 取舍准则',
      '4 分配',
      '5 数据来源与数据质量',
      '6 电力',
      '7 使用阶段与生命末期情景',
      '8 特征化：全球增温潜势（GWP）',
      '9 结果',
      '10 敏感性分析与不确定性分析',
      '11 局限性',
      '12 规则集与符合性',
      '13 核查声明',
    ],
  );
  assert.equal(zh.sections[0].subsections[0].heading, '功能单位/声明单位与基准流');
  assert.equal(zh.label.text, '自我声明：未经第三方核查');
  assert.match(zh.footer, /^B-20 铝支架 \| GB\/T 24067-2024 \| 自我声明/);
});

test('a partial CFP, a third-party verification and unmet mandatory requirements show on the first page', async () => {
  const input = await bracketReportInput((file) => ({
    ...file,
    boundary: 'cradle-to-gate',
    declaration: {
      ...file.declaration,
      verification: {
        kind: 'third-party-verified',
        statement: 'Verified to ISO 14064-3.',
        verifier: 'Example Verification Ltd.',
        date: '2025-07-15',
        standard: 'ISO 14064-3:2019',
      },
    },
  }));
  // A final product cradle to gate breaks the boundary requirement: the compliance check says so.
  const compliance = checkCompliance(input.study, undefined, { asOf: '2025-06-30' });
  assert.ok(compliance.blocksPublication);
  const report = studyReport({ ...input, compliance }, { language: 'en' });
  assert.equal(report.title, 'Partial carbon footprint of a product — study report');
  assert.equal(report.label.kind, 'third-party-verified');
  assert.equal(report.label.text, 'Verified by a third party: Example Verification Ltd., 2025-07-15');
  assert.match(report.coverNotice ?? '', /gb-t-24067-2024\.boundary/);
  const verification = report.sections.at(-1) as ReportSection;
  assert.ok(
    verification.blocks.some(
      (b) =>
        b.kind === 'paragraph' &&
        b.text === 'This study was verified by Example Verification Ltd. on 2025-07-15.',
    ),
  );
});

test('without analyses the report says none were made (and invents no figures)', async () => {
  const input = await bracketReportInput((file) => ({ ...file, analyses: {} }));
  const report = studyReport(input, { language: 'en' });
  const section = allSections(report.sections).find(
    (s) => s.id === 'sensitivity-and-uncertainty',
  ) as ReportSection;
  const texts = allSections([section]).flatMap((s) =>
    s.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text),
  );
  assert.ok(texts.includes('No quantitative uncertainty analysis was made.'));
  assert.ok(texts.includes('No sensitivity analysis was made.'));
  assert.ok(
    !allBlocks(report).some((b) => b.kind === 'table' && (b.id === 'monte-carlo' || b.id === 'tornado')),
  );
});

test('the message catalogues have the same keys and placeholders in both languages', () => {
  const en = messageTemplates('en');
  const zh = messageTemplates('zh-CN');
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of MESSAGE_KEYS) {
    assert.ok(zh[key], `zh-CN has no '${key}'`);
    assert.deepEqual(placeholders(zh[key]), placeholders(en[key]), `placeholders of '${key}'`);
  }
  assert.deepEqual(Object.keys(zh).sort(), [...MESSAGE_KEYS].sort());
});

test('numbers are formatted the same on every machine', () => {
  assert.equal(formatNumber(8.780869555), '8.781');
  assert.equal(formatNumber(12345.6), '12,346');
  assert.equal(formatNumber(1000), '1,000');
  assert.equal(formatNumber(0.050816), '0.05082');
  assert.equal(formatNumber(-1.1654), '−1.165');
  assert.equal(formatNumber(0.0000123), '1.23e-5');
  assert.equal(formatNumber(0), '0');
  assert.equal(formatShare(0.86561, 'en'), '86.6 %');
  assert.equal(formatShare(0.86561, 'zh-CN'), '86.6%');
  assert.equal(formatShare(0.000512, 'en'), '0.051 %');
  assert.equal(formatShare(0.99956, 'en'), '99.96 %');
  assert.equal(formatShare(1, 'en'), '100.0 %');
});

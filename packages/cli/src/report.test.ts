// `cfp report`: the example study file (examples/studies, the aluminium bracket) calculated on the starter database and
// written as PDF, HTML and JSON in both languages; bad input gets one clear message and exit code 2.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { run } from './test-support/run-cli.js';

/** The example study file, found from this compiled file. */
const STUDY = fileURLToPath(
  new URL('../../../examples/studies/aluminium-bracket.study.json', import.meta.url),
);

test('report: a Chinese PDF of the study file, fonts embedded', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cfp-report-'));
  try {
    const out = join(dir, 'report.pdf');
    const { code, stderr } = await run('report', STUDY, '--language', 'zh-CN', '--format', 'pdf', '-o', out);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /wrote .*report\.pdf \(pdf, zh-CN, \d+ kB\)/);
    const pdf = await readFile(out);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const raw = pdf.toString('latin1');
    assert.match(raw, /\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    assert.match(raw, /\/FontFile2 /);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('report: HTML and JSON to stdout, in English by default', async () => {
  const html = await run('report', STUDY, '--format', 'html');
  assert.equal(html.code, 0, html.stderr);
  assert.match(html.stdout, /^<!doctype html>\n<html lang="en">/);
  assert.ok(html.stdout.includes('<h1>Carbon footprint of a product — study report</h1>'));
  const json = await run('report', STUDY, '--format', 'json', '--language', 'zh-CN');
  assert.equal(json.code, 0, json.stderr);
  const document = JSON.parse(json.stdout);
  assert.equal(document.schema, 'opencfp/study-report@1');
  assert.equal(document.title, '产品碳足迹研究报告');
  // The model is calculated on the fly: 0.5 kg aluminium × 15.1 + 2 kWh × 0.5827 + … (packages/study's golden file).
  assert.equal(document.keyFigures[0].value, '8.961');
});

test('report: a bad study file, language or format is a clear error (exit 2)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cfp-report-'));
  try {
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ "schema": ');
    let r = await run('report', broken, '--format', 'json');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is not JSON/);

    const study = JSON.parse(await readFile(STUDY, 'utf8'));
    delete study.declaration.goal;
    study.boundary = 'cradle-to-moon';
    const invalid = join(dir, 'invalid.json');
    await writeFile(invalid, JSON.stringify(study));
    r = await run('report', invalid, '--format', 'json');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\/boundary/);
    assert.match(r.stderr, /\/declaration\/goal/);

    r = await run('report', STUDY, '--language', 'fr', '--format', 'json');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--language must be one of en, zh-CN/);
    r = await run('report', STUDY);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /-o <file\.pdf>/);

    const missing = {
      ...JSON.parse(await readFile(STUDY, 'utf8')),
      background: { path: 'no-such-database.zip' },
    };
    const elsewhere = join(dir, 'elsewhere.json');
    await writeFile(elsewhere, JSON.stringify(missing));
    r = await run('report', elsewhere, '--format', 'json');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no-such-database\.zip' does not exist/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

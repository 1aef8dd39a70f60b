// A data-quality entry explained (the real component with the real catalogues), and the pedigree matrix of the data
// quality card, in both languages.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, expect, test } from 'vitest';
import { createI18n, type Language } from '../../i18n/i18n';
import { DataQualityEntry } from './data-quality-entry';
import { DataQualitySection } from './data-quality-section';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const renderIn = (language: Language, ui: ReactNode) =>
  render(<I18nextProvider i18n={createI18n(language)}>{ui}</I18nextProvider>);

/** The rows of a table as [header, cells…] texts. */
const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.children].map((cell) => cell.textContent));

test('an entry such as (1;2;1;1;3) opens into its five scores and what each one means', async () => {
  renderIn('en', <DataQualityEntry entry="(1;2;n.a.;1;3)" />);
  const summary = screen.getByText('(1;2;n.a.;1;3)');
  const details = summary.closest('details');
  expect(details?.open).toBe(false);
  await userEvent.click(summary);
  expect(details?.open).toBe(true);
  expect(rowsOf(screen.getByRole('table', { name: 'Data-quality scores (1;2;n.a.;1;3)' }))).toEqual([
    ['Reliability', '1', 'Verified data based on measurements'],
    [
      'Completeness',
      '2',
      'Representative data from more than 50 % of the relevant sites, over a period long enough to even out normal fluctuations',
    ],
    ['Temporal correlation', '—', 'not given'],
    ['Geographical correlation', '1', 'Data from the area under study'],
    [
      'Further technological correlation',
      '3',
      'Data from the processes and materials under study but from a different technology',
    ],
  ]);
});

test('in Chinese the indicators and meanings are Chinese', async () => {
  renderIn('zh-CN', <DataQualityEntry entry="(2,3,1,1,5)" />);
  await userEvent.click(screen.getByText('(2,3,1,1,5)'));
  const rows = rowsOf(screen.getByRole('table', { name: '数据质量评分 (2,3,1,1,5)' }));
  expect(rows.map((r) => r[0])).toEqual(['可靠性', '完整性', '时间相关性', '地理相关性', '其他技术相关性']);
  expect(rows[0]).toEqual(['可靠性', '2', '部分基于假设的已验证数据，或基于测量的未验证数据']);
  expect(rows[4][2]).toBe('实验室规模的相关工艺数据，或技术不同的数据');
});

test('an entry of another system or notation is shown as it is, not explained as the pedigree matrix', async () => {
  renderIn('en', <DataQualityEntry entry="(1;2;3)" />);
  await userEvent.click(screen.getByText('(1;2;3)'));
  expect(
    screen.getByText('3 scores: not the five of the pedigree matrix; shown as the database gives them.'),
  ).toBeTruthy();
  expect(screen.queryByRole('table')).toBeNull();
  cleanup();
  renderIn('en', <DataQualityEntry entry="very good" />);
  await userEvent.click(screen.getByText('very good'));
  expect(screen.getByText('Not written as scores; shown as the database gives it.')).toBeTruthy();
});

test('the data quality card counts the entries and holds the whole matrix: 5 indicators × scores 1 to 5', () => {
  renderIn('en', <DataQualitySection exchanges={[]} />);
  expect(screen.getByText(/No input or output of this dataset carries a data-quality entry\./)).toBeTruthy();
  const matrix = screen.getByRole('table', {
    name: 'Pedigree matrix: indicators and the meaning of scores 1 (best) to 5 (worst)',
  });
  const rows = rowsOf(matrix);
  expect(rows).toHaveLength(5);
  expect(rows.every((r) => r.length === 6 && r.slice(1).every((cell) => (cell ?? '').length > 0))).toBe(true);
  expect(rows[2]).toEqual([
    'Temporal correlation',
    'Less than 3 years of difference to the time period of the dataset',
    'Less than 6 years of difference',
    'Less than 10 years of difference',
    'Less than 15 years of difference',
    'Age of data unknown, or more than 15 years of difference',
  ]);
});

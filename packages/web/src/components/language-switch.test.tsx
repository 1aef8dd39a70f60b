import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, expect, test } from 'vitest';
import { formatFor } from '../i18n/format';
import { createI18n, initialLanguage, LANGUAGE_KEY } from '../i18n/i18n';
import { LanguageSwitch } from './language-switch';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

test('the language switch changes the text and the page language, and is remembered', async () => {
  const i18n = createI18n('en');
  render(
    <I18nextProvider i18n={i18n}>
      <LanguageSwitch />
    </I18nextProvider>,
  );
  expect(document.documentElement.lang).toBe('en');
  await userEvent.selectOptions(screen.getByLabelText('Language'), 'zh-CN');
  expect(screen.getByLabelText('语言')).toHaveProperty('value', 'zh-CN');
  expect(document.documentElement.lang).toBe('zh-CN');
  expect(localStorage.getItem(LANGUAGE_KEY)).toBe('zh-CN');
  expect(initialLanguage()).toBe('zh-CN');
});

test('numbers and dates follow the language (Intl)', () => {
  const en = formatFor('en');
  const zh = formatFor('zh-CN');
  expect(en.integer(20000)).toBe('20,000');
  expect(en.co2e(12.3456)).toBe('12.35 kg CO₂e');
  expect(en.percent(0.421)).toBe('42.1%');
  expect(zh.dateTime('2025-01-31T12:00:00Z')).toMatch(/^2025年1月31日/);
  expect(en.dateTime('2025-01-31T12:00:00Z')).toMatch(/^Jan 31, 2025/);
});

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { languageOf, type Language } from './i18n';

/** Numbers, dates and units in one locale's way (Intl). */
export interface Format {
  language: Language;
  /** e.g. 12,345.7 / 12,345.7; `digits`: significant digits (default 4) */
  number(value: number, digits?: number): string;
  /** a whole number, e.g. 20,000 */
  integer(value: number): string;
  /** a carbon footprint in kg CO₂e, e.g. '12.35 kg CO₂e' */
  co2e(value: number): string;
  /** an amount with its unit, e.g. '1 kWh' */
  amount(value: number, unit: string): string;
  /** a share 0…1 as a percentage, e.g. '42.1%' */
  percent(value: number): string;
  /** an instant (ISO text) as date and time, e.g. '31 Jan 2025, 08:00' / '2025年1月31日 08:00' */
  dateTime(iso: string): string;
}

/**
 * Formatting for the given language.
 *
 * @example formatFor('zh-CN').dateTime('2025-01-31T08:00:00Z')
 */
export function formatFor(language: Language, co2eUnit = 'kg CO₂e'): Format {
  const significant = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number) => {
    let format = significant.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(language, { maximumSignificantDigits: digits });
      significant.set(digits, format);
    }
    return format;
  };
  const integer = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 });
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    language,
    number: (value, digits = 4) => numberFormat(digits).format(value),
    integer: (value) => integer.format(value),
    co2e: (value) => `${numberFormat(4).format(value)} ${co2eUnit}`,
    amount: (value, unit) => `${numberFormat(6).format(value)} ${unit}`,
    percent: (value) => percent.format(value),
    dateTime: (iso) => dateTime.format(new Date(iso)),
  };
}

/**
 * The current language's formatting, for components.
 *
 * @example const format = useFormat(); <td>{format.co2e(result.total)}</td>
 */
export function useFormat(): Format {
  const { i18n, t } = useTranslation();
  const language = languageOf(i18n);
  const unit = t('units.kgCo2e');
  return useMemo(() => formatFor(language, unit), [language, unit]);
}

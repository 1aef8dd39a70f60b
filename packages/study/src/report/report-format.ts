// Numbers as the report prints them: the same digits in every language and on every machine (no locale data),
// four significant digits, thousands grouped. Shares are percentages with a space before % in English and none
// in Chinese, as each language's typesetting does it.
import type { ReportLanguage } from './report-document.js';

/**
 * A number with `significant` significant digits (trailing zeros dropped), thousands grouped with commas; very
 * small or large magnitudes in exponent form.
 *
 * @example formatNumber(8.780869555) // '8.781'
 * @example formatNumber(12345.6) // '12,346'
 * @example formatNumber(0.0000123) // '1.23e-5'
 */
export function formatNumber(x: number, significant = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs < 1e-4 || abs >= 1e15) return trimExponent(x.toExponential(significant - 1));
  const digits = Math.floor(Math.log10(abs)) + 1;
  const fixed = x.toFixed(Math.max(0, significant - digits));
  // -0.0000 and friends after rounding are 0.
  if (Number(fixed) === 0) return '0';
  const [integer, fraction] = fixed.split('.');
  const sign = integer.startsWith('-') ? '−' : '';
  const grouped = integer.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const trimmed = fraction?.replace(/0+$/, '');
  return `${sign}${grouped}${trimmed ? `.${trimmed}` : ''}`;
}

function trimExponent(s: string): string {
  const [mantissa, exponent] = s.split('e');
  const m = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return `${m.replace('-', '−')}e${exponent.replace('+', '')}`;
}

/**
 * A share (0 … 1) as a percentage: one decimal from 1 % up, two significant digits below.
 *
 * @example formatShare(0.86561, 'en') // '86.6 %'
 * @example formatShare(0.000512, 'zh-CN') // '0.051%'
 */
export function formatShare(share: number, language: ReportLanguage): string {
  const percent = share * 100;
  // Just short of 100 % stays visibly short of it (99.96 %, not 100.0 %).
  const decimals = Math.abs(percent) >= 99.95 && Math.abs(percent) < 100 ? 2 : 1;
  const value = Math.abs(percent) >= 1 ? signed(percent.toFixed(decimals)) : formatNumber(percent, 2);
  return language === 'en' ? `${value} %` : `${value}%`;
}

function signed(s: string): string {
  return Number(s) === 0 ? '0.0' : s.replace('-', '−');
}

/**
 * A signed difference with an explicit + for increases.
 *
 * @example formatDifference(-0.5) // '−0.5'
 */
export function formatDifference(x: number, significant = 4): string {
  const s = formatNumber(x, significant);
  return x > 0 && s !== '0' ? `+${s}` : s;
}

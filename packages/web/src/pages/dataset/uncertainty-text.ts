import type { TFunction } from 'i18next';
import type { Format } from '../../i18n/format';
import type { DatasetExchange } from './exchange-groups';

/**
 * An uncertainty distribution in words with its parameters in the reader's number format; only its name when the
 * database states it without all of them (nothing is filled in).
 *
 * @example uncertaintyText({ type: 'triangular', min: 0.38, mode: 0.42, max: 0.46 }, t, format) // 'triangular: min 0.38, mode 0.42, max 0.46'
 */
export function uncertaintyText(
  uncertainty: NonNullable<DatasetExchange['uncertainty']>,
  t: TFunction,
  format: Format,
): string {
  const value = (key: string): string | undefined => {
    const v = uncertainty[key];
    return typeof v === 'number' ? format.number(v, 6) : undefined;
  };
  const parameters: Record<string, string | undefined> =
    uncertainty.type === 'lognormal'
      ? { mean: value('geometricMean'), sd: value('geometricSd') }
      : uncertainty.type === 'normal'
        ? { mean: value('mean'), sd: value('sd') }
        : uncertainty.type === 'triangular'
          ? { min: value('min'), mode: value('mode'), max: value('max') }
          : { min: value('min'), max: value('max') };
  // a distribution stated without all its parameters is named, not filled in
  return Object.values(parameters).every((v) => v !== undefined)
    ? t(`process.uncertaintyTypes.${uncertainty.type}`, parameters)
    : t(`process.uncertaintyNames.${uncertainty.type}`);
}

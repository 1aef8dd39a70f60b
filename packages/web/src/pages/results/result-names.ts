import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { languageOf } from '../../i18n/i18n';
import type { ResultGas, ResultScenario, ResultStage } from './read-result';
import { KNOWN_SPLIT_KEYS } from './split-rows';

/** Names of a result's codes in the reader's language. */
export interface ResultNames {
  /** A split entry: the catalogue's name, or the key as the result spells it when the catalogue has none. */
  split(key: string): string;
  /** A stage: the result's own name in the reader's language (its Chinese name in Chinese), else its id. */
  stage(stage: Pick<ResultStage, 'id' | 'name' | 'nameZh'>): string;
  /**
   * A name the result (or model) gives in English and perhaps in Chinese — a process, a tree or Sankey node: its
   * Chinese name in Chinese when there is one, else the name as given.
   */
  local(name: string, nameZh: string | null | undefined): string;
  /** A scenario by its names in the reader's language; null: the base case. */
  scenario(scenario: (Pick<ResultScenario, 'name'> & { nameZh?: string | null }) | null): string;
  /**
   * A gas with its origin, e.g. 'CO₂ (fossil)'. The species 'CO2e' is not a total but greenhouse gases a source
   * gave only as one CO₂e figure (pre-aggregated): it is named so.
   */
  gas(gas: Pick<ResultGas, 'species' | 'kind'>): string;
  /** A line's or node's kind ('background', 'supplier' …). */
  kind(kind: string): string;
  /** A GWP set id as people write it, e.g. 'IPCC AR6 GWP100'. */
  method(id: string): string;
}

/** Chemical formulas with subscripts, as the gases are written. */
const FORMULAS: Record<string, string> = {
  CO2: 'CO₂',
  CH4: 'CH₄',
  N2O: 'N₂O',
  SF6: 'SF₆',
  NF3: 'NF₃',
};

/**
 * The species of an amount a source published only in CO₂e (a background dataset's "Greenhouse gases, CO2
 * equivalent (pre-aggregated)", a supplier's PCF, a published electricity or transport factor): GWP 1, counted as
 * fossil (docs/carbon-footprint.md).
 */
export const PREAGGREGATED = 'CO2e';

/**
 * The names of a result's codes and its own names (processes, scenario) for the current language.
 *
 * @example const names = useResultNames(); names.stage(stage); names.split('dLuc') // 'Direct land-use change (dLUC)'
 */
export function useResultNames(): ResultNames {
  const { t, i18n } = useTranslation();
  const zh = languageOf(i18n) === 'zh-CN';
  return useMemo(() => {
    const kind = (k: string) => (k === '' ? '—' : t(`results.kinds.${k}`, { defaultValue: k }));
    return {
      split: (key) => (KNOWN_SPLIT_KEYS.includes(key) ? t(`results.split.${key}`) : key),
      stage: (stage) => (zh ? (stage.nameZh ?? stage.name) : stage.name) ?? stage.id,
      local: (name, nameZh) => (zh && nameZh ? nameZh : name),
      scenario: (scenario) =>
        scenario === null ? t('results.baseCase') : zh && scenario.nameZh ? scenario.nameZh : scenario.name,
      gas: (gas) => {
        const species =
          gas.species === PREAGGREGATED
            ? t('results.gases.preaggregated')
            : (FORMULAS[gas.species] ?? gas.species);
        return gas.kind
          ? `${species} (${t(`results.origins.${gas.kind}`, { defaultValue: gas.kind })})`
          : species;
      },
      kind,
      method: (id) =>
        id
          .split('-')
          .map((part) => part.toUpperCase())
          .join(' '),
    };
  }, [t, zh]);
}

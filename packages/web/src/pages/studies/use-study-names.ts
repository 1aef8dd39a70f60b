import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { languageOf } from '../../i18n/i18n';
import { useResultNames } from '../results/result-names';
import type { ItemNames } from './item-label';

/** Names of a study's codes in the reader's language; a code the catalogues do not know is shown as it is. */
export interface StudyNames extends ItemNames {
  /** The rule set's full name, e.g. 'ISO 14067:2018 Carbon footprint of products'. */
  ruleSet(id: string): string;
  /** Its short name, e.g. 'ISO 14067:2018'. */
  ruleSetShort(id: string): string;
  boundary(boundary: string): string;
  productType(type: string): string;
  state(state: string): string;
  relation(relation: string): string;
  /** A choice of the declarations (allocation method, electricity accounting, end-of-life approach). */
  choice(group: 'allocation' | 'electricity' | 'endOfLife', value: string): string;
  indicator(indicator: string): string;
  stage(id: string): string;
}

/**
 * The names of a study's codes for the current language.
 *
 * @example const names = useStudyNames(); names.ruleSetShort('pas-2050-2011') // 'PAS 2050:2011'
 */
export function useStudyNames(): StudyNames {
  const { t, i18n } = useTranslation();
  const resultNames = useResultNames();
  const zh = languageOf(i18n) === 'zh-CN';
  return useMemo(() => {
    const named = (key: string, value: string) => t(key, { defaultValue: value });
    return {
      ruleSet: (id) => named(`studies.ruleSets.${id}.name`, id),
      ruleSetShort: (id) => named(`studies.ruleSets.${id}.short`, id),
      boundary: (b) => named(`studies.boundaries.${b}`, b),
      productType: (p) => named(`studies.productTypes.${p}`, p),
      state: (s) => named(`dashboard.studies.states.${s}`, s),
      relation: (r) => named(`studies.relations.${r}`, r),
      choice: (group, value) => named(`studies.choices.${group}.${value}`, value),
      indicator: (i) => named(`studies.form.indicators.${i}`, i),
      stage: (id) => named(`editor.stages.${id}`, id),
      local: (name, nameZh) => (zh && nameZh ? nameZh : name),
      split: (key) => resultNames.split(key),
      field: (f) => named(`studies.fields.${f}`, f),
      declaration: (path) => {
        const [first, second] = path;
        if (first === 'choices' && second)
          return named(`studies.declarations.choices.${second}`, path.join(' / '));
        return first ? named(`studies.declarations.${first}.title`, path.join(' / ')) : '';
      },
    };
  }, [t, zh, resultNames]);
}

import type { Schema } from '@opencfp/client';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { languageOf } from '../../i18n/i18n';

type ModelDocument = Schema<'ProductModelDocument'>;

const ProcessNamesContext = createContext<ReadonlyMap<string, string>>(new Map());

/**
 * Gives the results views the Chinese names of the model's processes (`nameZh` in the model document), which the
 * stored result does not carry: in Chinese a foreground process is then named in Chinese where the model has a name.
 *
 * @example <ProcessNames model={model.model}><ResultView … /></ProcessNames>
 */
export function ProcessNames({ model, children }: { model: ModelDocument | undefined; children: ReactNode }) {
  const names = useMemo(
    () =>
      new Map(
        (model?.processes ?? []).flatMap((p) => (p.nameZh ? [[p.id, p.nameZh] as [string, string]] : [])),
      ),
    [model],
  );
  return <ProcessNamesContext.Provider value={names}>{children}</ProcessNamesContext.Provider>;
}

/**
 * A foreground process's name in the reader's language: its Chinese name in Chinese when the model has one, else the
 * name as the result gives it.
 *
 * @example const processName = useProcessName(); processName(line.processId, line.processName)
 */
export function useProcessName(): (processId: string | null, name: string) => string {
  const { i18n } = useTranslation();
  const zh = languageOf(i18n) === 'zh-CN';
  const names = useContext(ProcessNamesContext);
  return useCallback(
    (processId, name) => (zh && processId !== null ? (names.get(processId) ?? name) : name),
    [zh, names],
  );
}

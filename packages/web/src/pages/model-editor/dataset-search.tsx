import type { Schema } from '@opencfp/client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context';
import { ErrorMessage } from '../../components/query-state';
import { useFormat } from '../../i18n/format';

type ProcessProduct = Schema<'ProcessProduct'>;

/** How long typing pauses before the search is sent, in ms. */
export const SEARCH_DELAY_MS = 250;
/** How many datasets the list shows (the server counts them all). */
const SHOWN = 20;

/**
 * A search box over the datasets of a background database version (the server searches: names, synonyms,
 * locations, categories and ids, Chinese too), as an ARIA combobox: type, then pick with the arrow keys and Enter
 * or a click. Each dataset shows its product, location and reference unit; `unit` limits the list to datasets in
 * that unit (transport per t·km), on the server (GET …/processes?unit=).
 *
 * @example <DatasetSearch orgId={orgId} versionId={versionId} label={t('editor.background.search')} onPick={(p) => …} />
 */
export function DatasetSearch({
  orgId,
  versionId,
  label,
  onPick,
  unit,
  initialText = '',
  autoFocus = false,
}: {
  orgId: string;
  versionId: string;
  label: string;
  onPick: (dataset: ProcessProduct) => void;
  unit?: string;
  initialText?: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState(initialText);
  const [search, setSearch] = useState(initialText.trim());
  const [open, setOpen] = useState(initialText.trim() !== '');
  const [active, setActive] = useState(0);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const results = useQuery({
    queryKey: ['dataset-search', orgId, versionId, search, unit ?? ''],
    enabled: search !== '',
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    queryFn: async () =>
      (
        await api.GET('/v1/orgs/{orgId}/databases/{versionId}/processes', {
          params: {
            path: { orgId, versionId },
            // the server keeps those whose reference unit is `unit` (any name of it: t*km, tkm, 吨公里)
            query: { search, limit: SHOWN, ...(unit ? { unit } : {}) },
          },
        })
      ).data,
  });
  const options = search !== '' ? (results.data?.processes ?? []) : [];
  const expanded = open && search !== '' && options.length > 0;
  const activeIndex = Math.min(active, Math.max(0, options.length - 1));

  const pick = (dataset: ProcessProduct) => {
    onPick(dataset);
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (options.length)
        setActive((activeIndex + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
    } else if (event.key === 'Enter' && expanded) {
      event.preventDefault();
      pick(options[activeIndex]);
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      setOpen(false);
    }
  };

  const total = results.data?.total ?? 0;
  return (
    <div className="dataset-search">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded ? `${id}-option-${activeIndex}` : undefined}
        autoComplete="off"
        spellCheck={false}
        // focus goes to the search the user just asked for
        autoFocus={autoFocus}
        placeholder={t('editor.background.searchPlaceholder')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <p className="field-hint" role="status" aria-live="polite">
        {search === ''
          ? t('editor.background.searchHint')
          : results.isFetching && !results.data
            ? t('common.loading')
            : total === 0
              ? t('editor.background.noMatch')
              : total > options.length
                ? t('editor.background.someMatch', {
                    shown: format.integer(options.length),
                    total: format.integer(total),
                  })
                : t('editor.background.allMatch', { total: format.integer(total) })}
      </p>
      {results.error && <ErrorMessage error={results.error} />}
      <ul id={listId} role="listbox" aria-label={label} className="dataset-options" hidden={!expanded}>
        {options.map((p, i) => (
          <li
            key={`${p.processId}/${p.productId}`}
            id={`${id}-option-${i}`}
            role="option"
            aria-selected={i === activeIndex}
            className={i === activeIndex ? 'active' : undefined}
            // keep the focus in the box while the mouse picks
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(p)}
          >
            <span className="option-name">{p.processName}</span>
            <span className="option-facts">
              <span>{p.productName}</span>
              <span className="badge">{p.location ?? '—'}</span>
              <span className="badge badge-unit">{p.unit}</span>
              {p.isWaste && <span className="badge">{t('process.waste')}</span>}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../editor-context';
import { FieldFrame } from '../field-frame';
import type { DocumentPath } from '../model-types';
import type { Dimension } from '../unit-table';

/** The option value that switches the picker to a text box. */
const OTHER = '\u0000other';

/**
 * A unit picker: the units that fit — exactly `options` when the server listed them (a dataset's units), else those
 * of `dimension` (a transport mass, electricity) or of the unit the amount is converted to (`reference`: a process's
 * or a supplier's unit) — or every unit the engine converts, grouped (the engine's table, GET /v1/reference/units);
 * "Other unit…" opens a text box for a unit of its own. The server converts; problems with the unit show in place.
 *
 * @example <UnitField path={[…, 'unit']} label={t('editor.input.unit')} value={input.unit} reference="MJ" onChange={…} />
 */
export function UnitField({
  path,
  label,
  value,
  onChange,
  reference,
  dimension,
  options,
  hint,
  className,
}: {
  path: DocumentPath;
  label: ReactNode;
  value: string;
  onChange: (unit: string) => void;
  reference?: string;
  dimension?: Dimension;
  /** the units to offer, when known exactly (a dataset's, from the server) */
  options?: readonly string[];
  hint?: ReactNode;
  className?: string;
}) {
  const { t } = useTranslation();
  const { units } = useEditor();
  const dimensions = units?.dimensions ?? [];
  const choices = options
    ? [...options]
    : dimension
      ? [...(units?.choices(dimension) ?? [])]
      : reference
        ? (units?.compatible(reference) ?? [reference])
        : undefined;
  const listed = choices
    ? choices.includes(value)
    : dimensions.some((d) => units?.choices(d).includes(value));
  const [typing, setTyping] = useState(false);
  return (
    <FieldFrame path={path} label={label} hint={hint} className={className}>
      {(control) =>
        typing ? (
          <span className="with-unit">
            <input
              {...control}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={value}
              onChange={(event) => onChange(event.target.value)}
            />
            <button type="button" className="button-link" onClick={() => setTyping(false)}>
              {t('editor.unit.fromList')}
            </button>
          </span>
        ) : (
          <select
            {...control}
            value={value}
            onChange={(event) => {
              if (event.target.value === OTHER) setTyping(true);
              else onChange(event.target.value);
            }}
          >
            {!listed && <option value={value}>{value || t('editor.unit.choose')}</option>}
            {choices
              ? choices.map((unit) => (
                  <option key={unit} value={unit}>
                    {unit}
                  </option>
                ))
              : dimensions.map((d) => (
                  <optgroup key={d} label={t(`editor.dimensions.${d}`)}>
                    {units?.choices(d).map((unit) => (
                      <option key={unit} value={unit}>
                        {unit}
                      </option>
                    ))}
                  </optgroup>
                ))}
            <option value={OTHER}>{t('editor.unit.other')}</option>
          </select>
        )
      }
    </FieldFrame>
  );
}

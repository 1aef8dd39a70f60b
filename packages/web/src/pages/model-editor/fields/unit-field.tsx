import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldFrame } from '../field-frame';
import type { DocumentPath } from '../model-types';
import { compatibleUnits, DIMENSIONS, UNIT_CHOICES, type Dimension } from '../units';

/** The option value that switches the picker to a text box. */
const OTHER = '\u0000other';

/**
 * A unit picker: the units that fit — those of `dimension` (a transport mass, electricity), or of the unit the
 * amount is converted to (`reference`: a dataset's or a process's unit) — or every unit the engine converts,
 * grouped; "Other unit…" opens a text box for a unit of a dataset's own (e.g. an openLCA unit the table does not
 * know). The server converts; problems with the unit show in place.
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
  hint,
  className,
}: {
  path: DocumentPath;
  label: ReactNode;
  value: string;
  onChange: (unit: string) => void;
  reference?: string;
  dimension?: Dimension;
  hint?: ReactNode;
  className?: string;
}) {
  const { t } = useTranslation();
  const choices = dimension
    ? [...UNIT_CHOICES[dimension]]
    : reference
      ? compatibleUnits(reference)
      : undefined;
  const listed = choices ? choices.includes(value) : DIMENSIONS.some((d) => UNIT_CHOICES[d].includes(value));
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
              : DIMENSIONS.map((d) => (
                  <optgroup key={d} label={t(`editor.dimensions.${d}`)}>
                    {UNIT_CHOICES[d].map((unit) => (
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

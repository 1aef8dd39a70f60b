import { useState, type ReactNode } from 'react';
import { FieldFrame } from '../field-frame';
import type { DocumentPath } from '../model-types';
import { amountText, parseNumber } from '../parse-amount';

const same = (a: number | undefined, b: number | undefined) =>
  a === b || (a !== undefined && b !== undefined && Number.isNaN(a) && Number.isNaN(b));

/**
 * A number field: the text stays as typed (also while it is not a number yet, e.g. "1e"), the document gets the
 * number — or NaN, which validation reports in place — and empty gives `undefined` (the schema's default).
 * Undo and redo show the number they bring back.
 *
 * @example <NumberField path={[…, 'per']} label={t('editor.supplier.per')} value={source.per} onChange={…} />
 */
export function NumberField({
  path,
  label,
  value,
  onChange,
  hint,
  unit,
  className,
  placeholder,
}: {
  path: DocumentPath;
  label: ReactNode;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  hint?: ReactNode;
  /** shown after the box */
  unit?: ReactNode;
  className?: string;
  placeholder?: string;
}) {
  const [text, setText] = useState(() => amountText(value));
  const [shown, setShown] = useState(value);
  if (!same(shown, value)) {
    // the value changed from outside (undo, redo, another field): show it unless the text already means it
    setShown(value);
    if (!same(parseNumber(text), value)) setText(amountText(value));
  }
  return (
    <FieldFrame path={path} label={label} hint={hint} className={className}>
      {(control) => (
        <span className="with-unit">
          <input
            {...control}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={text}
            placeholder={placeholder}
            onChange={(event) => {
              setText(event.target.value);
              const next = parseNumber(event.target.value);
              setShown(next);
              onChange(next);
            }}
          />
          {unit && <span className="unit-after">{unit}</span>}
        </span>
      )}
    </FieldFrame>
  );
}

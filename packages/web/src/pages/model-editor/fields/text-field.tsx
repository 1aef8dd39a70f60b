import type { ReactNode } from 'react';
import { FieldFrame } from '../field-frame';
import type { DocumentPath } from '../model-types';

/**
 * A text field of the editor (one line, or several with `multiline`), its problems in place.
 *
 * @example <TextField path={['processes', 0, 'name']} label={t('editor.process.name')} value={p.name} onChange={…} />
 */
export function TextField({
  path,
  label,
  value,
  onChange,
  hint,
  multiline = false,
  placeholder,
  maxLength,
  lang,
  className,
  required = false,
}: {
  path: DocumentPath;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  multiline?: boolean;
  placeholder?: string;
  maxLength?: number;
  lang?: string;
  className?: string;
  required?: boolean;
}) {
  return (
    <FieldFrame path={path} label={label} hint={hint} className={className}>
      {(control) =>
        multiline ? (
          <textarea
            {...control}
            value={value}
            rows={3}
            placeholder={placeholder}
            maxLength={maxLength}
            lang={lang}
            onChange={(event) => onChange(event.target.value)}
          />
        ) : (
          <input
            {...control}
            type="text"
            value={value}
            placeholder={placeholder}
            maxLength={maxLength}
            lang={lang}
            aria-required={required || undefined}
            onChange={(event) => onChange(event.target.value)}
          />
        )
      }
    </FieldFrame>
  );
}

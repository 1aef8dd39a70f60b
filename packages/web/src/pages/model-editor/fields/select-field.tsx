import type { ReactNode } from 'react';
import { FieldFrame } from '../field-frame';
import type { DocumentPath } from '../model-types';

export interface SelectOption {
  value: string;
  label: string;
  /** options of one group share it (an <optgroup>) */
  group?: string;
  disabled?: boolean;
}

/**
 * A choice among options (grouped when they name a group), its problems in place.
 *
 * @example <SelectField path={[…, 'mode']} label={t('editor.transport.mode')} value={mode} options={…} onChange={…} />
 */
export function SelectField({
  path,
  label,
  value,
  options,
  onChange,
  hint,
  className,
}: {
  path: DocumentPath;
  label: ReactNode;
  value: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
  hint?: ReactNode;
  className?: string;
}) {
  const groups: { group: string | undefined; options: SelectOption[] }[] = [];
  for (const option of options) {
    const last = groups[groups.length - 1];
    if (last && last.group === option.group) last.options.push(option);
    else groups.push({ group: option.group, options: [option] });
  }
  const render = (option: SelectOption) => (
    <option key={option.value} value={option.value} disabled={option.disabled}>
      {option.label}
    </option>
  );
  return (
    <FieldFrame path={path} label={label} hint={hint} className={className}>
      {(control) => (
        <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
          {groups.map((g, i) =>
            g.group === undefined ? (
              g.options.map(render)
            ) : (
              <optgroup key={`${g.group}-${i}`} label={g.group}>
                {g.options.map(render)}
              </optgroup>
            ),
          )}
        </select>
      )}
    </FieldFrame>
  );
}

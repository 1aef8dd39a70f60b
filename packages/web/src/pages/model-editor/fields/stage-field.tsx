import { useTranslation } from 'react-i18next';
import { useEditor } from '../editor-context';
import type { DocumentPath } from '../model-types';
import { STAGES } from '../stages';
import { SelectField } from './select-field';

/**
 * The life-cycle stage of a process, input or emission, among the stages of the model's scheme (ISO 14067 or the
 * EU battery rules); the first choice leaves it unset (`none`: what that means where the field is).
 *
 * @example <StageField path={[…, 'stage']} value={input.stage} none={t('editor.stage.asProcess')} onChange={…} />
 */
export function StageField({
  path,
  value,
  onChange,
  none,
  label,
  hint,
}: {
  path: DocumentPath;
  value: string | undefined;
  onChange: (stage: string | undefined) => void;
  none: string;
  label?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  const { scheme } = useEditor();
  const stages = STAGES[scheme];
  const options = [
    { value: '', label: none },
    ...stages.map((stage) => ({ value: stage, label: t(`editor.stages.${stage}`) })),
    // a stage of the other scheme, or one the editor does not know, stays choosable as it is
    ...(value && !stages.includes(value) ? [{ value, label: t(`editor.stages.${value}`, value) }] : []),
  ];
  return (
    <SelectField
      path={path}
      label={label ?? t('editor.stage.label')}
      value={value ?? ''}
      options={options}
      hint={hint}
      onChange={(stage) => onChange(stage || undefined)}
    />
  );
}

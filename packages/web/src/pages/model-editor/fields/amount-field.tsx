import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldFrame } from '../field-frame';
import type { Amount, DocumentPath } from '../model-types';
import { amountText, isFormula, parseAmount } from '../parse-amount';

/**
 * An amount: a number, or a formula over the model's parameters ("housing_mass * 1.02"). The box marks a formula
 * and lists the parameters it may use; the formula's problems (syntax, unknown names) show in place.
 *
 * @example <AmountField path={[…, 'amount']} label={t('editor.input.amount')} value={input.amount} onChange={…} parameters={names} />
 */
export function AmountField({
  path,
  label,
  value,
  onChange,
  parameters,
  hint,
  className,
}: {
  path: DocumentPath;
  label: ReactNode;
  value: Amount;
  onChange: (value: Amount) => void;
  parameters: readonly string[];
  hint?: ReactNode;
  className?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => amountText(value));
  const [shown, setShown] = useState<Amount>(value);
  if (shown !== value && !(Number.isNaN(shown) && Number.isNaN(value))) {
    setShown(value);
    if (parseAmount(text) !== value) setText(amountText(value));
  }
  const formula = isFormula(value) && value !== '';
  const parametersHint =
    formula && parameters.length > 0
      ? t('editor.amount.parameters', { names: parameters.join(', ') })
      : formula
        ? t('editor.amount.noParameters')
        : undefined;
  return (
    <FieldFrame
      path={path}
      label={label}
      className={className}
      hint={
        hint || parametersHint ? (
          <>
            {hint}
            {hint && parametersHint ? ' ' : ''}
            {parametersHint}
          </>
        ) : undefined
      }
    >
      {(control) => (
        <span className="with-unit">
          <input
            {...control}
            type="text"
            autoComplete="off"
            spellCheck={false}
            className={formula ? 'formula' : undefined}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              const next = parseAmount(event.target.value);
              setShown(next);
              onChange(next);
            }}
          />
          {formula && (
            <span className="formula-mark" title={t('editor.amount.formula')}>
              <span aria-hidden="true">ƒx</span>
              <span className="visually-hidden">{t('editor.amount.formula')}</span>
            </span>
          )}
        </span>
      )}
    </FieldFrame>
  );
}

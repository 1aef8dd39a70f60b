import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, expect, test, vi } from 'vitest';
import { createI18n } from '../../i18n/i18n';
import { ProductForm } from './product-form';
import { checkProduct, productValues, type ProductIssue, type ProductValues } from './product-values';

afterEach(cleanup);

/** The form with its values in state, as the product page holds them, and the problems the page would show. */
function Harness({
  server,
  onSubmit,
}: {
  server: ProductIssue[];
  onSubmit: (values: ProductValues) => void;
}) {
  const [values, setValues] = useState(productValues());
  return (
    <ProductForm
      values={values}
      onChange={setValues}
      issues={[...checkProduct(values).filter((i) => i.key !== 'required'), ...server]}
      onSubmit={() => onSubmit(values)}
      submitLabel="Create product"
      submitting={false}
    />
  );
}

test('the product form: labelled fields, problems read out with their field, a GTIN checked as typed', async () => {
  const user = userEvent.setup();
  const submitted = vi.fn();
  render(
    <I18nextProvider i18n={createI18n('en')}>
      <Harness
        server={[
          { field: 'nameZh', key: 'server', severity: 'error', text: 'Too big: at most 300 characters' },
        ]}
        onSubmit={submitted}
      />
    </I18nextProvider>,
  );
  const nameZh = screen.getByLabelText('Name (Chinese)');
  expect(nameZh.getAttribute('aria-invalid')).toBe('true');
  const described = document.getElementById(nameZh.getAttribute('aria-describedby') ?? '');
  expect(described?.textContent).toBe('The server says: Too big: at most 300 characters');

  await user.type(screen.getByLabelText('Name (English)'), 'Cotton T-shirt');
  await user.type(screen.getByLabelText('Declared unit: unit'), 'item');
  await user.click(screen.getByRole('button', { name: '+ Identifier' }));
  const gtin = screen.getByLabelText('Identifier 1: value');
  await user.type(gtin, '96385075');
  expect(screen.getByText("This GTIN's check digit is wrong: check the number.")).toBeTruthy();
  // a warning does not mark the field invalid
  expect(gtin.getAttribute('aria-invalid')).toBeNull();
  await user.clear(gtin);
  await user.type(gtin, '96385074');
  expect(screen.queryByText("This GTIN's check digit is wrong: check the number.")).toBeNull();

  await user.click(screen.getByRole('button', { name: 'Create product' }));
  expect(submitted).toHaveBeenCalledWith(
    expect.objectContaining({
      nameEn: 'Cotton T-shirt',
      declaredUnit: 'item',
      identifiers: [{ scheme: 'GTIN', value: '96385074' }],
    }),
  );
});

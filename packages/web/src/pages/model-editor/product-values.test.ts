import { expect, test } from 'vitest';
import { checkProduct, productBody, productServerIssues, productValues, validGtin } from './product-values';

test('GTIN check digits (GS1 mod 10)', () => {
  expect(validGtin('4006381333931')).toBe(true);
  expect(validGtin('4006381333932')).toBe(false);
  expect(validGtin('96385074')).toBe(true);
  expect(validGtin('12345')).toBe(false);
});

test('the form checks what the server requires, and warns of a wrong GTIN', () => {
  const empty = productValues();
  expect(checkProduct(empty).map((i) => `${i.field}: ${i.key}`)).toEqual([
    'nameEn: required',
    'declaredUnit: required',
  ]);
  const values = {
    ...empty,
    nameEn: 'Yarn',
    declaredUnitAmount: '0',
    declaredUnit: 'kg',
    categoryCode: '5205',
    identifiers: [{ scheme: 'GTIN', value: '4006381333932' }],
  };
  expect(checkProduct(values).map((i) => `${i.field}: ${i.key} ${i.severity}`)).toEqual([
    'declaredUnitAmount: positive error',
    'categoryScheme: schemeForCode error',
    'identifiers.0.value: gtin warning',
  ]);
});

test('the body sends empty optional fields as null and leaves empty identifier rows out', () => {
  const body = productBody({
    nameEn: ' Yarn ',
    nameZh: '',
    declaredUnitAmount: '１',
    declaredUnit: 'kg',
    categoryScheme: '',
    categoryCode: '',
    identifiers: [
      { scheme: 'GTIN', value: '4006381333931' },
      { scheme: '', value: '' },
    ],
  });
  expect(body).toEqual({
    nameEn: 'Yarn',
    nameZh: null,
    declaredUnitAmount: 1,
    declaredUnit: 'kg',
    categoryScheme: null,
    categoryCode: null,
    identifiers: [{ scheme: 'GTIN', value: '4006381333931' }],
  });
  expect(
    productServerIssues([
      { location: 'body', path: ['identifiers', 0, 'value'], message: 'too long', code: 'too_big' },
    ]),
  ).toEqual([{ field: 'identifiers.0.value', key: 'server', severity: 'error', text: 'too long' }]);
});

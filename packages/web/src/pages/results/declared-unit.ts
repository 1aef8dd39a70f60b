/**
 * What a footprint is per, as the result carries it (`footprint.declaredUnit`): the reference output of the
 * model's reference process when it was calculated — e.g. 1.1 kg.
 */
export interface ResultUnit {
  amount: number;
  unit: string;
}

/** What a product declares its footprint per (`declaredUnitAmount`, `declaredUnit`). */
export interface ProductUnit {
  declaredUnitAmount: number;
  declaredUnit: string;
}

/**
 * How a result's own unit stands to its product's declared unit: `same`; `amount`, the same unit with another
 * amount (1.1 kg against 1 kg); `unit`, another unit (1 item against 1 kg). The footprint is then per the result's
 * unit, not per the product's: the pages say so and never rescale it (an amount of another unit cannot be, and
 * even 1.1 kg against 1 kg may mean a model that is not what the product declares).
 *
 * @example unitMatch({ amount: 1.1, unit: 'kg' }, { declaredUnitAmount: 1, declaredUnit: 'kg' }) // 'amount'
 */
export function unitMatch(result: ResultUnit, product: ProductUnit): 'same' | 'amount' | 'unit' {
  if (result.unit.trim() !== product.declaredUnit.trim()) return 'unit';
  const scale = Math.max(Math.abs(result.amount), Math.abs(product.declaredUnitAmount));
  // equal up to the rounding of a formula's evaluation (0.1 + 1 is not 1.1 in binary)
  return Math.abs(result.amount - product.declaredUnitAmount) <= 1e-9 * scale ? 'same' : 'amount';
}

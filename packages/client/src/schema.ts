import type { components } from './generated/openapi.js';

/**
 * A named schema of the API (a component of its OpenAPI document), e.g. `Schema<'Product'>`.
 *
 * @example
 * type Product = Schema<'Product'>;
 * const label = (product: Product) => `${product.nameEn} (${product.declaredUnit})`;
 */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/**
 * Errors of the LCA core. Every error has a stable `code` (safe to switch on, to map to exit codes or HTTP
 * statuses) and a message that says how to fix the problem.
 *
 * @example
 * try {
 *   calculator.calculate({ processId: 'p-unknown' });
 * } catch (e) {
 *   if (e instanceof CoreError) console.error(e.code, e.message); // UNKNOWN_PROCESS …
 * }
 */
export class CoreError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A calculation request that cannot be answered (bad demand, singular system, bad option). */
export class CalculationError extends CoreError {}

/** A process-product named in an error: enough to find it in the source data. */
export interface ProductRef {
  processId: string;
  processName: string;
  flowId: string;
  flowName: string;
  /** The column's net output of its own product is zero (the usual cause of a singular system). */
  zeroOutput?: boolean;
}

function listProducts(products: readonly ProductRef[], max = 10): string {
  const shown = products
    .slice(0, max)
    .map(
      (p) =>
        `'${p.processName}' (${p.processId}) → '${p.flowName}' (${p.flowId})${p.zeroOutput ? ' [net output 0]' : ''}`,
    );
  return shown.join('; ') + (products.length > max ? `; … and ${products.length - max} more` : '');
}

/**
 * The technology matrix A cannot be factorized: some products have no usable net output, e.g. a provider with
 * a zero output amount, or a loop whose processes consume exactly what they produce.
 */
export class SingularSystemError extends CalculationError {
  readonly products: ProductRef[];
  constructor(products: ProductRef[]) {
    super(
      'SINGULAR_SYSTEM',
      `the product system is singular: ${products.length === 0 ? 'the technology matrix has no usable pivot' : `no usable net output for ${listProducts(products)}`}. ` +
        'Check that each of these processes has a non-zero reference output and that loops through them do not ' +
        'consume exactly what they produce (a process that uses as much of its own product as it makes).',
    );
    this.products = products;
  }
}

/** The demand names a process that is not in the database. */
export class UnknownProcessError extends CalculationError {
  readonly processId: string;
  constructor(processId: string) {
    super(
      'UNKNOWN_PROCESS',
      `there is no process with id '${processId}' in the database. Check the id (ids are case-sensitive; ` +
        'list the processes of the database to find the right one).',
    );
    this.processId = processId;
  }
}

/** The demand names a product that the process does not provide, or does not say which of several. */
export class UnknownProductError extends CalculationError {
  readonly processId: string;
  readonly productId: string | undefined;
  readonly available: string[];
  constructor(processId: string, productId: string | undefined, available: string[], reason: string) {
    super(
      productId === undefined
        ? 'AMBIGUOUS_PRODUCT'
        : available.length === 0
          ? 'NO_PRODUCT'
          : 'UNKNOWN_PRODUCT',
      `${reason}. ${
        available.length === 0
          ? 'The process has no product output and no waste input, so it cannot be the subject of a calculation; choose a process that provides a product or treats a waste.'
          : `Choose one of its products with productId: ${available.map((a) => `'${a}'`).join(', ')}.`
      }`,
    );
    this.processId = processId;
    this.productId = productId;
    this.available = available;
  }
}

/** A result query names neither an elementary flow of the inventory nor an impact indicator of the method. */
export class UnknownTargetError extends CalculationError {
  readonly target: string;
  constructor(target: string) {
    super(
      'UNKNOWN_TARGET',
      `'${target}' is neither an elementary flow of the inventory nor an indicator of the impact method. ` +
        'Use a flowId from the inventory or an indicator id of the method given in the calculation options.',
    );
    this.target = target;
  }
}

/** The calculation options name an impact method the database does not have. */
export class UnknownImpactMethodError extends CalculationError {
  readonly methodId: string;
  constructor(methodId: string, available: string[]) {
    super(
      'UNKNOWN_IMPACT_METHOD',
      `there is no impact method with id '${methodId}' in the database` +
        (available.length > 0
          ? `; available: ${available
              .slice(0, 10)
              .map((a) => `'${a}'`)
              .join(', ')}${available.length > 10 ? ', …' : ''}.`
          : '; the database has no impact methods: import one or pass an ImpactMethod object.'),
    );
    this.methodId = methodId;
  }
}

/** An option value outside its allowed set (usually from user input). */
export class InvalidOptionError extends CalculationError {
  constructor(option: string, value: unknown, allowed: readonly string[]) {
    super(
      'INVALID_OPTION',
      `invalid ${option} '${String(value)}'; use one of ${allowed.map((a) => `'${a}'`).join(', ')}.`,
    );
  }
}

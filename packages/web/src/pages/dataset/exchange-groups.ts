import type { Schema } from '@opencfp/client';

export type DatasetExchange = Schema<'DatasetExchange'>;

/**
 * What an exchange's flow is: a product or waste exchanged with other processes (it may have a provider), an
 * elementary flow exchanged with nature (emissions, resources), or a flow the database does not hold.
 */
export type FlowGroup = 'technosphere' | 'elementary' | 'unknown';

/** The order of the groups in a table. */
export const FLOW_GROUPS: readonly FlowGroup[] = ['technosphere', 'elementary', 'unknown'];

/** One group of a table: its exchanges, the reference exchange first, then in the database's order. */
export interface ExchangeGroup {
  group: FlowGroup;
  exchanges: DatasetExchange[];
}

/** The exchanges of a dataset as the page shows them: inputs and outputs, each grouped by kind of flow. */
export interface GroupedExchanges {
  inputs: ExchangeGroup[];
  outputs: ExchangeGroup[];
  /** How many exchanges the filter kept. */
  shown: number;
  /** How many exchanges the dataset has. */
  total: number;
}

/** The group of an exchange's flow. */
export const flowGroupOf = (exchange: Pick<DatasetExchange, 'flowType'>): FlowGroup =>
  exchange.flowType === null ? 'unknown' : exchange.flowType === 'elementary' ? 'elementary' : 'technosphere';

/**
 * Whether the calculation links the exchange to a provider: a product input, a waste output (to its treatment) or an
 * avoided product. The reference exchange, co-products and elementary flows have none by nature; when an exchange
 * that has one in principle has none, the database has no provider for it and the calculation cuts it off.
 *
 * @example takesProvider({ isInput: true, flowType: 'product', isReference: false, isAvoided: false }) // true
 */
export const takesProvider = (
  exchange: Pick<DatasetExchange, 'isInput' | 'flowType' | 'isReference' | 'isAvoided'>,
): boolean =>
  !exchange.isReference &&
  (exchange.isAvoided ||
    (exchange.isInput && exchange.flowType === 'product') ||
    (!exchange.isInput && exchange.flowType === 'waste'));

/** Case and width folded, as the server's searches fold (a full-width '（' finds '('). */
const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

/**
 * The words of a filter, folded.
 *
 * @example filterWords('  Carbon  DIOXIDE ') // ['carbon', 'dioxide']
 */
export const filterWords = (text: string): string[] => fold(text).split(/\s+/).filter(Boolean);

/**
 * Whether every word occurs in the exchange's flow name, flow id, category, unit, or its provider's process or
 * product name (what a reader of the table sees and looks for).
 *
 * @example exchangeMatches(co2Exchange, ['dioxide', 'air']) // true for 'Carbon dioxide' in 'Emission to air/…'
 */
export function exchangeMatches(exchange: DatasetExchange, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const text = fold(
    [
      exchange.flowName,
      exchange.flowId,
      exchange.category,
      exchange.unit,
      exchange.provider?.processName,
      exchange.provider?.productName,
    ]
      .filter((x) => x !== null && x !== undefined)
      .join('\n'),
  );
  return words.every((w) => text.includes(w));
}

/**
 * Splits a dataset's exchanges into inputs and outputs, each into its non-empty flow groups (products and wastes,
 * elementary flows, unknown flows), keeping those that match every word of `filter`. Within a group the reference
 * exchange comes first, the others keep the database's order.
 *
 * @example
 * const { inputs, outputs, shown, total } = groupExchanges(detail.exchanges, 'electricity');
 * inputs[0]; // { group: 'technosphere', exchanges: [the electricity input] }
 */
export function groupExchanges(exchanges: readonly DatasetExchange[], filter = ''): GroupedExchanges {
  const words = filterWords(filter);
  const kept = exchanges.filter((e) => exchangeMatches(e, words));
  const groupsOf = (isInput: boolean): ExchangeGroup[] =>
    FLOW_GROUPS.map((group) => ({
      group,
      exchanges: kept
        .filter((e) => e.isInput === isInput && flowGroupOf(e) === group)
        // a stable sort: the reference first, the rest as the database lists them
        .sort((a, b) => Number(b.isReference) - Number(a.isReference)),
    })).filter((g) => g.exchanges.length > 0);
  return { inputs: groupsOf(true), outputs: groupsOf(false), shown: kept.length, total: exchanges.length };
}

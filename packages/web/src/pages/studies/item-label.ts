import { itemPath, type Item } from './item-path';
import type { StudyModel, StudyResult } from './read-study-model';

/** An item in words: a message key (studies.items.*) and its values. */
export interface ItemLabel {
  key: string;
  values: Record<string, string>;
}

/** Names the labels need in the reader's language (the caller's catalogue; the tests pass plain ones). */
export interface ItemNames {
  /** A name the document gives in English and perhaps in Chinese. */
  local(name: string, nameZh: string | null): string;
  /** A part of the ISO 14067 split, e.g. 'fossilEmissions'. */
  split(key: string): string;
  /** A study field, e.g. 'boundary'. */
  field(field: string): string;
  /** A declaration by its path in the declarations, e.g. ['choices', 'cutOff']. */
  declaration(path: readonly string[]): string;
}

/**
 * What an item is, in words, from the model as submitted and its result: "Input “Aluminium tubes” of process
 * “Frame welding”". An item the documents do not hold (or not loaded yet) is named by its path.
 *
 * @example itemLabel({ kind: 'input', process: 0, input: 1 }, model, result, names) // { key: 'studies.items.input', values: { name, process } }
 */
export function itemLabel(
  item: Item,
  model: StudyModel | null,
  result: StudyResult | null,
  names: ItemNames,
): ItemLabel {
  const byPath: ItemLabel = { key: 'studies.items.path', values: { path: itemPath(item) } };
  switch (item.kind) {
    case 'study':
      return { key: 'studies.items.study', values: {} };
    case 'process':
    case 'input':
    case 'emission': {
      const process = model?.processes[item.process];
      if (!process) return byPath;
      const processName = names.local(process.name, process.nameZh);
      if (item.kind === 'process') return { key: 'studies.items.process', values: { process: processName } };
      if (item.kind === 'input') {
        const input = process.inputs[item.input];
        return input
          ? { key: 'studies.items.input', values: { name: input.name, process: processName } }
          : byPath;
      }
      const emission = process.emissions[item.emission];
      return emission
        ? { key: 'studies.items.emission', values: { gas: emission.gas, process: processName } }
        : byPath;
    }
    case 'parameter': {
      const parameter = model?.parameters[item.parameter];
      return parameter ? { key: 'studies.items.parameter', values: { name: parameter.name } } : byPath;
    }
    case 'split':
      return { key: 'studies.items.split', values: { name: names.split(item.key) } };
    case 'stage': {
      const stage = result?.stages[item.stage];
      return stage
        ? { key: 'studies.items.stage', values: { name: names.local(stage.name ?? stage.id, stage.nameZh) } }
        : byPath;
    }
    case 'line': {
      const line = result?.lines[item.line];
      return line
        ? {
            key: 'studies.items.line',
            values: { name: line.name, process: names.local(line.processName, line.processNameZh) },
          }
        : byPath;
    }
    case 'field':
      return { key: 'studies.items.field', values: { name: names.field(item.field) } };
    case 'declaration':
      return item.path.length === 0
        ? { key: 'studies.items.declarations', values: {} }
        : { key: 'studies.items.declaration', values: { name: names.declaration(item.path) } };
    case 'other':
      return byPath;
  }
}

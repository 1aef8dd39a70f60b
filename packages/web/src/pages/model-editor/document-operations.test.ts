import { expect, test } from 'vitest';
import {
  addParameter,
  addScenario,
  extendToGrave,
  linksTo,
  newInput,
  removeParameter,
  removeProcess,
  renameParameter,
  renameProcessId,
  scenarioKind,
  starterDocument,
  stagesUsed,
  switchStageScheme,
  uniqueId,
} from './document-operations';
import type { ModelDocument } from './model-types';

const names = { production: 'Production', use: 'Use', endOfLife: 'End of life', lifeCycle: 'Life cycle' };

/** Two processes, the second taking the first's output, with parameters used in formulas and a scenario. */
function twoProcesses(): ModelDocument {
  return {
    schema: 'opencfp/product-model@1',
    referenceProcessId: 'pack',
    parameters: [
      { name: 'mass', value: 2 },
      { name: 'total', formula: 'mass * 1.1' },
    ],
    scenarios: [{ id: 'light', name: 'Light', parameters: { mass: 1.5 } }],
    processes: [
      { id: 'cells', name: 'Cells', stage: 'production', output: { amount: 1, unit: 'kWh' }, inputs: [] },
      {
        id: 'pack',
        name: 'Pack',
        stage: 'production',
        output: { amount: 1, unit: 'kWh' },
        inputs: [
          { name: 'Cells', amount: 1, unit: 'kWh', source: { kind: 'foreground', processId: 'cells' } },
          {
            name: 'Lorry',
            amount: 'mass / 1000',
            unit: 't',
            stage: 'distribution',
            source: {
              kind: 'transport',
              mode: 'road',
              distance: 'mass * 100',
              factor: { kgCo2ePerTkm: 0.1, source: 'x' },
            },
          },
        ],
      },
    ],
  };
}

test('ids come from names, unique, with a fallback for names without Latin letters', () => {
  expect(uniqueId('Cell production', [])).toBe('cell-production');
  expect(uniqueId('Cell production', ['cell-production'])).toBe('cell-production-2');
  expect(uniqueId('电芯生产', ['process-1'])).toBe('process-2');
});

test('a new model makes the declared unit; cradle to grave adds use, end of life and a life-cycle reference', () => {
  const gate = starterDocument({ amount: 1, unit: 'kWh', name: 'Pack' }, 'cradle-to-gate', names);
  expect(gate.referenceProcessId).toBe('production');
  expect(gate.processes[0].output).toEqual({ name: 'Pack', amount: 1, unit: 'kWh' });
  expect(gate.boundary).toBe('cradle-to-gate');

  const grave = starterDocument({ amount: 2, unit: 'kg', name: 'Yarn' }, 'cradle-to-grave', names);
  const reference = grave.processes.find((p) => p.id === grave.referenceProcessId);
  expect(reference?.name).toBe('Life cycle');
  expect(reference?.output).toEqual({ name: 'Yarn', amount: 2, unit: 'kg' });
  expect(reference?.inputs?.map((i) => i.source)).toEqual([
    { kind: 'foreground', processId: 'production' },
    { kind: 'foreground', processId: 'use' },
    { kind: 'foreground', processId: 'end-of-life' },
  ]);
  expect([...stagesUsed(grave)].sort()).toEqual(['end-of-life', 'production', 'use']);
  expect(grave.boundary).toBe('cradle-to-grave');
  expect(extendToGrave(gate, names).boundary).toBe('cradle-to-grave');
  // extending again keeps ids unique
  const again = extendToGrave(grave, names);
  expect(new Set(again.processes.map((p) => p.id)).size).toBe(again.processes.length);
});

test('removing a process removes the inputs that take its output, and moves the reference', () => {
  const document = twoProcesses();
  expect(linksTo(document, 'cells')).toBe(1);
  const without = removeProcess(document, 0);
  expect(without.processes.map((p) => p.id)).toEqual(['pack']);
  expect(without.processes[0].inputs?.map((i) => i.name)).toEqual(['Lorry']);
  const withoutReference = removeProcess(document, 1);
  expect(withoutReference.referenceProcessId).toBe('cells');
  // the last process stays
  expect(removeProcess(withoutReference, 0)).toBe(withoutReference);
  // the document it came from is untouched (undo keeps it)
  expect(document.processes).toHaveLength(2);
});

test('a new process id follows into the links and the reference', () => {
  const renamed = renameProcessId(twoProcesses(), 0, 'lfp-cells');
  expect(renamed.processes[1].inputs?.[0].source).toEqual({ kind: 'foreground', processId: 'lfp-cells' });
  expect(renameProcessId(twoProcesses(), 1, 'pack-2').referenceProcessId).toBe('pack-2');
});

test('renaming a parameter renames it in every formula and scenario; removing one drops its scenario values', () => {
  const renamed = renameParameter(twoProcesses(), 0, 'pack_mass');
  expect(renamed.parameters?.map((p) => p.name)).toEqual(['pack_mass', 'total']);
  expect(renamed.parameters?.[1].formula).toBe('pack_mass * 1.1');
  const lorry = renamed.processes[1].inputs?.[1];
  expect(lorry?.amount).toBe('pack_mass / 1000');
  expect(lorry?.source).toMatchObject({ distance: 'pack_mass * 100' });
  expect(renamed.scenarios?.[0].parameters).toEqual({ pack_mass: 1.5 });

  const removed = removeParameter(twoProcesses(), 0);
  expect(removed.parameters?.map((p) => p.name)).toEqual(['total']);
  expect(removed.scenarios?.[0].parameters).toEqual({});
  expect(addParameter(removed).parameters?.map((p) => p.name)).toEqual(['total', 'param_2']);
});

test('scenarios of a kind carry it in `kind`; older ones by their id prefix', () => {
  const document = addScenario(addScenario(twoProcesses(), 'end-of-life', 'EoL'), 'use', 'Use');
  const [light, eol, use] = document.scenarios ?? [];
  expect([eol.id, eol.kind, use.id, use.kind]).toEqual(['eol', 'end-of-life', 'use', 'use']);
  expect(scenarioKind(eol)).toBe('end-of-life');
  expect(scenarioKind(use)).toBe('use');
  expect(scenarioKind(light)).toBe('general');
  expect(addScenario(twoProcesses(), 'general', 'Other').scenarios?.[1].kind).toBe('other');
  // a kind wins over the id; without one, the prefix of a model written before `kind` says it
  expect(scenarioKind({ id: 'use-1', name: 'U', kind: 'other' })).toBe('general');
  expect(scenarioKind({ id: 'eol-landfill', name: 'Landfill' })).toBe('end-of-life');
  expect(scenarioKind({ id: 'use-10-years', name: 'Ten years' })).toBe('use');
  expect(scenarioKind({ id: 'user-heavy', name: 'Heavy' })).toBe('general');
});

test('switching the stage scheme renames every stage with a counterpart', () => {
  const eu = switchStageScheme(twoProcesses(), 'eu-battery');
  expect(eu.processes.map((p) => p.stage)).toEqual(['main-product-production', 'main-product-production']);
  expect(eu.processes[1].inputs?.[1].stage).toBe('distribution');
  expect(switchStageScheme(eu, 'iso-14067').processes[0].stage).toBe('production');
});

test('new inputs start with what their kind needs', () => {
  expect(
    newInput('electricity', { name: 'Power', electricity: { factorBasis: 'life-cycle-co2e', year: 2024 } }),
  ).toMatchObject({
    unit: 'kWh',
    source: {
      kind: 'electricity',
      region: '全国',
      factorBasis: 'life-cycle-co2e',
      year: 2024,
      accounting: 'location-based',
    },
  });
  expect(newInput('transport', { name: 'Leg', transportDataset: { processId: 'p' } }).source).toMatchObject({
    mode: 'road',
    dataset: { processId: 'p' },
  });
  expect(newInput('transport', { name: 'Leg' }).source).toMatchObject({
    factor: { kgCo2ePerTkm: 0, source: '' },
  });
});

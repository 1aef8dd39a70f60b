import { starterId, transportDatasets, transportSources } from '@opencfp/refdata';
import { TRANSPORT_MODES } from './product-model-document.js';

type TransportMode = (typeof TRANSPORT_MODES)[number];

/** A transport dataset of the starter database, as a transport leg links it. */
export interface TransportReferenceDataset {
  /** What `source.dataset.processId` takes (the process id in the starter database, the same in every install). */
  processId: string;
  productId: string;
  /** The starter table's id. */
  datasetId: string;
  name: string;
  nameZh: string;
  unit: 't*km';
  /** kg CO2e per t·km: the published total (the dataset's CO2 and pre-aggregated CH4 and N2O). */
  kgCo2ePerTkm: number;
  geography: string;
  year: number;
  boundary: string;
  description: string;
  /** Whether the dataset marks itself as aircraft transport (cfp:aircraft). */
  aircraft: boolean;
  sourceId: string;
}

/** The transport datasets of the starter database per mode, with their sources. */
export interface TransportReference {
  /** The background database the ids belong to. */
  database: 'starter-database';
  modes: { mode: TransportMode; datasets: TransportReferenceDataset[]; note?: string }[];
  sources: {
    id: string;
    name: string;
    issuer: string;
    year: number;
    version?: string;
    url?: string;
    licence: string;
  }[];
}

const MODE_OF_CATEGORY: Readonly<Record<string, TransportMode>> = {
  'Transport/Road': 'road',
  'Transport/Rail': 'rail',
  'Transport/Sea': 'sea',
  'Transport/Inland waterway': 'inland-waterway',
  'Transport/Air': 'air',
};

/**
 * The starter database's freight datasets (per t·km) by transport mode, with their ids in the starter database and
 * their published factors and sources; a mode without one (inland waterways) says to give a carrier's factor.
 *
 * @example transportReference().modes.find((m) => m.mode === 'road')?.datasets[0].kgCo2ePerTkm // 0.10163
 */
export function transportReference(): TransportReference {
  const byMode = new Map<TransportMode, TransportReferenceDataset[]>(TRANSPORT_MODES.map((m) => [m, []]));
  for (const d of transportDatasets) {
    const mode = MODE_OF_CATEGORY[d.category];
    if (mode === undefined) continue;
    // The dataset's flows add up to the published total; toPrecision drops the binary noise of adding decimals.
    const total = Number(d.emissions.reduce((sum, e) => sum + e.amount, 0).toPrecision(10));
    byMode.get(mode)?.push({
      processId: starterId(`process/${d.id}`),
      productId: starterId(`flow/product/${d.id}`),
      datasetId: d.id,
      name: d.name,
      nameZh: d.nameZh,
      unit: 't*km',
      kgCo2ePerTkm: total,
      geography: d.geography,
      year: d.year,
      boundary: d.boundary,
      description: d.description,
      aircraft: d.tags?.includes('cfp:aircraft') ?? false,
      sourceId: d.sourceId,
    });
  }
  return {
    database: 'starter-database',
    modes: [...byMode].map(([mode, datasets]) =>
      datasets.length > 0
        ? { mode, datasets }
        : {
            mode,
            datasets,
            note: `the starter database has no ${mode} transport dataset: give the carrier's factor (source.factor, kg CO2e per t·km) or link a dataset of your own database`,
          },
    ),
    sources: transportSources.map((s) => ({
      id: s.id,
      name: s.title,
      issuer: s.issuer,
      year: s.year,
      ...(s.version ? { version: s.version } : {}),
      ...(s.url ? { url: s.url } : {}),
      licence: s.licence,
    })),
  };
}

import { Calculator, type Database } from '@opencfp/core';
import { modelBackground, type ModelBackground } from '@opencfp/model';
import type { BiogenicApproach } from '@opencfp/refdata';
import { loadBackgroundDatabase, visibleBackgroundVersion, type Store } from '@opencfp/store';

interface Entry {
  database: Database;
  calculator: Calculator;
  /** Dataset footprints for product models, per GWP set and biogenic approach (each keeps its datasets). */
  backgrounds: Map<string, ModelBackground>;
}

/**
 * Background databases loaded and factorized once per version and kept (least recently used out first), so a
 * calculation on a cached version costs one solve, not a database load and a factorization. Versions never change
 * once used (database trigger), so an entry never goes stale. Concurrent first requests for one version share one
 * load.
 *
 * @example const { database, calculator } = await cache.get(store, organisationId, versionId);
 */
export class CalculatorCache {
  private readonly entries = new Map<string, Promise<Entry>>();

  constructor(private readonly capacity = 4) {}

  /** The version's database and calculator; NOT_FOUND (from the store) when the organisation cannot see it. */
  async get(store: Store, organisationId: string, versionId: string): Promise<Entry> {
    // Visibility is checked on every call: the cache is shared by all organisations.
    const cached = this.entries.get(versionId);
    if (cached) {
      await visibleBackgroundVersion(store, organisationId, versionId);
      this.entries.delete(versionId);
      this.entries.set(versionId, cached); // most recently used last
      return cached;
    }
    const loading = (async () => {
      const database = await loadBackgroundDatabase(store, organisationId, versionId);
      return {
        database,
        calculator: new Calculator(database),
        backgrounds: new Map<string, ModelBackground>(),
      };
    })();
    this.entries.set(versionId, loading);
    try {
      await loading;
    } catch (e) {
      this.entries.delete(versionId);
      throw e;
    }
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return loading;
  }

  /**
   * The background of product models on this version, for one GWP set and biogenic approach: a dataset's
   * footprint is solved on first use and kept with the version.
   */
  async background(
    store: Store,
    organisationId: string,
    versionId: string,
    gwpSetId: string,
    biogenicApproach: BiogenicApproach,
  ): Promise<ModelBackground> {
    const entry = await this.get(store, organisationId, versionId);
    const key = `${gwpSetId}|${biogenicApproach}`;
    let background = entry.backgrounds.get(key);
    if (!background) {
      background = modelBackground(entry.database, entry.calculator, {
        gwpSetId,
        biogenicApproach,
        versionId,
      });
      entry.backgrounds.set(key, background);
    }
    return background;
  }

  /** The background of a stored model (its organisation's view of its version); undefined without a version. */
  async backgroundOf(
    store: Store,
    model: { organisationId: string; backgroundVersionId: string | null },
    gwpSetId: string,
    biogenicApproach: BiogenicApproach,
  ): Promise<ModelBackground | undefined> {
    if (model.backgroundVersionId === null) return undefined;
    return this.background(
      store,
      model.organisationId,
      model.backgroundVersionId,
      gwpSetId,
      biogenicApproach,
    );
  }

  /** How many versions are held. */
  get size(): number {
    return this.entries.size;
  }
}

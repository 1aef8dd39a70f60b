import { StoreError, studies, type Store } from '@opencfp/store';

/**
 * Runs a deletion of a product or a product model and, when the database refuses it because studies refer to what
 * it deletes (the product, the model, or a result of the model), answers 409 CONFLICT naming those studies instead
 * of the foreign key's 422: nothing was deleted (the deletion's transaction rolled back). The database decides, so
 * a study made while the deletion runs is caught as well.
 *
 * @example await unlessStudied(store, orgId, { modelId: id }, () => productModels.delete(store, orgId, id, author));
 */
export async function unlessStudied(
  store: Store,
  organisationId: string,
  target: { productId: string } | { modelId: string },
  remove: () => Promise<void>,
): Promise<void> {
  try {
    await remove();
  } catch (e) {
    if (!(e instanceof StoreError && e.code === 'INVALID_REFERENCE')) throw e;
    const referring = await studies.referringTo(store, organisationId, target);
    if (referring.length === 0) throw e;
    const [what, id] =
      'productId' in target ? ['product', target.productId] : ['product model', target.modelId];
    const named = referring.map((s) => `'${s.title}' (${s.state}, ${s.id})`).join(', ');
    throw new StoreError(
      'CONFLICT',
      `the ${what} '${id}' cannot be deleted: ${referring.length === 1 ? 'a study refers' : `${referring.length} studies refer`} to it — ${named}. A study keeps the product, model and result it reports for as long as it exists (a published statement is never deleted), so keep the ${what}; change it or make a new one instead`,
      { cause: e, details: { reason: 'referred-to-by-studies', studies: referring } },
    );
  }
}

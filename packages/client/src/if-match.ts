/**
 * The `If-Match` header of a change to a versioned record (a product's PATCH, a model's PUT), for `params.header`:
 * the version you read (`product.version`) or the `ETag` you got with it. A record changed since is
 * `ApiError` `VERSION_CONFLICT` (its `details.currentVersion` says which version is current): reload it, apply the
 * change again, and send it with the new version.
 *
 * @example
 * const { data: product } = await api.GET('/v1/orgs/{orgId}/products/{id}', { params: { path: { orgId, id } } });
 * await api.PATCH('/v1/orgs/{orgId}/products/{id}', {
 *   params: { path: { orgId, id }, header: ifMatch(product.version) },
 *   body: { nameEn: 'LFP battery pack, 280 Ah' },
 * });
 */
export function ifMatch(versionOrEtag: number | string): { 'if-match': string } {
  const value = String(versionOrEtag);
  // The server's ETags are strong and quoted ("3"); a bare number is quoted here, anything else sent as it is.
  return { 'if-match': /^\d+$/.test(value) ? `"${value}"` : value };
}

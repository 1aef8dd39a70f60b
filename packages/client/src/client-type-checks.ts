// Compile-time proof that the client's types bite: tsc builds this file with the package (it is never run), and
// each `@ts-expect-error` fails the build ("unused directive") if the line below it stopped being an error.
import type { ApiError, ApiErrorCode, ValidationIssue } from './api-error.js';
import type { OpenCfpClient } from './create-client.js';
import { ifMatch } from './if-match.js';
import type { Schema } from './schema.js';

/** Whether A and B are the same type (not merely assignable). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** `exactly<T>()(value)` compiles only when the value's type is T: otherwise a second argument of type never is due. */
const exactly =
  <Expected>() =>
  <Actual>(value: Actual, ..._proof: Same<Expected, Actual> extends true ? [] : [never]): Actual =>
    value;

/** Calls of every kind, typed from the generated paths; see the file's header. */
export async function clientTypeChecks(
  api: OpenCfpClient,
  orgId: string,
  id: string,
  error: ApiError,
): Promise<void> {
  // answers are typed by path and method
  const { data: orgs } = await api.GET('/v1/orgs');
  exactly<'owner' | 'editor' | 'verifier' | 'viewer'>()(orgs.organisations[0].role);

  const { data: product, etag } = await api.POST('/v1/orgs/{orgId}/products', {
    params: { path: { orgId } },
    body: { nameEn: 'LFP battery pack', declaredUnit: 'kWh' }, // the fields with defaults may be left out
  });
  exactly<Schema<'Product'>>()(product);
  exactly<string | undefined>()(etag);
  exactly<number>()(product.version);
  exactly<string | null>()(product.nameZh);

  // a wrong response field
  // @ts-expect-error Product has no `name` (it is nameEn)
  void product.name;

  // a wrong path (the options argument is given so that the path is the only error)
  // @ts-expect-error there is no /v1/products: products live under an organisation
  await api.GET('/v1/products', {});

  // a method the path does not have
  // @ts-expect-error /v1/orgs cannot be deleted
  await api.DELETE('/v1/orgs', {});

  await api.POST('/v1/orgs/{orgId}/products', {
    params: { path: { orgId } },
    // @ts-expect-error a wrong body field: `name` is not a field of NewProduct
    body: { name: 'LFP battery pack', declaredUnit: 'kWh' },
  });

  await api.POST('/v1/orgs/{orgId}/products', {
    params: { path: { orgId } },
    // @ts-expect-error a field of the wrong type: declaredUnitAmount is a number
    body: { nameEn: 'LFP battery pack', declaredUnit: 'kWh', declaredUnitAmount: '2' },
  });

  // @ts-expect-error the path parameters are required
  await api.GET('/v1/orgs/{orgId}/products/{id}');

  await api.GET('/v1/orgs/{orgId}/products/{id}', {
    // @ts-expect-error a path parameter is missing: id
    params: { path: { orgId } },
  });

  // a change names its version with If-Match; a 204 answers no data
  const { data: changed } = await api.PATCH('/v1/orgs/{orgId}/products/{id}', {
    params: { path: { orgId, id }, header: ifMatch(product.version) },
    body: { declaredUnitAmount: 2, nameZh: null },
  });
  exactly<Schema<'Product'>>()(changed);
  const { data: deleted } = await api.DELETE('/v1/orgs/{orgId}/products/{id}', {
    params: { path: { orgId, id } },
  });
  exactly<undefined>()(deleted);

  // the OAuth form body is typed too
  const { data: token } = await api.POST('/v1/oauth/token', {
    body: { grant_type: 'client_credentials', client_id: 'client_1', client_secret: 'occ_x' },
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  exactly<'Bearer'>()(token.token_type);
  await api.POST('/v1/oauth/token', {
    // @ts-expect-error the only grant is client_credentials
    body: { grant_type: 'password' },
  });

  // errors
  const fail = (e: ApiError) => [e.status, e.code, e.details, e.issues] as const;
  exactly<readonly [number, ApiErrorCode, Record<string, unknown>, ValidationIssue[]]>()(fail(error));
}

import createFetchClient, {
  type Client,
  type ClientPathsWithMethod,
  type MaybeOptionalInit,
  type MethodResponse,
} from 'openapi-fetch';
import { ApiError } from './api-error.js';
import type { paths } from './generated/openapi.js';

export interface ClientOptions {
  /** Where the server is, e.g. `https://cfp.example.org` or `''` for the page's own origin (paths start with /v1). */
  baseUrl: string;
  /**
   * A bearer secret: a session token (`ocs_…`, from sign-in), an API token (`ocp_…`), a client secret (`occ_…`) or
   * an OAuth access token (`oca_…`); or a function asked before each request (e.g. reading the app's state).
   * Without one, a browser sends the session cookie (see `credentials`).
   */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /**
   * Whether a browser sends cookies: `'include'` when the app is on another origin than the API (which must list
   * it in `corsOrigins`); the default `'same-origin'` does for an app served with the API.
   */
  credentials?: RequestInit['credentials'];
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** The fetch to use (default: the global one). */
  fetch?: (request: Request) => Promise<Response>;
}

/** What every successful call resolves to. */
export interface ApiResult<Data> {
  /** The response body, typed by the route (`undefined` for 204 No Content). */
  data: Data;
  /** The `ETag` of a versioned record (products, models): the version, quoted, e.g. `"3"`. */
  etag: string | undefined;
  response: Response;
}

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
/** The options argument: required when the route has required parameters or a body. */
type InitArgument<Init> =
  RequiredKeys<Init> extends never
    ? [(Init & { [key: string]: unknown })?]
    : [Init & { [key: string]: unknown }];
/** The success body; `undefined` for a route whose success has no content (204). */
type SuccessData<Data> = [Data] extends [never] ? undefined : Data;

/** One HTTP method of the client: a path of the API with that method, then its parameters and body. */
export type ApiMethod<M extends Method> = <
  Path extends ClientPathsWithMethod<Client<paths>, M>,
  Init extends MaybeOptionalInit<paths[Path], M>,
>(
  path: Path,
  ...init: InitArgument<Init>
) => Promise<ApiResult<SuccessData<MethodResponse<Client<paths>, M, Path, Init>>>>;

/** The typed client of the OpenCFP API (see createClient). */
export interface OpenCfpClient {
  GET: ApiMethod<'get'>;
  POST: ApiMethod<'post'>;
  PUT: ApiMethod<'put'>;
  PATCH: ApiMethod<'patch'>;
  DELETE: ApiMethod<'delete'>;
  /** The underlying openapi-fetch client (answers `{ data, error, response }` instead of throwing). */
  raw: Client<paths>;
}

/** openapi-fetch's request as this module calls it: the types are checked at the methods above. */
type LooseRequest = (
  method: string,
  path: string,
  init?: object,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * A typed client of the OpenCFP API, for browsers and Node 20 (fetch only). Every path, parameter, body and answer is
 * typed from the server's OpenAPI document (`paths`, generated). A call resolves to `{ data, etag, response }`;
 * any non-2xx answer, or no answer, rejects with an `ApiError` carrying the server's `{ code, message, details }`
 * and the status. Bodies are JSON unless you send another `Content-Type` (e.g. the OAuth token form).
 *
 * @example
 * const api = createClient({ baseUrl: 'http://127.0.0.1:3000' });
 * const { data: session } = await api.POST('/v1/auth/sign-in', { body: { email, password } });
 * const authed = createClient({ baseUrl: 'http://127.0.0.1:3000', token: session.token });
 * const { data } = await authed.GET('/v1/orgs');
 * const orgId = data.organisations[0].id;
 * const { data: product } = await authed.POST('/v1/orgs/{orgId}/products', {
 *   params: { path: { orgId } },
 *   body: { nameEn: 'LFP battery pack', declaredUnit: 'kWh' },
 * });
 * await authed.PATCH('/v1/orgs/{orgId}/products/{id}', {
 *   params: { path: { orgId, id: product.id }, header: ifMatch(product.version) },
 *   body: { declaredUnitAmount: 2 },
 * }); // someone saved in between: ApiError VERSION_CONFLICT
 */
export function createClient(options: ClientOptions): OpenCfpClient {
  const raw = createFetchClient<paths>({
    baseUrl: options.baseUrl,
    headers: options.headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  raw.use({
    async onRequest({ request }) {
      const token = typeof options.token === 'function' ? await options.token() : options.token;
      // A call may bring its own Authorization (e.g. HTTP Basic for the OAuth token endpoint).
      if (token && !request.headers.has('authorization'))
        request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
    onError({ request, error }) {
      // An abort is the caller's own doing: let it through as it is (a DOMException in browsers and Node).
      if ((error as { name?: unknown } | null)?.name === 'AbortError') return;
      return ApiError.network(request.url, error);
    },
  });
  const request = raw.request as unknown as LooseRequest;
  const method =
    (name: string) =>
    async (path: string, init?: object): Promise<ApiResult<unknown>> => {
      const { data, error, response } = await request(name, path, init);
      if (!response.ok) throw ApiError.fromResponse(response, error);
      return { data, etag: response.headers.get('etag') ?? undefined, response };
    };
  return {
    GET: method('get') as ApiMethod<'get'>,
    POST: method('post') as ApiMethod<'post'>,
    PUT: method('put') as ApiMethod<'put'>,
    PATCH: method('patch') as ApiMethod<'patch'>,
    DELETE: method('delete') as ApiMethod<'delete'>,
    raw,
  };
}

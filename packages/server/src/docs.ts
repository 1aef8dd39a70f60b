// The interactive API documentation at /docs: Swagger UI reading /openapi.json.
//
// Swagger UI is not a dependency of the server: the page loads its two self-contained files (no further chunks) from
// the jsDelivr CDN, pinned to one version and checked by Subresource Integrity, so a changed file is refused by the
// browser. The hashes are of the files in the npm package swagger-ui-dist@5.35.0, which jsDelivr serves unchanged.
// Without internet access the page stays blank but /openapi.json still works with any OpenAPI tool. The page's own
// script is served from this origin (/docs/init.js) so that the Content-Security-Policy needs no 'unsafe-inline'
// for scripts.

const VERSION = '5.35.0';
const CDN = `https://cdn.jsdelivr.net/npm/swagger-ui-dist@${VERSION}`;
const BUNDLE_SRI = 'sha384-gjRm0bEPMeTmMh5jT2cHccIwCUZSTd8YC+j0d0sXw0MdGEfScduGpSyF3ZSSLkX9';
const CSS_SRI = 'sha384-WlYgdmXYOOBWL5apwjDEZwN+U3HmXSSu5R6V5aGxEcf7z+KuRNwBhoxKVN1i3D5I';

export const DOCS_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>OpenCFP API</title>
    <link rel="stylesheet" href="${CDN}/swagger-ui.css" integrity="${CSS_SRI}" crossorigin="anonymous" />
  </head>
  <body>
    <div id="swagger-ui">
      <noscript>The interactive documentation needs JavaScript; the OpenAPI document is at /openapi.json.</noscript>
    </div>
    <script src="${CDN}/swagger-ui-bundle.js" integrity="${BUNDLE_SRI}" crossorigin="anonymous"></script>
    <script src="/docs/init.js"></script>
  </body>
</html>
`;

export const DOCS_INIT_JS = `window.addEventListener('load', function () {
  var root = document.getElementById('swagger-ui');
  if (typeof SwaggerUIBundle !== 'function') {
    root.textContent = 'Swagger UI could not be loaded from ${CDN} (no internet access?). The OpenAPI document is at /openapi.json.';
    return;
  }
  SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
});
`;

/** The Content-Security-Policy of the docs page (every other response gets `default-src 'none'`). */
export const DOCS_CSP = [
  "default-src 'none'",
  `script-src 'self' ${CDN}/`,
  // Swagger UI sets inline styles on its elements
  `style-src ${CDN}/ 'unsafe-inline'`,
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

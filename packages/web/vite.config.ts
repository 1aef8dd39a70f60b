import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `npm run dev -w @opencfp/web` sends API calls: a `cfp serve` (npm start) on the default port. */
const API = 'http://127.0.0.1:3000';

// The production build goes to dist/ (served by `cfp serve`); pages are split by route (React.lazy in routes.tsx),
// so ECharts lands only in the chunks of pages that draw charts.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: {
    // The API checks that a cookie-authenticated change comes from its own origin: the proxy makes the dev server's
    // requests look like the API's own (Host and Origin), as the production app served by `cfp serve` is.
    proxy: Object.fromEntries(
      ['/v1', '/health', '/openapi.json'].map((path) => [
        path,
        { target: API, changeOrigin: true, headers: { origin: API } },
      ]),
    ),
  },
});

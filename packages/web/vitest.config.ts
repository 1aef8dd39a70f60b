import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Two projects: components run in jsdom beside the code (src/**/*.test.tsx); e2e tests (e2e/*.test.ts) run in node,
// start a real `cfp serve` and drive Debian's Chromium with playwright-core.
export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'components',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['./src/test-support/setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

#!/usr/bin/env -S node --max-semi-space-size=64
// The larger young generation lets the short-lived XML trees of a big import die young: EcoSpold 2 reads of
// ecoinvent size run 1.4–1.8× faster with half the peak memory (see docs/formats.md).
// A committed shim so npm links `cfp` at install time, before `npm run build` has produced dist/.
try {
  await import('../dist/bin.js');
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bin.js')) {
    process.stderr.write(
      "cfp: not built yet. Run 'npm run build' (or 'npm start') in the repository first.\n",
    );
    process.exit(2);
  }
  throw error;
}

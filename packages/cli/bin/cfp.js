#!/usr/bin/env node
// A committed shim so npm links `cfp` at install time, before `npm run build` has produced dist/.
try {
  await import('../dist/bin.js');
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bin.js')) {
    process.stderr.write("cfp: not built yet. Run 'npm run build' (or 'npm start') in the repository first.\n");
    process.exit(2);
  }
  throw error;
}

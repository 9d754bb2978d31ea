// A HAR pool worker from the TypeScript sources (har-pool.ts; the bundle has its own
// har-pool-worker.mjs). Plain JS: when the thread cannot load TypeScript yet, it registers the
// TypeScript loader first (as worker.mjs does).
try {
  await import('./har-pool-worker-main.ts');
} catch (e) {
  if (!e || e.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
  const { register } = await import('tsx/esm/api');
  register();
  // (a new URL: the failed import above stays cached under the old one)
  await import('./har-pool-worker-main.ts?tsx');
}

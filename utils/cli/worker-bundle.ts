/**
 * Entry of the compiled worker (dist/cli/worker-<hash>.js, scripts/build-cli.mjs): bin/worker.cjs
 * runs it through V8's code cache and calls `main` with the command line. From the TypeScript
 * sources the worker runs worker-main.ts instead.
 */
import './zod-jitless';

export { main } from './main';
export { flagsChanged } from './memory';

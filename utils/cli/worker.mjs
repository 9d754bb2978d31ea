// Runs `renkei analyze|compare` from the TypeScript sources in a worker thread (development, or
// when the compiled bundle is missing or older than its sources: bin/renkei.mjs). Plain JS: it
// registers the TypeScript loader, then runs the same body as the bundled worker.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register({ tsconfig: workerData.tsconfig });
await import('./worker-main.ts');

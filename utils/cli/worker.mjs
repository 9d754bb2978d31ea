// Runs `renkei analyze|compare` in a worker thread so the main thread can stop it when it
// exceeds its time or memory bound (bin/renkei.mjs). Plain JS: it registers the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register({ tsconfig: workerData.tsconfig });
const { main } = await import('./main.ts');
const code = await main(workerData.argv);
parentPort.postMessage({ code });

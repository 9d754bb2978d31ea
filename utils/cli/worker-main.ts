/**
 * Body of the worker thread that runs `renkei analyze|compare` under a time and heap bound
 * (bin/renkei.mjs). Bundled as dist/cli/worker.mjs; from the sources, worker.mjs loads it through tsx.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { main } from './main';

const code = await main((workerData as { argv: string[] }).argv);
parentPort?.postMessage({ code });

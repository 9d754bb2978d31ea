/**
 * Body of the worker thread that runs `renkei analyze|compare` under a time and heap bound
 * (bin/renkei.mjs), from the TypeScript sources: worker.mjs loads it through tsx. The compiled CLI
 * runs worker-bundle.ts instead (bin/worker.cjs).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { main } from './main';

const code = await main((workerData as { argv: string[] }).argv);
parentPort?.postMessage({ code });

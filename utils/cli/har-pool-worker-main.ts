/**
 * Body of a HAR pool worker thread (har-pool.ts): reads the parts of a big HAR it is sent.
 * Bundled as dist/cli/har-pool-worker.mjs; from the sources, har-pool-worker.mjs loads it.
 */
import { parentPort } from 'node:worker_threads';
import { readPart, type PartReply, type PartRequest } from './har-pool';

parentPort?.on('message', (req: PartRequest) => {
  let reply: PartReply;
  try {
    reply = { id: req.id, flats: readPart(req) };
  } catch (e) {
    reply = { id: req.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(reply);
});

/**
 * zod without its compiled parsers, for the CLI's worker (imported first by worker-bundle.ts,
 * before any schema exists: a schema reads the setting when it is built). zod compiles an object
 * schema's parser with `new Function` on its first parse; code made that way is never in V8's code
 * cache, and the few parses of a run (the checklists' definitions when they load, one snapshot)
 * cost more to compile than they save: about 7 ms of the 40 ms a small page takes in the worker.
 * Measured on a 55 MB HAR (`--format json`) and on `compare` of its snapshots: no slower.
 */
import { config } from 'zod';

config({ jitless: true });

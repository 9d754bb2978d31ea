/**
 * A pool of worker threads that read a big HAR in parts (issue 13: use both cores).
 *
 * JSON.parse of a 50 MB HAR is one long call on one core, and everything after it (the entries,
 * the HTML parse of every page) is per entry or per page. So the HAR's bytes are cut into parts
 * at entry boundaries of `log.entries`; the worker threads and this thread each read one part
 * (decode, JSON.parse, read the entries, HTML-parse the documents: harEntriesPart), and this
 * thread joins them (harSessionFromParts) into the same session harObjectToSession gives for the
 * whole file. The pages' evidence (analyze.ts pageEvidence) is derived in the thread that parsed
 * them. What crosses threads: the file's bytes, shared (SharedArrayBuffer, read in place) or a
 * transferred copy of the part, one way; the read entries, parsed pages and evidence (small: the
 * big response bodies are not in them) the other.
 *
 * `renkei analyze` uses it only when RENKEI_WORKERS asks for it (poolWorkers: see there why).
 *
 * Anything unusual — no `"entries": [` to cut at, a HAR whose `log.entries` is not last, a part that
 * is not valid JSON, nesting deeper than the input bound, a worker that fails — returns undefined,
 * and the caller reads the file as before (so its errors are the serial reader's errors).
 *
 * Why cutting is safe: a cut is made only at `}` `,` `{"key":` (whitespace allowed between), which
 * in valid JSON can only stand between two objects of an array (a `"` that opens a key cannot be
 * inside a string); each part must then parse as an array on its own, and the rest of the file
 * with a unique marker in place of the entries must parse with the marker at `log.entries`. When
 * all parse, the file is valid JSON and its entries are the parts' entries in order.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker, resourceLimits as ownLimits } from 'node:worker_threads';
import { pageEvidence, type PageEvidence } from '../core/analyze';
import { harEntriesPart, harSessionFromParts, isHarObject, type HarFlatEntry, type HarOptions } from '../core/har';
import { INPUT_LIMITS, jsonDepthExceeds, type RecognisedInput } from '../core/input';
import type { Page, Session } from '../core/model';
import { needsSourceParser } from '../core/source-parser';
import { bigUtf8Json } from './load';

/** Files from this size on are read by the pool (below, starting a worker costs more than it saves). */
export const POOL_MIN_BYTES = 8 * 1024 * 1024;

/** Depth of an entry's array in a HAR: `{` `"log": {` `"entries": [` */
const ENTRIES_DEPTH = 3;

export interface PartRequest {
  id: number;
  /** the HAR's bytes (shared with the worker when they are in a SharedArrayBuffer, else a copy of the part) */
  bytes: Uint8Array;
  /** the part: its entries are bytes[start, end) (inPlace: the part with its `[` and `]`) */
  start: number;
  end: number;
  inPlace?: boolean;
  latin1: boolean;
  opts: HarOptions;
}

export type PartReply = { id: number; flats: HarFlatEntry[] } | { id: number; error: string };

/**
 * A part's text as a JSON array. `inPlace`: bytes[start, end) already are one (`[` … `]`, see
 * readHar); else the part's entries are bytes[start, end), copied between `[` and `]`.
 */
function partText(bytes: Uint8Array, start: number, end: number, latin1: boolean, inPlace: boolean): string {
  let buf: Buffer;
  if (inPlace) buf = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start);
  else {
    buf = Buffer.allocUnsafe(end - start + 2);
    buf[0] = 0x5b;
    buf.set(bytes.subarray(start, end), 1);
    buf[buf.length - 1] = 0x5d;
  }
  return latin1 ? buf.toString('latin1') : buf.toString('utf8');
}

/**
 * Read one part (in a worker thread, or in this one): its entries, the pages of its documents and
 * their evidence (pageEvidence: what the analysis derives from a page alone; not for a page with
 * TypeScript or JSX scripts, whose source parser is loaded by the CLI's thread). Throws when the
 * part is not what it must be.
 */
function readPartText(text: string, opts: HarOptions): HarFlatEntry[] {
  if (jsonDepthExceeds(text, INPUT_LIMITS.maxJsonDepth - (ENTRIES_DEPTH - 1))) throw new Error('too deep');
  const flats = harEntriesPart(text, opts, true);
  for (const f of flats) {
    const page = f?.doc?.page;
    if (!page) continue;
    // the HTML is not needed any more (the page is parsed): it does not go back to the caller's thread
    f.doc!.html = '';
    if (!page.scripts.some((s) => needsSourceParser(s.lang))) f.doc!.extra = pageEvidence(page);
  }
  return flats;
}

/** readPartText of a part of the bytes (see partText): what a worker does with a PartRequest. */
export function readPart(req: Omit<PartRequest, 'id'>): HarFlatEntry[] {
  return readPartText(partText(req.bytes, req.start, req.end, req.latin1, req.inPlace === true), req.opts);
}

/** A HAR read by the pool: its session, and the evidence of its pages derived while they were read. */
export interface PooledHar {
  session: Session;
  /** AnalyzeSessionOptions.evidence */
  evidence: Map<Page, PageEvidence>;
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Where to cut: the `[` and `]` of `log.entries` and the commas between entries near equal
 * fractions of it. undefined when the file is not laid out as exported HARs are (entries last).
 */
export function findCuts(bytes: Uint8Array, parts: number): { open: number; close: number; commas: number[] } | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // `log.entries` is the last member of `log`, and `log` of the file: the file ends with `] } }`
  let close = buf.length - 1;
  for (const want of [0x7d, 0x7d, 0x5d]) {
    while (close >= 0 && isSpace(buf[close])) close--;
    if (buf[close] !== want) return undefined;
    if (want !== 0x5d) close--;
  }
  let open = -1;
  for (let at = buf.indexOf('"entries"'); at >= 0; at = buf.indexOf('"entries"', at + 1)) {
    let i = at + 9;
    while (i < buf.length && isSpace(buf[i])) i++;
    if (buf[i] !== 0x3a) continue;
    i++;
    while (i < buf.length && isSpace(buf[i])) i++;
    if (buf[i] === 0x5b) {
      open = i;
      break;
    }
  }
  if (open < 0 || open >= close) return undefined;
  const commas: number[] = [];
  const span = close - open;
  let from = open + 1;
  for (let k = 1; k < parts; k++) {
    const c = boundaryAfter(buf, Math.max(from, open + Math.round((span * k) / parts)), close);
    if (c < 0) break;
    commas.push(c);
    from = c + 1;
  }
  return { open, close, commas };
}

/** The first `,` at or after `from` standing between `}` and `{"key":` (whitespace allowed), or -1. */
function boundaryAfter(buf: Buffer, from: number, end: number): number {
  for (let b = buf.indexOf(0x7b, from); b >= 0 && b < end; b = buf.indexOf(0x7b, b + 1)) {
    // back: whitespace, `,`, whitespace, `}`
    let i = b - 1;
    while (i > from && isSpace(buf[i])) i--;
    if (buf[i] !== 0x2c) continue;
    const comma = i;
    i--;
    while (i > from && isSpace(buf[i])) i--;
    if (buf[i] !== 0x7d) continue;
    // forward: whitespace, `"`, a key without `"` or `\`, `"`, whitespace, `:`
    let j = b + 1;
    while (j < end && isSpace(buf[j])) j++;
    if (buf[j] !== 0x22) continue;
    j++;
    const keyStart = j;
    while (j < end && buf[j] !== 0x22 && buf[j] !== 0x5c) j++;
    if (buf[j] !== 0x22 || j === keyStart) continue;
    j++;
    while (j < end && isSpace(buf[j])) j++;
    if (buf[j] !== 0x3a) continue;
    if (comma <= from) continue;
    return comma;
  }
  return -1;
}

export interface HarPoolOptions {
  /** worker threads (default: the cores but one, at most 3; 0 = read in this thread only) */
  workers?: number;
  /** the worker's entry module (default: har-pool-worker.mjs beside this module) */
  script?: URL;
}

/** The worker threads; close() when done (they keep the process alive otherwise). */
export class HarPool {
  private readonly workers: Worker[] = [];
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (r: PartReply) => void }>();
  private broken = false;

  constructor(opts: HarPoolOptions = {}) {
    const n = opts.workers ?? Math.min(3, Math.max(0, availableParallelism() - 1));
    const script = opts.script ?? new URL('./har-pool-worker.mjs', import.meta.url);
    for (let i = 0; i < n; i++) {
      // the same heap bound as this thread's (the CLI bounds the analysis worker's heap)
      const maxOld = ownLimits.maxOldGenerationSizeMb;
      const w = new Worker(script, maxOld && maxOld > 0 ? { resourceLimits: { maxOldGenerationSizeMb: maxOld } } : {});
      w.on('message', (m: PartReply) => {
        const p = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        p?.resolve(m);
      });
      const fail = (why: string) => {
        this.broken = true;
        for (const [id, p] of this.waiting) p.resolve({ id, error: why });
        this.waiting.clear();
      };
      w.on('error', (e) => fail(String(e)));
      w.on('exit', () => fail('worker exited'));
      w.unref();
      this.workers.push(w);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  private ask(w: Worker, req: PartRequest): Promise<PartReply> {
    return new Promise((resolve) => {
      // (idle workers do not keep the process alive; one that is working does)
      w.ref();
      this.waiting.set(req.id, {
        resolve: (r) => {
          w.unref();
          resolve(r);
        },
      });
      w.postMessage(req, req.bytes.buffer instanceof SharedArrayBuffer ? [] : [req.bytes.buffer]);
    });
  }

  /**
   * The session of a HAR from its bytes (UTF-8; `latin1`: decoded as Latin-1, see HarOptions),
   * read in parts by the workers and this thread; undefined when it cannot be read that way (the
   * caller then reads it as before). Bytes in a SharedArrayBuffer (readShared) are not copied to
   * send a part (one byte of them is changed while the parts are read, and put back before this
   * returns); other bytes are (a copy of each part, transferred).
   */
  async readHar(bytes: Uint8Array, latin1: boolean, opts: HarOptions = {}): Promise<PooledHar | undefined> {
    if (this.broken || this.workers.length === 0) return undefined;
    const cuts = findCuts(bytes, this.workers.length + 1);
    if (!cuts || cuts.commas.length === 0) return undefined;
    const decode = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString(latin1 ? 'latin1' : 'utf8');
    // the file without its entries, a marker in their place: must be a HAR with the marker at log.entries
    const marker = `renkei-entries-${Math.random().toString(36).slice(2)}-${Date.now()}`;
    const headText = `${decode(bytes.subarray(0, cuts.open))}${JSON.stringify(marker)}${decode(bytes.subarray(cuts.close + 1))}`;
    let head: unknown;
    try {
      if (jsonDepthExceeds(headText, INPUT_LIMITS.maxJsonDepth)) return undefined;
      head = JSON.parse(headText);
    } catch {
      return undefined;
    }
    if (!isHarObject(head) || (head as { log: { entries: unknown } }).log.entries !== marker) return undefined;

    const partOpts: HarOptions = { ...opts, latin1 };
    const bounds = [cuts.open + 1, ...cuts.commas.map((c) => c + 1)];
    const ends = [...cuts.commas, cuts.close];
    // Bytes in a SharedArrayBuffer are read in place: this thread decodes the first part with
    // `]` written over the comma that ends it, then `[` is written there and the second part,
    // `[` … the `]` of log.entries, goes to a worker as it is (no copy); the comma is put back
    // once the workers have answered. Other parts (and other bytes) are copied with `[` and `]`.
    const shared = bytes.buffer instanceof SharedArrayBuffer;
    const comma = cuts.commas[0];
    let text: string;
    let asked: Promise<PartReply>[];
    if (shared && cuts.commas.length === 1) {
      try {
        bytes[comma] = 0x5d;
        text = partText(bytes, cuts.open, comma + 1, latin1, true);
        bytes[comma] = 0x5b;
        asked = [this.ask(this.workers[0], { id: this.next++, latin1, opts: partOpts, bytes, start: comma, end: cuts.close + 1, inPlace: true })];
      } catch (e) {
        bytes[comma] = 0x2c;
        throw e;
      }
    } else {
      text = partText(bytes, bounds[0], ends[0], latin1, false);
      asked = bounds.slice(1).map((start, i) =>
        this.ask(this.workers[i], {
          id: this.next++,
          latin1,
          opts: partOpts,
          ...(shared ? { bytes, start, end: ends[i + 1] } : { bytes: Uint8Array.prototype.slice.call(bytes, start, ends[i + 1]), start: 0, end: ends[i + 1] - start }),
        }),
      );
    }
    let first: HarFlatEntry[] | undefined;
    try {
      first = readPartText(text, partOpts);
    } catch {
      first = undefined;
    }
    const replies = await Promise.all(asked);
    if (shared) bytes[comma] = 0x2c;
    if (!first) return undefined;
    const parts: HarFlatEntry[][] = [first];
    for (const r of replies) {
      if ('error' in r) return undefined;
      parts.push(r.flats);
    }
    const session = harSessionFromParts(head, parts, partOpts);
    const evidence = new Map<Page, PageEvidence>();
    for (const part of parts) {
      for (const f of part) {
        const page = f?.doc?.page;
        if (!page || !f.doc?.extra) continue;
        const e = f.doc.extra as PageEvidence;
        // a copy with refined fragments was made before the join gave the page its id and time
        if (e.source !== page) {
          e.source.id = page.id;
          e.source.time = page.time;
        }
        evidence.set(page, e);
      }
    }
    return { session, evidence };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}

/**
 * How many worker threads `renkei analyze` starts for these files: RENKEI_WORKERS (default 0: the
 * pool is opt-in), and none unless one of the files is big enough for the pool (sizes only; an
 * unreadable file is loadInput's business). Off by default because it did not pay where it was
 * measured (README, bench:analyze): on 2 cores shared with other work the second thread finds no
 * free core (wall time 3.6× JSON.parse vs 3.3× in one thread), and the worker's heap and the
 * shared bytes add about 100 MB of peak memory.
 */
export function poolWorkers(files: readonly string[], env: NodeJS.ProcessEnv): number {
  const n = Number(env.RENKEI_WORKERS?.trim() || 0);
  if (!Number.isInteger(n) || n <= 0) return 0;
  const big = files.some((f) => {
    try {
      return statSync(f).size >= POOL_MIN_BYTES;
    } catch {
      return false;
    }
  });
  return big ? Math.min(n, 16) : 0;
}

/**
 * A big file's bytes in a SharedArrayBuffer (the workers read their parts from it, nothing is
 * copied); undefined when it is not a regular file of POOL_MIN_BYTES to the input bound or cannot
 * be read (loadInput then reads it and says why).
 */
export function readShared(file: string): Uint8Array | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile() || st.size < POOL_MIN_BYTES || st.size > INPUT_LIMITS.maxBytes) return undefined;
    const buf = Buffer.from(new SharedArrayBuffer(st.size));
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, null);
      if (n === 0) return undefined;
      off += n;
    }
    return buf;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * A big HAR file read by the pool, as loadInput would recognise it (`kind: 'har'`, the same
 * session), with its pages' evidence; undefined for any other file (the caller uses loadInput).
 */
export async function loadHarWithPool(file: string, index: number, pool: HarPool): Promise<{ input: RecognisedInput; evidence: Map<Page, PageEvidence> } | undefined> {
  const bytes = readShared(file);
  if (!bytes || !bigUtf8Json(bytes)) return undefined;
  const read = await pool.readHar(bytes, true, { idPrefix: `f${index + 1}:` });
  if (!read) return undefined;
  return { input: { kind: 'har', name: file, encoding: 'utf-8', session: read.session }, evidence: read.evidence };
}

/**
 * Explicit garbage collection for big inputs. A 50 MB HAR is held three times over at its peak
 * (the bytes read, the text, the parsed tree) unless each becomes garbage and is collected before
 * the next is built; V8 collects lazily, so the CLI asks for it at those two points. `--expose-gc`
 * is switched on at run time (the `gc` function then exists in new contexts).
 *
 * node:v8 and node:vm are loaded on the first call only: a small input never needs them, and
 * node:v8 alone loads a dozen of Node's internal modules at every start.
 */
let gc: (() => void) | undefined | null = null;

export function collectGarbage(): void {
  if (gc === null) {
    try {
      process.getBuiltinModule('node:v8').setFlagsFromString('--expose-gc');
      gc = process.getBuiltinModule('node:vm').runInNewContext('gc') as () => void;
    } catch {
      gc = undefined;
    }
  }
  gc?.();
}

/** Whether this run changed V8's flags (then a code cache it wrote would not fit the next run: bin/worker.cjs). */
export function flagsChanged(): boolean {
  return gc !== null;
}

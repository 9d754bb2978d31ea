/**
 * Explicit garbage collection for big inputs. A 50 MB HAR is held three times over at its peak
 * (the bytes read, the text, the parsed tree) unless each becomes garbage and is collected before
 * the next is built; V8 collects lazily, so the CLI asks for it at those two points. `--expose-gc`
 * is switched on at run time (the `gc` function then exists in new contexts).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined | null = null;

export function collectGarbage(): void {
  if (gc === null) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = undefined;
    }
  }
  gc?.();
}

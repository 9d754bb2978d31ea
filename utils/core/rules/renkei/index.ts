import type { Rule } from '../types';
import inputLimited from './input-limited';

/** Rules about the diagnosis itself (what was read), not about a vendor's tag. */
export const renkeiRules: Rule[] = [inputLimited];

import type { Rule } from '../types';

/** Channel Talk rules (one file per rule id, registered here). */
export const channeltalkRules: Rule[] = [];

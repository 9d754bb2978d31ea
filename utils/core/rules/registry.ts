/**
 * Every rule the product knows, by vendor. The registry test checks this list against RULES.md
 * and the files on disk (one file per rule, the file name is the id).
 */
import { channeltalkRules } from './channeltalk';
import { compareRules } from './compare';
import { okskyRules } from './oksky';
import { renkeiRules } from './renkei';
import type { Rule } from './types';

/** Rules that run on a session (pages + requests). */
export const sessionRules: readonly Rule[] = [...okskyRules, ...channeltalkRules, ...renkeiRules];

export const allRules: readonly Rule[] = [...okskyRules, ...compareRules, ...channeltalkRules, ...renkeiRules];

const byId = new Map(allRules.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

export { okskyRules, compareRules, channeltalkRules, renkeiRules };

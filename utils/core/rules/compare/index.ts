import type { Rule } from '../types';
import linkageMissing from './linkage-missing';
import loginkeyDiffers from './loginkey-differs';
import queryEmptyOnOneSide from './query-empty-on-one-side';
import keywordSetDiffers from './keyword-set-differs';
import widgetHostDiffers from './widget-host-differs';
import keyDiffers from './key-differs';
import loginStateDiffers from './login-state-differs';

/** Rules comparing two snapshots (scope session, requirement `snapshots`), in RULES.md order. */
export const compareRules: Rule[] = [linkageMissing, loginkeyDiffers, queryEmptyOnOneSide, keywordSetDiffers, widgetHostDiffers, keyDiffers, loginStateDiffers];

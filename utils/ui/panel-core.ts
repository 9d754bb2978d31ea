/**
 * The heavy half of the panel (parsers, rules, report renderers), loaded after the panel's first
 * paint so its initial JavaScript stays small.
 */
export { analyzeCapture } from './analysis';
export { reportActions } from './report-actions';

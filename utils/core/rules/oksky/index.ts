import type { Rule } from '../types';
import loginkeyMissing from './loginkey-missing';
import loginkeyKeywordUndefined from './loginkey-keyword-undefined';
import loginValueEmpty from './login-value-empty';
import loginValuePlaceholder from './login-value-placeholder';
import loginValueWhitespace from './login-value-whitespace';
import loginValueNumberLiteral from './login-value-number-literal';
import smartQuotes from './smart-quotes';
import tagSyntaxError from './tag-syntax-error';
import linkageCommentedOut from './linkage-commented-out';
import plainTagWhileLoggedIn from './plain-tag-while-logged-in';
import linkageTagWhileLoggedOut from './linkage-tag-while-logged-out';
import loginQueryEmpty from './login-query-empty';
import loginQueryMismatch from './login-query-mismatch';
import loginRequestMissing from './login-request-missing';
import widgetLoadFailed from './widget-load-failed';
import duplicateTag from './duplicate-tag';
import keyConflict from './key-conflict';
import widgetHostMismatch from './widget-host-mismatch';
import keyChangedInSession from './key-changed-in-session';
import identitySwitched from './identity-switched';
import crossDomainCookie from './cross-domain-cookie';
import sdkSystemUrlFormat from './sdk-system-url-format';

/** OK SKY rules (one file per rule id, in RULES.md order). */
export const okskyRules: Rule[] = [
  loginkeyMissing,
  loginkeyKeywordUndefined,
  loginValueEmpty,
  loginValuePlaceholder,
  loginValueWhitespace,
  loginValueNumberLiteral,
  smartQuotes,
  tagSyntaxError,
  linkageCommentedOut,
  plainTagWhileLoggedIn,
  linkageTagWhileLoggedOut,
  loginQueryEmpty,
  loginQueryMismatch,
  loginRequestMissing,
  widgetLoadFailed,
  duplicateTag,
  keyConflict,
  widgetHostMismatch,
  keyChangedInSession,
  identitySwitched,
  crossDomainCookie,
  sdkSystemUrlFormat,
];

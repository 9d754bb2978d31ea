import type { Rule } from '../types';
import bootMissing from './boot-missing';
import memberHashMissing from './member-hash-missing';
import memberIdMissing from './member-id-missing';
import memberIdPlaceholder from './member-id-placeholder';
import mobileNumberFormat from './mobile-number-format';
import pluginKeyMissing from './plugin-key-missing';
import profileDatetimeNotMs from './profile-datetime-not-ms';
import profileEmptyObject from './profile-empty-object';
import profileKeyFormat from './profile-key-format';
import profileValueType from './profile-value-type';
import readOnlyKeySent from './read-only-key-sent';
import tagSyntaxError from './tag-syntax-error';
import tagsLimit from './tags-limit';
import writeOnceChanged from './write-once-changed';

/** Channel Talk rules (one file per rule id, registered here), in RULES.md order, then the ones added beyond it. */
export const channeltalkRules: Rule[] = [
  pluginKeyMissing,
  bootMissing,
  memberIdMissing,
  memberIdPlaceholder,
  memberHashMissing,
  profileDatetimeNotMs,
  profileValueType,
  profileKeyFormat,
  mobileNumberFormat,
  profileEmptyObject,
  tagsLimit,
  writeOnceChanged,
  readOnlyKeySent,
  // beyond RULES.md
  tagSyntaxError,
];

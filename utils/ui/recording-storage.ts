/**
 * The recording wizard's storage in the extension: one versioned WXT storage item in `local`
 * (records hold only redacted snapshots; the fingerprint salt never leaves this browser).
 */
import { storage } from 'wxt/utils/storage';
import type { RecordingStorage, Recordings } from './recording';

export const recordingsItem = storage.defineItem<Recordings | null>('local:recordings', { fallback: null, version: 1 });

export const extensionRecordingStorage: RecordingStorage = {
  load: () => recordingsItem.getValue(),
  save: (value) => recordingsItem.setValue(value),
};

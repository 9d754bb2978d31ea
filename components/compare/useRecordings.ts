/** The recording wizard's four slots: loaded from and saved to the storage adapter. */
import { useEffect, useState } from 'react';
import type { Lang } from '@/utils/core/model';
import { describeError } from '@/utils/ui/companion-client';
import { clearSlot, loadRecordings, RecordingError, recordSlot, type Recordings, type RecordingSlot, type RecordingStorage } from '@/utils/ui/recording';
import type { TabCapture } from '@/utils/ui/source';
import type { CompareCore } from './core';
import type { Notice } from './InlineNotice';
import { cs } from './strings';

export function useRecordings(storage: RecordingStorage | undefined) {
  const [records, setRecords] = useState<Recordings>();

  useEffect(() => {
    if (!storage) return;
    let live = true;
    void loadRecordings(storage).then((r) => {
      if (live) setRecords(r);
    });
    return () => {
      live = false;
    };
  }, [storage]);

  const save = async (next: Recordings) => {
    setRecords(next);
    await storage?.save(next);
  };

  /** records the tab's latest page into the slot; the message for the slot's row */
  const record = async (slot: RecordingSlot, capture: TabCapture | undefined, core: CompareCore, version: string, lang: Lang): Promise<Notice> => {
    const at = `row:${slot}`;
    if (!records) return { at, kind: 'error', text: cs(lang, 'loadingCore') };
    try {
      await save(recordSlot(records, slot, capture, (c, meta) => core.snapshotOf(c, { version, lang, env: meta.env, salt: meta.salt })));
      return { at, kind: 'info', text: cs(lang, 'recordedNotice') };
    } catch (e) {
      return { at, kind: 'error', text: e instanceof RecordingError ? cs(lang, 'noPageToRecord') : cs(lang, 'failed', { message: describeError(e, lang) }) };
    }
  };

  const clear = (slot: RecordingSlot) => (records ? save(clearSlot(records, slot)) : Promise.resolve());

  return { records, save, record, clear };
}

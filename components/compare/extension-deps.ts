/** The Compare tab's dependencies in the extension: storage items and the real fetch. */
import { companionItem } from '@/utils/ui/settings-storage';
import { extensionRecordingStorage } from '@/utils/ui/recording-storage';
import type { CompareDeps } from './model';

export const extensionCompareDeps: CompareDeps = {
  recordings: extensionRecordingStorage,
  loadCompanion: () => companionItem.getValue(),
};

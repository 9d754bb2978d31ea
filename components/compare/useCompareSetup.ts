/** The Compare tab's dependencies: storage and companion (extension or memory), the lazy core, the companion client. */
import { useEffect, useMemo, useState } from 'react';
import type { Lang } from '@/utils/core/model';
import { companionFromSettings, type CompanionClient } from '@/utils/ui/companion-client';
import type { CompanionSettings } from '@/utils/ui/settings';
import type { CompareCore } from './core';
import type { CompareDeps } from './model';
import { cs } from './strings';

function inExtension(): boolean {
  const g = globalThis as { chrome?: { runtime?: { id?: string } } };
  return typeof g.chrome?.runtime?.id === 'string';
}

function memoryDeps(): CompareDeps {
  let value: unknown;
  return {
    recordings: { load: async () => value, save: async (v) => void (value = v) },
    loadCompanion: async () => undefined,
  };
}

const defaultLoadCore = async (): Promise<CompareCore> => (await import('./core')).compareCore;

export interface CompareSetup {
  deps?: CompareDeps;
  core?: CompareCore;
  /** null while loading */
  settings: CompanionSettings | undefined | null;
  client?: CompanionClient;
  companionError?: string;
}

export function useCompareSetup(given: CompareDeps | undefined, lang: Lang): CompareSetup {
  const [deps, setDeps] = useState<CompareDeps | undefined>(given);
  const [core, setCore] = useState<CompareCore>();
  const [settings, setSettings] = useState<CompanionSettings | undefined | null>(null);

  useEffect(() => {
    if (deps) return;
    if (!inExtension()) {
      // outside the extension (a test, a page preview): records in memory, no companion
      setDeps(memoryDeps());
      return;
    }
    let live = true;
    import('./extension-deps').then(
      (m) => live && setDeps(m.extensionCompareDeps),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [deps]);

  useEffect(() => {
    if (!deps) return;
    let live = true;
    (deps.loadCore ?? defaultLoadCore)().then(
      (c) => live && setCore(() => c),
      () => undefined,
    );
    deps.loadCompanion().then(
      (s) => live && setSettings(s),
      () => live && setSettings(undefined),
    );
    return () => {
      live = false;
    };
  }, [deps]);

  const companion = useMemo((): { client?: CompanionClient; error?: string } => {
    if (!settings || !settings.url.trim()) return {};
    try {
      return { client: companionFromSettings(settings, deps?.fetch) };
    } catch {
      return { error: cs(lang, 'companionBadUrl') };
    }
  }, [settings, deps, lang]);

  return { deps, core, settings, client: companion.client, companionError: companion.error };
}

/**
 * Shown above the DevTools panel when its captures come from DevTools itself (site access
 * withheld, or the background has nothing for the tab): says so, and offers to reload the page
 * with the probe injected so the tag's calls are recorded too. The source is passed in
 * (utils/ext/fallback-source.ts in the extension, a fake in tests).
 */
import { useEffect, useState } from 'react';
import type { SourceMode } from '@/utils/ext/fallback-source';
import { useI18n } from './i18n-context';

export interface FallbackControl {
  watchMode(listener: (mode: SourceMode) => void): () => void;
  reloadWithProbe(): Promise<void>;
}

export function DevtoolsFallback({ source }: { source: FallbackControl }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<SourceMode>('background');
  const [reloaded, setReloaded] = useState(false);
  useEffect(() => source.watchMode(setMode), [source]);
  if (mode !== 'devtools') return null;
  return (
    <div className="notice warn devtools-fallback" data-source-mode="devtools" role="status">
      <p>{t('devtoolsFallbackNotice')}</p>
      <button
        type="button"
        title={t('devtoolsFallbackReloadHelp')}
        onClick={() => {
          void source.reloadWithProbe().then(() => setReloaded(true));
        }}
      >
        {t('devtoolsFallbackReload')}
      </button>
      {reloaded ? <p className="notice info">{t('devtoolsFallbackReloaded')}</p> : null}
    </div>
  );
}

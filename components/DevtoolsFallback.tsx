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

/**
 * Firefox's DevTools reload has no `injectedScript` (the probe cannot be put in from DevTools
 * there): the button is replaced by what to do instead.
 */
const NO_PROBE_RELOAD = {
  ja: 'このブラウザ (Firefox) の DevTools は、プローブを入れた再読み込みに対応していません。タグの呼び出しも記録するには、このサイトへのアクセスを許可してから (アドオンの管理 → 連携ドクター → 権限) 再読み込みしてください。',
  en: "This browser's (Firefox) DevTools cannot reload the page with the probe. To record the tag's calls too, allow this site (Add-ons Manager → Renkei Doctor → Permissions), then reload.",
} as const;

export function DevtoolsFallback({ source, probeReload = 'supported' }: { source: FallbackControl; probeReload?: 'supported' | 'unsupported' }) {
  const { t, lang } = useI18n();
  const [mode, setMode] = useState<SourceMode>('background');
  const [reloaded, setReloaded] = useState(false);
  useEffect(() => source.watchMode(setMode), [source]);
  if (mode !== 'devtools') return null;
  return (
    <div className="notice warn devtools-fallback" data-source-mode="devtools" role="status">
      <p>{t('devtoolsFallbackNotice')}</p>
      {probeReload === 'unsupported' ? (
        <p className="notice info" data-probe-reload="unsupported">
          {NO_PROBE_RELOAD[lang] ?? NO_PROBE_RELOAD.en}
        </p>
      ) : null}
      <button
        hidden={probeReload === 'unsupported'}
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

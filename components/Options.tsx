/**
 * Options: language, the companion API (URL, token, test connection), and the hosts of the
 * ECAI and Luxliner admin pages the operator checklists run on.
 */
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ConnectionResult } from '@/utils/ui/companion-check';
import type { LanguageSetting, MessageKey } from '@/utils/ui/i18n';
import { parseHostList, type HostProblem, type Settings, type SettingsAdapter } from '@/utils/ui/settings';
import { useI18n } from './i18n-context';
import './fix.css';

const connectionKey: Record<ConnectionResult['code'], MessageKey> = {
  ok: 'connOk',
  'health-only': 'connHealthOnly',
  'bad-url': 'connBadUrl',
  unreachable: 'connUnreachable',
  cors: 'connCors',
  timeout: 'connTimeout',
  unauthorized: 'connUnauthorized',
  forbidden: 'connForbidden',
  'http-error': 'connHttpError',
};

const hostReasonKey: Record<HostProblem, MessageKey> = {
  space: 'optionsHostReasonSpace',
  chars: 'optionsHostReasonChars',
  scheme: 'optionsHostReasonScheme',
};

export function Options(props: {
  settings: SettingsAdapter;
  testConnection(url: string, token: string): Promise<ConnectionResult>;
  onLanguageChange?(lang: LanguageSetting): void;
  /** more sections inside the page's main landmark (the sites to record) */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const ids = { lang: useId(), url: useId(), token: useId() };
  const [loaded, setLoaded] = useState<Settings>();
  const [language, setLanguage] = useState<LanguageSetting>('auto');
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [ecai, setEcai] = useState('');
  const [lux, setLux] = useState('');
  const [status, setStatus] = useState<{ kind: 'info' | 'error'; text: string }>();
  const [conn, setConn] = useState<{ kind: 'info' | 'error'; text: string }>();
  const [testing, setTesting] = useState(false);
  /** what is wrong with each host field, one sentence per rejected entry */
  const [hostErrors, setHostErrors] = useState<{ ecai: string[]; lux: string[] }>({ ecai: [], lux: [] });

  const { settings } = props;
  useEffect(() => {
    void settings.load().then((s) => {
      setLoaded(s);
      setLanguage(s.language);
      setUrl(s.companion.url);
      setToken(s.companion.token);
      setEcai(s.hosts.ecai.join('\n'));
      setLux(s.hosts.luxliner.join('\n'));
    });
  }, [settings]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const a = parseHostList(ecai);
    const b = parseHostList(lux);
    const explain = (r: ReturnType<typeof parseHostList>) =>
      r.problems.slice(0, 5).map((p) => t('optionsHostInvalid', { value: p.item, reason: t(hostReasonKey[p.reason]) }));
    const errors = { ecai: explain(a), lux: explain(b) };
    setHostErrors(errors);
    if (errors.ecai.length > 0 || errors.lux.length > 0) {
      setStatus({ kind: 'error', text: t('optionsHostsNotSaved') });
      return;
    }
    await props.settings.save({ language, companion: { url: url.trim(), token: token.trim() }, hosts: { ecai: a.hosts, luxliner: b.hosts } });
    setEcai(a.hosts.join('\n'));
    setLux(b.hosts.join('\n'));
    setStatus({ kind: 'info', text: t('optionsSaved') });
    props.onLanguageChange?.(language);
  };

  const onTest = async () => {
    setTesting(true);
    setConn({ kind: 'info', text: t('connTesting') });
    try {
      const r = await props.testConnection(url, token);
      setConn({ kind: r.ok ? 'info' : 'error', text: t(connectionKey[r.code], r.code === 'http-error' ? { status: r.status, step: r.step } : undefined) });
    } finally {
      setTesting(false);
    }
  };

  if (!loaded) return <p className="empty">{t('loading')}</p>;
  return (
    <main className="options">
      <h1>{t('optionsHeading')}</h1>
      <form onSubmit={(e) => void onSubmit(e)}>
        <fieldset>
          <legend>{t('optLanguage')}</legend>
          <label htmlFor={ids.lang}>{t('optLanguageLabel')}</label>
          <select id={ids.lang} value={language} onChange={(e) => setLanguage(e.target.value as LanguageSetting)}>
            <option value="auto">{t('langAuto')}</option>
            <option value="ja">日本語</option>
            <option value="en">English</option>
          </select>
        </fieldset>
        <fieldset>
          <legend>{t('optCompanion')}</legend>
          <p className="muted">{t('optCompanionHelp')}</p>
          <label htmlFor={ids.url}>{t('optCompanionUrl')}</label>
          <input id={ids.url} type="url" inputMode="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://renkei.example.jp/" autoComplete="off" />
          <label htmlFor={ids.token}>{t('optCompanionToken')}</label>
          <input id={ids.token} type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" />
          <div className="row">
            <button type="button" onClick={() => void onTest()} disabled={testing}>
              {t('connTest')}
            </button>
            <span className={`notice ${conn?.kind ?? ''}`} role="status" aria-live="polite">
              {conn?.text}
            </span>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('optHosts')}</legend>
          <p className="muted">{t('optHostsHelp')}</p>
          <HostsField label={t('optHostsEcai')} value={ecai} onChange={setEcai} errors={hostErrors.ecai} />
          <HostsField label={t('optHostsLuxliner')} value={lux} onChange={setLux} errors={hostErrors.lux} />
        </fieldset>
        <div className="row">
          <button type="submit">{t('optionsSave')}</button>
          <span className={`notice ${status?.kind ?? ''}`} role="status" aria-live="polite">
            {status?.text}
          </span>
        </div>
      </form>
      {props.children}
    </main>
  );
}

/** A list of admin hosts, one per line, with what is wrong with it under the field. */
function HostsField(props: { label: string; value: string; onChange: (v: string) => void; errors: string[] }) {
  const id = useId();
  const errorId = useId();
  const invalid = props.errors.length > 0;
  return (
    <>
      <label htmlFor={id}>{props.label}</label>
      <textarea
        id={id}
        rows={3}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        spellCheck={false}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
      />
      <FieldErrors id={errorId} errors={props.errors} />
    </>
  );
}

function FieldErrors(props: { id: string; errors: string[] }) {
  if (props.errors.length === 0) return null;
  return (
    <ul id={props.id} className="field-errors">
      {props.errors.map((e, i) => (
        <li key={i}>{e}</li>
      ))}
    </ul>
  );
}

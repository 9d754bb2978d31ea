/**
 * The optional live check of a checklist: the operator types the credentials for this check only
 * (Channel ID + Channel secret, a Chatwork token, Zendesk e-mail + token); they are passed to the
 * vendor's official API once, then cleared from the form. Never stored, never sent elsewhere.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Lang } from '@/utils/core/model';
import type { ItemResult } from '@/utils/core/checklists/types';
import type { LiveRequest } from '@/utils/live/run';

type Service = LiveRequest['service'];

const FIELDS: Record<Service, { name: string; ja: string; en: string; secret?: boolean; list?: boolean; initial?: string }[]> = {
  line: [
    { name: 'channelId', ja: 'Channel ID', en: 'Channel ID' },
    { name: 'channelSecret', ja: 'Channel secret', en: 'Channel secret', secret: true },
  ],
  chatwork: [
    { name: 'token', ja: 'APIトークン', en: 'API token', secret: true },
    { name: 'roomIds', ja: '通知先のルームID(カンマ区切り)', en: 'Room ids (comma separated)', list: true },
  ],
  zendesk: [
    { name: 'subdomain', ja: 'サブドメイン', en: 'Subdomain' },
    { name: 'email', ja: 'メールアドレス', en: 'E-mail address' },
    { name: 'token', ja: 'APIトークン', en: 'API token', secret: true },
  ],
};

const TEXT = {
  ja: {
    line: 'LINE Messaging APIで確認',
    chatwork: 'Chatwork APIで確認',
    zendesk: 'Zendesk APIで確認',
    privacy: '入力した値はこの確認のためだけに各サービスの公式APIへ送信し、保存しません。',
    run: '確認する',
    running: '確認中…',
    done: '確認しました({n}項目)。',
    failed: '確認できませんでした。',
  },
  en: {
    line: 'Check with the LINE Messaging API',
    chatwork: 'Check with the Chatwork API',
    zendesk: 'Check with the Zendesk API',
    privacy: "The values are sent only to the service's official API for this check and are not stored.",
    run: 'Check',
    running: 'Checking…',
    done: 'Checked ({n} items).',
    failed: 'The check could not run.',
  },
};

export interface LiveCheckFormProps {
  service: Service;
  lang: Lang;
  /** values from the page that are not secret (room ids, subdomain, e-mail) */
  prefill?: Record<string, string>;
  run: (req: LiveRequest, signal: AbortSignal) => Promise<ItemResult[]>;
  onResults: (results: ItemResult[]) => void;
}

export function LiveCheckForm({ service, lang, prefill = {}, run, onResults }: LiveCheckFormProps) {
  const t = TEXT[lang];
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const values: Record<string, string> = {};
    for (const f of FIELDS[service]) values[f.name] = String(data.get(f.name) ?? '');
    // secrets leave the form at once: they live only in this call
    for (const f of FIELDS[service]) {
      const el = f.secret ? (form.elements.namedItem(f.name) as HTMLInputElement | null) : null;
      if (el) el.value = '';
    }
    const req: LiveRequest =
      service === 'line'
        ? { service, channelId: values.channelId, channelSecret: values.channelSecret }
        : service === 'chatwork'
          ? { service, token: values.token, roomIds: values.roomIds.split(/[,\s、]+/u).filter(Boolean) }
          : { service, subdomain: values.subdomain, email: values.email, token: values.token };
    setBusy(true);
    setStatus(t.running);
    const ac = new AbortController();
    try {
      const results = await run(req, ac.signal);
      onResults(results);
      setStatus(t.done.replace('{n}', String(results.length)));
    } catch {
      setStatus(t.failed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="checklist-live" aria-labelledby={`${id}-h`} aria-busy={busy} onSubmit={submit} autoComplete="off">
      <h3 id={`${id}-h`}>{t[service]}</h3>
      <p className="checklist-fix">{t.privacy}</p>
      {FIELDS[service].map((f) => (
        <p key={f.name}>
          <label htmlFor={`${id}-${f.name}`}>{f[lang]}</label>{' '}
          <input
            id={`${id}-${f.name}`}
            name={f.name}
            type={f.secret ? 'password' : 'text'}
            autoComplete="off"
            spellCheck={false}
            defaultValue={f.secret ? '' : (prefill[f.name] ?? '')}
            required={!f.list}
          />
        </p>
      ))}
      <button type="submit" disabled={busy}>
        {busy ? t.running : t.run}
      </button>
      <p role="status" className="checklist-counts">
        {status}
      </p>
    </form>
  );
}

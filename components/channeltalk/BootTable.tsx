import { useMemo } from 'react';
import type { ChannelTalkPageEvidence } from '@/utils/core/channeltalk/derive';
import { optionTables, type OptionTable } from '@/utils/core/channeltalk/table';
import { createMasker } from '@/utils/core/mask';
import type { Lang } from '@/utils/core/model';
import { useI18n } from '../i18n-context';

const TEXT = {
  ja: {
    heading: 'チャネルトーク',
    snippet: 'インストールスクリプト',
    'sdk-loader': 'SDK ローダー',
    static: 'ページのソース',
    runtime: '実行時',
    key: 'キー',
    value: '値',
    type: '型',
    meaning: '説明',
    noBoot: 'boot の呼び出しは見つかりませんでした。',
    opaque: 'オプションの一部は実行時に決まるため、ソースからは読み取れません。',
    line: '{n} 行目',
    readOnly: '変更できない基本連携データ',
    custom: 'サイト独自の項目',
    masked: '個人情報のため伏せ字で表示しています',
    runTime: '実行時の値',
  },
  en: {
    heading: 'Channel Talk',
    snippet: 'install snippet',
    'sdk-loader': 'SDK loader',
    static: 'page source',
    runtime: 'run time',
    key: 'Key',
    value: 'Value',
    type: 'Type',
    meaning: 'Meaning',
    noBoot: 'No boot call was found.',
    opaque: 'Part of the option is computed at run time and cannot be read from the source.',
    line: 'line {n}',
    readOnly: 'read-only built-in data',
    custom: 'site’s own field',
    masked: 'personal value, masked',
    runTime: 'run-time value',
  },
} as const;

type Text = (typeof TEXT)[Lang];

/**
 * The Channel Talk boot options (and updateUser infos) of one page as readable tables: key,
 * value (masked where personal unless `reveal`), type, and what 001 / the SDK say it means.
 */
export function BootTable(props: { evidence: ChannelTalkPageEvidence | undefined; reveal?: boolean }) {
  const { lang } = useI18n();
  const text = TEXT[lang] ?? TEXT.ja;
  const reveal = props.reveal ?? false;
  // masking for display only: the salt does not matter for masked text
  const tables = useMemo(
    () => (props.evidence ? optionTables(props.evidence.calls, createMasker('display', reveal), lang) : []),
    [props.evidence, reveal, lang],
  );
  if (!props.evidence?.present) return null;
  const ev = props.evidence;
  return (
    <section className="tag-card ct-boot" data-vendor="channeltalk" data-tag-origin={ev.callsOrigin}>
      <h3>
        {text.heading}{' '}
        {ev.forms.map((f) => (
          <span key={f} className="chip">
            {text[f]}
          </span>
        ))}{' '}
        {ev.callsOrigin !== 'none' ? <span className={`chip src-${ev.callsOrigin}`}>{text[ev.callsOrigin]}</span> : null}
      </h3>
      {ev.boots.length === 0 ? <p className="muted">{text.noBoot}</p> : null}
      {tables.map((t, i) => (
        <OptionTableView key={i} table={t} text={text} />
      ))}
    </section>
  );
}

function OptionTableView({ table, text }: { table: OptionTable; text: Text }) {
  const call = table.form === 'sdk-loader' && table.origin === 'static' ? `ChannelService.${table.command}()` : `ChannelIO('${table.command}')`;
  return (
    <table className="keywords ct-options" data-command={table.command}>
      <caption>
        <code>{call}</code> <span className={`chip src-${table.origin}`}>{text[table.origin]}</span>
        {table.line !== undefined ? <span className="muted"> {text.line.replace('{n}', String(table.line))}</span> : null}
        {table.opaque ? <span className="muted"> — {text.opaque}</span> : null}
      </caption>
      <thead>
        <tr>
          <th scope="col">{text.key}</th>
          <th scope="col">{text.value}</th>
          <th scope="col">{text.type}</th>
          <th scope="col">{text.meaning}</th>
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r) => (
          <tr key={r.path} data-key={r.path} data-personal={r.personal ? 'true' : undefined} className={r.depth > 0 ? 'nested' : undefined}>
            <th scope="row">
              <code style={{ paddingLeft: `${r.depth * 1.2}em` }}>{r.path}</code>
            </th>
            <td>
              <code>{r.value}</code>
              {r.personal ? <span className="muted" title={text.masked}> 🔒</span> : null}
            </td>
            <td>
              {r.kind === 'run-time' ? text.runTime : r.kind}
              {r.documentedType && r.documentedType !== r.kind ? <span className="muted"> ({r.documentedType})</span> : null}
            </td>
            <td>
              {r.meaning}
              {r.readOnly ? <span className="chip">{text.readOnly}</span> : null}
              {r.custom ? <span className="muted">{r.meaning ? ' ' : ''}{text.custom}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

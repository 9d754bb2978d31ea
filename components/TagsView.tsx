/**
 * The Tags tab: per page (newest first) what the tag says and what ran, tied to the findings —
 * each tag card shows the findings about it inline, the field a finding is about (「loginKey なし」)
 * is flagged with its severity, and the static (page source) and runtime (probe) views of the same
 * tag are one card with a chip per source. Inside DevTools a source line opens in Sources
 * (`devtools.panels.openResource`); as a tab the button says why it cannot.
 */
import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Finding, LoginState, Page, Severity } from '@/utils/core/model';
import type { OkskyTag } from '@/utils/core/oksky/types';
import type { AnalyzedPage } from '@/utils/core/rules/types';
import { interestingScripts, keywordViews, pageTags, personalValues, scriptSourceLines, shortUrl } from '@/utils/ui/view-model';
import type { ChannelTalkPageEvidence } from '@/utils/core/channeltalk/derive';
import { useI18n } from './i18n-context';
import { Icon, SeverityIcon } from './Icons';

/** DevTools' "open in Sources": resolves when shown, rejects with DevTools' reason */
export type OpenResource = (url: string, line: number) => Promise<void>;

// Channel Talk's table (and its key catalogue) loads only for pages that carry the tag
const BootTable = lazy(() => import('./channeltalk/BootTable').then((m) => ({ default: m.BootTable })));

function channelTalkOf(ap: AnalyzedPage): ChannelTalkPageEvidence | undefined {
  const ev = ap.channeltalk as ChannelTalkPageEvidence | undefined;
  return ev && typeof ev === 'object' && Array.isArray(ev.calls) ? ev : undefined;
}
import { LoginStateControl, type StateChoice } from './LoginStateControl';

export function TagsView(props: {
  pages: AnalyzedPage[];
  /** the captured pages before overrides: their `state` is what inference said */
  rawPages: Page[];
  overrides: Record<string, LoginState>;
  findings: Finding[];
  onStateChange(pageId: string, choice: StateChoice): void;
  focus?: { pageIndex: number; line: number };
  /** inside DevTools only */
  openResource?: OpenResource;
  /** the panel runs in DevTools on this tab: its newest page is the one loaded in the inspected window */
  inspected?: boolean;
}) {
  const { t } = useI18n();
  // what "Open in Sources" answered, per page and script: kept here so that a re-captured page
  // (a new render of its card) still shows it
  const [notes, setNotes] = useState<Record<string, SourceNote>>({});
  if (props.pages.length === 0) return <p className="empty">{t('noPages')}</p>;
  const newest = props.pages[props.pages.length - 1]!;
  const notesOf = { notes, setNote: (key: string, note: SourceNote | undefined) => setNotes((n) => ({ ...n, [key]: note! })) };
  return (
    <section className="view tags-view" aria-label={t('tab_tags')}>
      {[...props.pages].reverse().map((ap) => (
        <PageTags
          key={ap.page.id}
          ap={ap}
          raw={props.rawPages.find((p) => p.id === ap.page.id) ?? ap.page}
          override={props.overrides[ap.page.id]}
          findings={props.findings}
          onStateChange={(c) => props.onStateChange(ap.page.id, c)}
          focusLine={props.focus?.pageIndex === ap.index ? props.focus.line : undefined}
          sources={sourcesFor(props, ap === newest)}
          notes={notesOf}
        />
      ))}
    </section>
  );
}

interface SourceNote {
  kind: 'info' | 'error';
  text: string;
}
type Notes = { notes: Record<string, SourceNote>; setNote(key: string, note: SourceNote | undefined): void };

/** What the "open in Sources" button of a page can do. */
type SourcesAccess = { kind: 'open'; open: OpenResource } | { kind: 'not-devtools' } | { kind: 'other-page' };

function sourcesFor(props: { openResource?: OpenResource; inspected?: boolean }, newest: boolean): SourcesAccess {
  if (!props.openResource || !props.inspected) return { kind: 'not-devtools' };
  return newest ? { kind: 'open', open: props.openResource } : { kind: 'other-page' };
}

/** The findings of one page (a session finding counts on the page it names). */
function pageFindings(findings: Finding[], ap: AnalyzedPage): Finding[] {
  return findings.filter((f) => (f.pageIndex !== undefined ? f.pageIndex === ap.index : f.page === ap.page.url));
}

/** Which field of a tag card a rule is about: the card flags that row. */
const FIELD_RULES: Record<'loginKey' | 'key' | 'widgetHost' | 'keywords' | 'commented' | 'loaders', RegExp> = {
  loginKey: /^oksky\/(loginkey-missing|loginkey-keyword-undefined|linkage-commented-out|linkage-tag-while-logged-out|plain-tag-while-logged-in)$/,
  key: /^oksky\/(key-conflict|key-changed-in-session)$/,
  widgetHost: /^oksky\/(widget-host-mismatch|widget-load-failed|sdk-system-url-format)$/,
  keywords: /^oksky\/login-value-/,
  commented: /^oksky\/linkage-commented-out$/,
  loaders: /^oksky\/duplicate-tag$/,
};
type Field = keyof typeof FIELD_RULES;
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function worst(findings: Finding[]): Severity | undefined {
  return findings.reduce<Severity | undefined>((w, f) => (w === undefined || RANK[f.severity] < RANK[w] ? f.severity : w), undefined);
}

/** One tag as seen in the source and/or at run time. */
interface MergedTag {
  views: OkskyTag[];
}

/** Pairs each runtime tag with the static tag of the same form and global (the same snippet, seen running). */
export function mergeTags(tags: OkskyTag[]): MergedTag[] {
  const merged: MergedTag[] = [];
  for (const tag of tags) {
    const same = merged.find((m) => m.views.every((v) => v.origin !== tag.origin) && m.views[0]!.form === tag.form && (m.views[0]!.global ?? '') === (tag.global ?? ''));
    if (same) same.views.push(tag);
    else merged.push({ views: [tag] });
  }
  return merged;
}

function PageTags(props: {
  ap: AnalyzedPage;
  raw: Page;
  override?: LoginState;
  findings: Finding[];
  onStateChange(c: StateChoice): void;
  focusLine?: number;
  sources: SourcesAccess;
  notes: Notes;
}) {
  const { t } = useI18n();
  const { ap } = props;
  const tags = useMemo(() => mergeTags(pageTags(ap)), [ap]);
  const channelTalk = channelTalkOf(ap);
  const { scripts, highlight } = useMemo(() => interestingScripts(ap, props.findings), [ap, props.findings]);
  const personal = useMemo(() => personalValues(ap), [ap]);
  const mine = useMemo(() => pageFindings(props.findings, ap), [props.findings, ap]);
  const oksky = mine.filter((f) => f.ruleId.startsWith('oksky/'));
  const others = tags.length > 0 ? mine.filter((f) => !f.ruleId.startsWith('oksky/')) : mine;
  const counts = (['error', 'warning', 'info'] as const).map((s) => [s, mine.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const headingId = useId();
  return (
    <article className="page-card" data-page-index={ap.index} aria-labelledby={headingId}>
      <header className="page-head">
        <h2 id={headingId}>
          {t('pageNumber', { n: ap.index + 1 })} <span className="page-url" title={ap.page.url}>{shortUrl(ap.page.url)}</span>
        </h2>
        <span className="page-counts" data-page-errors={mine.filter((f) => f.severity === 'error').length}>
          {counts.length === 0 ? (
            <span className="chip">{t('pageNoProblem')}</span>
          ) : (
            counts.map(([s, n]) => (
              <span key={s} className={`count sev-${s}`}>
                <SeverityIcon severity={s} />
                {t(s === 'error' ? 'countError' : s === 'warning' ? 'countWarning' : 'countInfo', { n })}
              </span>
            ))
          )}
        </span>
        {ap.page.title ? <p className="page-title">{ap.page.title}</p> : null}
        <LoginStateControl page={props.raw} pageNumber={ap.index + 1} override={props.override} onChange={props.onStateChange} />
      </header>
      {tags.map((tag, i) => (
        <TagCard key={i} tag={tag} findings={i === 0 ? oksky : []} />
      ))}
      {channelTalk?.present ? (
        <Suspense fallback={<p className="muted">{t('loading')}</p>}>
          <BootTable evidence={channelTalk} />
        </Suspense>
      ) : null}
      {others.length > 0 ? <InlineFindings findings={others} /> : null}
      {tags.length === 0 && !channelTalk?.present ? <p className="empty">{t('noTags')}</p> : null}
      {ap.oksky.syntaxErrors.length > 0 ? (
        <div className="syntax-errors">
          <h3>{t('syntaxErrors')}</h3>
          <ul>
            {ap.oksky.syntaxErrors.map((e, i) => (
              <li key={i}>
                {t('lineColumn', { line: e.location.line, column: e.location.column })} {e.message}
                {e.smartQuotes ? ` — ${t('smartQuotesNote')}` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {scripts.map((s) => (
        <SourceBlock key={s} page={ap.page} script={s} highlight={highlight} personal={personal} focusLine={props.focusLine} sources={props.sources} notes={props.notes} />
      ))}
    </article>
  );
}

/** Findings listed where they apply: severity as icon and text, title, rule id. */
function InlineFindings({ findings }: { findings: Finding[] }) {
  const { t } = useI18n();
  return (
    <ul className="inline-findings" aria-label={t('tagFindingsLabel')}>
      {findings.map((f, i) => (
        <li key={i} className={`inline-finding sev-${f.severity}`} data-rule-ref={f.ruleId} data-severity={f.severity}>
          <SeverityIcon severity={f.severity} />
          <span className="row-sev-text">{t(`severity_${f.severity}`)}</span> <span>{f.title}</span> <code className="row-rule">{f.ruleId}</code>
        </li>
      ))}
    </ul>
  );
}

function TagCard({ tag, findings }: { tag: MergedTag; findings: Finding[] }) {
  const { t } = useI18n();
  const [first] = tag.views;
  const about = (field: Field) => findings.filter((f) => FIELD_RULES[field].test(f.ruleId));
  const placed = new Set<Finding>();
  const field = (name: Field) => {
    const fs = about(name);
    for (const f of fs) placed.add(f);
    return fs;
  };
  /** one value per source when the views disagree, else the value once */
  const values = (pick: (v: OkskyTag) => string | undefined) => {
    const vs = tag.views.map((v) => ({ origin: v.origin, value: pick(v) }));
    return vs.every((v) => v.value === vs[0]!.value) ? [{ origin: undefined, value: vs[0]!.value }] : vs;
  };
  const keywords = tag.views.flatMap((v) => keywordViews(v).map((k) => ({ ...k, origin: v.origin })));
  const shownKeywords = keywords.filter((k, i) => keywords.findIndex((o) => o.name === k.name && o.value === k.value) === i);
  const loginKeyFindings = field('loginKey');
  const rows: { label: string; values: { origin?: string; value?: string }[]; flagged: Finding[]; name: string }[] = [
    ...(first!.global ? [{ name: 'global', label: t('tagGlobal'), values: values((v) => v.global), flagged: [] }] : []),
    { name: 'widgetHost', label: t('tagWidgetHost'), values: values((v) => v.widgetHost ?? '—'), flagged: field('widgetHost') },
    { name: 'key', label: t('tagKey'), values: values((v) => (v.keys.length > 1 ? v.keys.join(' / ') : (v.key ?? '—'))), flagged: field('key') },
    { name: 'loginKey', label: t('tagLoginKey'), values: values((v) => (v.loginKeys.length ? v.loginKeys.join(', ') : t('none'))), flagged: loginKeyFindings },
  ];
  if (tag.views.some((v) => v.loaderCount > 1)) rows.push({ name: 'loaders', label: t('tagLoaderCount'), values: values((v) => String(v.loaderCount)), flagged: field('loaders') });
  if (tag.views.some((v) => v.commentedCalls.length > 0))
    rows.push({ name: 'commented', label: t('tagCommented'), values: values((v) => String(v.commentedCalls.length)), flagged: field('commented').filter((f) => !loginKeyFindings.includes(f)) });
  const keywordFindings = field('keywords');
  const rest = findings.filter((f) => !placed.has(f));
  return (
    <section className="tag-card" data-tag-origin={tag.views.map((v) => v.origin).join(' ')} data-tag-form={first!.form}>
      <h3>
        OK SKY <span className="chip">{t(`form_${first!.form}`)}</span>
        {tag.views.map((v) => (
          <span key={v.origin} className={`chip src-${v.origin}`} data-tag-source={v.origin}>
            {t(`source_${v.origin}`)}
          </span>
        ))}
      </h3>
      <dl className="kv">
        {rows.map((r) => (
          <Item key={r.name} name={r.name} label={r.label} values={r.values} flagged={r.flagged} />
        ))}
      </dl>
      {shownKeywords.length > 0 ? (
        <table className="keywords">
          <caption>
            {t('keywordsCaption')}
            {keywordFindings.length > 0 ? <Flags findings={keywordFindings} /> : null}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('keywordName')}</th>
              <th scope="col">{t('keywordValue')}</th>
            </tr>
          </thead>
          <tbody>
            {shownKeywords.map((k, i) => (
              <tr key={i} className={k.identifying ? 'identifying' : undefined}>
                <td>
                  <code>{k.name}</code>
                  {k.identifying ? <span className="chip">{t('identifying')}</span> : null}
                </td>
                <td>
                  {tag.views.length > 1 ? <span className={`chip src-${k.origin}`}>{t(`source_${k.origin}`)}</span> : null}
                  <code>{k.value}</code> <span className="muted">{k.kind}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t('noKeywords')}</p>
      )}
      {rest.length > 0 ? <InlineFindings findings={rest} /> : null}
    </section>
  );
}

/** The findings about a field, beside its value: severity icon and text, then the title. */
function Flags({ findings }: { findings: Finding[] }) {
  const { t } = useI18n();
  return (
    <span className="flags">
      {findings.map((f, i) => (
        <span key={i} className={`flag sev-${f.severity}`} data-rule-ref={f.ruleId} data-severity={f.severity}>
          <SeverityIcon severity={f.severity} />
          <span className="row-sev-text">{t(`severity_${f.severity}`)}</span> {f.title}
        </span>
      ))}
    </span>
  );
}

function Item({ name, label, values, flagged }: { name: string; label: string; values: { origin?: string; value?: string }[]; flagged: Finding[] }) {
  const { t } = useI18n();
  const sev = worst(flagged);
  return (
    <div className={sev ? `flagged sev-${sev}` : undefined} data-field={name} data-flagged={sev}>
      <dt>{label}</dt>
      <dd>
        {values.map((v, i) => (
          <span key={i} className="kv-value">
            {v.origin ? <span className={`chip src-${v.origin}`}>{t(`source_${v.origin as 'static' | 'runtime'}`)}</span> : null}
            <code>{v.value ?? '—'}</code>
          </span>
        ))}
        {flagged.length > 0 ? <Flags findings={flagged} /> : null}
      </dd>
    </div>
  );
}

function SourceBlock(props: { page: Page; script: number; highlight: Set<number>; personal: string[]; focusLine?: number; sources: SourcesAccess; notes: Notes }) {
  const { t } = useI18n();
  const lines = useMemo(
    () => scriptSourceLines(props.page, props.script, props.highlight, props.personal),
    [props.page, props.script, props.highlight, props.personal],
  );
  const focusRef = useRef<HTMLLIElement>(null);
  const noteKey = `${props.page.url}#${props.script}`;
  const note = props.notes.notes[noteKey];
  const setNote = (n: SourceNote | undefined) => props.notes.setNote(noteKey, n);
  const noteId = useId();
  useEffect(() => {
    // the jump from a finding lands here: the line is shown and takes the focus (never lost to <body>)
    const el = focusRef.current;
    if (!el) return;
    el.scrollIntoView?.({ block: 'center' });
    el.focus({ preventScroll: true });
  }, [props.focusLine]);
  if (lines.length === 0) return null;
  const target = lines.find((l) => l.line === props.focusLine) ?? lines.find((l) => l.highlighted) ?? lines[0]!;
  const open = () => {
    const s = props.sources;
    if (s.kind === 'not-devtools') return setNote({ kind: 'info', text: t('openInSourcesUnavailable') });
    if (s.kind === 'other-page') return setNote({ kind: 'info', text: t('openInSourcesOtherPage') });
    // said at once: DevTools does not always answer an openResource that succeeded
    setNote({ kind: 'info', text: t('openInSourcesDone', { line: target.line }) });
    s.open(props.page.url, target.line).then(
      () => undefined,
      (e: unknown) => setNote({ kind: 'error', text: t('openInSourcesFailed', { detail: e instanceof Error ? e.message.slice(0, 200) : String(e).slice(0, 200) }) }),
    );
  };
  const available = props.sources.kind === 'open';
  return (
    <figure className="source">
      <figcaption>
        <span>{t('sourceCaption', { n: props.script + 1, line: lines[0]!.line })}</span>
        <button
          type="button"
          className="icon-text-button"
          onClick={open}
          aria-disabled={available ? undefined : 'true'}
          aria-describedby={note ? noteId : undefined}
          title={available ? t('openInSourcesHelp', { line: target.line }) : t(props.sources.kind === 'other-page' ? 'openInSourcesOtherPage' : 'openInSourcesUnavailable')}
          data-open-resource={props.sources.kind}
          data-line={target.line}
        >
          <Icon name="source" />
          {t('openInSources')}
        </button>
        {note ? (
          <span id={noteId} className={`source-note ${note.kind}`} role={note.kind === 'error' ? 'alert' : 'status'}>
            {note.text}
          </span>
        ) : null}
      </figcaption>
      <ol className="source-lines" tabIndex={0} aria-label={t('sourceCaption', { n: props.script + 1, line: lines[0]!.line })}>
        {lines.map((l) => (
          <li
            key={l.line}
            ref={l.line === props.focusLine ? focusRef : undefined}
            tabIndex={l.line === props.focusLine ? -1 : undefined}
            className={l.highlighted ? 'hl' : undefined}
            data-line={l.line}
            data-highlighted={l.highlighted ? 'true' : undefined}
            data-focused={l.line === props.focusLine ? 'true' : undefined}
          >
            <span className="ln" aria-hidden="true">
              {l.line}
            </span>
            <code>{l.text || ' '}</code>
          </li>
        ))}
      </ol>
    </figure>
  );
}

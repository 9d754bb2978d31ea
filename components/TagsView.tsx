import { lazy, Suspense, useEffect, useMemo, useRef } from 'react';
import type { Finding, LoginState, Page } from '@/utils/core/model';
import type { OkskyTag } from '@/utils/core/oksky/types';
import type { AnalyzedPage } from '@/utils/core/rules/types';
import { interestingScripts, keywordViews, pageTags, personalValues, scriptSourceLines, shortUrl } from '@/utils/ui/view-model';
import type { ChannelTalkPageEvidence } from '@/utils/core/channeltalk/derive';
import { useI18n } from './i18n-context';

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
}) {
  const { t } = useI18n();
  if (props.pages.length === 0) return <p className="empty">{t('noPages')}</p>;
  return (
    <section className="view tags-view">
      {props.pages.map((ap) => (
        <PageTags
          key={ap.page.id}
          ap={ap}
          raw={props.rawPages.find((p) => p.id === ap.page.id) ?? ap.page}
          override={props.overrides[ap.page.id]}
          findings={props.findings}
          onStateChange={(c) => props.onStateChange(ap.page.id, c)}
          focusLine={props.focus?.pageIndex === ap.index ? props.focus.line : undefined}
        />
      ))}
    </section>
  );
}

function PageTags(props: {
  ap: AnalyzedPage;
  raw: Page;
  override?: LoginState;
  findings: Finding[];
  onStateChange(c: StateChoice): void;
  focusLine?: number;
}) {
  const { t } = useI18n();
  const { ap } = props;
  const tags = pageTags(ap);
  const channelTalk = channelTalkOf(ap);
  const { scripts, highlight } = useMemo(() => interestingScripts(ap, props.findings), [ap, props.findings]);
  const personal = useMemo(() => personalValues(ap), [ap]);
  return (
    <article className="page-card" data-page-index={ap.index}>
      <header className="page-head">
        <h2>
          {t('pageNumber', { n: ap.index + 1 })} <span className="page-url" title={ap.page.url}>{shortUrl(ap.page.url)}</span>
        </h2>
        {ap.page.title ? <p className="page-title">{ap.page.title}</p> : null}
        <LoginStateControl page={props.raw} pageNumber={ap.index + 1} override={props.override} onChange={props.onStateChange} />
      </header>
      {tags.map((tag, i) => (
        <TagCard key={i} tag={tag} />
      ))}
      {channelTalk?.present ? (
        <Suspense fallback={<p className="muted">{t('loading')}</p>}>
          <BootTable evidence={channelTalk} />
        </Suspense>
      ) : null}
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
        <SourceBlock key={s} page={ap.page} script={s} highlight={highlight} personal={personal} focusLine={props.focusLine} />
      ))}
    </article>
  );
}

function TagCard({ tag }: { tag: OkskyTag }) {
  const { t } = useI18n();
  const keywords = keywordViews(tag);
  return (
    <section className="tag-card" data-tag-origin={tag.origin} data-tag-form={tag.form}>
      <h3>
        OK SKY <span className="chip">{t(`form_${tag.form}`)}</span> <span className={`chip src-${tag.origin}`}>{t(`source_${tag.origin}`)}</span>
      </h3>
      <dl className="kv">
        {tag.global ? <Item label={t('tagGlobal')} value={tag.global} /> : null}
        <Item label={t('tagWidgetHost')} value={tag.widgetHost ?? '—'} />
        <Item label={t('tagKey')} value={tag.keys.length > 1 ? tag.keys.join(' / ') : (tag.key ?? '—')} />
        <Item label={t('tagLoginKey')} value={tag.loginKeys.length ? tag.loginKeys.join(', ') : t('none')} />
        {tag.loaderCount > 1 ? <Item label={t('tagLoaderCount')} value={String(tag.loaderCount)} /> : null}
        {tag.commentedCalls.length > 0 ? <Item label={t('tagCommented')} value={String(tag.commentedCalls.length)} /> : null}
      </dl>
      {keywords.length > 0 ? (
        <table className="keywords">
          <caption>{t('keywordsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('keywordName')}</th>
              <th scope="col">{t('keywordValue')}</th>
            </tr>
          </thead>
          <tbody>
            {keywords.map((k, i) => (
              <tr key={i} className={k.identifying ? 'identifying' : undefined}>
                <td>
                  <code>{k.name}</code>
                  {k.identifying ? <span className="chip">{t('identifying')}</span> : null}
                </td>
                <td>
                  <code>{k.value}</code> <span className="muted">{k.kind}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t('noKeywords')}</p>
      )}
    </section>
  );
}

function Item({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <code>{value}</code>
      </dd>
    </div>
  );
}

function SourceBlock(props: { page: Page; script: number; highlight: Set<number>; personal: string[]; focusLine?: number }) {
  const { t } = useI18n();
  const lines = useMemo(
    () => scriptSourceLines(props.page, props.script, props.highlight, props.personal),
    [props.page, props.script, props.highlight, props.personal],
  );
  const focusRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    focusRef.current?.scrollIntoView?.({ block: 'center' });
  }, [props.focusLine]);
  if (lines.length === 0) return null;
  return (
    <figure className="source">
      <figcaption>{t('sourceCaption', { n: props.script + 1, line: lines[0]!.line })}</figcaption>
      <ol className="source-lines">
        {lines.map((l) => (
          <li
            key={l.line}
            ref={l.line === props.focusLine ? focusRef : undefined}
            className={l.highlighted ? 'hl' : undefined}
            data-line={l.line}
            data-highlighted={l.highlighted ? 'true' : undefined}
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

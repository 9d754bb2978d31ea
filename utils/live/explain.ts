/**
 * What a live-check failure means and what to do, in Japanese (for support staff) and English.
 */
import type { Lang } from '../core/model';
import type { LiveErrorInfo, LiveService } from './http';

export interface Explained {
  message: string;
  fix: string;
}

const NAMES: Record<LiveService, { ja: string; en: string }> = {
  line: { ja: 'LINE Messaging API', en: 'the LINE Messaging API' },
  chatwork: { ja: 'Chatwork API', en: 'the Chatwork API' },
  zendesk: { ja: 'Zendesk API', en: 'the Zendesk API' },
};

const CREDENTIALS: Record<LiveService, { ja: string; en: string }> = {
  line: { ja: 'Channel IDとChannel secret(LINE Official Account Manager > 設定 > Messaging API に表示されている値)', en: 'the Channel ID and Channel secret (shown in LINE Official Account Manager > Settings > Messaging API)' },
  chatwork: { ja: 'ChatworkのAPIトークン(Chatworkの「サービス連携」>「APIトークン」で確認できます)', en: 'the Chatwork API token (Chatwork › Service integration › API token)' },
  zendesk: { ja: 'Zendeskのサブドメイン・メールアドレス・APIトークン', en: 'the Zendesk subdomain, e-mail address and API token' },
};

export function explainLiveError(err: LiveErrorInfo, lang: Lang): Explained {
  const n = NAMES[err.service][lang];
  const c = CREDENTIALS[err.service][lang];
  const wait = err.retryAfterSec;
  const detail = err.detail ? (lang === 'ja' ? `(${err.detail})` : ` (${err.detail})`) : '';
  const ja = lang === 'ja';
  switch (err.kind) {
    case 'invalid-input':
      return ja
        ? { message: `入力された値の形式が正しくないため、${n}に問い合わせませんでした。${detail}`, fix: `${c}を確認して入力し直してください。` }
        : { message: `The values entered have the wrong format, so ${n} was not called.${detail}`, fix: `Check ${c} and enter them again.` };
    case 'bad-credentials':
    case 'unauthorized':
      return ja
        ? { message: `${n}の認証に失敗しました(HTTP ${err.status ?? 401})。${detail}`, fix: `${c}が正しいか確認してください。再発行した場合は新しい値を使ってください。` }
        : { message: `${n} rejected the credentials (HTTP ${err.status ?? 401}).${detail}`, fix: `Check ${c}; after re-issuing, use the new value.` };
    case 'forbidden':
      return ja
        ? {
            message: `${n}へのアクセスが拒否されました(HTTP 403)。${detail}`,
            fix:
              err.service === 'zendesk'
                ? 'Zendeskの管理画面でAPIトークンによるアクセスが有効になっているか、またアカウントの権限を確認してください。'
                : `${c}の権限を確認してください。`,
          }
        : {
            message: `${n} refused access (HTTP 403).${detail}`,
            fix: err.service === 'zendesk' ? "Check that token access is enabled in Zendesk's admin settings and the account's role." : `Check the permissions of ${c}.`,
          };
    case 'not-found':
      return ja
        ? { message: `${n}で対象が見つかりませんでした(HTTP 404)。${detail}`, fix: err.service === 'zendesk' ? 'サブドメインが正しいか(https://〇〇〇〇.zendesk.com の〇〇〇〇)確認してください。' : '設定値(IDやURL)が正しいか確認してください。' }
        : { message: `${n} did not find it (HTTP 404).${detail}`, fix: err.service === 'zendesk' ? 'Check the subdomain (the 〇〇〇〇 of https://〇〇〇〇.zendesk.com).' : 'Check the configured ids and URLs.' };
    case 'rate-limited':
      return ja
        ? {
            message: `${n}の利用制限にかかりました${err.status ? '(HTTP 429)' : ''}。${err.service === 'chatwork' ? 'ChatworkのAPIは5分間に300回までです。' : ''}`,
            fix: wait ? `${wait}秒ほど待ってから、もう一度確認してください(自動では再試行しません)。` : 'しばらく待ってから、もう一度確認してください(自動では再試行しません)。',
          }
        : {
            message: `${n} rate limit reached${err.status ? ' (HTTP 429)' : ''}.${err.service === 'chatwork' ? ' Chatwork allows 300 calls per 5 minutes.' : ''}`,
            fix: wait ? `Wait about ${wait} seconds, then check again (no automatic retry).` : 'Wait a while, then check again (no automatic retry).',
          };
    case 'timeout':
      return ja
        ? { message: `${n}から時間内に応答がありませんでした。`, fix: 'ネットワークの状態を確認し、少し待ってからもう一度確認してください。' }
        : { message: `${n} did not answer in time.`, fix: 'Check the network and try again a little later.' };
    case 'aborted':
      return ja ? { message: '確認を中止しました。', fix: 'もう一度確認してください。' } : { message: 'The check was cancelled.', fix: 'Run the check again.' };
    case 'network':
      return ja
        ? { message: `${n}に接続できませんでした。`, fix: 'ネットワーク接続、プロキシやセキュリティソフトの設定、ZendeskのサブドメインやURLを確認してください。' }
        : { message: `Could not connect to ${n}.`, fix: 'Check the network connection, proxy or security software, and the subdomain or URL.' };
    case 'server':
      return ja
        ? { message: `${n}側でエラーが発生しました(HTTP ${err.status ?? 500})。`, fix: `${wait ? `${wait}秒ほど` : 'しばらく'}待ってから、もう一度確認してください。続く場合は各サービスの障害情報をご確認ください。` }
        : { message: `${n} had an error (HTTP ${err.status ?? 500}).`, fix: `Wait ${wait ? `about ${wait} seconds` : 'a while'} and try again; if it persists, check the service's status page.` };
    case 'bad-response':
      return ja
        ? { message: `${n}から想定外の応答がありました。${detail}`, fix: 'URLの設定(テスト用のURLになっていないか)を確認し、もう一度確認してください。' }
        : { message: `${n} gave an unexpected answer.${detail}`, fix: 'Check the configured URL and try again.' };
    default:
      return ja
        ? { message: `${n}がエラーを返しました(HTTP ${err.status ?? '?'})。${detail}`, fix: `${c}と設定値を確認してください。` }
        : { message: `${n} returned an error (HTTP ${err.status ?? '?'}).${detail}`, fix: `Check ${c} and the settings.` };
  }
}

/**
 * What each settings page contributes to the cross-page evidence: the values another page
 * compares with (Webhook URL, ⑥–⑨, the channel ids LINE shows).
 */
import { cleanValue } from './checks';
import { developersChannelType } from './ecai-line-connect';
import type { Capture, CaptureKey, EvalContext } from './types';
import { findField, isHiddenValue, type KnownField } from './vocabulary';

function take(ctx: EvalContext, out: Capture[], key: CaptureKey, field: KnownField): void {
  const f = findField(ctx.page, field);
  if (!f) return;
  const v = cleanValue(f.value);
  if (!v || isHiddenValue(v)) return;
  out.push({ key, value: v });
}

export function capturePage(ctx: EvalContext): Capture[] {
  const out: Capture[] = [];
  switch (ctx.pageId) {
    case 'ecai-line-account':
      take(ctx, out, 'ecai.channelId', 'channelId');
      take(ctx, out, 'ecai.channelSecret', 'channelSecret');
      take(ctx, out, 'ecai.loginChannelId', 'loginChannelId');
      take(ctx, out, 'ecai.loginChannelSecret', 'loginChannelSecret');
      take(ctx, out, 'ecai.webhookUrl', 'webhookUrl');
      break;
    case 'oam-messaging-api':
      take(ctx, out, 'line.messagingApiChannelId', 'channelId');
      take(ctx, out, 'line.messagingApiChannelSecret', 'channelSecret');
      take(ctx, out, 'line.webhookUrl', 'webhookUrl');
      break;
    case 'developers-channel': {
      const type = developersChannelType(ctx);
      if (type === 'login') {
        take(ctx, out, 'line.loginChannelId', 'channelId');
        take(ctx, out, 'line.loginChannelSecret', 'channelSecret');
      } else if (type === 'messaging-api') {
        take(ctx, out, 'line.messagingApiChannelId', 'channelId');
        take(ctx, out, 'line.messagingApiChannelSecret', 'channelSecret');
        take(ctx, out, 'line.webhookUrl', 'webhookUrl');
      }
      break;
    }
    default:
      break;
  }
  return out;
}

/** Small valid snapshots for the companion tests (the project's Snapshot schema). */
import type { Snapshot } from '../../utils/core/snapshot';

export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    tool: { name: 'renkei-doctor', version: '0.1.0' },
    schemaVersion: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    env: 'staging',
    site: 'shop.example.jp',
    lang: 'ja',
    saltId: 'a1b2c3d4',
    pages: [
      {
        url: 'https://shop.example.jp/mypage',
        state: 'logged-in',
        tags: [
          {
            vendor: 'oksky',
            form: 'queue',
            origin: 'static',
            global: 'OkskyChat',
            key: 'shop',
            keys: ['key', 'loginKey', 'customer_id'],
            loginKeys: ['customer_id'],
            keywords: [{ name: 'customer_id', kind: 'string', value: { masked: 'A1****93', fingerprint: 'fp:0123456789abcdef' } }],
            linkage: true,
          },
        ],
      },
    ],
    requests: [],
    findings: [
      {
        ruleId: 'oksky/loginkey-missing',
        severity: 'error',
        title: 'loginKey がありません',
        message: '会員情報連携には loginKey が必要です。',
        fix: 'OkskyChat("loginKey", "customer_id") を追加してください。',
        evidence: [{ source: 'static', text: 'OkskyChat("key", "shop")' }],
      },
    ],
    summary: { errors: 1, warnings: 0, infos: 0 },
    ...over,
  };
}

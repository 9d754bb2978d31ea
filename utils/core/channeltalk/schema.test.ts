import { describe, expect, it } from 'vitest';
import {
  BUILTIN_KEYS,
  BootOption,
  CHANNELTALK_COMMANDS,
  ChannelTalkRuntimeCall,
  OPTION_FIELDS,
  PROFILE_KEYS,
  UpdateUserInfo,
  isPersonalKey,
  isReadOnlyProfileKey,
  isWriteOnceProfileKey,
} from './schema';

/** The SDK loader's own type declarations (the same text as the official index.d.ts). */
const dts = Object.values(
  import.meta.glob('/node_modules/@channel.io/channel-web-sdk-loader/dist/index.d.ts', { query: '?raw', import: 'default', eager: true }),
)[0] as string;

function interfaceFields(name: string): string[] {
  const m = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(dts);
  expect(m, `interface ${name} in index.d.ts`).not.toBeNull();
  const body = m![1].replace(/\/\*\*[\s\S]*?\*\//g, '');
  return [...body.matchAll(/^\s*([A-Za-z]+)\??:/gm)].map((x) => x[1]).sort();
}

describe('the zod model follows the SDK types field for field', () => {
  it('BootOption', () => {
    expect(Object.keys(BootOption.shape).sort()).toEqual(interfaceFields('BootOption'));
  });

  it('UpdateUserInfo', () => {
    expect(Object.keys(UpdateUserInfo.shape).sort()).toEqual(interfaceFields('UpdateUserInfo'));
  });

  it('the commands are the functions the loader exports (besides loadScript)', () => {
    const fns = [...dts.matchAll(/export declare function (\w+)\(/g)].map((m) => m[1]).filter((f) => f !== 'loadScript');
    expect([...CHANNELTALK_COMMANDS].sort()).toEqual(fns.sort());
  });

  it('every documented option has a meaning in both languages', () => {
    for (const f of [...interfaceFields('BootOption'), ...interfaceFields('UpdateUserInfo')]) {
      expect(OPTION_FIELDS[f], f).toBeDefined();
      expect(OPTION_FIELDS[f].meaning.ja).toMatch(/[ぁ-んァ-ヶ一-龠]/);
      expect(OPTION_FIELDS[f].meaning.en).not.toBe('');
    }
  });
});

describe('BootOption / UpdateUserInfo', () => {
  it('accepts the install guide boot and keeps unknown keys', () => {
    const ok = BootOption.safeParse({ pluginKey: 'k', memberId: 'M1', profile: { email: 'a@example.jp', points: 3, tags: ['a'], vip: true, memo: null }, legacy: 1 });
    expect(ok.success).toBe(true);
    expect(ok.data).toHaveProperty('legacy', 1);
  });

  it('rejects what the types forbid', () => {
    expect(BootOption.safeParse({ memberId: 'M1' }).success).toBe(false);
    expect(BootOption.safeParse({ pluginKey: 'k', zIndex: '10' }).success).toBe(false);
    expect(BootOption.safeParse({ pluginKey: 'k', appearance: 'blue' }).success).toBe(false);
    expect(BootOption.safeParse({ pluginKey: 'k', profile: { address: { city: 'x' } } }).success).toBe(false);
    expect(UpdateUserInfo.safeParse({ tags: null, profile: null }).success).toBe(true);
    expect(UpdateUserInfo.safeParse({ tags: [1] }).success).toBe(false);
  });

  it('the runtime evidence shape is a channeltalk TagCall from the probe', () => {
    const call = { vendor: 'channeltalk', form: 'snippet', name: 'boot', args: [{ kind: 'object', entries: [] }, { kind: 'function' }], global: 'ChannelIO', origin: 'runtime', time: 1 };
    expect(ChannelTalkRuntimeCall.safeParse(call).success).toBe(true);
    expect(ChannelTalkRuntimeCall.safeParse({ ...call, vendor: 'oksky' }).success).toBe(false);
    expect(ChannelTalkRuntimeCall.safeParse({ ...call, origin: 'static' }).success).toBe(false);
  });
});

describe("001's tables", () => {
  it('has every built-in key (29) and profile key (11) with Japanese names', () => {
    expect(BUILTIN_KEYS).toHaveLength(29);
    expect(PROFILE_KEYS).toHaveLength(11);
    for (const k of [...BUILTIN_KEYS, ...PROFILE_KEYS]) expect(k.label.ja.trim()).not.toBe('');
    expect(PROFILE_KEYS.find((k) => k.key === 'lastCheckoutCompletedAt')).toMatchObject({ type: 'Date', label: { ja: '最近注文時間' } });
  });

  it('read-only, write-once and personal keys', () => {
    for (const k of ['lastSeenAt', 'sessionsCount', 'createdAt', 'updatedAt', 'id', 'web.device', 'mobile.appName']) expect(isReadOnlyProfileKey(k), k).toBe(true);
    for (const k of ['email', 'lastCheckoutCompletedAt', 'memberRank', 'website']) expect(isReadOnlyProfileKey(k), k).toBe(false);
    for (const k of ['referrer', 'utmSource', 'utmMedium', 'utmCampaign', 'utmContent', 'utmTerm']) expect(isWriteOnceProfileKey(k), k).toBe(true);
    expect(isWriteOnceProfileKey('email')).toBe(false);
    for (const k of ['memberId', 'memberHash', 'email', 'mobileNumber', 'name', 'e_mail', 'tel', 'fullName', '氏名', '電話番号']) expect(isPersonalKey(k), k).toBe(true);
    for (const k of ['pluginKey', 'memberRank', 'utmSource']) expect(isPersonalKey(k), k).toBe(false);
  });
});

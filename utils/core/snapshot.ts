/**
 * The snapshot: the redacted record of one page or session. It is exactly the JSON that
 * `renkei analyze --format json` and `renkei check --format json` print, what the extension
 * exports, what `renkei compare` reads and what the companion API stores. One schema.
 *
 * No field can hold a clear personal value or secret: personal values are MaskedValue without
 * `clear` (zod strips unknown keys on parse).
 */
import { z } from 'zod';
import { EvidenceSource, Finding, InputLimit, LoginState, Summary } from './model';

export const SNAPSHOT_SCHEMA_VERSION = 1;

export const StoredMaskedValue = z.object({
  masked: z.string().max(64),
  fingerprint: z.string().regex(/^fp:[0-9a-f]{8,64}$/),
});
export type StoredMaskedValue = z.infer<typeof StoredMaskedValue>;

export const SnapshotKeyword = z.object({
  name: z.string().max(200),
  /** the value, masked with its fingerprint; absent when not constant (computed at run time) */
  value: StoredMaskedValue.optional(),
  /** what kind of value: string, number, unknown (run-time expression), empty, placeholder */
  kind: z.string().max(32),
});

export const SnapshotOkskyTag = z.object({
  vendor: z.literal('oksky'),
  form: z.enum(['queue', 'sdk']),
  origin: EvidenceSource,
  global: z.string().max(200).optional(),
  widgetUrl: z.string().max(2048).optional(),
  widgetHost: z.string().max(255).optional(),
  key: z.string().max(200).optional(),
  keys: z.array(z.string().max(200)).max(50),
  loginKeys: z.array(z.string().max(200)).max(50),
  keywords: z.array(SnapshotKeyword).max(200),
  /** the tag sends linkage (a loginKey and a value, or SDK `login` with entries) */
  linkage: z.boolean(),
});

/** Channel Talk's tag summary (the Channel Talk issue refines its fields). */
export const SnapshotChannelTalkTag = z.object({
  vendor: z.literal('channeltalk'),
  form: z.enum(['snippet', 'sdk-loader']),
  origin: EvidenceSource,
  pluginKey: z.string().max(200).optional(),
  memberId: StoredMaskedValue.optional(),
  hasMemberHash: z.boolean().optional(),
  profileKeys: z.array(z.string().max(200)).max(500).optional(),
  /** what memberId is: string, number, unknown (run-time expression), empty, placeholder, absent */
  memberIdKind: z.string().max(32).optional(),
  /** the ChannelIO commands the page ran (or its source calls), in first-seen order */
  commands: z.array(z.string().max(100)).max(50).optional(),
  /** how many `boot` calls */
  bootCount: z.number().int().min(0).optional(),
});

export const SnapshotTag = z.discriminatedUnion('vendor', [SnapshotOkskyTag, SnapshotChannelTalkTag]);
export type SnapshotTag = z.infer<typeof SnapshotTag>;

export const SnapshotPage = z.object({
  url: z.string().max(4096),
  state: LoginState,
  stateSource: z.enum(['explicit', 'inferred']).optional(),
  stateHints: z.array(z.string().max(200)).max(20).optional(),
  tags: z.array(SnapshotTag).max(50),
});
export type SnapshotPage = z.infer<typeof SnapshotPage>;

export const SnapshotRequest = z.object({
  url: z.string().max(4096),
  method: z.string().max(16),
  kind: z.string().max(32),
  status: z.number().int().optional(),
  error: z.string().max(500).optional(),
  time: z.number().optional(),
  pageIndex: z.number().int().optional(),
  /** `/login` requests: the decoded query, values masked */
  query: z
    .object({
      status: z.enum(['ok', 'empty', 'absent', 'unreadable']),
      format: z.enum(['object', 'json-string', 'form']).optional(),
      entries: z.array(z.object({ key: z.string().max(200), value: StoredMaskedValue })).max(200),
    })
    .optional(),
});
export type SnapshotRequest = z.infer<typeof SnapshotRequest>;

const StoredLocalized = z.object({ ja: z.string().max(1_000), en: z.string().max(1_000) });

/** What a bound skipped (InputLimit, model.ts) with its sentence in both languages. */
export const SnapshotLimit = InputLimit.extend({
  /** the page it is about (absent: the whole session) */
  pageIndex: z.number().int().min(0).optional(),
  detail: StoredLocalized,
});
export type SnapshotLimit = z.infer<typeof SnapshotLimit>;

/** The verdict (verdict.ts): empty / no-tag / clear / problems, in both languages. */
export const SnapshotVerdict = z.object({
  kind: z.enum(['empty', 'no-tag', 'clear', 'problems']),
  vendors: z.array(z.object({ vendor: z.enum(['oksky', 'channeltalk']), found: z.boolean(), where: z.array(EvidenceSource).max(3) })).max(10),
  lookedAt: z.array(EvidenceSource).max(3),
  limited: z.boolean(),
  limits: z.array(z.object({ what: z.string().max(64), detail: StoredLocalized })).max(200),
  passed: z.array(z.object({ ruleId: z.string().max(200), title: StoredLocalized })).max(500),
  headline: StoredLocalized,
});
export type SnapshotVerdict = z.infer<typeof SnapshotVerdict>;

export const Snapshot = z.object({
  tool: z.object({ name: z.literal('renkei-doctor'), version: z.string().max(50) }),
  schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION).default(SNAPSHOT_SCHEMA_VERSION),
  createdAt: z.string().max(40).optional(),
  /** environment label: staging, production, or custom */
  env: z.string().max(100).optional(),
  /** the site (host) the snapshot is about */
  site: z.string().max(255).optional(),
  lang: z.enum(['ja', 'en']).optional(),
  /** public id of the fingerprint salt: fingerprints of two snapshots are comparable when equal */
  saltId: z.string().max(16).optional(),
  pages: z.array(SnapshotPage).max(500),
  requests: z.array(SnapshotRequest).max(5000),
  findings: z.array(Finding).max(5000),
  summary: Summary,
  /** what the bounds skipped (absent: everything was read, or an older snapshot) */
  limits: z.array(SnapshotLimit).max(200).optional(),
  /** the one-line verdict and the checks that passed (absent in older snapshots) */
  verdict: SnapshotVerdict.optional(),
});
export type Snapshot = z.infer<typeof Snapshot>;

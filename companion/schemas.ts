/**
 * The API's payloads. The stored document is the project's one Snapshot schema
 * (utils/core/snapshot.ts); everything else is defined here. OpenAPI is generated from these.
 */
import { z } from '@hono/zod-openapi';
import { Snapshot } from '../utils/core/snapshot';
import { Summary } from '../utils/core/model';

/** no control characters (PostgreSQL text cannot hold NUL; labels are shown to people) */
const label = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
    .regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters');

export const SnapshotId = z.string().regex(/^sn_[A-Za-z0-9_-]{22}$/, 'not a snapshot id');
export const SiteParam = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9.:_-]*$/, 'a host name (letters, digits, . : _ -; IDN hosts in punycode)');
export const ChecklistParam = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'a checklist id (lowercase letters, digits, . _ -)');

export const Issue = z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }).openapi('Issue');
export const ErrorBody = z
  .object({
    error: z.string(),
    message: z.string(),
    message_ja: z.string(),
    issues: z.array(Issue).optional(),
  })
  .openapi('Error');

/**
 * The stored document: the project's Snapshot schema. Rebuilt from its shape with the extended `z`
 * (same fields, same validation) because `.openapi()` exists only on schemas created after
 * @hono/zod-openapi has loaded, and module load order is not ours to choose.
 */
export const SnapshotBody = z.object(Snapshot.shape).openapi('Snapshot');

export const SnapshotMeta = z
  .object({ id: SnapshotId, site: z.string().nullable(), env: z.string().nullable(), createdAt: z.string() })
  .openapi('SnapshotMeta');

export const SnapshotEnvelope = SnapshotMeta.extend({ snapshot: SnapshotBody }).openapi('StoredSnapshot');

export const SnapshotListQuery = z.object({
  site: label(255).optional(),
  env: label(100).optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const SnapshotList = z
  .object({ items: z.array(SnapshotMeta.extend({ summary: Summary.nullable() })), nextCursor: z.string().nullable() })
  .openapi('SnapshotList');

export const CompareQuery = z.object({ a: SnapshotId, b: SnapshotId, lang: z.enum(['ja', 'en']).default('ja') });

export const ChecklistItem = z
  .object({
    id: z.string().min(1).max(100).regex(/^[a-z0-9][a-z0-9._-]*$/, 'an item id'),
    state: z.enum(['pass', 'fail', 'unknown', 'manual-done']),
    note: z.string().max(1000).optional(),
    /** a finding id when failing */
    ruleId: z.string().max(100).optional(),
    /** salted fingerprint of the value seen on the settings page (never the value) */
    fingerprint: z.string().regex(/^fp:[0-9a-f]{8,64}$/).optional(),
    updatedAt: z.string().max(40).optional(),
    by: label(100).optional(),
  })
  .openapi('ChecklistItem');

export const ChecklistPut = z.object({ items: z.array(ChecklistItem).max(500) }).openapi('ChecklistPut');
export const ChecklistState = z
  .object({ items: z.array(ChecklistItem), version: z.number().int().min(0), updatedAt: z.string().nullable() })
  .openapi('ChecklistState');
export const ChecklistConflict = ErrorBody.extend({ current: ChecklistState }).openapi('ChecklistConflict');

export const ShareRequest = z
  .object({ ttlSeconds: z.number().int().min(60).max(30 * 24 * 3600).optional() })
  .openapi('ShareRequest');
export const ShareLink = z.object({ url: z.string(), token: z.string(), expiresAt: z.string() }).openapi('ShareLink');

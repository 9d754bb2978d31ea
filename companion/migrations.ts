/**
 * The one migration list of the companion API. The same SQL runs on the embedded database
 * (PGlite: PostgreSQL compiled to WebAssembly) and on PostgreSQL (`DATABASE_URL`).
 * Append new migrations; never edit or reorder applied ones.
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    id: 1,
    name: 'initial',
    sql: `
CREATE TABLE workspaces (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  created_ms bigint NOT NULL
);
CREATE TABLE tokens (
  hash text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  created_ms bigint NOT NULL,
  revoked_ms bigint
);
CREATE TABLE snapshots (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  site text,
  env text,
  created_ms bigint NOT NULL,
  summary text NOT NULL,
  body text NOT NULL
);
CREATE INDEX snapshots_list ON snapshots (workspace_id, created_ms DESC, id DESC);
CREATE TABLE checklists (
  workspace_id text NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  site text NOT NULL,
  checklist text NOT NULL,
  items text NOT NULL,
  version integer NOT NULL,
  updated_ms bigint NOT NULL,
  PRIMARY KEY (workspace_id, site, checklist)
);
CREATE TABLE shares (
  hash text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  snapshot_id text NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
  created_ms bigint NOT NULL,
  expires_ms bigint NOT NULL
);
CREATE INDEX shares_snapshot ON shares (snapshot_id);
`,
  },
];

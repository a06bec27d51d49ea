-- site_id NULL: the exclusion applies to every site of the workspace.
CREATE TABLE ex_exclusions (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    site_id TEXT NULL,
    kind TEXT NOT NULL,
    pattern TEXT NOT NULL,
    note TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    hit_count INTEGER NOT NULL DEFAULT 0,
    last_hit_at INTEGER NULL,
    created_at INTEGER NOT NULL
);

CREATE INDEX ix_ex_exclusions_workspace ON ex_exclusions (workspace_id, created_at);

CREATE TABLE ws_workspaces (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE ws_users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE ws_members (
    workspace_id TEXT NOT NULL REFERENCES ws_workspaces (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES ws_users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);

CREATE INDEX ix_ws_members_user ON ws_members (user_id);

CREATE TABLE ws_sites (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES ws_workspaces (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    site_key TEXT NOT NULL UNIQUE,
    allowed_origins TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE INDEX ix_ws_sites_workspace ON ws_sites (workspace_id);

-- Installation owners: who set the installation up (first-run's admin). Only they save the installation's channel
-- settings, create workspaces (unless Workspaces:WhoMayCreate says anyone) and see the whole cluster; no workspace
-- role grants it. An existing installation's owners are the Admins of its oldest workspace, the one first-run created.
ALTER TABLE ws_users ADD COLUMN installation_owner BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE ws_users SET installation_owner = TRUE
WHERE id IN (
    SELECT m.user_id FROM ws_members m
    WHERE m.role = 'Admin'
      AND m.workspace_id = (SELECT w.id FROM ws_workspaces w ORDER BY w.created_at, w.id LIMIT 1)
);

-- Someone who already has an account is invited, not attached: they become a member when they accept, signed in.
CREATE TABLE ws_invitations (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES ws_workspaces (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    invited_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (workspace_id, email)
);

CREATE INDEX ix_ws_invitations_email ON ws_invitations (email);

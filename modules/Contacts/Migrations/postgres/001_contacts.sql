-- email is stored lower-case (NULL when the contact has none): it keys duplicates within a workspace.
CREATE TABLE ct_contacts (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NULL,
    mobile TEXT NULL,
    time_zone TEXT NOT NULL,
    csv_delimiter TEXT NOT NULL,
    csv_header BOOLEAN NOT NULL,
    csv_date_format TEXT NOT NULL,
    csv_encoding TEXT NOT NULL,
    preferred_channel TEXT NOT NULL,
    fallback_channels TEXT NOT NULL,
    notes TEXT NOT NULL,
    tags TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE UNIQUE INDEX ux_ct_contacts_email ON ct_contacts (workspace_id, email);
CREATE INDEX ix_ct_contacts_name ON ct_contacts (workspace_id, name);

CREATE TABLE ct_lists (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE INDEX ix_ct_lists_workspace ON ct_lists (workspace_id, name);

-- kind: user, contact or list; position keeps the order the admin gave.
CREATE TABLE ct_list_members (
    list_id TEXT NOT NULL REFERENCES ct_lists (id) ON DELETE CASCADE,
    workspace_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    member_id TEXT NOT NULL,
    PRIMARY KEY (list_id, kind, member_id)
);

CREATE INDEX ix_ct_list_members_member ON ct_list_members (workspace_id, kind, member_id);

-- An uploaded CSV file waiting for its mapping; the file itself is on the host's disk.
CREATE TABLE ct_imports (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

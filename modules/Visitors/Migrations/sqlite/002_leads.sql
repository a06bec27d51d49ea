CREATE TABLE vi_leads (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    email TEXT,
    name TEXT,
    company TEXT,
    phone TEXT,
    owner_user_id TEXT,
    tags TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE UNIQUE INDEX ux_vi_leads_email ON vi_leads (workspace_id, email);

CREATE TABLE vi_lead_visitors (
    lead_id TEXT NOT NULL REFERENCES vi_leads (id) ON DELETE CASCADE,
    site_id TEXT NOT NULL,
    visitor_id TEXT NOT NULL,
    PRIMARY KEY (site_id, visitor_id)
);

CREATE INDEX ix_vi_lead_visitors_lead ON vi_lead_visitors (lead_id);

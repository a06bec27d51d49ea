CREATE TABLE vi_visits (
    site_id TEXT NOT NULL,
    visitor_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    workspace_id TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    last_activity_at BIGINT NOT NULL,
    entry_url TEXT,
    referrer TEXT,
    search_engine TEXT,
    search_keywords TEXT,
    utm_source TEXT,
    utm_medium TEXT,
    utm_campaign TEXT,
    utm_term TEXT,
    utm_content TEXT,
    ip TEXT,
    country_code TEXT,
    country_name TEXT,
    city TEXT,
    organization TEXT,
    device TEXT,
    browser TEXT,
    os TEXT,
    page_views INTEGER NOT NULL,
    PRIMARY KEY (site_id, visitor_id, number)
);

CREATE INDEX ix_vi_visits_workspace ON vi_visits (workspace_id, started_at);

CREATE TABLE vi_page_views (
    site_id TEXT NOT NULL,
    visitor_id TEXT NOT NULL,
    page_id TEXT NOT NULL,
    visit_number INTEGER NOT NULL,
    url TEXT NOT NULL,
    title TEXT,
    referrer TEXT,
    entered_at BIGINT NOT NULL,
    dwell_ms BIGINT NOT NULL,
    PRIMARY KEY (site_id, visitor_id, page_id)
);

CREATE INDEX ix_vi_page_views_visitor ON vi_page_views (site_id, visitor_id, entered_at);

CREATE TABLE vi_events (
    site_id TEXT NOT NULL,
    visitor_id TEXT NOT NULL,
    visit_number INTEGER NOT NULL,
    at BIGINT NOT NULL,
    name TEXT NOT NULL,
    props TEXT NOT NULL
);

CREATE INDEX ix_vi_events_visitor ON vi_events (site_id, visitor_id, at);

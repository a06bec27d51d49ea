CREATE TABLE grain_state (
    grain_type TEXT NOT NULL,
    grain_key TEXT NOT NULL,
    etag TEXT NOT NULL,
    payload TEXT NOT NULL,
    modified_at INTEGER NOT NULL,
    PRIMARY KEY (grain_type, grain_key)
) WITHOUT ROWID;

CREATE TABLE grain_reminders (
    grain_type TEXT NOT NULL,
    grain_key TEXT NOT NULL,
    name TEXT NOT NULL,
    first_due_at INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    period_ms INTEGER NOT NULL,
    PRIMARY KEY (grain_type, grain_key, name)
) WITHOUT ROWID;

CREATE INDEX ix_grain_reminders_due ON grain_reminders (due_at);

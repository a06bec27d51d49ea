-- What admins saved for each plugin through the admin API, layered over the host's Plugins:<id> configuration.
CREATE TABLE kernel_plugin_settings (
    plugin_id TEXT NOT NULL PRIMARY KEY,
    payload TEXT NOT NULL,
    modified_at INTEGER NOT NULL,
    modified_by TEXT NOT NULL
) WITHOUT ROWID;

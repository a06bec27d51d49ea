-- A workspace's own settings of a plugin (its SMTP server, its SMS gateway...), saved by the workspace's Admins.
-- A workspace with no row for a plugin uses the installation's: the host's configuration with kernel_plugin_settings,
-- which only installation owners save. A row stands alone: nothing of the installation's (a password) is layered under it.
CREATE TABLE kernel_workspace_plugin_settings (
    workspace_id TEXT NOT NULL,
    plugin_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    modified_at BIGINT NOT NULL,
    modified_by TEXT NOT NULL,
    PRIMARY KEY (workspace_id, plugin_id)
);

ALTER TABLE ws_sites ADD COLUMN anonymize_ip INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ws_sites ADD COLUMN default_owner_id TEXT;

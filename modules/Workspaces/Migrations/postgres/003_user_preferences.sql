-- A user's own time zone and CSV preference; NULL until they choose (the CSV columns are set all together or not at all).
ALTER TABLE ws_users ADD COLUMN time_zone TEXT;
ALTER TABLE ws_users ADD COLUMN csv_delimiter TEXT;
ALTER TABLE ws_users ADD COLUMN csv_header BOOLEAN;
ALTER TABLE ws_users ADD COLUMN csv_date_format TEXT;
ALTER TABLE ws_users ADD COLUMN csv_encoding TEXT;

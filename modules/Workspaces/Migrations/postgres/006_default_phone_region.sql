-- Where numbers typed without a country code are read (ISO 3166-1 alpha-2, e.g. GB); none: such numbers are refused.
ALTER TABLE ws_workspaces ADD COLUMN default_phone_region TEXT;

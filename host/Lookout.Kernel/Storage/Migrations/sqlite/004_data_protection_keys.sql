-- ASP.NET Core DataProtection's key ring (DatabaseXmlRepository): one XML element per row, keys and revocations,
-- read back in the order they were stored.
CREATE TABLE kernel_data_protection_keys (
    id INTEGER NOT NULL PRIMARY KEY,
    friendly_name TEXT NOT NULL,
    xml TEXT NOT NULL,
    stored_at INTEGER NOT NULL
);

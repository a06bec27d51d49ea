-- Nothing to change: PostgreSQL's due indexes were partial from the start (001); SQLite's become so in its 003.
SELECT 1;

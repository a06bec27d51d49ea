-- The dispatcher looks only for messages and deliveries still due: index just those, as on PostgreSQL (001), so that
-- delivered and dead rows, nearly all of them after a while, stay out of the index.
DROP INDEX ix_ob_messages_due;
CREATE INDEX ix_ob_messages_due ON ob_messages (due_at) WHERE state = 'pending';
DROP INDEX ix_ob_deliveries_due;
CREATE INDEX ix_ob_deliveries_due ON ob_deliveries (due_at) WHERE status IN ('pending', 'retrying');

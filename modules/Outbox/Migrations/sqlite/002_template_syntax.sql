-- The syntax of a message's attachment templates: NULL for messages stored while templates were Handlebars, which
-- StoredTemplateConversion converts to Liquid once, at start-up, and marks 'liquid' (as every new message is).
ALTER TABLE ob_messages ADD COLUMN template_syntax TEXT NULL;
-- Only the rows still to convert: none once the conversion has run.
CREATE INDEX ix_ob_messages_template_syntax ON ob_messages (id) WHERE template_syntax IS NULL;

-- The primary key (site_id, visitor_id, page_id) already finds a visitor's page views; a second index on them made
-- every logged page view update one more B-tree at a random place.
DROP INDEX ix_vi_page_views_visitor;

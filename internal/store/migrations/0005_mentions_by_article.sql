-- A story's entity list counts its reports' mentions per entity: with the
-- entity beside the article in the index, that count never reads the
-- table. It replaces the index on article alone, so the writer keeps one.
DROP INDEX IF EXISTS mentions_article;
CREATE INDEX mentions_article_entity ON mentions(article_id, entity_id);

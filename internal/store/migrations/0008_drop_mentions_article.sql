-- mentions_article_span begins with article_id, so it serves every lookup
-- of an article's mentions; the older one-column index only cost the
-- writer a B-tree insert per mention.
DROP INDEX IF EXISTS mentions_article;

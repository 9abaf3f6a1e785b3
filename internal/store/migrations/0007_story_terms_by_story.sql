-- A story's centroid is read whole when the linker first meets the story,
-- and a report's terms are added to one story at a time: keyed by story
-- first, both are one range of the table instead of a scan of every term
-- (at 40k reports, loading the active stories' centroids took minutes).
CREATE TABLE story_terms_by_story (
    story_id INTEGER NOT NULL REFERENCES stories(id),
    term     TEXT    NOT NULL,
    weight   REAL    NOT NULL,
    PRIMARY KEY (story_id, term)
) WITHOUT ROWID;
INSERT INTO story_terms_by_story (story_id, term, weight)
SELECT story_id, term, weight FROM story_terms ORDER BY story_id, term;
DROP TABLE story_terms;
ALTER TABLE story_terms_by_story RENAME TO story_terms;

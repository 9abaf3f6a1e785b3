-- The counts of dead, wounded or arrested each report's sentence gives of
-- an event (JSON array of model.Figure), so that disagreeing reports can
-- be shown side by side.
ALTER TABLE event_mentions ADD COLUMN figures TEXT NOT NULL DEFAULT '[]';

-- A receiver on a private or loopback address that was allowed when its
-- hook was added stays allowed wherever the hook is delivered from.
ALTER TABLE hooks ADD COLUMN allow_private INTEGER NOT NULL DEFAULT 0;

-- The language a user chose for pages and go-live pushes ('' = none: the
-- browser's Accept-Language, else the operator's default).
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT '';

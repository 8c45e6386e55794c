-- Version 11: languages. A user's own choice for the back office (and the
-- storefront when signed in), and a visitor's choice from the storefront's
-- chooser, kept with the session that is read on every request anyway.
-- NULL: no choice, the shop's `language` setting decides.
ALTER TABLE users ADD COLUMN language TEXT CHECK (language IN ('en', 'es'));
ALTER TABLE sessions ADD COLUMN language TEXT CHECK (language IN ('en', 'es'));

-- rasd store, schema step 2 (SQLite): full-text search over Arabic matching forms.
--
-- One row per article (rowid = articles.id). `terms` holds, for every word of
-- the text, its normalized form and each clitic-stripped reading
-- (وبروسيا -> وبروسيا بروسيا روسيا), so a query word finds the word with or
-- without attached conjunctions, prepositions and article. Contentless: the
-- text itself is in articles.document.
CREATE VIRTUAL TABLE article_search USING fts5 (terms, content = '', tokenize = 'unicode61 remove_diacritics 0');

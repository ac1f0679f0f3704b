-- rasd store, schema step 2 (PostgreSQL): full-text search over Arabic matching forms.
--
-- `terms` is a tsvector built by rasd (no text search configuration touches
-- it): at each word position, the normalized word and each clitic-stripped
-- reading (وبروسيا -> وبروسيا بروسيا روسيا), so phrase queries (<->) stay exact.
CREATE TABLE article_search (
    article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    terms TSVECTOR NOT NULL
);
CREATE INDEX article_search_terms ON article_search USING GIN (terms);

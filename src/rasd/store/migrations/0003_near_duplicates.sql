-- rasd store, schema step 3: near-duplicates (the same wire story in two papers).
--
-- A near-duplicate keeps its own row and events but points at the first copy
-- stored; queries leave near-duplicates out unless asked to include them.
-- `minhash` holds each article's MinHash signature (128 little-endian uint32),
-- `minhash_bands` the 32 LSH band keys of first copies: a new article is compared with those sharing a key.
ALTER TABLE articles ADD COLUMN duplicate_of BIGINT REFERENCES articles (id);
ALTER TABLE articles ADD COLUMN similarity REAL;
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);

CREATE TABLE minhash (
    article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    signature {blob} NOT NULL
);

CREATE TABLE minhash_bands (
    key BIGINT NOT NULL,
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX minhash_bands_key ON minhash_bands (key);
CREATE INDEX minhash_bands_article ON minhash_bands (article_id);

"""Everything Arabic-specific about text: normalization, tokens, sentences.

No other stage re-implements these rules (CAMeL Tools' lesson).
"""

from rasd.text.annotate import annotate_text
from rasd.text.normalize import NormalizedText, dediacritize, normalize, normalized_text, to_ascii_digits
from rasd.text.sentences import split_sentences
from rasd.text.tokenize import clitic_splits, strip_article, tokenize

__all__ = [
    "annotate_text",
    "NormalizedText",
    "clitic_splits",
    "dediacritize",
    "normalize",
    "normalized_text",
    "split_sentences",
    "strip_article",
    "to_ascii_digits",
    "tokenize",
]

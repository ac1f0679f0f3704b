"""CoNLL-style token files: one token per line, a blank line between sentences.

The first whitespace-separated column is the token; the last one, when there
are two or more and it looks like a BIO tag (`O`, `B-X`, `I-X`), is the tag;
columns between are ignored. Files seen in the wild carry a UTF-8 BOM, CRLF
line ends, trailing spaces and left-to-right marks glued to tokens (WikiFANE
starts every token with U+200E): all are tolerated. `-DOCSTART-` lines are
document breaks: they are not tokens, and the sentences after one carry the
next document number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from rasd.errors import InputError

_TAG_RE = re.compile(r"^(?:O|[BI]-[^\s-][^\s]*)$")
# Invisible marks that may stick to a token's edges; they carry no letters.
_MARKS = "\u200e\u200f\ufeff\u200b\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_HAS_MARK = re.compile(f"[{_MARKS}]").search


@dataclass
class Sentence:
    """Tokens of one sentence, their tags (`None` when the file had no tag column), its document."""

    tokens: list[str]
    tags: list[str] | None = None
    doc: int = 0


def read_conll(source: str | Path | TextIO, *, require_tags: bool = False, name: str | None = None) -> list[Sentence]:
    """Sentences of a CoNLL file, path or open text stream.

    With `require_tags`, every token must carry a tag (gold files for
    evaluation); otherwise a sentence whose lines all have a tag is tagged
    and any other gets `tags=None`. Raises `InputError` naming the file and
    line on anything that is not such a file.
    """
    return list(iter_conll(source, require_tags=require_tags, name=name))


def iter_conll(
    source: str | Path | TextIO, *, require_tags: bool = False, name: str | None = None
) -> Iterator[Sentence]:
    """`read_conll`, one sentence at a time (a stream is read as it comes)."""
    if isinstance(source, (str, Path)):
        label = name or str(source)
        try:
            with open(source, "rb") as f:
                data = f.read()
        except OSError as e:
            raise InputError(label, f"cannot read the file ({e.strerror})") from e
        return _parse(_decode(data, label).splitlines(), label, require_tags)
    label = name or getattr(source, "name", "<stdin>")
    return _parse(_lines(source, label), label, require_tags)


def write_tagged(out: TextIO, sentences: Iterable[tuple[list[str], list[str]]]) -> None:
    """Write `token<TAB>tag` lines, a blank line after each sentence."""
    for tokens, tags in sentences:
        if len(tokens) != len(tags):
            raise ValueError(f"{len(tokens)} tokens but {len(tags)} tags")
        out.write("".join(f"{tok}\t{tag}\n" for tok, tag in zip(tokens, tags, strict=True)))
        out.write("\n")


def _decode(data: bytes, label: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise InputError(label, "not UTF-8 text; save the file as UTF-8", line) from e


def _lines(stream: TextIO, label: str) -> Iterator[str]:
    try:
        yield from stream
    except UnicodeDecodeError as e:
        raise InputError(label, "not UTF-8 text; save the input as UTF-8") from e


def _parse(lines: Iterable[str], label: str, require_tags: bool) -> Iterator[Sentence]:
    tokens: list[str] = []
    tags: list[str | None] = []
    doc = 0
    for number, raw in enumerate(lines, 1):
        if "\x00" in raw:
            raise InputError(label, "binary data (NUL byte); expected one token per line", number)
        cols = raw.split()
        if _HAS_MARK(raw):
            cols = [c for c in (c.strip(_MARKS) for c in cols) if c]
        if not cols or cols[0] == "-DOCSTART-":
            if tokens:
                yield _sentence(tokens, tags, doc)
                tokens, tags = [], []
            doc += bool(cols)
            continue
        tag = cols[-1] if len(cols) > 1 and _TAG_RE.match(cols[-1]) else None
        if require_tags and tag is None:
            found = f"'{cols[-1]}' is not a BIO tag" if len(cols) > 1 else "no tag column"
            raise InputError(label, f"{found}; expected 'token tag' with a tag like O, B-PERS, I-LOC", number)
        tokens.append(cols[0])
        tags.append(tag)
    if tokens:
        yield _sentence(tokens, tags, doc)


def _sentence(tokens: list[str], tags: list[str | None], doc: int) -> Sentence:
    complete = all(t is not None for t in tags)
    return Sentence(tokens, [t for t in tags if t is not None] if complete else None, doc)

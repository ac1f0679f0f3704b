"""Bytes to text: UTF-8 (with or without BOM) or Windows-1256, nothing else.

Arabic news still circulates in Windows-1256. Any byte string is valid
Windows-1256, so it is only accepted when the result reads as Arabic text;
everything else is rejected with a reason rather than silently mangled.
"""

from __future__ import annotations

import re

from rasd.errors import InputError

_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064A]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_bytes(data: bytes, source: str) -> str:
    """Decode `data` read from `source`, or raise InputError saying why not."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(source, "the file is UTF-16; convert it to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)")
    if b"\x00" in data[:8192]:
        raise InputError(source, "this looks like a binary file, not text (it contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _decode_windows_1256(data)
        if text is None:
            raise InputError(
                source,
                f"not UTF-8 (invalid byte 0x{data[exc.start]:02x} at byte {exc.start}) "
                "and not Arabic Windows-1256 text either; convert the file to UTF-8",
            ) from None
    if _CONTROL_RE.search(text):
        raise InputError(source, "the text contains control characters; is this really a text file?")
    return text


def _decode_windows_1256(data: bytes) -> str | None:
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    letters = sum(1 for ch in text if ch.isalpha())
    if letters == 0:
        return None
    arabic = len(_ARABIC_LETTER_RE.findall(text))
    return text if arabic / letters >= 0.5 else None

"""Main text and title of a news page, with the standard library's HTML parser.

Keeps headings and paragraphs, drops scripts, styles, navigation, headers,
footers and forms. Good enough for article pages; `rasd ingest` may use a
dedicated extractor for messy sites.
"""

from __future__ import annotations

from html.parser import HTMLParser

_SKIP = {"script", "style", "nav", "header", "footer", "form", "aside", "noscript", "svg", "iframe", "button"}
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "blockquote", "div", "br", "article", "section", "td"}


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.in_title = False
        self.in_h1 = False
        self.title = ""
        self.h1 = ""
        self.blocks: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag in _BLOCKS:
            self._flush()
            self.in_h1 = tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag == "title":
            self.in_title = False
        elif tag in _BLOCKS:
            self._flush()
            self.in_h1 = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.skip_depth:
            self.current.append(data)
            if self.in_h1:
                self.h1 += data

    def _flush(self) -> None:
        block = " ".join("".join(self.current).split())
        if block:
            self.blocks.append(block)
        self.current = []


def extract_html(html: str) -> tuple[str, str]:
    """(title, body text with one paragraph per block, blank lines between)."""
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    parser._flush()
    title = " ".join((parser.h1 or parser.title).split())
    blocks = [b for b in parser.blocks if b != title]
    return title, "\n\n".join(blocks)

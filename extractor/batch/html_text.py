"""HTML to plain text with the standard library, one paragraph per block.

Scripts, styles and other non-content elements are dropped; whitespace inside
a block collapses to single spaces; blocks (p, div, li, headings, table rows,
br...) become paragraphs separated by a blank line. The page title comes from
``<title>`` (else the first ``<h1>``).
"""

from __future__ import annotations

from html.parser import HTMLParser

__all__ = ["html_to_text"]

_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td",
        "th", "tr", "ul",
    }
)  # fmt: skip
_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas"}
)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._skip_depth = 0
        self._in_title = False
        self._in_h1 = False
        self.title: str | None = None
        self.h1: str | None = None
        self._title_parts: list[str] = []
        self._h1_parts: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.paragraphs.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _SKIP:
            self._skip_depth += 1
            return
        if tag in _BLOCK:
            self._flush()
        if tag == "h1" and self.h1 is None:
            self._in_h1 = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._in_title:
            self._in_title = False
            self.title = " ".join("".join(self._title_parts).split()) or None
        if tag in _SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
            return
        if tag == "h1" and self._in_h1:
            self._in_h1 = False
            self.h1 = " ".join("".join(self._h1_parts).split()) or None
        if tag in _BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
        if self._skip_depth:
            return
        if self._in_h1:
            self._h1_parts.append(data)
        self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_text(html: str) -> tuple[str | None, str]:
    """``(title, text)`` of an HTML page; paragraphs joined by blank lines."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return parser.title or parser.h1, "\n\n".join(parser.paragraphs)

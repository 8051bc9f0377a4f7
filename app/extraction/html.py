"""HTML to text with lxml (already a dependency of python-docx, and libxml2 copes with tag soup).

Scripts and styles are dropped, block elements become lines, and every data table becomes its
own section "table N" of `cell | cell` rows, with a `[table N]` marker where it stood.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree  # type: ignore[import-untyped]
from lxml import html as lxml_html

from app.extraction.document import Section
from app.extraction.text import Parsed, TextBudget

_DROP = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object", "head")
_BLOCK = frozenset((
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "th", "thead", "tfoot", "tr", "ul", "body", "html",
))  # fmt: skip
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # libxml2 refuses these in strings
_SPACES = re.compile(r"[ \t\u00a0\r\f\v]+")


def _cell_text(cell: Any) -> str:
    return " ".join(cell.text_content().split())


def _table_rows(table: Any) -> list[list[str]]:
    rows: list[list[str]] = []
    for tr in table.iter("tr"):
        if next(tr.iterancestors("table"), None) is not table:
            continue  # a row of a nested table
        cells = [_cell_text(cell) for cell in tr if cell.tag in ("td", "th")]
        cells = [cell for cell in cells if cell]
        if cells:
            rows.append(cells)
    return rows


def _text_of(root: Any) -> str:
    """Walk the tree without recursion (hostile nesting), putting block elements on own lines."""
    parts: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCK or tag == "br":
                parts.append("\n")
            if tag == "li":
                parts.append("- ")
            elif tag in ("td", "th"):
                parts.append(" ")
            if element.text and tag:
                parts.append(element.text)
        else:
            if tag in _BLOCK:
                parts.append("\n")
            if element.tail and element is not root:
                parts.append(element.tail)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def parse_html(text: str, budget: TextBudget) -> Parsed:
    text = _CONTROL.sub("", _XML_DECLARATION.sub("", text, count=1))
    if not text.strip():
        return Parsed()
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml_html.document_fromstring(text, parser=parser)
    except etree.ParserError:  # "Document is empty": nothing but comments or whitespace
        return Parsed()
    title = " ".join((root.findtext(".//title") or "").split())
    for element in [el for el in root.iter(*_DROP) if el.getparent() is not None]:
        element.drop_tree()
    tables = list(root.iter("table"))
    # Number data tables in document order; layout tables (one cell per row) stay flowing text.
    numbers: dict[Any, int] = {}
    for table in tables:
        if any(len(row) > 1 for row in _table_rows(table)):
            numbers[table] = len(numbers) + 1
    table_sections: list[Section] = []
    # Innermost first: a nested table is replaced by its marker before its parent is read.
    for table in reversed(tables):
        number = numbers.get(table)
        parent = table.getparent()
        if number is None or parent is None:
            continue
        rows = _table_rows(table)
        table_sections.append(
            Section(f"table {number}", "\n".join(" | ".join(row) for row in rows))
        )
        marker = lxml_html.Element("p")
        marker.text = f"[table {number}]"
        marker.tail = table.tail
        parent.replace(table, marker)
    table_sections.sort(key=lambda section: int(section.location.split()[1]))
    body_text = _text_of(root)
    if title and not body_text.startswith(title):
        body_text = f"{title}\n{body_text}"
    sections = [Section("text", budget.take(body_text))]
    for section in table_sections:
        if budget.exhausted:
            budget.truncated = True
            break
        sections.append(Section(section.location, budget.take(section.text)))
    return Parsed(sections=sections)

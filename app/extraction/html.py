"""HTML to text with lxml (already a dependency of python-docx, and libxml2 copes with tag soup).

Scripts and styles are dropped, block elements become lines, and every data table becomes its
own section "table N" of `cell | cell` rows, with a `[table N]` marker where it stood.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree  # type: ignore[import-untyped]
from lxml import html as lxml_html

from app.extraction import structured
from app.extraction.document import Section, Table
from app.extraction.tabular import table_from_rows
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


def _table_rows(table: Any, *, positional: bool = False) -> list[list[str]]:
    """The rows' non-empty cells; `positional` keeps empty cells so that a cell stays under
    its column header (a variant table whose top-left header cell is empty)."""
    rows: list[list[str]] = []
    for tr in table.iter("tr"):
        if next(tr.iterancestors("table"), None) is not table:
            continue  # a row of a nested table
        cells = [_cell_text(cell) for cell in tr if cell.tag in ("td", "th")]
        if any(cells):
            rows.append(cells if positional else [cell for cell in cells if cell])
    return rows


def _embedded_data(root: Any, budget: TextBudget) -> str:
    """JSON-LD and script-assigned JSON objects, flattened; Product data first."""
    found: list[tuple[int, str, object]] = []
    for script in root.iter("script"):
        body = script.text or ""
        kind = (script.get("type") or "").strip().lower()
        if not body.strip():
            continue
        if kind in ("application/ld+json", "application/json"):
            try:
                value = structured.loads(body.strip().rstrip(";"))
            except ValueError:
                continue
            items = value if isinstance(value, list) else [value]
            for item in items:
                graph = item.get("@graph") if isinstance(item, dict) else None
                for node in graph if isinstance(graph, list) else [item]:
                    name = "" if kind.endswith("ld+json") else (script.get("id") or "data")
                    found.append((0 if _is_product(node) else 1, name, node))
        elif kind in ("", "text/javascript", "application/javascript", "module"):
            for name, value in structured.script_objects(body):
                found.append((0 if "product" in name.lower() else 1, name, value))
    found.sort(key=lambda item: item[0])
    lines: list[str] = []
    for _, name, value in found:
        if budget.exhausted:
            break
        lines.extend(structured.flatten(value, budget, prefix=name))
    return "\n".join(lines)


def _is_product(node: object) -> bool:
    if not isinstance(node, dict):
        return False
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.lower() in ("product", "productmodel") for k in kinds)


def _definition_lists(root: Any) -> list[list[list[str]]]:
    """Each `<dl>` as rows [term, definition]; replaced in the tree by "term | definition" lines."""
    lists: list[list[list[str]]] = []
    for dl in list(root.iter("dl")):
        rows: list[list[str]] = []
        for child in dl.iterchildren("dt", "dd", "div"):
            pairs = [child] if child.tag != "div" else list(child.iterchildren("dt", "dd"))
            for item in pairs:
                text = _cell_text(item)
                if item.tag == "dt" or not rows:
                    rows.append([text])
                elif text:
                    rows[-1].append(text)
        rows = [row for row in rows if any(row)]
        if not rows or dl.getparent() is None:
            continue
        lists.append(rows)
        marker = lxml_html.Element("p")
        marker.text = "\n".join(" | ".join(cell for cell in row if cell) for row in rows)
        marker.tail = dl.tail
        dl.getparent().replace(dl, marker)
    return lists


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
    # Scripts can hold megabytes of state: at most half of the text budget goes to them.
    embedded = _embedded_data(root, TextBudget(budget.remaining // 2))
    for element in [el for el in root.iter(*_DROP) if el.getparent() is not None]:
        element.drop_tree()
    tables = list(root.iter("table"))
    # Number data tables in document order; layout tables (one cell per row) stay flowing text.
    numbers: dict[Any, int] = {}
    for table in tables:
        if any(len(row) > 1 for row in _table_rows(table)):
            numbers[table] = len(numbers) + 1
    table_sections: list[Section] = []
    found: list[Table] = []
    # Innermost first: a nested table is replaced by its marker before its parent is read.
    for table in reversed(tables):
        number = numbers.get(table)
        parent = table.getparent()
        if number is None or parent is None:
            continue
        rows = _table_rows(table)
        grid = _table_rows(table, positional=True)
        caption = " ".join((table.findtext("caption") or "").split())
        header_row = next((tr for tr in table.iter("tr")), None)
        if (
            header_row is not None
            and all(cell.tag == "th" for cell in header_row if cell.tag in ("td", "th"))
            and len(rows) > 1
        ):
            found.append(
                Table(f"table {number}", tuple(grid[0]), tuple(map(tuple, grid[1:])), caption)
            )
        elif (table_obj := table_from_rows(f"table {number}", grid, caption)) is not None:
            found.append(table_obj)
        table_sections.append(
            Section(f"table {number}", "\n".join(" | ".join(row) for row in rows))
        )
        marker = lxml_html.Element("p")
        marker.text = f"[table {number}]"
        marker.tail = table.tail
        parent.replace(table, marker)
    table_sections.sort(key=lambda section: int(section.location.split()[1]))
    found.sort(key=lambda table: int(table.location.split()[1]))
    found.extend(Table("text", (), tuple(map(tuple, rows))) for rows in _definition_lists(root))
    body_text = _text_of(root)
    if title and not body_text.startswith(title):
        body_text = f"{title}\n{body_text}"
    sections = [Section("text", budget.take(body_text))]
    for section in table_sections:
        if budget.exhausted:
            budget.truncated = True
            break
        sections.append(Section(section.location, budget.take(section.text)))
    if embedded and not budget.exhausted:
        sections.append(Section("embedded product data", budget.take(embedded)))
    return Parsed(sections=sections, tables=found)

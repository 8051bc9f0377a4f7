"""Accuracy of the offline analyzer on the labelled corpus in tests/fixtures/corpus.

    python bench/offline_accuracy.py            # from the repository root

Prints one line per failure, then one summary line. Files are parsed with the service's
`app.extraction.extract_document` when it is importable; otherwise with the small FALLBACK
loader below (charset detection for text, python-docx / openpyxl / pypdf for binaries).
tests/analyzers/test_offline_corpus.py imports `evaluate` from here.
"""

from __future__ import annotations

import html.parser
import io
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.analyzers.base import AnalysisRequest, CatalogueIndex  # noqa: E402
from app.analyzers.offline import analyze_sync  # noqa: E402
from app.extraction.document import ExtractedDocument, Section  # noqa: E402
from app.indices.seed import DEFAULT_INDICES  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
NOT_DOCUMENTS = {"labels.json", "build_binaries.py"}
TOLERANCE = 0.005  # a weight is right when within 0.5 % of the label

CATALOGUE = tuple(
    CatalogueIndex(i + 1, code, name, unit, category)
    for i, (code, name, unit, category) in enumerate(DEFAULT_INDICES)
)


# --------------------------------------------------------------------------- FALLBACK loader
# Used only while app.extraction.extract_document does not exist (or fails to import).


class _HtmlText(html.parser.HTMLParser):
    """Text of an HTML page with table rows as "cell | cell" lines."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.row: list[str] | None = None
        self.buf: list[str] = []
        self.skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "title"):
            self.skip = True
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.buf = []
        elif tag in ("p", "h1", "h2", "h3", "li", "br", "div"):
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "title"):
            self.skip = False
        elif tag in ("td", "th") and self.row is not None:
            self.row.append(" ".join("".join(self.buf).split()))
            self.buf = []
        elif tag == "tr" and self.row is not None:
            self.lines.append(" | ".join(self.row))
            self.row = None
        elif tag in ("p", "h1", "h2", "h3", "li", "div"):
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.buf.append(data)

    def _flush(self) -> None:
        if self.row is None:
            text = " ".join("".join(self.buf).split())
            if text:
                self.lines.append(text)
            self.buf = []


def _decode(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None else data.decode("utf-8", "replace")


def _fallback_load(data: bytes, *, role: str, filename: str) -> ExtractedDocument:
    """FALLBACK: a minimal stand-in for app.extraction.extract_document."""
    ext = Path(filename).suffix.lower().lstrip(".")
    sections: list[Section] = []
    fmt = {"txt": "text", "md": "markdown"}.get(ext, ext)
    if ext in ("txt", "md", "csv", "json"):
        sections = [Section("text", _decode(data))]
    elif ext == "html":
        parser = _HtmlText()
        parser.feed(_decode(data))
        parser._flush()
        sections = [Section("text", "\n".join(parser.lines))]
    elif ext == "docx":
        from docx import Document
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        doc = Document(io.BytesIO(data))
        lines: list[str] = []
        for block in doc.element.body.iterchildren():
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append(Paragraph(block, doc).text)
            elif tag == "tbl":
                for row in Table(block, doc).rows:
                    lines.append(" | ".join(cell.text for cell in row.cells))
        sections = [Section("text", "\n".join(lines))]
    elif ext == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        for ws in wb.worksheets:
            rows = [
                " | ".join(str(v) for v in row if v is not None)
                for row in ws.iter_rows(values_only=True)
            ]
            sections.append(Section(f"sheet {ws.title}", "\n".join(r for r in rows if r)))
    elif ext == "pdf":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        sections = [
            Section(f"page {i}", page.extract_text() or "")
            for i, page in enumerate(reader.pages, 1)
        ]
    else:
        raise ValueError(f"unsupported corpus file {filename}")
    return ExtractedDocument(role=role, format=fmt, media_type="", sections=sections)


def _loader() -> tuple[Callable[..., ExtractedDocument], str]:
    try:
        from app.extraction import extract_document  # type: ignore[attr-defined]
    except ImportError:
        return _fallback_load, "fallback loader"
    return extract_document, "app.extraction.extract_document"


# --------------------------------------------------------------------------- evaluation


@dataclass
class Report:
    files: int = 0
    weight_ok: int = 0
    nulls: int = 0
    nulls_ok: int = 0
    material_ok: int = 0
    formats: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    loader: str = ""
    max_ms: float = 0.0

    @property
    def weight_rate(self) -> float:
        return self.weight_ok / self.files if self.files else 0.0

    @property
    def null_rate(self) -> float:
        return self.nulls_ok / self.nulls if self.nulls else 1.0

    @property
    def material_rate(self) -> float:
        return self.material_ok / self.files if self.files else 0.0

    def summary(self) -> str:
        formats = " ".join(f"{k}={v}" for k, v in sorted(self.formats.items()))
        return (
            f"offline accuracy: weight {self.weight_rate:.1%} ({self.weight_ok}/{self.files} "
            f"within {TOLERANCE:.1%}), nulls {self.null_rate:.0%} ({self.nulls_ok}/{self.nulls}), "
            f"material {self.material_rate:.1%} ({self.material_ok}/{self.files}), "
            f"files {self.files}, formats {formats}"
        )


def _weight_matches(expected: float | None, got: float | None) -> bool:
    if expected is None or got is None:
        return expected is None and got is None
    return abs(got - expected) <= TOLERANCE * expected


def evaluate(corpus: Path = CORPUS) -> Report:
    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    load, loader_name = _loader()
    report = Report(loader=loader_name)
    for name in sorted(labels):
        label = labels[name]
        path = corpus / name
        doc = load(path.read_bytes(), role="specification", filename=name)
        request = AnalysisRequest(
            article_name=Path(name).stem,
            description=None,
            specification=doc,
            drawing=None,
            catalogue=CATALOGUE,
        )
        started = time.perf_counter()
        result = analyze_sync(request)
        report.max_ms = max(report.max_ms, (time.perf_counter() - started) * 1000)
        report.files += 1
        report.formats[path.suffix.lstrip(".")] += 1
        got = result.weight.grams if result.weight else None
        if _weight_matches(label["weight_g"], got):
            report.weight_ok += 1
        else:
            quote = result.weight.evidence.quote if result.weight else ""
            report.failures.append(
                f"WEIGHT   {name}: expected {label['weight_g']}, got {got} ({quote!r})"
            )
        if label["weight_g"] is None:
            report.nulls += 1
            report.nulls_ok += got is None
        main = result.materials[0].index_code if result.materials else None
        if main == label["material"]:
            report.material_ok += 1
        else:
            found = [(m.index_code, m.name, m.mass_share) for m in result.materials]
            report.failures.append(
                f"MATERIAL {name}: expected {label['material']}, got {main} {found}"
            )
    return report


def main() -> int:
    report = evaluate()
    for failure in report.failures:
        print(failure)
    print(f"(documents parsed with {report.loader}; slowest analysis {report.max_ms:.1f} ms)")
    print(report.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Speed of the offline analysis (analyze_sync only, extraction excluded).

    python bench/offline_speed.py              # dev-split documents + generated 5-page sheets
    python bench/offline_speed.py --runs 20
    python bench/offline_speed.py --long-text     # also 2 M characters: one sentence, and sheets

Target: a typical 5-page data sheet is analysed in under 50 ms (CPU time of the analysing
thread, so that a loaded machine does not count its neighbours' work). Prints the median and p95
for the dev documents (extracted once, then analysed `--runs` times each) and for generated
5-page data sheets (~60 lines a page of specification text, tables and distractors), then
one summary line.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.analyzers.base import AnalysisRequest, CatalogueIndex  # noqa: E402
from app.analyzers.offline import analyze_sync  # noqa: E402
from app.extraction.document import ExtractedDocument, Section  # noqa: E402
from app.extraction.extract import extract_document  # noqa: E402
from app.indices.seed import DEFAULT_INDICES  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
CATALOGUE = tuple(
    CatalogueIndex(i + 1, code, name, unit, category)
    for i, (code, name, unit, category) in enumerate(DEFAULT_INDICES)
)

# What the pages of a typical data sheet are made of: prose, specification lines, a table,
# a handful of mass figures among them (the weight, a load, a packed weight, torques).
_PROSE = (
    "The device must be installed by qualified personnel in accordance with local rules.",
    "Observe the safety instructions in the operating manual before commissioning.",
    "All dimensions in mm unless stated otherwise; technical changes reserved.",
    "The housing protects the electronics against dust and splashing water.",
)
_SPEC = (
    "Operating voltage: {a} V DC",
    "Current consumption: {c} mA",
    "Dimensions: {a} x {b} x {c} mm",
    "Protection class: IP{c}",
    "Ambient temperature: -{c} °C … +{b} °C",
    "Connection: M12 plug, {c}-pin",
    "Switching frequency: {a} Hz",
    "Order code {a}-{b}-{c}",
    "Material: PA66 GF30, black",
)
_DISTRACTORS = (
    "Max. load: {b} kg",
    "Tightening torque: {c} Nm",
    "Shock resistance: {b} g, 11 ms",
    "Weight (packed state): approx. {b} g",
)


def generated_sheet(seed: int, pages: int = 5, dense: bool = False) -> ExtractedDocument:
    """A 5-page data sheet (~50 lines a page); `dense` puts a mass figure on every third line."""
    rng = random.Random(seed)
    sections = []
    for page in range(pages):
        rows: list[str] = []
        for i in range(50):
            pool: tuple[str, ...]
            if dense and i % 3 == 0:
                pool = _DISTRACTORS
            elif i % 4 == 0:
                pool = _PROSE
            elif rng.random() < 0.04:
                pool = _DISTRACTORS
            else:
                pool = _SPEC
            rows.append(
                rng.choice(pool).format(
                    a=rng.randint(1, 999), b=rng.randint(1, 500), c=rng.randint(1, 99)
                )
            )
        if page == 1:
            rows[20:20] = [
                f"Model MX-{n} | {n * 3} mm | {n + 7} N.cm | {n * 12} g" for n in range(10, 16)
            ]
            rows.insert(20, "Model | Length | Torque | Weight")
        if page == 2:
            rows.insert(10, f"Net weight: {rng.randint(10, 900)} g")
        sections.append(Section(f"page {page + 1}", "\n".join(rows)))
    return ExtractedDocument(
        "specification", "pdf", "application/pdf", sections, page_count=pages, language="en"
    )


_LONG = 2_000_000
_SENTENCE = "Das Gewicht betraegt 250 g pro Stueck, Werkstoff Edelstahl 1.4301.\n"


def _long_text(*, repeated: bool) -> ExtractedDocument:
    """2 M characters: the hostile-file test's sentence over and over (every line a weight),
    or generated data-sheet pages one after the other (every line different)."""
    if repeated:
        text = (_SENTENCE * (_LONG // len(_SENTENCE) + 1))[:_LONG]
    else:
        parts: list[str] = []
        size, seed = 0, 0
        while size < _LONG:
            page = "\n".join(s.text for s in generated_sheet(seed, pages=1).sections)
            parts.append(page)
            size += len(page) + 1
            seed += 1
        text = "\n".join(parts)[:_LONG]
    return ExtractedDocument(
        "specification", "text", "text/plain", [Section("text", text)], language="de"
    )


def _time(doc: ExtractedDocument, name: str, runs: int) -> list[float]:
    """CPU milliseconds of this thread per analysis: on a shared, loaded machine wall-clock
    time measures the neighbours; each run gets fresh sections, so no cache helps."""
    out = []
    for n in range(runs):
        fresh = ExtractedDocument(
            doc.role,
            doc.format,
            doc.media_type,
            [Section(s.location, f"{s.text}\nRev. {n}") for s in doc.sections],
            page_count=doc.page_count,
            language=doc.language,
            tables=doc.tables,
        )
        started = time.thread_time()
        analyze_sync(AnalysisRequest(name, None, fresh, None, CATALOGUE))
        out.append((time.thread_time() - started) * 1000)
    return out


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--documents", type=int, default=30, help="dev documents to time")
    parser.add_argument(
        "--long-text",
        action="store_true",
        help="also time 2 M characters (the size extraction keeps of a long text)",
    )
    args = parser.parse_args(argv)
    import json

    entries = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))[: args.documents]
    dev: list[float] = []
    for entry in entries:
        path = CORPUS / entry["file"]
        doc = extract_document(path.read_bytes(), role="specification", filename=path.name)
        dev.append(statistics.median(_time(doc, entry["article_name"], args.runs)))
    sheets: list[float] = []
    dense: list[float] = []
    for seed in range(10):
        sheets.append(statistics.median(_time(generated_sheet(seed), "Sensor MX-12", args.runs)))
        dense.append(
            statistics.median(_time(generated_sheet(seed, dense=True), "Sensor MX-12", args.runs))
        )

    def line(label: str, values: list[float], extra: str = "") -> None:
        median, p95 = statistics.median(values), _p95(values)
        print(f"{label:<15} n={len(values):<3} median {median:6.1f} ms  p95 {p95:6.1f} ms{extra}")

    line("dev documents", dev)
    line("5-page sheets", sheets)
    line("dense 5-page", dense, "  (a mass figure on every third line: a stress case)")
    if args.long_text:
        for label, doc in (
            ("2 M chars, one repeated sentence", _long_text(repeated=True)),
            ("2 M chars of data-sheet pages", _long_text(repeated=False)),
        ):
            ms = _time(doc, "Bracket", 1)[0]
            print(f"{label:<36} {ms / 1000:6.2f} s CPU")
    verdict = "within" if _p95(sheets) < 50 else "OVER"
    print(
        f"offline speed: 5-page sheet median {statistics.median(sheets):.1f} ms, "
        f"p95 {_p95(sheets):.1f} ms ({verdict} the 50 ms target); "
        f"dense p95 {_p95(dense):.1f} ms; dev median {statistics.median(dev):.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

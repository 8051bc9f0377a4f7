"""Hostile files: parse time, peak RSS of the parser process and the outcome, one line each.

    .venv/bin/python bench/hostile_files.py [--timeout 60] [--memory-mb 2048] [--only NAME] [--scan]

Builds the worst files the tests know (tests/extraction/hostile.py) at full size, plus two
legitimate references (a 5-page data sheet, a 200-page PDF), and reads each in a fresh
process the way a parser worker does: under `CMS_PARSER_MEMORY_LIMIT_MB` (when the code has
it) and killed at `--timeout`; peak RSS is followed by its growth over the loaded parser
process (what the file cost). `--offline` also times the offline rules on what extraction
hands them; `--scan` adds a 200-page scan with its technical data on page 190, read within
the OCR budget (seconds, not the < 1 s of a hostile file). Run it against other code by
putting that tree first on PYTHONPATH.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_CHILD = r"""
import json, resource, sys, time
limit = int(sys.argv[3])
try:
    from app.extraction.runner import limit_memory
except ImportError:
    limit_memory = None
if limit_memory is not None and limit:
    limit_memory(limit)
from app.extraction import ExtractionError, extract_document
import app.extraction._preload  # what the forkserver imports before it forks a worker
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the worker before any file
data = open(sys.argv[1], "rb").read()
start, cpu = time.perf_counter(), time.process_time()
outcome, chars, doc = "ok", 0, None
try:
    doc = extract_document(data, role="specification", filename=sys.argv[2])
    chars = doc.char_count
except ExtractionError as exc:
    outcome = exc.code
except MemoryError:
    outcome = "MemoryError"
except RecursionError:
    outcome = "RecursionError"
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
rules = None
if doc is not None and sys.argv[4] == "1":
    from app.analyzers.base import AnalysisRequest
    from app.analyzers.offline import analyze_sync
    start = time.perf_counter()
    analyze_sync(AnalysisRequest("bench", None, doc, None, ()))
    rules = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"s": seconds, "cpu": cpu, "rss": peak, "base": base, "outcome": outcome,
                  "chars": chars, "rules": rules}))
"""


def _files(scan: bool = False) -> list[tuple[str, str, bytes]]:
    from tests.extraction import files, hostile

    scans = [("200-page scan (OCR budget)", "a.pdf", files.scanned_manual_pdf(200, 190))]
    return [*(scans if scan else []),
        ("quadratic-text (400 KB of spaces)", "a.txt", hostile.spaces_text(400_000)),
        ("blank-lines text (400 KB)", "notes", hostile.blank_lines_text(400_000)),
        ("glyph-bomb PDF (8 M glyphs)", "a.pdf", hostile.glyph_bomb_pdf(8_000_000)),
        ("form-bomb PDF (1 form x 640 = 32 M)", "a.pdf", hostile.form_glyph_bomb_pdf(50_000, 640)),
        ("split zip bomb DOCX (20 x 9.9 MB)", "a.docx", hostile.split_zip_bomb_docx()),
        ("DOCX of 150 MB of XML (ratio 9:1)", "a.docx", hostile.large_xml_docx(150 * 2**20)),
        ("padded XLSX (A1:XFD1048576)", "a.xlsx", hostile.padded_xlsx(rows=200)),
        ("XLSX of 2 M shared strings", "a.xlsx", hostile.shared_strings_bomb_xlsx(2_000_000)),
        ("XLSX of 4 M empty cells", "a.xlsx", hostile.empty_cells_xlsx(4_000_000)),
        ("XLSX of 2 M cells reading as nothing", "a.xlsx", hostile.dead_cells_xlsx(2_000_000)),
        ("XLSX 32 KB string x 1 M cells", "a.xlsx", hostile.repeated_string_xlsx(1_000_000)),
        ("XLSX of 500,000 one-digit cells", "a.xlsx", hostile.small_cells_xlsx(500_000)),
        ("XLSX product export (5,000 x 30)", "a.xlsx", files.product_export_xlsx(5_000, 30)),
        ("PNG of 9000 x 8000 pixels", "a.png", files.image_bytes("png", (9000, 8000), "L")),
        ("nested JSON (100,000 deep)", "a.json", hostile.nested_json(100_000)),
        ("text 4.8 MB", "a.txt", hostile.plain_text(4_800_000)),
        ("5-page data sheet PDF", "a.pdf", files.text_pdf(5)),
        ("200-page PDF", "a.pdf", files.text_pdf(200)),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--memory-mb", type=int, default=3072)
    parser.add_argument("--only", default="")
    parser.add_argument("--offline", action="store_true")
    parser.add_argument("--scan", action="store_true", help="also a 200-page scan (OCR)")
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("PYTHONPATH", str(ROOT))
    code_root = env["PYTHONPATH"].split(os.pathsep)[0]  # `python -c` puts its cwd first
    for name, filename, data in _files(args.scan):
        if args.only and args.only not in name:
            continue
        with tempfile.NamedTemporaryFile(suffix="-" + filename) as handle:
            handle.write(data)
            handle.flush()
            command = [sys.executable, "-c", _CHILD, handle.name, filename,
                       str(args.memory_mb), "1" if args.offline else "0"]  # fmt: skip
            start = time.perf_counter()
            try:
                done = subprocess.run(
                    command,
                    capture_output=True,
                    text=True,
                    timeout=args.timeout,
                    env=env,
                    cwd=code_root,
                )
            except subprocess.TimeoutExpired:
                print(f"{name:38} {len(data) / 1024:9,.0f} KB  > {args.timeout:.0f} s  timeout")
                continue
            wall = time.perf_counter() - start
        lines = done.stdout.strip().splitlines()
        if done.returncode == -6:  # abort() on a failed allocation under the limit
            print(f"{name:38} {len(data) / 1024:9,.0f} KB  {wall:7.2f} s  aborted at the memory "
                  "limit (the pool reports file_too_complex)")  # fmt: skip
            continue
        if done.returncode != 0 or not lines:
            print(f"{name:38} {len(data) / 1024:9,.0f} KB  {wall:7.2f} s  crashed "
                  f"(exit {done.returncode}) {done.stderr.strip().splitlines()[-1:]}")  # fmt: skip
            continue
        result = json.loads(lines[-1])
        rules = f"  rules {result['rules']:.2f} s" if result["rules"] is not None else ""
        print(
            f"{name:38} {len(data) / 1024:9,.0f} KB  {result['s']:7.3f} s  "
            f"(CPU {result.get('cpu', 0):.3f} s)  "
            f"peak RSS {result['rss']:6,.0f} MB (+{result['rss'] - result.get('base', 0):,.0f})  "
            f"{result['outcome']}  "
            f"{result['chars']:,} chars{rules}"
        )


if __name__ == "__main__":
    main()

"""The collector is linear in the size of hostile input: no pattern backtracks on long runs.

Each input is analysed at two sizes; the time may grow with the size, not with its square.
No absolute limit: the ratio of times is compared with the ratio of sizes (3x slack).
"""

from __future__ import annotations

import gc
import time

import pytest

from app.analyzers.base import AnalysisRequest
from app.analyzers.offline import analyze_sync
from app.analyzers.quantities import decimal_comma, find_quantities
from app.extraction.document import ExtractedDocument, Section

SMALL, LARGE = 50_000, 400_000

ADVERSARIAL = {
    "spaces": " ",
    "digits": "7",
    "weight words": "weight ",
    "dotted digits": "1.",
    "separators and numbers": "|; 1,1 \t",
    "labels, numbers, units": "Gewicht: 12 kgx 1 ",
    "cjk and tags": "净重重量<li>",
}


def _analyze(text: str) -> None:
    doc = ExtractedDocument(
        role="specification",
        format="text",
        media_type="text/plain",
        sections=[Section("text", text)],
        language="en",
    )
    analyze_sync(AnalysisRequest("Bracket", None, doc, None, ()))


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.thread_time()  # this thread's CPU: a busy machine adds none
        _analyze(text)
        best = min(best, time.thread_time() - started)
    return best


@pytest.mark.parametrize("unit", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
def test_analysis_time_grows_linearly(unit: str) -> None:
    small = (unit * (SMALL // len(unit) + 1))[:SMALL]
    large = (unit * (LARGE // len(unit) + 1))[:LARGE]
    t_small = max(_seconds(small), 1e-3)
    t_large = _seconds(large)
    assert t_large / t_small < 3 * (LARGE / SMALL), (t_small, t_large)


@pytest.mark.parametrize("unit", ["1.1.1.1.", "9" * 50 + " ", "ca. ~ approx ", "±±±1"])
def test_quantity_parser_time_grows_linearly(unit: str) -> None:
    def seconds(n: int) -> float:
        text = (unit * (n // len(unit) + 1))[:n]
        best = float("inf")
        gc.collect()
        gc.disable()  # a collection of the earlier tests' garbage is not the parser's time
        try:
            for _ in range(3):  # the best of three: a busy machine's pause is not the parser's
                started = time.thread_time()  # this thread's CPU: a busy machine adds none
                list(find_quantities(text, comma_decimal=decimal_comma(text)))
                best = min(best, time.thread_time() - started)
        finally:
            gc.enable()
        return max(best, 1e-4)

    assert seconds(LARGE) / seconds(SMALL) < 3 * (LARGE / SMALL)

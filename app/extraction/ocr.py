"""Offline OCR for pages without a text layer: RapidOCR (PP-OCR models run by onnxruntime).

The models ship inside the `rapidocr-onnxruntime` wheel, so nothing is downloaded at run
time. The engine is optional: without the package, scans go to the vision model as images
only. It is built once per parser process, on first use (onnxruntime's thread pools do not
survive the fork from the preloading forkserver, so it is never built there).
"""

from __future__ import annotations

import functools
import importlib.util
from typing import Any

_MIN_SCORE = 0.5  # recognitions below this confidence are mostly noise


@functools.cache
def available() -> bool:
    """True when the OCR engine is installed."""
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


@functools.cache
def _engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR  # type: ignore[import-untyped]

    # One thread per parser process: the pool already runs one process per core.
    threads = {
        f"{stage}_{kind}_op_num_threads": 1
        for stage in ("det", "cls", "rec")
        for kind in ("intra", "inter")
    }
    # Pages are upright: the text-direction classifier would only cost time.
    return RapidOCR(use_cls=False, **threads)


def _lines(boxes: list[tuple[float, float, float, str]]) -> list[str]:
    """Recognised boxes (top, bottom, left, text) as visual lines, top to bottom."""
    lines: list[list[tuple[float, float, float, str]]] = []
    for box in sorted(boxes):
        top, bottom = box[0], box[1]
        if lines:
            last = lines[-1][0]
            if top < (last[0] + last[1]) / 2 < bottom:
                lines[-1].append(box)
                continue
        lines.append([box])
    return [" | ".join(text for *_, text in sorted(line, key=lambda b: b[2])) for line in lines]


# The detector scales every image up until its short side has this many pixels: a survey
# rendered smaller would cost the same.
SURVEY_SIDE_PX = 736
_SHORT_BOX = 1 / 3  # of the page width: a value, a label, a table cell; not a line of prose


def count_boxes(image: Any) -> tuple[int, int]:
    """Text boxes on a page, and those narrower than a third of it, found by the detector
    alone (no recognition: a fifth to a thirtieth of the cost of reading the page). Tables,
    label/value lists and a drawing's callouts are made of short boxes; prose is not."""
    import numpy as np

    boxes, _ = _engine()(np.asarray(image.convert("RGB")), use_det=True, use_cls=False,
                         use_rec=False)  # fmt: skip
    width = max(image.width, 1)
    short = 0
    for points in boxes or ():
        xs = [float(point[0]) for point in points]
        if max(xs) - min(xs) < _SHORT_BOX * width:
            short += 1
    return len(boxes or ()), short


def read_text(image: Any) -> str:
    """The text OCR reads on a PIL image, one visual line a line ("" when there is none)."""
    import numpy as np

    result, _ = _engine()(np.asarray(image.convert("RGB")))
    boxes: list[tuple[float, float, float, str]] = []
    for points, text, score in result or ():
        if float(score) < _MIN_SCORE or not str(text).strip():
            continue
        ys = [float(point[1]) for point in points]
        xs = [float(point[0]) for point in points]
        boxes.append((min(ys), max(ys), min(xs), str(text).strip()))
    return "\n".join(_lines(boxes))

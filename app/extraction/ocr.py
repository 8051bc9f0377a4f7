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
    # Pages are upright: the text-direction classifier would only cost time. The detector
    # works at the size it is given (see `detect`), down to the survey's.
    return RapidOCR(use_cls=False, det_limit_side_len=SURVEY_SIDE_PX, **threads)


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


# Pages are looked over with their short side at this many pixels (A4 at ~45 dpi: 0.15-0.2 s
# of CPU a page here), which tells a table from prose; the detector is set not to scale them
# up. The boxes a page is read at are found with its short side at `_READ_SIDE_PX` (0.8 s;
# detecting on the 200 dpi render cost four times as much for the same boxes), and its lines
# are then recognised on crops of the sharp render.
SURVEY_SIDE_PX = 368
_READ_SIDE_PX = 736
_SHORT_BOX = 1 / 3  # of the page width: a value, a label, a table cell; not a line of prose
_PAD = 0.002  # of the page size, around a box cropped for recognition

Boxes = list[tuple[float, float, float, float]]  # left, top, right, bottom as page fractions


def detect(image: Any, side_px: int = _READ_SIDE_PX) -> Boxes:
    """The text boxes on a page image, found by the detector alone (no recognition), with
    the image's short side at most `side_px`, as fractions of the page."""
    import numpy as np

    small = image
    if min(image.size) > side_px:
        factor = side_px / min(image.size)
        small = image.resize((round(image.width * factor), round(image.height * factor)))
    points_list, _ = _engine()(np.asarray(small.convert("RGB")), use_det=True, use_cls=False,
                               use_rec=False)  # fmt: skip
    width, height = max(small.width, 1), max(small.height, 1)
    boxes: Boxes = []
    for points in points_list or ():
        xs = [float(point[0]) / width for point in points]
        ys = [float(point[1]) / height for point in points]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return boxes


def short_boxes(boxes: Boxes) -> int:
    """Boxes narrower than a third of the page: tables, label/value lists and a drawing's
    callouts are made of them; prose is not."""
    return sum(1 for left, _, right, _ in boxes if right - left < _SHORT_BOX)


def read_text(image: Any) -> str:
    """The text OCR reads on a PIL image, one visual line a line ("" when there is none)."""
    import numpy as np

    boxes = detect(image)
    if not boxes:
        return ""
    pixels = np.asarray(image.convert("RGB"))
    width, height = image.width, image.height
    crops, places = [], []
    for left, top, right, bottom in boxes:
        x0, x1 = max(int((left - _PAD) * width), 0), min(int((right + _PAD) * width) + 1, width)
        y0, y1 = max(int((top - _PAD) * height), 0), min(int((bottom + _PAD) * height) + 1, height)
        if x1 - x0 > 1 and y1 - y0 > 1:
            crops.append(pixels[y0:y1, x0:x1])
            places.append((float(y0), float(y1), float(x0)))
    if not crops:
        return ""
    results, _ = _engine().text_rec(crops)
    found: list[tuple[float, float, float, str]] = []
    for (top_px, bottom_px, left_px), result in zip(places, results, strict=True):
        text, score = str(result[0]).strip(), float(result[1])
        if score >= _MIN_SCORE and text:
            found.append((top_px, bottom_px, left_px, text))
    return "\n".join(_lines(found))

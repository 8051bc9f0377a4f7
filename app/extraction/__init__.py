"""Text and page images out of supplier documents; every parser is blocking and runs off the loop.

Exports are loaded lazily: importing `app.extraction.document` (as the analyzers do) must not
pull in PDFium, lxml and Pillow.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from app.extraction.document import ExtractedDocument, ExtractionError, ExtractionLimits, Section

if TYPE_CHECKING:
    from app.extraction.detect import detect_format
    from app.extraction.extract import count_pages, extract_document
    from app.extraction.runner import DocumentExtractor

_LAZY = {
    "DocumentExtractor": "app.extraction.runner",
    "count_pages": "app.extraction.extract",
    "detect_format": "app.extraction.detect",
    "extract_document": "app.extraction.extract",
}

__all__ = [
    "DocumentExtractor",
    "ExtractedDocument",
    "ExtractionError",
    "ExtractionLimits",
    "Section",
    "count_pages",
    "detect_format",
    "extract_document",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)

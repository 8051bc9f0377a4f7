"""Imported once by the forkserver so every extraction worker starts warm (see runner.py)."""

import openpyxl.styles.numbers  # noqa: F401  (the XLSX reader's number formats, imported lazily)

from app.extraction import extract as _extract  # noqa: F401  (imports every parser)
from app.extraction.language import _identifier

_identifier()

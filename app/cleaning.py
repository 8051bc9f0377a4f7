"""The one rule for text we store: drop what PostgreSQL cannot hold.

PostgreSQL refuses NUL (`\\x00`) in text, and a lone surrogate (`\\ud800`, which JSON can
carry as an escape) cannot be encoded as UTF-8 at all; either one used to surface as a 500.
Both are removed (not refused): they carry no meaning in a name, a description, a file name
or a content type, and stripping keeps an upload that is otherwise fine. Whether the cleaned
value is still acceptable (not blank, not too long) is decided afterwards by the usual checks.
Text extracted from documents is cleaned by the extraction stage with the same intent.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def clean_text(value: str) -> str:
    """`value` without NUL characters and lone surrogates (a no-op for ordinary text)."""
    return _UNSTORABLE.sub("", value)


def clean_optional_text(value: str | None) -> str | None:
    return None if value is None else clean_text(value)


def _clean_if_text(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


# For request models (JSON bodies, form fields): cleaned before the length checks run.
CleanStr = Annotated[str, BeforeValidator(_clean_if_text)]

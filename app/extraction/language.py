"""Document language (ISO 639-1) with py3langid, whose model ships inside the wheel (offline)."""

from __future__ import annotations

import functools
import re
from typing import Any

_WORD = re.compile(r"[^\W\d_]{2,}")  # letters only: part numbers and units say nothing
_SAMPLE_CHARS = 20_000
_MIN_LETTERS = 40
_MIN_PROBABILITY = 0.5


@functools.cache
def _identifier() -> Any:
    """Loading the model takes ~0.5 s, so once per process (the forkserver preloads it)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """The dominant language, or None when there is too little prose to tell."""
    words = _WORD.findall(text[:_SAMPLE_CHARS])
    if sum(len(word) for word in words) < _MIN_LETTERS:
        return None
    language, probability = _identifier().classify(" ".join(words))
    return str(language) if probability >= _MIN_PROBABILITY else None

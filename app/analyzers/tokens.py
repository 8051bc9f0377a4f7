"""Token counting with OpenAI's o200k_base encoding, without touching the internet.

tiktoken downloads its BPE ranks on first use, which fails on machines with no internet
access. The package ships the o200k_base ranks file (`data/o200k_base.tiktoken.gz`, 1.7 MB,
checked against the SHA-256 that tiktoken pins), so we build a real `tiktoken.Encoding` from
it; `tiktoken.get_encoding` (cache or download) is the fallback, and a logged character
estimate is the last resort so prompt building never fails.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import importlib.resources
import logging
import math
from functools import lru_cache
from typing import Protocol

logger = logging.getLogger(__name__)

ENCODING_NAME = "o200k_base"
# SHA-256 of the uncompressed ranks file, as tiktoken_ext.openai_public pins it.
O200K_SHA256 = "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"
_SPECIAL_TOKENS = {"<|endoftext|>": 199999, "<|endofprompt|>": 200018}
# tiktoken_ext.openai_public builds this pattern inline in o200k_base() (not exposed), so a copy.
O200K_PAT_STR = "|".join(
    [
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""\p{N}{1,3}""",
        r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
        r"""\s*[\r\n]+""",
        r"""\s+(?!\S)""",
        r"""\s+""",
    ]
)
CHARS_PER_TOKEN_ESTIMATE = 4.0


class TokenEncoder(Protocol):
    """The one method of `tiktoken.Encoding` we rely on."""

    def encode_ordinary(self, text: str) -> list[int]: ...


class _CharEstimate:
    """Last resort: ~4 characters per token, good enough to keep a prompt near its budget."""

    def encode_ordinary(self, text: str) -> list[int]:
        return [0] * math.ceil(len(text) / CHARS_PER_TOKEN_ESTIMATE)


def _parse_ranks(data: bytes) -> dict[bytes, int]:
    ranks: dict[bytes, int] = {}
    for line in data.splitlines():
        if not line:
            continue
        token, rank = line.split()
        ranks[base64.b64decode(token)] = int(rank)
    return ranks


def _from_package_data() -> TokenEncoder:
    import tiktoken

    resource = importlib.resources.files("app.analyzers") / "data" / "o200k_base.tiktoken.gz"
    data = gzip.decompress(resource.read_bytes())
    digest = hashlib.sha256(data).hexdigest()
    if digest != O200K_SHA256:
        raise ValueError(f"the shipped o200k_base ranks have an unexpected hash {digest}")
    return tiktoken.Encoding(
        name=ENCODING_NAME,
        pat_str=O200K_PAT_STR,
        mergeable_ranks=_parse_ranks(data),
        special_tokens=_SPECIAL_TOKENS,
    )


def _from_tiktoken() -> TokenEncoder:
    import tiktoken

    return tiktoken.get_encoding(ENCODING_NAME)


@lru_cache(maxsize=1)
def get_encoding() -> TokenEncoder:
    """The o200k_base encoder (built once, ~1 s: call it off the event loop the first time)."""
    for loader in (_from_package_data, _from_tiktoken):
        try:
            return loader()
        except Exception as exc:  # any failure just moves on to the next source
            logger.info("o200k_base via %s unavailable: %s", loader.__name__, exc)
    logger.warning(
        "No o200k_base encoding available (package data unreadable, tiktoken cannot download): "
        "token counts are estimated as characters / %.0f",
        CHARS_PER_TOKEN_ESTIMATE,
    )
    return _CharEstimate()


def is_exact() -> bool:
    """False when counts are only the character estimate."""
    return not isinstance(get_encoding(), _CharEstimate)


def count_tokens(text: str) -> int:
    """o200k_base tokens in `text`; special-token strings in documents count as plain text."""
    if not text:
        return 0
    return len(get_encoding().encode_ordinary(text))

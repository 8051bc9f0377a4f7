"""SDK errors in the service's terms: a stable code and a message a person can act on."""

from __future__ import annotations

import json

import openai

from app.analyzers.base import AnalysisError
from app.analyzers.llm.schema import InvalidAnswerError

# Statuses worth another attempt: the provider's trouble, not the request's.
RETRYABLE_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})
# Statuses with which servers refuse a `response_format` they do not support: llama.cpp's
# server answers 500, others 400 or 422.
CAPABILITY_STATUSES = frozenset({400, 422, 500})


def error_text(exc: openai.APIStatusError) -> str:
    return f"{exc.message} {json.dumps(exc.body, default=str)}".lower()


def names_parameter(exc: openai.APIStatusError, *names: str) -> bool:
    """True when a 400/422 blames one of these request parameters."""
    if exc.status_code not in (400, 422):
        return False
    text = error_text(exc)
    return any(name in text for name in names)


def is_retryable(exc: openai.APIError) -> bool:
    if isinstance(exc, openai.APIConnectionError):  # includes APITimeoutError
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code in RETRYABLE_STATUSES


def map_error(exc: openai.APIError, *, attempts: int, request_timeout_s: float) -> Exception:
    """The AnalysisError (or InvalidAnswerError, for a 200 that is no completion) for `exc`."""
    if isinstance(exc, openai.APITimeoutError):
        return AnalysisError(
            "llm_timeout",
            f"The model timed out after {attempts} attempts ({request_timeout_s:g} s each)",
            retryable=True,
        )
    if isinstance(exc, openai.APIConnectionError):
        return AnalysisError(
            "llm_unavailable",
            f"The model server could not be reached after {attempts} attempts "
            f"({exc.__cause__ or exc})",
            retryable=True,
        )
    if isinstance(exc, openai.RateLimitError):
        return AnalysisError(
            "llm_rate_limited", f"The model rate-limited after {attempts} attempts", retryable=True
        )
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return AnalysisError(
            "llm_auth",
            f"The model server refused the API key (HTTP {exc.status_code}): {exc.message}",
        )
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code >= 500:
            return AnalysisError(
                "llm_unavailable",
                f"The model server failed with HTTP {exc.status_code} after {attempts} attempts",
                retryable=True,
            )
        return AnalysisError(
            "llm_request_rejected",
            f"The model server rejected the request (HTTP {exc.status_code}): {exc.message}",
        )
    # APIResponseValidationError, an error event inside a stream: a 200 that is no answer.
    return InvalidAnswerError(f"the response is not a chat completion ({exc})")

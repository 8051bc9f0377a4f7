"""The model path: any OpenAI-compatible Chat Completions server behind the `Analyzer` interface.

schema (the answer and its checks) · prompt (what the model reads) · client (the call loop:
output cap, format fallback, retries, budget) · errors (SDK errors in our terms) · evidence
(the model's quotes found in the documents) · analyzer (the `Analyzer`).
"""

from app.analyzers.llm.analyzer import ModelAnalyzer

__all__ = ["ModelAnalyzer"]

"""The locked splits' shared fixtures (`truth`, `texts`); each split's module provides `split`."""

from tests.analyzers.locked_split_checks import texts, truth

__all__ = ["texts", "truth"]

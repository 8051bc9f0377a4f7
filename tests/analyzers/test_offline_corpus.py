"""Acceptance: the offline analyzer on the labelled corpus (tests/fixtures/corpus).

The evaluation (and the FALLBACK document loader used while app.extraction.extract_document
does not exist) lives in bench/offline_accuracy.py, loaded here by path.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "offline_accuracy", ROOT / "bench" / "offline_accuracy.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return _bench().evaluate(CORPUS)


def test_corpus_shape() -> None:
    labels = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    not_documents = {"labels.json", "build_binaries.py", "README.md", "locked"}
    files = {p.name for p in CORPUS.iterdir()} - not_documents
    assert set(labels) == files
    assert len(labels) >= 70
    assert sum(1 for v in labels.values() if v["weight_g"] is None) >= 10
    binaries = [n for n in labels if n.endswith((".docx", ".xlsx", ".pdf"))]
    assert len(binaries) >= 15
    assert all((CORPUS / n).stat().st_size < 100_000 for n in binaries)
    for value in labels.values():
        assert set(value) == {"weight_g", "material", "language", "notes"}


def test_weight_accuracy(report) -> None:  # type: ignore[no-untyped-def]
    assert report.weight_rate >= 0.95, "\n".join(report.failures)


def test_no_invented_weights(report) -> None:  # type: ignore[no-untyped-def]
    assert report.nulls_ok == report.nulls, "\n".join(report.failures)


def test_main_material_accuracy(report) -> None:  # type: ignore[no-untyped-def]
    assert report.material_rate >= 0.90, "\n".join(report.failures)

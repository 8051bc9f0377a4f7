"""Acceptance: the offline analyzer on the dev split (tests/fixtures/corpus/truth.json).

Scoring (the labelling rules) lives in bench/offline_accuracy.py, loaded here by path, so the
test and the benchmark can never score differently.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

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
def bench() -> ModuleType:
    return _bench()


@pytest.fixture(scope="module")
def report(bench: ModuleType) -> Any:
    return bench.evaluate(CORPUS)


def _failures(report: Any) -> str:
    return "\n".join(
        f"{o.file}: truth {o.truth_g}, got {o.got_g} {o.quote!r} {o.error}"
        for o in report.weight_failures
    )


def test_truth_entries_follow_the_labelling_format(bench: ModuleType) -> None:
    entries = bench.load_truth(CORPUS)
    assert len(entries) >= 100
    assert sum(1 for e in entries if e["unit_weight_g"] is None) >= 15
    for entry in entries:
        assert (CORPUS / entry["file"]).is_file(), entry["file"]
        assert not entry["file"].startswith("locked/")
        assert {"file", "article_name", "unit_weight_g", "tolerance_g", "main_material"} <= set(
            entry
        )
        if entry["unit_weight_g"] is not None:
            assert entry["tolerance_g"] == pytest.approx(
                max(0.005 * entry["unit_weight_g"], 0.01), rel=1e-3
            )


def test_weight_accuracy(report: Any) -> None:
    assert report.overall.weight_rate >= 0.95, _failures(report)


def test_wrong_values_are_rare(report: Any) -> None:
    assert report.overall.wrong_rate <= 0.02, _failures(report)


def test_no_invented_weights(report: Any) -> None:
    assert report.overall.null_ok == report.overall.null_truth, _failures(report)


def test_main_material_accuracy(report: Any) -> None:
    failures = "\n".join(f"{o.file}: {o.main_material} != {o.got_material}" for o in report.material_failures)
    assert report.overall.material_rate >= 0.90, failures

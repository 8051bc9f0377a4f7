"""bench/service_accuracy.py scores what the API answers, by the labelling rules.

A four-document corpus goes through the real app served over HTTP (uvicorn on loopback, real
PostgreSQL, the offline analyzer): a right weight, a weight that disagrees with its label, a
document without a weight whose truth is null, and an empty file the API refuses. The bench
must count each as the testers would: the refused upload as wrong with its error code, the
disagreeing weight as a wrong value, not as an abstention.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from app.config import Settings
from app.main import create_app
from tests.support import served

ROOT = Path(__file__).resolve().parents[2]

SPEC = "Bracket datasheet\nMaterial: steel S235JR, zinc plated\nNet weight: 0,35 kg\n"
NO_WEIGHT = "Cover plate datasheet\nMaterial: steel S235JR\nThickness: 2 mm\n"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "service_accuracy", ROOT / "bench" / "service_accuracy.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _entry(file: str, weight: float | None, material: str | None) -> dict[str, object]:
    return {
        "file": file,
        "article_name": Path(file).stem,
        "unit_weight_g": weight,
        "tolerance_g": None if weight is None else round(max(0.005 * weight, 0.01), 4),
        "main_material": material,
        "language": "en",
        "format": "text",
    }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    files = {"right.txt": SPEC, "mislabelled.txt": SPEC, "none.txt": NO_WEIGHT, "empty.txt": ""}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    truth = [
        _entry("right.txt", 350.0, "steel"),
        _entry("mislabelled.txt", 500.0, "steel"),
        _entry("none.txt", None, None),
        _entry("empty.txt", 10.0, None),
    ]
    (tmp_path / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return tmp_path


async def test_the_bench_scores_the_answers_of_the_api(settings: Settings, corpus: Path) -> None:
    bench = _bench()
    async with served(create_app(settings)) as url:
        run = await bench.evaluate(url, corpus, concurrency=2, timeout_s=60.0)

    by_file = {o.file: o for o in run.report.outcomes}
    assert [o.file for o in run.report.outcomes] == [
        "right.txt", "mislabelled.txt", "none.txt", "empty.txt",
    ]  # fmt: skip
    right = by_file["right.txt"]
    assert right.weight_ok and right.got_g == pytest.approx(350.0)
    assert right.got_material == "steel" and "0,35 kg" in right.quote
    assert not by_file["mislabelled.txt"].weight_ok
    assert by_file["none.txt"].weight_ok and by_file["none.txt"].got_g is None
    refused = by_file["empty.txt"]
    assert not refused.weight_ok and refused.error.startswith("refused_422")

    overall = run.report.overall
    assert (overall.documents, overall.weight_ok, overall.wrong_values) == (4, 2, 1)
    assert (overall.abstentions, overall.null_ok, overall.failed) == (0, 1, 1)
    assert (overall.materials, overall.material_ok) == (2, 2)
    assert dict(run.overall.codes) == {"refused_422 validation-error": 1}
    assert dict(run.methods) == {"offline": 3}  # the refused upload never reached one
    assert run.report.slowest is not None and run.report.slowest.ms > 0
    assert "weight 50.0% (2/4)" in run.summary()

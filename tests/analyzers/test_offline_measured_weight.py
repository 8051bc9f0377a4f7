"""A test or inspection report's measured mass of the article is its weight; a test load is not.

Every document here is written for this file.
"""

from __future__ import annotations

import pytest

from tests.analyzers.offline_support import weight_of


@pytest.mark.parametrize(
    ("label", "value"),
    [
        ("Mean mass (n = 10)", "4.12 g"),
        ("Measured weight (average of 5 parts)", "4.12 g"),
        ("Gemessene Masse (Mittelwert)", "4,12 g"),
        ("Masse moyenne mesurée", "4,12 g"),
    ],
)
def test_the_mean_measured_mass_of_the_samples_is_the_article_s(label: str, value: str) -> None:
    text = (
        "Inspection report IR-2207, clip CL-44, PA66\n"
        "Characteristic | Requirement | Result\n"
        "Length | 24.0 ± 0.2 mm | 24.05 mm\n"
        f"{label} | {value}\n"
        "Pull-off force | ≥ 80 N | 96 N\n"
    )
    assert weight_of("report.txt", text, "Clip CL-44, PA66") == pytest.approx(4.12)


def test_a_test_load_is_not_the_article_s_weight() -> None:
    text = (
        "Test report TR-19, shelf bracket SB-2\n"
        "Test weight | 25 kg, 24 h\n"
        "Deflection under load | 1.8 mm\n"
    )
    assert weight_of("report.txt", text, "Shelf bracket SB-2") is None

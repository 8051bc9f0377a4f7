"""Whose weight a label gives: what a "without" leaves out is not a pack, and a "with inserted
battery" name includes the battery. Each answered case has a counterpart that abstains.

Every document here is written for this file.
"""

from __future__ import annotations

import pytest

from tests.analyzers.offline_support import weight_of


def test_a_weight_without_a_roll_is_the_machine_s_not_a_pack_s() -> None:
    text = (
        "Technical data, net wrapper NW-90\n"
        "Working width | 1.90 m\n"
        "Weight (without film roll) | 640 kg\n"
        "Film roll (750 mm x 1,500 m) | approx. 22 kg\n"
    )
    assert weight_of("data.txt", text, "NW-90 net wrapper") == pytest.approx(640_000.0)


def test_a_weight_without_the_roll_the_name_includes_abstains() -> None:
    text = (
        "Technical data, net wrapper NW-90\n"
        "Working width | 1.90 m\n"
        "Weight (without film roll) | 640 kg\n"
    )
    assert weight_of("data.txt", text, "NW-90 net wrapper with film roll") is None


def test_a_kit_with_an_inserted_battery_takes_the_with_battery_weight() -> None:
    text = (
        "Cordless drill CD-18, technical data\n"
        "Weight without battery | 1.2 kg\n"
        "Weight with battery BP-20 | 1.6 kg\n"
    )
    name = "Cordless drill CD-18 kit with inserted 2.0 Ah battery"
    assert weight_of("data.txt", text, name) == pytest.approx(1600.0)


def test_a_kit_with_an_inserted_battery_abstains_when_only_the_bare_tool_is_weighed() -> None:
    text = "Cordless drill CD-18, technical data\nWeight without battery | 1.2 kg\n"
    name = "Cordless drill CD-18 kit with inserted 2.0 Ah battery"
    assert weight_of("data.txt", text, name) is None


_MIXER = "MX-40: name=Lavatory mixer 40 with drain set, chrome | "


def test_the_net_weight_of_a_part_the_name_includes_adds_to_the_weight_without_it() -> None:
    text = (
        "Product export, lavatory mixers\n"
        f"{_MIXER}feature=Net weight mixer (without drain set) | 1,20 kg\n"
        f"{_MIXER}feature=Net weight drain set | 0,25 kg\n"
        f"{_MIXER}feature=Gross weight | 1,90 kg\n"
    )
    name = "Lavatory mixer 40 with drain set, chrome (MX-40)"
    assert weight_of("export.txt", text, name) == pytest.approx(1450.0)


def test_the_net_weight_of_an_included_part_alone_is_not_the_article_s() -> None:
    text = (
        "Product export, lavatory mixers\n"
        f"{_MIXER}feature=Net weight drain set | 0,25 kg\n"
        f"{_MIXER}feature=Gross weight | 1,90 kg\n"
    )
    name = "Lavatory mixer 40 with drain set, chrome (MX-40)"
    assert weight_of("export.txt", text, name) is None

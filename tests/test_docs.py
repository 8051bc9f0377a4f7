"""The docs stay true: every setting is in env.example and the README's settings table."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import Settings

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = [f"CMS_{name.upper()}" for name in Settings.model_fields]


@pytest.mark.parametrize("setting", SETTINGS)
def test_every_setting_is_in_env_example(setting: str):
    lines = (ROOT / "env.example").read_text().splitlines()
    assert any(line.startswith(f"{setting}=") for line in lines)


@pytest.mark.parametrize("setting", SETTINGS)
def test_every_setting_is_in_the_readme(setting: str):
    assert f"`{setting}`" in (ROOT / "README.md").read_text()


def test_every_error_code_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    codes = {
        "empty_file",
        "unsupported_file",
        "corrupt_file",
        "encrypted_file",
        "file_too_complex",
        "file_purged",
        "timeout",
        "llm_rate_limited",
        "llm_unavailable",
        "llm_timeout",
        "llm_invalid_output",
        "llm_auth",
        "llm_request_rejected",
        "invalid_cost_model",
        "worker_lost",
        "database_unavailable",
        "internal_error",
        "cancelled",
        "llm_circuit_open",
        "llm_budget_spent",
        "llm_requests_per_minute",
    }
    missing = sorted(code for code in codes if f"`{code}`" not in readme)
    assert not missing

"""The import's `codes` field (column title or number → index code): validated as a typed
JSON object, with a 422 that says what is wrong and where."""

from __future__ import annotations

import httpx2
import pytest

from app.errors import InvalidInputError
from app.indices.service import parse_codes

CSV = b"date,value\n2026-01,100\n"


def test_a_mapping_is_read_and_blank_means_none() -> None:
    assert parse_codes('{"GP19-24": "metals", "2": " aluminium "}') == {
        "GP19-24": "metals",
        "2": "aluminium",
    }
    assert parse_codes(None) is None
    assert parse_codes("  ") is None


@pytest.mark.parametrize(
    ("text", "field", "says"),
    [
        ("GP19-24=steel", "codes", "invalid json"),
        ('["steel"]', "codes", "object"),
        ("{}", "codes", "at least 1 item"),
        ('{"GP19-24": 7}', 'codes["GP19-24"]', "the index code: input should be a valid string"),
        ('{"GP19-24": " "}', 'codes["GP19-24"]', "the index code: string should have at least"),
        ('{"": "steel"}', 'codes[""]', "the column title"),
    ],
)
def test_a_bad_mapping_names_the_field_and_the_reason(text: str, field: str, says: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_codes(text)

    error = caught.value.errors[0]
    assert error["field"] == field
    assert says in error["message"].lower()
    assert '{"GP19-24": "metals"}' in error["message"]  # the example of the right shape


async def test_the_import_answers_a_bad_mapping_with_a_422(client: httpx2.AsyncClient) -> None:
    response = await client.post(
        "/api/indices/import",
        files={"file": ("values.csv", CSV, "text/csv")},
        data={"codes": '{"GP19-24": ["metals"]}', "dry_run": "true"},
    )

    assert response.status_code == 422, response.text
    body = response.json()
    assert body["detail"] == "Invalid request: codes"
    assert body["errors"][0]["field"] == 'codes["GP19-24"]'

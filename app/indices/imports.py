"""Index values from the CSV files publishers hand out: pure parsing, run in the process pool.

Four shapes are read:

- **generic**: a header with `date` (or `period`) and `value`, optionally `code` for many
  indices in one file; comma, semicolon or tab separated.
- **Eurostat SDMX-CSV** (1.0: `DATAFLOW, LAST UPDATE, <dimensions…>, TIME_PERIOD, OBS_VALUE,
  OBS_FLAG`; 2.0: `STRUCTURE, STRUCTURE_ID, ACTION, …`): one row per observation; the
  dimension columns name the series, so a file must hold exactly one series per import.
- **Destatis GENESIS** table CSV: semicolon separated, a free-text head and foot, data rows
  `2024;Januar;125,3;118,0` where the year is given once per year, German month names, a
  decimal comma and `...`, `.`, `-`, `x` or `/` for a value that is not (yet) there. Every
  column after the year and the month is a series of its own (several products of 61241-0004,
  or the index and its rates of change in 61111-0002); the column-title rows right above the
  first data row name them (a product code, then its label). Which index a column is: see
  `column_codes`.
- **FRED** CSV: `observation_date,<SERIES_ID>` (older files: `DATE,…`), daily dates (the
  first of the month for monthly series), `.` for a missing value; each series column is an
  index whose code is the series id in lower case unless one code is given.

Every period is a month, stored as its first day; a value must be a positive number, and a
month may be given once per index. The result is binary COPY data (index id, month, value) so that
the database does the rest in one set-based statement, and a list of bad rows with their line
numbers; a code that is not in the catalogue is listed apart (the file's rows were fine).
"""

from __future__ import annotations

import csv
import math
import re
import struct
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

FORMATS = ("generic", "eurostat", "genesis", "fred")
MAX_ERRORS = 100
MISSING = frozenset({"", ".", "..", "...", "-", "x", "/", ":", "na", "n/a", "nan"})

GERMAN_MONTHS = {
    "januar": 1,
    "jänner": 1,
    "februar": 2,
    "märz": 3,
    "maerz": 3,
    "april": 4,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "dezember": 12,
}
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_EUROSTAT_MONTH = re.compile(r"^(\d{4})-?M(\d{2})$")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_FLAGGED = re.compile(r"^([-+]?[\d.,]+)\s*[a-zA-Z]{1,2}$")
_SDMX_NON_DIMENSIONS = frozenset(
    {
        "DATAFLOW",
        "STRUCTURE",
        "STRUCTURE_ID",
        "STRUCTURE_NAME",
        "ACTION",
        "LAST UPDATE",
        "TIME_PERIOD",
        "OBS_VALUE",
        "OBS_FLAG",
        "CONF_STATUS",
        "OBS_STATUS",
    }
)
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# PostgreSQL's binary COPY (see its COPY documentation, "Binary Format"): a signature, flags
# and header extension length, then per row the field count and each field as its length and
# value (int4 index id; date as int4 days since 2000-01-01; float8), then -1 as int2. The
# server parses no text: a third of a million-row COPY's time.
_COPY_HEADER = b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0)
_COPY_TRAILER = struct.pack(">h", -1)
_COPY_ROW = struct.Struct(">hiiiiid")
_PG_EPOCH = date(2000, 1, 1).toordinal()


class BadRowError(ValueError):
    """A row that cannot be imported; the message says why."""


@dataclass(frozen=True, slots=True)
class SeriesSummary:
    code: str
    first: str
    last: str
    count: int
    first_line: int


@dataclass(slots=True)
class ParsedImport:
    format: str
    copy_data: bytes = b""  # binary COPY rows (index_id, period, value), see copy_rows
    count: int = 0
    series: list[SeriesSummary] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    error_count: int = 0
    # Codes not in the catalogue: (the first line naming it, the code).
    unknown: list[tuple[int, str]] = field(default_factory=list)
    # GENESIS: the title of the column each code was read from; columns left out by `codes`.
    columns: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def month_of(text: str) -> str:
    """The month a period or date falls in, as its first day (`2026-10-01`)."""
    text = text.strip()
    match = _YEAR_MONTH.match(text) or _EUROSTAT_MONTH.match(text)
    if match:
        year, month, day = int(match[1]), int(match[2]), 1
    elif match := _DATE.match(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _GERMAN_DATE.match(text):
        year, month, day = int(match[3]), int(match[2]), int(match[1])
    else:
        raise BadRowError(f"'{text[:40]}' is not a month (2026-10) or a date (2026-10-31)")
    if not (1 <= month <= 12 and 1 <= day <= _DAYS[month - 1] and 1 <= year <= 9999):
        raise BadRowError(f"'{text[:40]}' is not a valid date")
    if month == 2 and day == 29 and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        raise BadRowError(f"'{text[:40]}' is not a valid date")
    return f"{year:04d}-{month:02d}-01"


def number_of(text: str, *, decimal_comma: bool) -> float:
    raw = text.strip()
    flagged = _FLAGGED.match(raw)  # "125,3 p": a provisional value keeps its number
    if flagged:
        raw = flagged[1]
    if decimal_comma:
        raw = raw.replace(".", "").replace(",", ".")
    if "_" in raw:  # Python reads 1_000, PostgreSQL and spreadsheets do not
        raise BadRowError(f"'{text.strip()[:40]}' is not a number")
    try:
        value = float(raw)
    except ValueError:
        raise BadRowError(f"'{text.strip()[:40]}' is not a number") from None
    if not math.isfinite(value) or value <= 0:
        raise BadRowError(f"{text.strip()[:40]} is not a positive value")
    return value


class _Series:
    __slots__ = ("count", "first", "first_line", "last")

    def __init__(self, month: str, line: int) -> None:
        self.first = self.last = month
        self.count = 1
        self.first_line = line


def pg_days(month: str) -> int:
    """A month (`2026-10-01`) as PostgreSQL's binary date: days since 2000-01-01."""
    return date(int(month[:4]), int(month[5:7]), 1).toordinal() - _PG_EPOCH


def copy_rows(copy_data: bytes) -> list[tuple[int, str, float]]:
    """The rows of `copy_data` back as (index id, month, value): to look at a parse."""
    rows = []
    for offset in range(len(_COPY_HEADER), len(copy_data) - len(_COPY_TRAILER), _COPY_ROW.size):
        _, _, ident, _, days, _, value = _COPY_ROW.unpack_from(copy_data, offset)
        rows.append((ident, date.fromordinal(days + _PG_EPOCH).isoformat(), value))
    return rows


class _Collector:
    """Rows in binary COPY format, per-series summaries, the bad rows and the unknown codes.

    `catalogue` maps the tenant's codes to index ids (without one, codes are numbered in
    the order they come: a preview of the parsing alone). A (code, month) seen twice is a
    bad row that names the first line."""

    def __init__(self, fmt: str, catalogue: Mapping[str, int] | None) -> None:
        self.result = ParsedImport(format=fmt)
        self._lines: list[bytes] = []
        self._series: dict[str, _Series] = {}
        self._seen: dict[tuple[str, str], int] = {}
        self._unknown: dict[str, int] = {}
        self.catalogue: dict[str, int] = {} if catalogue is None else dict(catalogue)
        self._numbering = catalogue is None
        self.codes: Mapping[str, str] | None = None
        # The fast path writes to these directly.
        self.copy_lines = self._lines
        self.series_by_code = self._series
        self.seen = self._seen
        self.unknown = self._unknown

    def known(self, code: str, line: int) -> int | None:
        """The id to write for a code, or None (then noted as unknown)."""
        found = self.catalogue.get(code)
        if found is None:
            if not self._numbering:
                self._unknown.setdefault(code, line)
                return None
            found = self.catalogue[code] = len(self.catalogue) + 1
        return found

    def add(self, line: int, code: str, month: str, value: float) -> None:
        ident = self.known(code, line)
        if ident is None:
            return
        first = self._seen.setdefault((code, month), line)
        if first != line:
            self.bad(line, f"a second value for {code} {month[:7]} (first on line {first})")
            return
        self._lines.append(_COPY_ROW.pack(3, 4, ident, 4, pg_days(month), 8, value))
        series = self._series.get(code)
        if series is None:
            self._series[code] = _Series(month, line)
            return
        series.count += 1
        if month < series.first:
            series.first = month
        elif month > series.last:
            series.last = month

    def bad(self, line: int, reason: str) -> None:
        self.result.error_count += 1
        if len(self.result.errors) < MAX_ERRORS:
            self.result.errors.append((line, reason))

    def done(self) -> ParsedImport:
        self.result.copy_data = _COPY_HEADER + b"".join(self._lines) + _COPY_TRAILER
        self.result.count = len(self._lines)
        self.result.series = [
            SeriesSummary(
                code=code,
                first=s.first[:7],
                last=s.last[:7],
                count=s.count,
                first_line=s.first_line,
            )
            for code, s in sorted(self._series.items())
        ]
        self.result.unknown = sorted((line, code) for code, line in self._unknown.items())
        return self.result


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # GENESIS exports can be Windows-1252


def detect_format(text: str) -> str:
    head = text[:4000]
    first = next((line for line in head.splitlines() if line.strip()), "")
    cells = [c.strip().strip('"') for c in re.split(r"[,;\t]", first)]
    upper = {c.upper() for c in cells}
    if {"TIME_PERIOD", "OBS_VALUE"} <= upper:
        return "eurostat"
    lower = [c.lower() for c in cells]
    if lower and (
        lower[0] == "observation_date"
        or (lower[0] == "date" and len(lower) >= 2 and lower[1] not in ("value", "code"))
    ):
        return "fred"
    months = "|".join(GERMAN_MONTHS)
    if "GENESIS" in head or re.search(rf"(?im)^\s*(\d{{4}})?\s*;\s*({months})\s*;", head):
        return "genesis"
    return "generic"


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _need_code(index_code: str | None, what: str) -> str:
    if not index_code:
        raise BadRowError(f"{what}: say which index it is (the index_code field)")
    return index_code


def _generic_fast(
    lines: list[str],
    header: list[str],
    fixed_code: str | None,
    out: _Collector,
    *,
    underscores: bool,
) -> None:
    """Unquoted comma files (what scripts and spreadsheets write for big series): no csv
    module, and the per-row work inlined; this loop is most of a million-row import.

    `underscores`: the rows hold a `_` somewhere (Python's float() reads 1_000, PostgreSQL
    and spreadsheets do not), so each value must be looked at for one."""
    period_col = next(
        header.index(n) for n in ("date", "period", "month", "time_period") if n in header
    )
    value_col = header.index("value")
    code_col = next((header.index(n) for n in ("code", "index_code", "index") if n in header), None)
    width = max(period_col, value_col, code_col if code_col is not None else 0) + 1
    months: dict[str, str] = {}
    days_of: dict[str, int] = {}
    rows = out.copy_lines
    pack = _COPY_ROW.pack
    # Per code, the months seen (month → line, in file order): the duplicates check, and the
    # series' summary at the end. A file is mostly grouped by code, so the per-code lookups
    # happen when the code changes, not on every row.
    per_code: dict[str, dict[str, int]] = {}
    last_code: str | None = None
    ident: int | None = None
    seen: dict[str, int] = {}
    inf = math.inf
    for number, line in enumerate(lines[1:], start=2):
        row = line.split(",")
        if len(row) < width:
            if line.strip():
                out.bad(number, f"{len(row)} columns, the header has {len(header)}")
            continue
        code = fixed_code or row[code_col].strip()  # type: ignore[index]
        period = row[period_col]
        month = months.get(period)
        raw = row[value_col].strip()
        try:
            if not code:
                raise BadRowError("no index code")
            if month is None:
                month = months[period] = month_of(period)
                days_of[month] = pg_days(month)
            try:
                value = float(raw)
            except ValueError:
                value = -1.0
            if not 0 < value < inf or (underscores and "_" in raw):
                value = number_of(raw, decimal_comma=False)
        except BadRowError as exc:
            out.bad(number, str(exc))
            continue
        if code != last_code:
            last_code = code
            ident = out.known(code, number)  # None: noted as unknown on its first line
            seen = per_code.setdefault(code, {})
        if ident is None:
            continue
        first = seen.setdefault(month, number)
        if first != number:
            out.bad(number, f"a second value for {code} {month[:7]} (first on line {first})")
            continue
        rows.append(pack(3, 4, ident, 4, days_of[month], 8, value))
    for code, found in per_code.items():
        if found:
            series = out.series_by_code[code] = _Series(min(found), next(iter(found.values())))
            series.last = max(found)
            series.count = len(found)


def _generic(text: str, index_code: str | None, out: _Collector) -> None:
    lines = text.splitlines()
    if not lines:
        raise BadRowError("the file is empty")
    delimiter = _delimiter(lines[0])
    reader = csv.reader(lines, delimiter=delimiter)
    header = [c.strip().lower() for c in next(reader)]
    period_col = next(
        (header.index(n) for n in ("date", "period", "month", "time_period") if n in header), None
    )
    if period_col is None or "value" not in header:
        raise BadRowError("the header needs a date (or period) column and a value column")
    value_col = header.index("value")
    code_col = next((header.index(n) for n in ("code", "index_code", "index") if n in header), None)
    fixed_code = None if code_col is not None else _need_code(index_code, "no code column")
    decimal_comma = delimiter == ";"
    if delimiter == "," and '"' not in text:
        underscores = "_" in text.partition("\n")[2]
        _generic_fast(lines, header, fixed_code, out, underscores=underscores)
        return
    width = max(period_col, value_col, code_col if code_col is not None else 0) + 1
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        try:
            if len(row) < width:
                raise BadRowError(f"{len(row)} columns, the header has {len(header)}")
            code = fixed_code or row[code_col].strip()  # type: ignore[index]
            if not code:
                raise BadRowError("no index code")
            out.add(
                number,
                code,
                month_of(row[period_col]),
                number_of(row[value_col], decimal_comma=decimal_comma),
            )
        except BadRowError as exc:
            out.bad(number, str(exc))


def _fred(text: str, index_code: str | None, out: _Collector) -> None:
    reader = csv.reader(text.splitlines())
    header = [c.strip() for c in next(reader)]
    series = header[1:]
    if not series:
        raise BadRowError("a FRED file has a date column and at least one series column")
    if index_code and len(series) > 1:
        raise BadRowError(f"the file holds {len(series)} series; one index_code names one series")
    codes = [index_code] if index_code else [s.lower() for s in series]
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        try:
            month = month_of(row[0])
            for column, code in enumerate(codes, start=1):
                raw = row[column] if column < len(row) else ""
                if raw.strip().lower() in MISSING:
                    continue
                out.add(number, code, month, number_of(raw, decimal_comma=False))
        except BadRowError as exc:
            out.bad(number, str(exc))


def _code_part(cell: str) -> str:
    """SDMX-CSV with labels writes `M: Monthly`; the code is before the colon."""
    return cell.split(":", 1)[0].strip()


def _eurostat(text: str, index_code: str | None, out: _Collector) -> None:
    lines = text.splitlines()
    if not lines:
        raise BadRowError("the file is empty")
    delimiter = _delimiter(lines[0])
    reader = csv.reader(lines, delimiter=delimiter)
    header = [c.strip() for c in next(reader)]
    upper = [c.upper() for c in header]
    if "TIME_PERIOD" not in upper or "OBS_VALUE" not in upper:
        raise BadRowError("an SDMX-CSV header names TIME_PERIOD and OBS_VALUE")
    time_col, value_col = upper.index("TIME_PERIOD"), upper.index("OBS_VALUE")
    dimensions = [i for i, name in enumerate(upper) if name not in _SDMX_NON_DIMENSIONS]
    freq_col = next((i for i in dimensions if upper[i] == "FREQ"), None)
    code = _need_code(index_code, "an SDMX-CSV file")
    first_key: tuple[str, ...] | None = None
    other_keys: set[tuple[str, ...]] = set()
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        try:
            if len(row) <= max(time_col, value_col):
                raise BadRowError(f"{len(row)} columns, the header has {len(header)}")
            key = tuple(_code_part(row[i]) for i in dimensions if i < len(row))
            if first_key is None:
                first_key = key
            elif key != first_key:
                other_keys.add(key)
                continue
            if freq_col is not None and _code_part(row[freq_col]) not in ("M", ""):
                raise BadRowError(f"frequency {_code_part(row[freq_col])}, not monthly (M)")
            if row[value_col].strip().lower() in MISSING:
                continue
            out.add(
                number,
                code,
                month_of(row[time_col]),
                number_of(row[value_col], decimal_comma=False),
            )
        except BadRowError as exc:
            out.bad(number, str(exc))
    if other_keys:
        names = [header[i] for i in dimensions]
        shown = "; ".join(",".join(k) for k in sorted(other_keys)[:3])
        raise BadRowError(
            f"the file holds {len(other_keys) + 1} series ({', '.join(names)}: "
            f"{','.join(first_key or ())}; {shown}…); filter it to one series per index"
        )


def code_of_title(title: str) -> str:
    """The code a column title stands for when no mapping names it: lower case ASCII, every
    other character `_` (`GP19-24` → `gp19_24`, `Verbraucherpreisindex` → itself)."""
    ascii_title = (
        unicodedata.normalize("NFKD", title.replace("ß", "ss")).encode("ascii", "ignore").decode()
    )
    return re.sub(r"[^a-z0-9]+", "_", ascii_title.lower()).strip("_")[:64]


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True, slots=True)
class GenesisColumn:
    position: int  # 1 = the first value column
    titles: tuple[str, ...]  # the non-empty column-title cells, top to bottom

    @property
    def title(self) -> str:
        return " / ".join(self.titles) or f"column {self.position}"

    def answers_to(self, key: str) -> bool:
        wanted = _norm(key)
        return wanted == str(self.position) or any(
            wanted in (_norm(t), _norm(self.title)) for t in self.titles
        )


def genesis_columns(rows: list[list[str]], first_data: int) -> list[GenesisColumn]:
    """The value columns of a GENESIS table and their titles: the rows right above the first
    data row whose cells after the year and the month are not all empty (a title line of the
    head has text in its first cell only)."""
    width = max(len(r) for r in rows[first_data:]) if rows[first_data:] else 0
    head: list[list[str]] = []
    for row in reversed(rows[:first_data]):
        if not any(cell for cell in row[2:]):
            break
        head.insert(0, row)
    return [
        GenesisColumn(
            position=column - 1,
            titles=tuple(r[column] for r in head if column < len(r) and r[column]),
        )
        for column in range(2, width)
    ]


def column_codes(
    columns: list[GenesisColumn], index_code: str | None, codes: Mapping[str, str] | None
) -> dict[int, str]:
    """Which index each value column is (cell position → code); a column not named is left out.

    - `codes` (a title cell, the titles joined by ` / `, or the column's number from 1 → code):
      only the columns it names are read;
    - else `index_code`, for a table with one value column;
    - else every column, its code derived from its top title cell (`code_of_title`)."""
    if codes:
        chosen: dict[int, str] = {}
        for key, code in codes.items():
            match = [c for c in columns if c.answers_to(key)]
            if not match:
                titles = "; ".join(c.title for c in columns)
                raise BadRowError(f"no column is titled '{key[:60]}' (the columns: {titles})")
            if len(match) > 1:
                raise BadRowError(f"'{key[:60]}' names {len(match)} columns; use their numbers")
            chosen[match[0].position + 1] = code
        return chosen
    if index_code:
        if len(columns) > 1:
            titles = "; ".join(c.title for c in columns)
            raise BadRowError(
                f"the table has {len(columns)} value columns ({titles}); one index_code names "
                "one column: map them with `codes`"
            )
        return {2: index_code}
    derived = {c.position + 1: code_of_title(c.titles[0]) if c.titles else "" for c in columns}
    if (len(columns) == 1 and not columns[0].titles) or not all(derived.values()):
        raise BadRowError("a GENESIS table: say which index it is (the index_code or codes field)")
    return derived


def _genesis(text: str, index_code: str | None, out: _Collector) -> None:
    rows = [[c.strip().strip('"') for c in line.split(";")] for line in text.splitlines()]
    first_data = next(
        (
            n
            for n, cells in enumerate(rows)
            if len(cells) >= 3 and cells[1].lower() in GERMAN_MONTHS
        ),
        None,
    )
    if first_data is None:
        raise BadRowError("no data rows (year;month;value…) in the GENESIS table")
    columns = genesis_columns(rows, first_data)
    chosen = column_codes(columns, index_code, out.codes)
    titles = {c.position + 1: c.title for c in columns}
    out.result.columns = {code: titles[cell] for cell, code in chosen.items()}
    out.result.skipped = [titles[c] for c in titles if c not in chosen]
    # A column whose code is not in the catalogue is named as such; its cells are not read
    # (a rate of change is not an index: its negative values would only hide the reason).
    chosen = {cell: code for cell, code in chosen.items() if out.known(code, first_data + 1)}
    year: int | None = None
    for number, cells in enumerate(rows[first_data:], start=first_data + 1):
        if len(cells) < 3:
            continue
        month = GERMAN_MONTHS.get(cells[1].lower())
        if month is None:
            continue  # the table's foot
        try:
            if cells[0]:
                if not re.fullmatch(r"\d{4}", cells[0]):
                    raise BadRowError(f"'{cells[0][:20]}' is not a year")
                year = int(cells[0])
            if year is None:
                raise BadRowError("a month before any year")
        except BadRowError as exc:
            out.bad(number, str(exc))
            continue
        period = f"{year:04d}-{month:02d}-01"
        for cell, code in chosen.items():
            raw = cells[cell] if cell < len(cells) else ""
            if raw.lower() in MISSING:
                continue
            try:
                out.add(number, code, period, number_of(raw, decimal_comma=True))
            except BadRowError as exc:
                out.bad(number, f"{titles[cell]}: {exc}" if len(chosen) > 1 else str(exc))


_PARSERS = {"generic": _generic, "eurostat": _eurostat, "genesis": _genesis, "fred": _fred}


def parse_index_csv(
    data: bytes,
    index_code: str | None = None,
    fmt: str | None = None,
    catalogue: Mapping[str, int] | None = None,
    codes: Mapping[str, str] | None = None,
) -> ParsedImport:
    """Parse a whole file; problems with the file as a whole are reported as line 1.

    `catalogue` (code → index id) is what the COPY rows carry; `codes` maps GENESIS columns
    to index codes (see `column_codes`)."""
    text = _decode(data)
    chosen = fmt or detect_format(text)
    out = _Collector(chosen, catalogue)
    out.codes = codes
    try:
        _PARSERS[chosen](text, index_code, out)
    except (BadRowError, csv.Error, StopIteration) as exc:
        out.bad(1, str(exc) or "the file has no header row")
    except (
        IndexError,
        ValueError,
    ) as exc:  # a shape no check above foresaw: still the file's fault
        out.bad(1, f"the file does not read as {chosen} CSV ({exc.__class__.__name__})")
    parsed = out.done()
    if parsed.count == 0 and parsed.error_count == 0 and not parsed.unknown:
        parsed.errors.append((1, "the file holds no values"))
        parsed.error_count = 1
    return parsed


__all__ = [
    "FORMATS",
    "BadRowError",
    "ParsedImport",
    "SeriesSummary",
    "code_of_title",
    "copy_rows",
    "month_of",
    "parse_index_csv",
]

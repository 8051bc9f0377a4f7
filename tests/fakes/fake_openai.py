"""A fake OpenAI-compatible Chat Completions server on loopback, for tests and benchmarks.

The openai SDK talks through `httpx2`, which httpx mocking libraries do not intercept, so the
fake is a real HTTP server: a small HTTP/1.1 server on asyncio streams, run in a background
thread (or as a CLI process for benchmarks). Raw streams rather than uvicorn because the
"drop" fault must close the connection with no response at all (uvicorn answers 500 when an
app raises before responding), and because sleeping handlers must scale to high concurrency.

It reads each request the way a model would need to: the catalogue codes from the JSON
schema's enum (or the schema stated in the prompt), the weight line and materials from the
user prompt (every material family of the catalogue, named in en/de/fr/it/es; a material it
cannot place goes to `unidentified_material`, as the system prompt asks), and answers a
schema-valid result whose parts sum to 1 - unless told to fail.

    with FakeOpenAIServer(latency=0.05, fault_rate=0.2, fault_kinds=("429", "drop")) as fake:
        client = AsyncOpenAI(api_key="test", base_url=fake.base_url)
        ...
        fake.stats()["max_in_flight"]

Behaviour modes, as real servers behave (`mode=`):
- `openai`: honours `max_completion_tokens` (and the older `max_tokens`), supports `json_schema`.
- `llamacpp` (llama.cpp's server, llama-cpp-python): honours only `max_tokens`, answers a plain
  500 to `response_format: json_schema`, sends no usage when streaming, and runs away: after
  the answer it goes on generating until `max_tokens` or the context limit.
- `vllm`: honours both cap parameters, `json_schema` through guided decoding.
- `ollama`: honours `max_tokens` only (unknown parameters are ignored), supports `json_schema`.
Streaming (`"stream": true`) is answered as server-sent events, token by token.
Scripted wrong weights: `wrong_weight_rate` of the documents (chosen by their text, so the same
document always gets the same answer) get a wrong weight in the `wrong_weight_style` given.

CLI: python -m tests.fakes.fake_openai --port 8099 --latency 1.0 --mode llamacpp
     POST /_control {"fault_rate": 0.1, "fault_kinds": ["500"]}, GET /_stats
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import json
import random
import re
import signal
import socket
import threading
import time
from collections import Counter, deque
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

FAULT_KINDS: tuple[str, ...] = (
    "429",
    "500",
    "503",
    "timeout",
    "drop",
    "malformed_json",
    "schema_violation",
    "empty_choices",
)
# Also accepted by `enqueue` and `fault_kinds`: auth failures, a 200 whose HTTP body is broken
# JSON or an HTML page (a proxy's error page), and a forced success.
EXTRA_OUTCOMES: tuple[str, ...] = ("401", "403", "malformed_body", "html_body", "ok")

MODES: tuple[str, ...] = ("openai", "llamacpp", "vllm", "ollama")
# The output cap parameters each mode reads, in order of precedence.
CAP_PARAMS: dict[str, tuple[str, ...]] = {
    "openai": ("max_completion_tokens", "max_tokens"),
    "llamacpp": ("max_tokens",),
    "vllm": ("max_completion_tokens", "max_tokens"),
    "ollama": ("max_tokens",),
}
WRONG_WEIGHT_STYLES: tuple[str, ...] = ("invented", "other_quantity", "scaled")
RUNAWAY_FILLER = " The part is described above."
CHARS_PER_TOKEN = 4

AnswerOverride = Callable[[dict[str, Any]], "dict[str, Any] | str"] | dict[str, Any] | str


def _default_codes() -> list[str]:
    try:
        from app.indices.seed import DEFAULT_INDICES
    except ImportError:  # the fake also runs outside the service's tree
        return ["steel", "aluminium", "pa66", "electricity", "labour"]
    return [code for code, *_ in DEFAULT_INDICES]


# Material words -> catalogue code, for the material guess a decent model makes: a few words per
# family in en/de/fr/it/es, grades and acronyms (case-sensitive, so "pc" in "10 pc" is no
# polycarbonate). Order matters: on each line a longer name claims its words before a shorter
# one inside it ("stainless steel" is no steel, "Aluminiumoxid" no aluminium, "glass fibre" no
# glass, "artificial leather" a textile), and the materials are listed in this order.
_MATERIAL_KEYWORDS: tuple[tuple[str, str], ...] = (
    (
        r"(?:technical ceramic|technische Keramik|céramique technique|ceramica tecnica"
        r"|cerámica técnica|céramique d'alumine|ceramica di allumina|cerámica de alúmina"
        r"|alumina|alumine|Aluminiumoxid|oxyde d'aluminium|ossido di alluminio"
        r"|óxido de aluminio|zirconia|Zirkon(?:ium)?oxid|zircone|circonio"
        r"|silicon (?:carbide|nitride)|Siliziumcarbid|Siliziumnitrid|carbure de silicium"
        r"|carburo di silicio|carburo de silicio|steatite|Steatit"
        r"|(?-i:\bAl2O3\b|\bZrO2\b|\bSiC\b|\bSi3N4\b))"
        r"(?:[- ](?:Keramik|ceramics?))?",  # "Aluminiumoxid-Keramik" is one material
        "technical_ceramics",
    ),
    (
        r"ceramic(?![- ]coat)\w*|Keramik(?!beschicht)\w*|céramique|cerámica"
        r"|porcelaine|porcelain(?! enamel)|Porzellan"
        r"|porcellana|porcelana|stoneware|Steinzeug|\bgrès\b|\bgres\b|earthenware|Steingut"
        r"|faïence|terracotta|terre cuite|terracota",
        "ceramics",
    ),
    (
        r"artificial leather|synthetic leather|faux leather|Kunstleder|similicuir|simili cuir"
        r"|similpelle|ecopelle|cuero sintético|polipiel|(?:nylon|polyester) (?:webbing|fabric)"
        r"|\bfabrics?\b|textile|Textil|Gewebe|\bStoff\b"
        r"|tissu|tessuto|tejido|\bfelt\b|\bFilz|feutre|feltro|fieltro|webbing|Gurtband|sangle"
        r"|non-woven|Vlies|non-tissé|tessuto non tessuto|cotton|Baumwolle|\bcoton\b|cotone"
        r"|algodón|(?<!steel )\bwool\b|\bWolle\b|\blaine\b(?! de (?:verre|roche))"
        r"|\blana\b(?! di roccia)",
        "textile",
    ),
    (
        r"leather|Leder|\bcuir\b|\bpelle\b|\bcuero\b|\bsuede\b|Wildleder|\bdaim\b|camoscio",
        "leather",
    ),
    (
        r"stainless steel|stainless|Edelstahl|rostfreier Stahl|rostfrei|acier inox(?:ydable)?"
        r"|acciaio inox(?:idabile)?|acero inox(?:idable)?|\binox|1\.4\d{3}"
        r"|(?-i:\bA[24]-\d0\b|\bAISI ?3\d\d|\bSUS ?3\d\d)",
        "stainless_steel",
    ),
    (
        r"cast iron|Grauguss|Gusseisen|Sphäroguss|\ben fonte\b|\bfonte (?:grise|ductile|GS)\b"
        r"|ghisa|hierro fundido|(?-i:\bGJ[LS]|EN-GJ)",
        "cast_iron",
    ),
    (
        r"\bsteel\b|Stahl|\bacier\b|acciaio|\bacero\b|(?-i:\bS[23]\d5|\bDC0\d|\bC45\b)",
        "steel",
    ),
    (
        r"alumin(?:i)?um|aluminio|alluminio|(?-i:\bAlMg|\bAlSi|EN AW|EN AC)",
        "aluminium",
    ),
    (r"\bbrass\b|Messing|laiton|ottone|latón|(?-i:\bCuZn)", "brass"),
    (r"bronze|bronzo|bronce|(?-i:\bCuSn)", "bronze"),
    (r"\bcopper\b|Kupfer|cuivre|\brame\b|\bcobre\b|(?-i:\bCu-ETP)", "copper"),
    (r"\bzinc\b|\bZink|zamak|\bzinco\b|\bcinc\b", "zinc"),
    (r"nickel|nichel|níquel", "nickel"),
    (r"\btin\b|\bZinn\b|étain|stagno|estaño", "tin"),
    (
        r"glass fib(?:re|er)|fibreglass|fiberglass|Glasfaser|fibre de verre|fibra di vetro"
        r"|fibra de vidrio|(?-i:\bGF ?\d\d\b)",
        "glass_fibre",
    ),
    (
        r"cross-linked polyethylene|vernetztes Polyethylen|polyéthylène réticulé"
        r"|polietilene reticolato|polietileno reticulado|(?-i:\bPE-?Xa?b?c?\b|\bPEX\b)",
        "pe_x",
    ),
    (
        r"linear low[- ]density polyethylene|lineares Polyethylen niedriger Dichte"
        r"|polyéthylène basse densité linéaire|polietilene lineare a bassa densità"
        r"|polietileno lineal de baja densidad|(?-i:\bLLDPE\b|\bPE-?LLD\b)",
        "pe_lld",
    ),
    (
        r"thermoplastic elastomer|thermoplastisches Elastomer|élastomère thermoplastique"
        r"|elastomero termoplastico|elastómero termoplástico|(?-i:\bTPE(?:-[EOSV])?\b|\bTPV\b)",
        "tpe",
    ),
    (
        r"polyurethane|Polyurethan|polyuréthane|poliuretano|(?-i:\bTPU\b|\bPUR?\b)",
        "pu",
    ),
    (
        r"polytetrafluoroethylene|Polytetrafluorethylen|polytétrafluoroéthylène"
        r"|politetrafluoroetilene|politetrafluoroetileno|Teflon|(?-i:\bPTFE\b)",
        "ptfe",
    ),
    (
        r"polyvinylidene fluoride|Polyvinylidenfluorid|polyfluorure de vinylidène"
        r"|polivinilidenfluoruro|fluoruro de polivinilideno|(?-i:\bPVDF\b)",
        "pvdf",
    ),
    (
        r"polyether ?ether ?ketone|Polyetheretherketon|polyétheréthercétone"
        r"|polietere ?etere ?chetone|polieteretercetona|(?-i:\bPEEK\b)",
        "peek",
    ),
    (
        r"polyphenylsulfone|Polyphenylsulfon|polyphénylsulfone|polifenilsolfone"
        r"|polifenilsulfona|(?-i:\bPPSU\b)",
        "ppsu",
    ),
    (
        r"polyamide 1[12]|Polyamid 1[12]|poliammide 1[12]|poliamida 1[12]|(?-i:\bPA ?1[12]\b)",
        "pa12",
    ),
    (
        r"polylactic acid|Polymilchsäure|acide polylactique|acido polilattico|ácido poliláctico"
        r"|(?-i:\bPLA\b)",
        "pla",
    ),
    (r"(?-i:\bPET-?G\b)|glycol-modified|glykolmodifiziert|glycol modifié|glicole", "petg"),
    (
        r"expanded polypropylene|expandiertes Polypropylen|polypropylène expansé"
        r"|polipropilene espanso|polipropileno expandido|(?-i:\bEPP\b)",
        "epp",
    ),
    (
        r"high[- ]density polyethylene|Polyethylen hoher Dichte|polyéthylène haute densité"
        r"|polietilene ad alta densità|polietileno de alta densidad|(?-i:\bHDPE\b|\bPE-?HD\b)",
        "pe_hd",
    ),
    (
        r"low[- ]density polyethylene|Polyethylen niedriger Dichte|polyéthylène basse densité"
        r"|polietilene a bassa densità|polietileno de baja densidad|(?-i:\bL?LDPE\b|\bPE-?L?LD\b)",
        "pe_ld",
    ),
    (
        r"polyethylene terephthalate|Polyethylenterephthalat|polyéthylène téréphtalate"
        r"|polietilene tereftalato|tereftalato de polietileno|(?-i:\bPET\b)",
        "pet",
    ),
    (r"polyethylene|Polyethylen|polyéthylène|polietilene|polietileno|(?-i:\bPE\b)", "pe_hd"),
    (r"(?-i:\bPA ?66\b)|polyamide 66|Polyamid 66|poliammide 66|poliamida 66", "pa66"),
    (r"(?-i:\bPA ?6\b(?! ?6))|polyamide|Polyamid|poliammide|poliamida|\bnylon\b", "pa6"),
    (r"(?-i:\bPOM\b)|polyacetal|polyoxymethylene|Polyoxymethylen|acetal", "pom"),
    (r"(?-i:\bABS\b)", "abs"),
    (r"(?-i:\bPC\b)|polycarbonat|policarbonato", "pc"),
    (r"(?-i:\bPP\b)|polypropyl|polipropilene|polipropileno", "pp"),
    (r"(?-i:\bPBT\b)", "pbt"),
    (
        r"(?-i:\bPVC\b)|polyvinyl chlorid|Polyvinylchlorid|polychlorure de vinyle"
        r"|polivinilcloruro|policloruro de vinilo",
        "pvc",
    ),
    (
        r"(?-i:\bPS\b|\bEPS\b)|polystyrene|Polystyrol|polystyrène|polistirene|poliestireno"
        r"|Styropor",
        "ps",
    ),
    (
        r"(?-i:\bPMMA\b)|acrylic|Acrylglas|Plexiglas|plexiglass|acrylique|metacrilato"
        r"|polimetilmetacrilato",
        "pmma",
    ),
    (
        r"(?-i:\bEPDM\b|\bNBR\b|\bFKM\b)|rubber|Gummi|Kautschuk|caoutchouc|gomma|caucho"
        r"|silicone|Silikon|silicona",
        "rubber",
    ),
    (r"\bglass\b|\bGlas\b|\bverre\b|\bvetro\b|\bvidrio\b", "glass"),
    (
        r"\bwood(?:en)?\b(?! screw)|Holz(?!schraube)|\bbois\b|\blegno\b|\bmadera\b|plywood"
        r"|Sperrholz|(?-i:\bMDF\b)",
        "wood",
    ),
    (
        r"cardboard|Karton|Pappe|\bcarton\b|cartone|cartón|\bpaper\b|Papier|\bcarta\b|\bpapel\b",
        "paper_cardboard",
    ),
    (
        r"(?-i:\bPCBA?\b)|electronic|Leiterplatte|Elektronik|électronique|elettronic|electrónic",
        "electronics",
    ),
)
# The first line labelled as a weight (en/de/fr/it/es) with a mass on it is the weight.
_WEIGHT_LINE_RE = re.compile(
    r"(?:weight|mass|gewicht|masse|poids|peso|massa)\b[^\d\n]{0,40}?(\d+(?:[.,]\d+)?)\s*"
    r"(kg|mg|g|t)\b",
    re.IGNORECASE,
)
_UNIT_GRAMS = {"mg": 0.001, "g": 1.0, "kg": 1000.0, "t": 1_000_000.0}
_TAG_RE = re.compile(r"^\[([^\]]+)\]$")
UNIDENTIFIED_MATERIAL = "unidentified_material"  # app.indices.seed's code


_MATERIAL_LABEL_RE = re.compile(
    r"^(?:materials?|werkstoff|matériau|matière|materiale)\s*[:|]\s*(\S.{0,80})",
    re.IGNORECASE,
)


def _materials(lines: list[str], codes: list[str]) -> list[dict[str, Any]]:
    """The catalogue families the lines name, each with its first line, in table order; on a
    line, words a longer name claimed are not read again. A material line naming no family
    goes to the unidentified-material index, as the system prompt asks (when it exists)."""
    location = "specification"
    found: dict[str, dict[str, Any]] = {}
    unnamed: dict[str, Any] | None = None
    for line in lines:
        tag = _TAG_RE.match(line)
        if tag:
            location = tag.group(1)
            continue
        claimed: list[tuple[int, int]] = []
        for pattern, code in _MATERIAL_KEYWORDS:
            for hit in re.finditer(pattern, line, re.IGNORECASE):
                if any(hit.start() < end and start < hit.end() for start, end in claimed):
                    continue
                claimed.append(hit.span())
                if code in codes and code not in found:
                    found[code] = {
                        "index_code": code,
                        "name": hit.group(0),
                        "mass_share": None,
                        "quote": line,
                        "location": location,
                    }
        label = _MATERIAL_LABEL_RE.match(line)
        if label and not claimed and unnamed is None:
            unnamed = {
                "index_code": UNIDENTIFIED_MATERIAL,
                "name": label.group(1).strip(),
                "mass_share": None,
                "quote": line,
                "location": location,
            }
    first: dict[str, int] = {}
    for position, (_, code) in enumerate(_MATERIAL_KEYWORDS):
        first.setdefault(code, position)
    materials = sorted(found.values(), key=lambda m: first[m["index_code"]])
    if not materials and unnamed is not None and UNIDENTIFIED_MATERIAL in codes:
        materials = [unnamed]
    return materials


@dataclass
class _Response:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"
    stream: AsyncIterator[bytes] | None = None  # server-sent events, written as they come
    on_hangup: Callable[[], None] | None = None  # the client closed the stream early


_REASONS = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


def _json_response(status: int, payload: Any, headers: dict[str, str] | None = None) -> _Response:
    return _Response(status, json.dumps(payload).encode(), dict(headers or {}))


def _error(status: int, message: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": None, **extra}}


def _message_texts(body: dict[str, Any], roles: Iterable[str]) -> list[str]:
    texts: list[str] = []
    for message in body.get("messages") or []:
        if message.get("role") not in roles:
            continue
        content = message.get("content")
        if isinstance(content, str):
            texts.append(content)
        elif isinstance(content, list):
            texts.extend(p.get("text", "") for p in content if p.get("type") == "text")
    return texts


def _image_count(body: dict[str, Any]) -> int:
    count = 0
    for message in body.get("messages") or []:
        content = message.get("content")
        if isinstance(content, list):
            count += sum(1 for part in content if part.get("type") == "image_url")
    return count


def _enums(node: Any) -> Iterable[list[Any]]:
    if isinstance(node, dict):
        if isinstance(node.get("enum"), list):
            yield node["enum"]
        for value in node.values():
            yield from _enums(value)
    elif isinstance(node, list):
        for value in node:
            yield from _enums(value)


def find_codes(body: dict[str, Any]) -> list[str]:
    """The catalogue codes the client allows: the schema's longest enum, wherever it is."""
    candidates = list(_enums((body.get("response_format") or {}).get("json_schema")))
    for text in _message_texts(body, ("system", "user")):
        for match in re.finditer(r'"enum"\s*:\s*(\[[^\]]*\])', text):
            with contextlib.suppress(json.JSONDecodeError):
                candidates.append(json.loads(match.group(1)))
    codes = max(candidates, key=len, default=[])
    if len(codes) > 3:
        return [str(code) for code in codes]
    for text in _message_texts(body, ("user",)):
        listed = re.search(r"\(code=name\):\s*(.+)", text)
        if listed:
            return [item.split("=", 1)[0].strip() for item in listed.group(1).split(";")]
    return _default_codes()


def sensible_answer(body: dict[str, Any]) -> dict[str, Any]:
    """What a decent model would answer, read from the request with simple rules."""
    codes = find_codes(body)
    user = "\n".join(_message_texts(body, ("user",)))
    weight: dict[str, Any] | None = None
    location = "specification"
    # the catalogue listing ("steel=Steel; pa66=...") names every material: not evidence
    lines = [
        line.strip()
        for line in user.splitlines()
        if not (line.count(";") >= 3 and line.count("=") >= 3)
    ]
    for line in lines:
        tag = _TAG_RE.match(line)
        if tag:
            location = tag.group(1)
            continue
        match = _WEIGHT_LINE_RE.search(line)
        if match and weight is None:
            value = float(match.group(1).replace(",", "."))
            grams = value * _UNIT_GRAMS[match.group(2).lower()]
            if grams <= 0:  # "0 g" in a table cell is no weight a model would give
                continue
            lowered = line.lower()
            basis = (
                "gross"
                if re.search(r"gross|brutto|\bbrut|\bbruto|\blordo", lowered)
                else "net"
                if "net" in lowered
                else "unspecified"
            )
            weight = {"grams": grams, "quote": line, "location": location, "basis": basis}
    materials = _materials(lines, codes)
    if len(materials) == 1:
        materials[0]["mass_share"] = 1.0
    material_codes = [m["index_code"] for m in materials] or codes[:1]
    raw: list[tuple[str, float, str]] = [
        (code, 0.6 / len(material_codes), "material") for code in material_codes
    ]
    if "electricity" in codes and "electricity" not in material_codes:
        raw.append(("electricity", 0.1, "processing energy"))
    if "labour" in codes and "labour" not in material_codes:
        raw.append(("labour", 0.3, "manufacturing and assembly"))
    total = sum(part for _, part, _ in raw)
    parts = [round(part / total, 4) for _, part, _ in raw]
    parts[-1] = round(1.0 - sum(parts[:-1]), 4)
    cost_model = [
        {"index_code": code, "part": part, "rationale": why}
        for (code, _, why), part in zip(raw, parts, strict=True)
    ]
    return {"weight": weight, "materials": materials, "cost_model": cost_model}


_MASS_RE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(kg|mg|g|t)\b", re.IGNORECASE)


def _document_share(text: str) -> float:
    """A stable number in [0, 1) for a request's document text."""
    digest = hashlib.sha256(text.encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def wrong_weight(answer: dict[str, Any], body: dict[str, Any], style: str) -> dict[str, Any]:
    """The answer with its weight made wrong the way models get weights wrong:
    `invented` (a number found nowhere, quoting the right line), `other_quantity` (another
    mass in the text: the gross, pack or component weight), `scaled` (a unit slip, x1000)."""
    user = "\n".join(_message_texts(body, ("user",)))
    weight = answer.get("weight")
    right = weight["grams"] if weight else None
    if style == "other_quantity":
        for line in user.splitlines():
            for match in _MASS_RE.finditer(line):
                grams = (
                    float(match.group(1).replace(",", ".")) * _UNIT_GRAMS[match.group(2).lower()]
                )
                if right is None or abs(grams - right) > 0.02 * right:
                    answer["weight"] = {
                        "grams": grams,
                        "quote": line.strip(),
                        "location": "specification",
                        "basis": "unspecified",
                    }
                    return answer
        style = "invented"  # no other mass in the text
    base = right if right is not None else 100.0
    quote = weight["quote"] if weight else "weight"
    grams = base * 1000 if style == "scaled" else round(base * 3.7 + 11, 3)
    answer["weight"] = {"grams": grams, "quote": quote, "location": "specification", "basis": "net"}
    return answer


class FakeOpenAIServer:
    """Configurable fake; set attributes any time (they are read per request)."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        latency: float = 0.0,
        fault_rate: float = 0.0,
        fault_kinds: Iterable[str] = FAULT_KINDS,
        seed: int = 0,
        reject_json_schema: bool = False,
        reject_json_schema_status: int = 400,
        reject_json_object: bool = False,
        reject_params: Iterable[str] = (),
        free_text: bool = False,
        free_text_embed_json: bool = True,
        answer_override: AnswerOverride | None = None,
        hang_s: float = 30.0,
        retry_after_ms: int | None = 10,
        api_key: str | None = None,
        max_recorded: int = 20,
        mode: str = "openai",
        runaway: bool | None = None,
        context_tokens: int = 4096,
        token_delay_s: float = 0.0,
        wrong_weight_rate: float = 0.0,
        wrong_weight_style: str = "other_quantity",
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; known: {MODES}")
        self.host = host
        self.mode = mode
        self.runaway = mode == "llamacpp" if runaway is None else runaway
        self.context_tokens = context_tokens  # a runaway answer stops here at the latest
        self.token_delay_s = token_delay_s  # between streamed tokens
        self.wrong_weight_rate = wrong_weight_rate
        self.wrong_weight_style = wrong_weight_style
        self.port = port
        self.latency = latency
        self.fault_rate = fault_rate
        self.fault_kinds = tuple(fault_kinds)
        self.reject_json_schema = reject_json_schema
        self.reject_json_schema_status = reject_json_schema_status
        self.reject_json_object = reject_json_object  # also refuse JSON mode (same status)
        # Request parameters answered with OpenAI's 400 for reasoning models ("Unsupported
        # parameter: 'max_tokens' is not supported with this model. Use ...").
        self.reject_params = tuple(reject_params)
        self.free_text = free_text
        self.free_text_embed_json = free_text_embed_json
        self.answer_override = answer_override
        self.hang_s = hang_s  # the "timeout" fault sleeps this long: more than the client waits
        self.retry_after_ms = retry_after_ms  # sent on 429/5xx so SDK retries don't slow tests
        self.api_key = api_key  # when set, other bearer tokens get 401
        self.max_recorded = max_recorded
        self._validate_kinds(self.fault_kinds)
        self._rng = random.Random(seed)
        self._queue: deque[str] = deque()
        self._lock = threading.Lock()
        self._completion_ids = 0
        self.reset_stats()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task[Any]] = set()

    # --- configuration and stats --------------------------------------------------------

    @staticmethod
    def _validate_kinds(kinds: Iterable[str]) -> None:
        unknown = set(kinds) - set(FAULT_KINDS) - set(EXTRA_OUTCOMES)
        if unknown:
            raise ValueError(f"unknown fault kinds {sorted(unknown)}; known: {FAULT_KINDS}")

    def reseed(self, seed: int) -> None:
        self._rng = random.Random(seed)

    def enqueue(self, *outcomes: str) -> None:
        """Force the outcomes of the next requests in order (e.g. "500", "ok"), then random."""
        self._validate_kinds(outcomes)
        with self._lock:
            self._queue.extend(outcomes)

    def reset_stats(self) -> None:
        with self._lock:
            self._total = 0
            self._outcomes: Counter[str] = Counter()
            self._in_flight = 0
            self._max_in_flight = 0
            self._bodies: deque[dict[str, Any]] = deque(maxlen=self.max_recorded)
            self._prompt_tokens = 0
            self._completion_tokens = 0
            self._streams: deque[dict[str, Any]] = deque(maxlen=self.max_recorded)
            self._wrong_weights = 0

    def stats(self, *, bodies: bool = True) -> dict[str, Any]:
        """A snapshot: counts by outcome, concurrency, tokens and the last request bodies."""
        with self._lock:
            snapshot: dict[str, Any] = {
                "total_requests": self._total,
                "outcomes": dict(self._outcomes),
                "in_flight": self._in_flight,
                "max_in_flight": self._max_in_flight,
                "prompt_tokens": self._prompt_tokens,
                "completion_tokens": self._completion_tokens,
                "wrong_weights": self._wrong_weights,
            }
            if bodies:
                snapshot["last_requests"] = list(self._bodies)
        return snapshot

    @property
    def requests(self) -> list[dict[str, Any]]:
        """The last request bodies, oldest first."""
        with self._lock:
            return list(self._bodies)

    @property
    def streams(self) -> list[dict[str, Any]]:
        """The last streamed answers: the cap honoured, tokens generated and sent, and whether
        the client hung up before the end (it stopped reading at its own cap)."""
        with self._lock:
            return [dict(s) for s in self._streams]

    def count(self, outcome: str) -> int:
        with self._lock:
            return self._outcomes[outcome]

    def control(self, settings: dict[str, Any]) -> None:
        """Apply `POST /_control` settings (also usable directly)."""
        for key, value in settings.items():
            if key == "fault_kinds":
                kinds = value.split(",") if isinstance(value, str) else list(value)
                self._validate_kinds(kinds)
                self.fault_kinds = tuple(kinds)
            elif key == "seed":
                self.reseed(int(value))
            elif key == "enqueue":
                self.enqueue(*value)
            elif key == "reset_stats":
                if value:
                    self.reset_stats()
            elif key in {
                "latency",
                "fault_rate",
                "hang_s",
                "reject_json_schema",
                "reject_json_schema_status",
                "reject_json_object",
                "reject_params",
                "free_text",
                "free_text_embed_json",
                "answer_override",
                "retry_after_ms",
                "api_key",
                "mode",
                "runaway",
                "context_tokens",
                "token_delay_s",
                "wrong_weight_rate",
                "wrong_weight_style",
            }:
                setattr(self, key, value)
            else:
                raise ValueError(f"unknown setting {key!r}")

    # --- lifecycle ----------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    def start(self) -> FakeOpenAIServer:
        """Serve in a background thread; returns once the port accepts connections."""
        if self._thread is not None:
            raise RuntimeError("already started")
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                loop.run_until_complete(self._listen())
            except BaseException as exc:
                failure.append(exc)
                ready.set()
                loop.close()
                return
            ready.set()
            try:
                loop.run_forever()
            finally:
                loop.run_until_complete(self._close(own_loop=True))
                loop.close()

        self._thread = threading.Thread(target=run, name="fake-openai", daemon=True)
        self._thread.start()
        if not ready.wait(10) or failure:
            self._thread = None
            raise RuntimeError(f"fake OpenAI server did not start: {failure}")
        with socket.create_connection((self.host, self.port), timeout=5):
            pass
        return self

    def stop(self) -> None:
        """Stop serving; hanging requests are cancelled, not waited for."""
        if self._thread is None or self._loop is None:
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._thread = None
        self._loop = None

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(
            self._connection, self.host, self.port, backlog=1024
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def _close(self, *, own_loop: bool) -> None:
        if self._server is not None:
            self._server.close()
        if own_loop:  # every other task serves a connection, including ones not started yet
            others = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        else:
            others = list(self._connections)
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)
        self._server = None

    async def serve(self, ready: Callable[[], object] | None = None) -> None:
        """Serve on the current loop until cancelled (the CLI mode)."""
        await self._listen()
        if ready is not None:
            ready()
        try:
            await asyncio.Event().wait()
        finally:
            await self._close(own_loop=False)

    # --- HTTP -----------------------------------------------------------------------------

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                parts = lines[0].split(" ")
                if len(parts) != 3:
                    return
                method, target = parts[0], parts[1]
                headers: dict[str, str] = {}
                for line in lines[1:]:
                    name, sep, value = line.partition(":")
                    if sep:
                        headers[name.strip().lower()] = value.strip()
                if headers.get("transfer-encoding", "").lower() == "chunked":
                    body = await self._read_chunked(reader)
                else:
                    body = await reader.readexactly(int(headers.get("content-length") or 0))
                response = await self._dispatch(method, target, headers, body)
                if response is None:  # the "drop" fault: no status line, no bytes
                    writer.transport.abort()
                    return
                close = headers.get("connection", "").lower() == "close"
                reason = _REASONS.get(response.status, "Status")
                if response.stream is not None:
                    # Kept alive afterwards, as OpenAI's API and llama.cpp's server do.
                    await self._write_stream(writer, response, reason, close)
                    if close:
                        return
                    continue
                out = [f"HTTP/1.1 {response.status} {reason}"]
                out += [f"{k}: {v}" for k, v in response.headers.items()]
                out += [
                    f"content-type: {response.content_type}",
                    f"content-length: {len(response.body)}",
                    f"connection: {'close' if close else 'keep-alive'}",
                ]
                writer.write(("\r\n".join(out) + "\r\n\r\n").encode("latin-1") + response.body)
                await writer.drain()
                if close:
                    return
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            self._connections.discard(task)
            writer.close()

    @staticmethod
    async def _write_stream(
        writer: asyncio.StreamWriter, response: _Response, reason: str, close: bool
    ) -> None:
        assert response.stream is not None
        out = [f"HTTP/1.1 {response.status} {reason}"]
        out += [f"{k}: {v}" for k, v in response.headers.items()]
        out += [
            "content-type: text/event-stream",
            "transfer-encoding: chunked",
            "cache-control: no-cache",
            f"connection: {'close' if close else 'keep-alive'}",
        ]
        writer.write(("\r\n".join(out) + "\r\n\r\n").encode("latin-1"))
        try:
            async for event in response.stream:
                if writer.is_closing():
                    raise ConnectionResetError("the client hung up")
                writer.write(f"{len(event):x}\r\n".encode() + event + b"\r\n")
                await writer.drain()
            writer.write(b"0\r\n\r\n")
            await writer.drain()
        except ConnectionError:
            if response.on_hangup is not None:
                response.on_hangup()
            raise

    @staticmethod
    async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
        chunks: list[bytes] = []
        while True:
            size = int((await reader.readline()).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                await reader.readline()
                return b"".join(chunks)
            chunks.append(await reader.readexactly(size))
            await reader.readline()

    async def _dispatch(
        self, method: str, target: str, headers: dict[str, str], body: bytes
    ) -> _Response | None:
        path, _, query = target.partition("?")
        if method == "GET" and path == "/_stats":
            return _json_response(200, self.stats(bodies="bodies=0" not in query))
        if method == "POST" and path == "/_control":
            try:
                self.control(json.loads(body or b"{}"))
            except (ValueError, TypeError) as exc:
                return _json_response(400, _error(400, str(exc), "invalid_request_error"))
            return _json_response(200, self.stats(bodies=False))
        if method == "GET" and path.endswith("/models"):
            return _json_response(
                200, {"object": "list", "data": [{"id": "fake", "object": "model"}]}
            )
        if method == "POST" and path.endswith("/chat/completions"):
            return await self._chat(headers, body)
        return _json_response(404, _error(404, f"no route {method} {path}", "not_found"))

    # --- chat completions -------------------------------------------------------------------

    def _pick_outcome(self) -> str:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
            if self.fault_kinds and self._rng.random() < self.fault_rate:
                return self._rng.choice(self.fault_kinds)
        return "ok"

    def _record(self, outcome: str, prompt_tokens: int = 0, completion_tokens: int = 0) -> None:
        with self._lock:
            self._outcomes[outcome] += 1
            self._prompt_tokens += prompt_tokens
            self._completion_tokens += completion_tokens

    async def _chat(self, headers: dict[str, str], raw: bytes) -> _Response | None:
        try:
            body = json.loads(raw)
            if not isinstance(body, dict):
                raise ValueError("body is not an object")
        except ValueError as exc:
            self._record("bad_request")
            return _json_response(400, _error(400, f"invalid JSON body: {exc}", "invalid_request"))
        with self._lock:
            self._total += 1
            self._bodies.append(body)
            self._in_flight += 1
            self._max_in_flight = max(self._max_in_flight, self._in_flight)
        try:
            if self.latency > 0:
                await asyncio.sleep(self.latency)
            return await self._answer(headers, body)
        finally:
            with self._lock:
                self._in_flight -= 1

    def _retry_headers(self) -> dict[str, str]:
        headers = {"retry-after": "0"}
        if self.retry_after_ms is not None:
            headers["retry-after-ms"] = str(self.retry_after_ms)
        return headers

    async def _answer(self, headers: dict[str, str], body: dict[str, Any]) -> _Response | None:
        if self.api_key is not None and headers.get("authorization") != f"Bearer {self.api_key}":
            self._record("401")
            return _json_response(401, _error(401, "Incorrect API key provided", "auth_error"))
        response_format = body.get("response_format") or {}
        for param in self.reject_params:
            if param in body:
                self._record(f"rejected_{param}")
                other = "max_completion_tokens" if param == "max_tokens" else "another parameter"
                message = (
                    f"Unsupported parameter: '{param}' is not supported with this model. "
                    f"Use '{other}' instead."
                )
                return _json_response(
                    400, _error(400, message, "invalid_request_error", param=param)
                )
        if self.reject_json_object and response_format.get("type") == "json_object":
            self._record("rejected_json_object")
            status = self.reject_json_schema_status
            message = "response_format of type 'json_object' is not supported by this model"
            return _json_response(
                status, _error(status, message, "invalid_request_error", param="response_format")
            )
        if self.reject_json_schema and response_format.get("type") == "json_schema":
            self._record("rejected_json_schema")
            status = self.reject_json_schema_status
            message = "response_format of type 'json_schema' is not supported by this model"
            return _json_response(
                status, _error(status, message, "invalid_request_error", param="response_format")
            )
        if self.mode == "llamacpp" and response_format.get("type") == "json_schema":
            self._record("rejected_json_schema")  # llama.cpp's server: a plain 500, no reason
            return _Response(500, b"Internal Server Error", content_type="text/plain")
        outcome = self._pick_outcome()
        if outcome == "timeout":
            await asyncio.sleep(self.hang_s)  # the client gave up long ago; answer anyway
        if outcome == "drop":
            self._record("drop")
            return None
        if outcome == "malformed_body":
            self._record(outcome)
            if body.get("stream"):
                broken = b'data: {"id": "chatcmpl-broken", "choices": [{"index": 0, \n\n'
                return _Response(200, broken, content_type="text/event-stream")
            return _Response(200, b'{"id": "chatcmpl-broken", "choices": [{"index": 0, ')
        if outcome == "html_body":
            self._record(outcome)
            page = b"<html><body>502 Bad Gateway</body></html>"
            return _Response(200, page, content_type="text/html")
        if outcome in {"401", "403"}:
            self._record(outcome)
            status = int(outcome)
            return _json_response(status, _error(status, "Access denied", "auth_error"))
        if outcome == "429":
            self._record("429")
            message = "Rate limit reached for requests"
            return _json_response(
                429, _error(429, message, "rate_limit_exceeded"), self._retry_headers()
            )
        if outcome in {"500", "503"}:
            self._record(outcome)
            status = int(outcome)
            message = "The server had an error while processing your request"
            return _json_response(
                status, _error(status, message, "server_error"), self._retry_headers()
            )
        return self._completion(body, outcome)

    def _content(self, body: dict[str, Any], outcome: str) -> str:
        if outcome == "malformed_json":
            return '{"weight": {"grams": 12.5, "quote": "Net weight: 12.5 g", "loc'
        if outcome == "schema_violation":
            answer = sensible_answer(body)
            if self._rng.random() < 0.5:
                del answer["cost_model"]
            else:
                for share in answer["cost_model"]:
                    share["part"] = round(share["part"] * 3, 4)
            return json.dumps(answer)
        override = self.answer_override
        if override is not None:
            value = override(body) if callable(override) else override
            return value if isinstance(value, str) else json.dumps(value)
        answer = sensible_answer(body)
        user = "\n".join(_message_texts(body, ("user",)))
        if self.wrong_weight_rate > 0 and _document_share(user) < self.wrong_weight_rate:
            answer = wrong_weight(answer, body, self.wrong_weight_style)
            with self._lock:
                self._wrong_weights += 1
        answer_json = json.dumps(answer)
        if self.free_text:
            if self.free_text_embed_json:
                return f"Sure! Here is the analysis you asked for:\n```json\n{answer_json}\n```\n"
            return "The part looks like a small steel bracket weighing a few grams."
        return answer_json

    def _cap(self, body: dict[str, Any]) -> int | None:
        """The output cap this mode honours, or None: the context limit is the only stop."""
        for name in CAP_PARAMS[self.mode]:
            value = body.get(name)
            if isinstance(value, int) and value > 0:
                return value
        return None

    def _completion(self, body: dict[str, Any], outcome: str) -> _Response:
        self._record("free_text" if self.free_text and outcome == "ok" else outcome)
        content = self._content(body, outcome)
        prompt_chars = sum(len(t) for t in _message_texts(body, ("system", "user", "assistant")))
        prompt_chars += len(json.dumps(body.get("response_format") or {}))
        prompt_tokens = prompt_chars // 4 + 85 * _image_count(body) + 7
        # The answer as tokens of ~4 characters; a runaway server goes on after it.
        pieces = [content[i : i + CHARS_PER_TOKEN] for i in range(0, len(content), CHARS_PER_TOKEN)]
        cap = self._cap(body)
        limit = max(1, self.context_tokens - prompt_tokens)
        if cap is not None:
            limit = min(limit, cap)
        finish_reason = "stop"
        if self.runaway and outcome == "ok":
            filler = [RUNAWAY_FILLER[i : i + CHARS_PER_TOKEN] for i in range(0, 28, 4)]
            while len(pieces) <= limit:  # it would go on: the limit stops it
                pieces.extend(filler)
        if len(pieces) > limit:
            pieces, finish_reason = pieces[:limit], "length"
        content = "".join(pieces)
        completion_tokens = len(pieces)
        with self._lock:
            self._prompt_tokens += prompt_tokens
            self._completion_tokens += completion_tokens
            self._completion_ids += 1
            completion_id = f"chatcmpl-fake-{self._completion_ids}"
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }
        if body.get("stream"):
            record = {"cap": cap, "generated": len(pieces), "sent": 0, "hung_up": False}
            with self._lock:
                self._streams.append(record)
            return _Response(
                200,
                b"",
                stream=self._events(
                    body, completion_id, pieces, finish_reason, usage, outcome, record
                ),
                on_hangup=lambda: self._hung_up(record),
            )
        choices = [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": None},
                "finish_reason": finish_reason,
                "logprobs": None,
            }
        ]
        payload = {
            "id": completion_id,
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "fake"),
            "choices": [] if outcome == "empty_choices" else choices,
            "usage": usage,
        }
        return _json_response(200, payload)

    def _hung_up(self, record: dict[str, Any]) -> None:
        with self._lock:
            record["hung_up"] = True

    async def _events(
        self,
        body: dict[str, Any],
        completion_id: str,
        pieces: list[str],
        finish_reason: str,
        usage: dict[str, int],
        outcome: str,
        record: dict[str, Any],
    ) -> AsyncIterator[bytes]:
        """The answer as server-sent events, one token each; a client that hangs up ends it."""
        base = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": body.get("model", "fake"),
        }

        def event(choices: list[dict[str, Any]], **extra: Any) -> bytes:
            return f"data: {json.dumps({**base, 'choices': choices, **extra})}\n\n".encode()

        def delta(content: dict[str, Any], finish: str | None = None) -> list[dict[str, Any]]:
            return [{"index": 0, "delta": content, "finish_reason": finish, "logprobs": None}]

        if outcome == "empty_choices":
            yield event([])
            yield b"data: [DONE]\n\n"
            return
        yield event(delta({"role": "assistant", "content": ""}))
        try:
            for piece in pieces:
                if self.token_delay_s > 0:
                    await asyncio.sleep(self.token_delay_s)
                yield event(delta({"content": piece}))
                with self._lock:
                    record["sent"] += 1
        except asyncio.CancelledError:
            self._hung_up(record)
            raise
        yield event(delta({}, finish_reason))
        wants_usage = (body.get("stream_options") or {}).get("include_usage")
        if wants_usage and self.mode != "llamacpp":
            yield event([], usage=usage)
        yield b"data: [DONE]\n\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Fake OpenAI-compatible server (loopback only)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per completion")
    parser.add_argument("--fault-rate", type=float, default=0.0)
    parser.add_argument("--fault-kinds", default=",".join(FAULT_KINDS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--hang-s", type=float, default=30.0)
    parser.add_argument("--reject-json-schema", action="store_true")
    parser.add_argument("--free-text", action="store_true")
    parser.add_argument("--mode", choices=MODES, default="openai")
    parser.add_argument("--token-delay-s", type=float, default=0.0)
    parser.add_argument("--wrong-weight-rate", type=float, default=0.0)
    args = parser.parse_args(argv)
    if args.host not in {"127.0.0.1", "localhost", "::1"}:
        parser.error("the fake serves loopback only")
    fake = FakeOpenAIServer(
        args.host,
        args.port,
        latency=args.latency,
        fault_rate=args.fault_rate,
        fault_kinds=[kind for kind in args.fault_kinds.split(",") if kind],
        seed=args.seed,
        hang_s=args.hang_s,
        reject_json_schema=args.reject_json_schema,
        free_text=args.free_text,
        mode=args.mode,
        token_delay_s=args.token_delay_s,
        wrong_weight_rate=args.wrong_weight_rate,
    )

    async def run() -> None:
        task = asyncio.current_task()
        assert task is not None
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, task.cancel)
        await fake.serve(ready=lambda: print(f"fake OpenAI server on {fake.base_url}", flush=True))

    with contextlib.suppress(KeyboardInterrupt, asyncio.CancelledError):
        asyncio.run(run())


if __name__ == "__main__":
    main()

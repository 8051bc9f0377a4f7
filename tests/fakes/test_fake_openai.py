"""The fake OpenAI server itself: real HTTP on loopback, raw (httpx2) and through the SDK."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import openai
import pytest
from openai import AsyncOpenAI

from app.indices.seed import DEFAULT_INDICES, UNIDENTIFIED_MATERIAL
from tests.fakes.fake_openai import FAULT_KINDS, FakeOpenAIServer, find_codes, sensible_answer

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_CODES = ["steel", "stainless_steel", "aluminium", "pa66", "glass_fibre", "electricity"]
SCHEMA_CODES += ["labour"]
PROMPT = (
    "Article: Bracket\nPassages:\n[specification, page 2]\nMaterial: PA66 GF30\nNet weight: 12.5 g"
)


def chat_body(response_format: dict[str, Any] | None = None, text: str = PROMPT) -> dict[str, Any]:
    schema = {
        "type": "object",
        "properties": {"cost_model": {"type": "array", "items": {"$ref": "#/$defs/code"}}},
        "$defs": {"code": {"type": "string", "enum": SCHEMA_CODES}},
    }
    body: dict[str, Any] = {
        "model": "fake-model",
        "messages": [
            {"role": "system", "content": "Answer in JSON."},
            {"role": "user", "content": text},
        ],
        "response_format": response_format
        or {"type": "json_schema", "json_schema": {"name": "a", "strict": True, "schema": schema}},
    }
    return body


@pytest.fixture
def fake() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer(seed=3) as server:
        yield server


def post(fake: FakeOpenAIServer, body: dict[str, Any], timeout: float = 5.0) -> httpx2.Response:
    return httpx2.post(f"{fake.base_url}/chat/completions", json=body, timeout=timeout)


def content(response: httpx2.Response) -> str:
    return str(response.json()["choices"][0]["message"]["content"])


def test_start_stop_and_base_url() -> None:
    server = FakeOpenAIServer()
    server.start()
    try:
        assert server.base_url == f"http://127.0.0.1:{server.port}/v1"
        with socket.create_connection(("127.0.0.1", server.port), timeout=1):
            pass
    finally:
        server.stop()
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", server.port), timeout=1):
        pass
    server.stop()  # idempotent


def test_sensible_answer_from_request(fake: FakeOpenAIServer) -> None:
    response = post(fake, chat_body())

    assert response.status_code == 200
    answer = json.loads(content(response))
    assert answer["weight"] == {
        "grams": 12.5,
        "quote": "Net weight: 12.5 g",
        "location": "specification, page 2",
        "basis": "net",
    }
    assert {m["index_code"] for m in answer["materials"]} == {"pa66", "glass_fibre"}
    assert sum(s["part"] for s in answer["cost_model"]) == pytest.approx(1.0)
    assert {s["index_code"] for s in answer["cost_model"]} <= set(SCHEMA_CODES)
    usage = response.json()["usage"]
    assert usage["prompt_tokens"] > 0 and usage["completion_tokens"] > 0


def test_codes_come_from_schema_or_prompt() -> None:
    assert find_codes(chat_body()) == SCHEMA_CODES
    in_prompt = chat_body({"type": "json_object"})
    in_prompt["messages"][0]["content"] += ' schema: {"enum":["a1","b2","c3","d4","e5"]}'
    assert find_codes(in_prompt) == ["a1", "b2", "c3", "d4", "e5"]
    listed = chat_body(
        {"type": "json_object"}, text="Catalogue (code=name): x1=X; y2=Y\nNet weight: 3 kg"
    )
    assert find_codes(listed) == ["x1", "y2"]
    kilo = sensible_answer(chat_body(text="Gewicht: 1,5 kg"))
    assert kilo["weight"]["grams"] == 1500.0


def test_answer_without_weight_or_materials_is_still_valid(fake: FakeOpenAIServer) -> None:
    answer = json.loads(content(post(fake, chat_body(text="Nothing useful here"))))

    assert answer["weight"] is None
    assert answer["materials"] == []
    assert sum(s["part"] for s in answer["cost_model"]) == pytest.approx(1.0)


@pytest.mark.parametrize(("kind", "status"), [("429", 429), ("500", 500), ("503", 503)])
def test_status_faults(fake: FakeOpenAIServer, kind: str, status: int) -> None:
    fake.enqueue(kind)

    response = post(fake, chat_body())

    assert response.status_code == status
    assert "message" in response.json()["error"]
    assert response.headers["retry-after"] == "0"
    assert fake.count(kind) == 1


def test_drop_closes_without_response(fake: FakeOpenAIServer) -> None:
    fake.enqueue("drop")

    with pytest.raises(httpx2.RemoteProtocolError):
        post(fake, chat_body())
    assert post(fake, chat_body()).status_code == 200  # the server is still fine


def test_timeout_outlasts_client(fake: FakeOpenAIServer) -> None:
    fake.hang_s = 3.0
    fake.enqueue("timeout")

    with pytest.raises(httpx2.ReadTimeout):  # the client gave up before the fake answered
        post(fake, chat_body(), timeout=0.3)
    assert fake.count("timeout") == 0  # still sleeping: it records the outcome once it answers


def test_content_faults(fake: FakeOpenAIServer) -> None:
    fake.enqueue("malformed_json", "empty_choices", "schema_violation", "schema_violation")

    with pytest.raises(json.JSONDecodeError):
        json.loads(content(post(fake, chat_body())))
    assert post(fake, chat_body()).json()["choices"] == []
    for _ in range(2):
        answer = json.loads(content(post(fake, chat_body())))
        broken = "cost_model" not in answer or sum(s["part"] for s in answer["cost_model"]) > 2.9
        assert broken


def test_seeded_faults_are_reproducible() -> None:
    def outcomes(seed: int) -> list[str]:
        with FakeOpenAIServer(seed=seed, fault_rate=0.5, fault_kinds=("429", "500")) as server:
            return [str(post(server, chat_body()).status_code) for _ in range(12)]

    first = outcomes(11)
    assert first == outcomes(11)
    assert {"200", "429", "500"} <= set(first + outcomes(12))


def test_reject_json_schema_accepts_json_object(fake: FakeOpenAIServer) -> None:
    fake.reject_json_schema = True

    rejected = post(fake, chat_body())
    accepted = post(fake, chat_body({"type": "json_object"}))

    assert rejected.status_code == 400
    assert "json_schema" in rejected.json()["error"]["message"]
    assert accepted.status_code == 200
    assert fake.stats()["outcomes"] == {"rejected_json_schema": 1, "ok": 1}


def test_free_text_modes(fake: FakeOpenAIServer) -> None:
    fake.free_text = True
    embedded = content(post(fake, chat_body()))
    fake.free_text_embed_json = False
    prose = content(post(fake, chat_body()))

    assert embedded.startswith("Sure!") and '"cost_model"' in embedded
    assert "{" not in prose


def test_answer_override_dict_and_callable(fake: FakeOpenAIServer) -> None:
    fake.answer_override = {"weight": {"grams": -5}}
    assert json.loads(content(post(fake, chat_body()))) == {"weight": {"grams": -5}}

    fake.answer_override = lambda body: {"model_seen": body["model"]}
    assert json.loads(content(post(fake, chat_body()))) == {"model_seen": "fake-model"}


def test_unknown_fault_kind_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown fault kinds"):
        FakeOpenAIServer(fault_kinds=("meteor",))


def test_stats_and_control_over_http(fake: FakeOpenAIServer) -> None:
    fake.max_recorded = 3
    fake.reset_stats()
    control = httpx2.post(
        f"http://127.0.0.1:{fake.port}/_control",
        json={"latency": 0.01, "enqueue": ["500"], "fault_kinds": "429,drop"},
    )
    assert control.status_code == 200
    assert fake.latency == 0.01 and fake.fault_kinds == ("429", "drop")
    for _ in range(5):
        post(fake, chat_body())

    stats = httpx2.get(f"http://127.0.0.1:{fake.port}/_stats").json()

    assert stats["total_requests"] == 5
    assert stats["outcomes"] == {"500": 1, "ok": 4}
    assert len(stats["last_requests"]) == 3
    assert stats["prompt_tokens"] > 0
    assert stats["in_flight"] == 0
    bad = httpx2.post(f"http://127.0.0.1:{fake.port}/_control", json={"nope": 1})
    assert bad.status_code == 400
    assert "last_requests" not in httpx2.get(f"{fake.base_url[:-3]}/_stats?bodies=0").json()


@pytest.mark.asyncio
async def test_high_concurrency_with_latency(fake: FakeOpenAIServer) -> None:
    fake.latency = 0.3
    limits = httpx2.Limits(max_connections=200)
    async with httpx2.AsyncClient(timeout=10, limits=limits) as client:
        responses = await asyncio.gather(
            *(
                client.post(f"{fake.base_url}/chat/completions", json=chat_body())
                for _ in range(100)
            )
        )

    assert all(r.status_code == 200 for r in responses)
    stats = fake.stats()
    assert stats["max_in_flight"] >= 50  # latency is slept concurrently, not serially
    assert stats["in_flight"] == 0


@pytest.mark.asyncio
async def test_sdk_client_sees_each_fault_as_its_exception(fake: FakeOpenAIServer) -> None:
    client = AsyncOpenAI(api_key="test", base_url=fake.base_url, max_retries=0, timeout=0.5)
    fake.hang_s = 3.0
    expected = {
        "429": openai.RateLimitError,
        "500": openai.InternalServerError,
        "503": openai.InternalServerError,
        "drop": openai.APIConnectionError,
        "timeout": openai.APITimeoutError,
    }
    try:
        for kind, error in expected.items():
            fake.enqueue(kind)
            with pytest.raises(error):
                await client.chat.completions.create(**chat_body())
        fake.enqueue("empty_choices")
        completion = await client.chat.completions.create(**chat_body())
        assert completion.choices == []
        completion = await client.chat.completions.create(**chat_body())
        assert completion.usage is not None and completion.usage.prompt_tokens > 0
    finally:
        await client.close()
    assert set(expected) <= set(FAULT_KINDS)


def test_api_key_check(fake: FakeOpenAIServer) -> None:
    fake.api_key = "right"
    wrong = httpx2.post(
        f"{fake.base_url}/chat/completions", json=chat_body(), headers={"Authorization": "Bearer x"}
    )
    right = httpx2.post(
        f"{fake.base_url}/chat/completions",
        json=chat_body(),
        headers={"Authorization": "Bearer right"},
    )
    assert (wrong.status_code, right.status_code) == (401, 200)


def test_cli_mode() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.fake_openai", "--port", str(port), "--latency", "0.01"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/v1" in line
        base = f"http://127.0.0.1:{port}"
        httpx2.post(f"{base}/_control", json={"enqueue": ["503"]}).raise_for_status()
        assert httpx2.post(f"{base}/v1/chat/completions", json=chat_body()).status_code == 503
        assert httpx2.post(f"{base}/v1/chat/completions", json=chat_body()).status_code == 200
        stats = httpx2.get(f"{base}/_stats").json()
        assert stats["outcomes"] == {"503": 1, "ok": 1}
    finally:
        process.terminate()
        assert process.wait(10) == 0


# --- the material families a model knows --------------------------------------------------

CATALOGUE_CODES = [code for code, *_ in DEFAULT_INDICES]
MATERIAL_CODES = {
    code
    for code, _, _, category in DEFAULT_INDICES
    if category in {"metal", "polymer", "other"} and code != UNIDENTIFIED_MATERIAL
}
# Each catalogue family as specification lines name it, in English, German, French, Italian and
# Spanish (grades and acronyms where that is how the family is written).
FAMILY_LINES: dict[str, tuple[str, ...]] = {
    "steel": (
        "Material: steel S235JR",
        "Werkstoff: Stahl",
        "Matériau : acier",
        "Materiale: acciaio",
        "Material: acero",
    ),
    "stainless_steel": (
        "Material: stainless steel",
        "Werkstoff: Edelstahl 1.4301",
        "Matériau : acier inoxydable",
        "Materiale: acciaio inox",
        "Material: acero inoxidable AISI 304",
    ),
    "cast_iron": (
        "Material: cast iron",
        "Werkstoff: Gusseisen EN-GJL-250",
        "Corps en fonte grise",
        "Materiale: ghisa",
        "Material: hierro fundido",
    ),
    "aluminium": (
        "Material: aluminum",
        "Werkstoff: Aluminium EN AW-6060",
        "Matériau : aluminium",
        "Materiale: alluminio",
        "Material: aluminio",
    ),
    "copper": (
        "Conductor: copper",
        "Leiter: Kupfer",
        "Conducteur : cuivre",
        "Conduttore: rame",
        "Conductor: cobre",
    ),
    "brass": (
        "Material: brass",
        "Werkstoff: Messing CuZn39Pb3",
        "Matériau : laiton",
        "Materiale: ottone",
        "Material: latón",
    ),
    "bronze": (
        "Bushing: bronze",
        "Buchse: Bronze CuSn8",
        "Bague : bronze",
        "Boccola: bronzo",
        "Casquillo: bronce",
    ),
    "zinc": (
        "Body: zinc die cast",
        "Gehäuse: Zink-Druckguss ZAMAK 5",
        "Corps : zinc",
        "Corpo: zinco",
        "Cuerpo: zinc",
    ),
    "nickel": (
        "Material: nickel 200",
        "Werkstoff: Nickel",
        "Matériau : nickel",
        "Materiale: nichel",
        "Material: níquel",
    ),
    "tin": ("Solder: tin", "Lot: Zinn", "Soudure : étain", "Lega: stagno", "Soldadura: estaño"),
    "pp": (
        "Material: polypropylene",
        "Werkstoff: PP",
        "Matériau : polypropylène",
        "Materiale: polipropilene",
        "Material: polipropileno",
    ),
    "pe_hd": (
        "Material: HDPE",
        "Werkstoff: PE-HD",
        "Matériau : polyéthylène haute densité",
        "Materiale: polietilene ad alta densità",
        "Material: polietileno de alta densidad",
    ),
    "pe_ld": (
        "Film: LDPE",
        "Folie: PE-LD",
        "Film : polyéthylène basse densité",
        "Film: polietilene a bassa densità",
        "Film: polietileno de baja densidad",
    ),
    "abs": ("Housing: ABS", "Gehäuse: ABS", "Boîtier : ABS", "Custodia: ABS", "Carcasa: ABS"),
    "pc": (
        "Lens: polycarbonate",
        "Linse: Polycarbonat",
        "Lentille : PC",
        "Lente: policarbonato",
        "Lente: policarbonato",
    ),
    "pa6": (
        "Material: PA6",
        "Werkstoff: Polyamid",
        "Matériau : polyamide",
        "Materiale: poliammide",
        "Material: poliamida",
    ),
    "pa66": (
        "Material: PA66",
        "Werkstoff: PA 66",
        "Matériau : polyamide 66",
        "Materiale: poliammide 66",
        "Material: poliamida 66",
    ),
    "pom": (
        "Gear: POM",
        "Zahnrad: Polyoxymethylen",
        "Engrenage : POM",
        "Ingranaggio: poliacetale POM",
        "Engranaje: POM",
    ),
    "pbt": ("Material: PBT", "Werkstoff: PBT", "Matériau : PBT", "Materiale: PBT", "Material: PBT"),
    "pet": (
        "Bottle: PET",
        "Flasche: Polyethylenterephthalat",
        "Bouteille : PET",
        "Bottiglia: PET",
        "Botella: tereftalato de polietileno",
    ),
    "pvc": (
        "Jacket: PVC",
        "Mantel: Polyvinylchlorid",
        "Gaine : polychlorure de vinyle",
        "Guaina: PVC",
        "Funda: policloruro de vinilo",
    ),
    "ps": (
        "Tray: polystyrene",
        "Schale: Polystyrol",
        "Plateau : polystyrène",
        "Vassoio: polistirene",
        "Bandeja: poliestireno",
    ),
    "pmma": (
        "Cover: acrylic",
        "Abdeckung: Acrylglas",
        "Capot : PMMA",
        "Copertura: PMMA",
        "Cubierta: metacrilato",
    ),
    "pa12": (
        "Tube: PA12",
        "Rohr: Polyamid 12",
        "Tube : polyamide 11",
        "Tubo: poliammide 12",
        "Tubo: poliamida 12",
    ),
    "pla": (
        "Filament: PLA",
        "Filament: Polymilchsäure",
        "Filament : acide polylactique",
        "Filamento: acido polilattico",
        "Filamento: ácido poliláctico",
    ),
    "petg": (
        "Filament: PETG",
        "Platte: PET-G",
        "Plaque : PET glycol modifié",
        "Lastra: PET modificato con glicole",
        "Placa: PETG",
    ),
    "epp": (
        "Box: expanded polypropylene",
        "Box: expandiertes Polypropylen",
        "Caisse : polypropylène expansé",
        "Cassa: polipropilene espanso",
        "Caja: polipropileno expandido",
    ),
    "pe_lld": (
        "Film: LLDPE",
        "Folie: lineares Polyethylen niedriger Dichte",
        "Film : polyéthylène basse densité linéaire",
        "Film: polietilene lineare a bassa densità",
        "Film: polietileno lineal de baja densidad",
    ),
    "pe_x": (
        "Pipe: cross-linked polyethylene",
        "Rohr: PE-Xa",
        "Tube : polyéthylène réticulé",
        "Tubo: polietilene reticolato",
        "Tubo: polietileno reticulado",
    ),
    "tpe": (
        "Grip: TPE",
        "Griff: thermoplastisches Elastomer",
        "Poignée : élastomère thermoplastique",
        "Impugnatura: elastomero termoplastico",
        "Empuñadura: elastómero termoplástico",
    ),
    "pu": (
        "Hose: polyurethane",
        "Schlauch: Polyurethan",
        "Tuyau : polyuréthane",
        "Tubo: poliuretano",
        "Manguera: TPU",
    ),
    "ptfe": (
        "Gasket: PTFE",
        "Dichtung: Polytetrafluorethylen",
        "Joint : polytétrafluoroéthylène",
        "Guarnizione: politetrafluoroetilene",
        "Junta: politetrafluoroetileno",
    ),
    "pvdf": (
        "Valve body: PVDF",
        "Ventilkörper: Polyvinylidenfluorid",
        "Corps : polyfluorure de vinylidène",
        "Corpo: polivinilidenfluoruro",
        "Cuerpo: fluoruro de polivinilideno",
    ),
    "peek": (
        "Bush: PEEK",
        "Buchse: Polyetheretherketon",
        "Douille : polyétheréthercétone",
        "Boccola: polietere etere chetone",
        "Casquillo: polieteretercetona",
    ),
    "ppsu": (
        "Fitting: PPSU",
        "Fitting: Polyphenylsulfon",
        "Raccord : polyphénylsulfone",
        "Raccordo: polifenilsolfone",
        "Racor: polifenilsulfona",
    ),
    "rubber": (
        "Seal: EPDM",
        "Dichtung: Gummi",
        "Joint : caoutchouc",
        "Guarnizione: gomma",
        "Junta: caucho",
    ),
    "glass_fibre": (
        "Reinforcement: glass fibre",
        "Verstärkung: Glasfaser",
        "Renfort : fibre de verre",
        "Rinforzo: fibra di vetro",
        "Refuerzo: fibra de vidrio",
    ),
    "glass": ("Pane: glass", "Scheibe: Glas", "Vitre : verre", "Lastra: vetro", "Cristal: vidrio"),
    "wood": ("Handle: wood", "Griff: Holz", "Manche : bois", "Manico: legno", "Mango: madera"),
    "paper_cardboard": (
        "Box: cardboard",
        "Schachtel: Karton",
        "Boîte : carton",
        "Scatola: cartone",
        "Caja: cartón",
    ),
    "technical_ceramics": (
        "Insulator: alumina",
        "Isolator: Aluminiumoxid-Keramik",
        "Isolant : céramique technique",
        "Isolatore: ceramica tecnica",
        "Aislador: cerámica técnica",
    ),
    "ceramics": (
        "Mug: stoneware",
        "Becher: Porzellan",
        "Tasse : porcelaine",
        "Tazza: ceramica",
        "Taza: cerámica",
    ),
    "textile": (
        "Strap: nylon webbing",
        "Bezug: Baumwolle",
        "Housse : tissu",
        "Fodera: tessuto",
        "Funda: tejido",
    ),
    "leather": (
        "Strap: leather",
        "Riemen: Leder",
        "Bracelet : cuir",
        "Cinturino: pelle",
        "Correa: cuero",
    ),
    "electronics": (
        "Board: PCB",
        "Platine: Leiterplatte",
        "Carte : électronique",
        "Scheda: elettronica",
        "Placa: electrónica",
    ),
}


def answer_for(text: str, codes: list[str] = CATALOGUE_CODES) -> dict[str, Any]:
    """The fake's answer to a prompt offering the catalogue `codes` (in the schema's enum)."""
    schema = {"type": "object", "properties": {"k": {"type": "string", "enum": codes}}}
    body = chat_body({"type": "json_schema", "json_schema": {"name": "a", "schema": schema}}, text)
    return sensible_answer(body)


def material_codes(answer: dict[str, Any]) -> list[str]:
    return [m["index_code"] for m in answer["materials"]]


def test_the_fake_knows_every_material_family_of_the_catalogue() -> None:
    """A family added to the default catalogue fails this test until the fake names it."""
    assert set(FAMILY_LINES) == MATERIAL_CODES


@pytest.mark.parametrize(("code", "lines"), FAMILY_LINES.items(), ids=list(FAMILY_LINES))
def test_each_family_is_read_in_five_languages(code: str, lines: tuple[str, ...]) -> None:
    for line in lines:
        answer = answer_for(f"Article: Part\n{line}\nNet weight: 10 g")

        assert material_codes(answer)[:1] == [code], line
        assert answer["materials"][0]["quote"] == line
        assert code in {share["index_code"] for share in answer["cost_model"]}


@pytest.mark.parametrize(
    ("line", "codes"),
    [
        ("Material: stainless steel 1.4301", ["stainless_steel"]),
        ("Werkstoff: Aluminiumoxid-Keramik (Al2O3 99,7 %)", ["technical_ceramics"]),
        ("Cover: artificial leather", ["textile"]),
        ("Bezug: Kunstleder", ["textile"]),
        ("Strap: nylon webbing 25 mm", ["textile"]),
        ("Housing: PA66 GF30", ["glass_fibre", "pa66"]),
        ("Keramikbeschichtung auf Stahl", ["steel"]),  # a coating, not the material
        ("Pan: ceramic-coated aluminium", ["aluminium"]),
        ("Packing: 10 pc per carton", ["paper_cardboard"]),  # "pc" is a piece, not PC
        ("Pad: steel wool", ["steel"]),
        ("Holzschraube: Stahl verzinkt", ["steel"]),
        ("Tasche aus Filz mit Ledergriff", ["textile", "leather"]),
    ],
)
def test_a_longer_name_wins_over_the_shorter_one_inside_it(line: str, codes: list[str]) -> None:
    assert material_codes(answer_for(line)) == codes


def test_a_material_no_family_fits_goes_to_the_unidentified_index() -> None:
    text = "Article: Housing\nMaterial: Xylotherm 7 compound\nNet weight: 120 g"

    answer = answer_for(text)
    without = answer_for(text, [c for c in CATALOGUE_CODES if c != UNIDENTIFIED_MATERIAL])

    assert answer["materials"] == [
        {
            "index_code": UNIDENTIFIED_MATERIAL,
            "name": "Xylotherm 7 compound",
            "mass_share": 1.0,
            "quote": "Material: Xylotherm 7 compound",
            "location": "specification",
        }
    ]
    assert answer["cost_model"][0]["index_code"] == UNIDENTIFIED_MATERIAL
    assert without["materials"] == []  # no such index: the family is not guessed either
    assert UNIDENTIFIED_MATERIAL not in {s["index_code"] for s in without["cost_model"]}


def test_a_material_keeps_the_location_of_its_own_passage() -> None:
    text = "[specification, page 1]\nNet weight: 85 g\n[drawing, page 1]\nMaterial: porcelain"

    (material,) = answer_for(text)["materials"]

    assert (material["index_code"], material["location"]) == ("ceramics", "drawing, page 1")


@pytest.mark.parametrize(
    ("line", "grams", "basis"),
    [
        ("Poids net : 250 g", 250.0, "net"),
        ("Peso netto: 1,2 kg", 1200.0, "net"),
        ("Peso bruto: 3 kg", 3000.0, "gross"),
        ("Poids brut : 400 g", 400.0, "gross"),
        ("Massa: 75 g", 75.0, "unspecified"),
    ],
)
def test_the_weight_line_is_read_in_french_italian_and_spanish(
    line: str, grams: float, basis: str
) -> None:
    weight = answer_for(f"Article: Part\n{line}")["weight"]

    assert (weight["grams"], weight["quote"], weight["basis"]) == (grams, line, basis)


def test_a_zero_mass_is_no_weight() -> None:
    weight = answer_for("Tara weight: 0 g\nNet weight: 40 g")["weight"]

    assert weight["grams"] == 40.0

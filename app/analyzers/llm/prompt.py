"""What the model reads: a short system prompt, the selected passages, page images.

Token economy: the model gets only selected lines (see `passages`: weight lines with their
heading and pack-size context, material lines, the title) and a minimal strict schema whose
enum is the catalogue. A corpus document costs ~350 prompt tokens, schema included.
"""

from __future__ import annotations

import base64
import functools
import json
import logging
from dataclasses import dataclass, field
from typing import Any, Literal

from openai.types.chat import ChatCompletionContentPartParam, ChatCompletionMessageParam

from app.analyzers.base import AnalysisRequest
from app.analyzers.llm.evidence import SourceText
from app.analyzers.llm.schema import answer_schema
from app.analyzers.offline.cost_model import UNIDENTIFIED
from app.analyzers.passages import select_passages
from app.analyzers.tokens import count_tokens

logger = logging.getLogger(__name__)

MIN_PASSAGE_TOKENS = 200  # even with a huge catalogue, the document gets this much
PASSAGE_TOKENS_PER_DOCUMENT = 600  # a 200-page specification still sends at most this much
MESSAGE_OVERHEAD_TOKENS = 12  # role markers and framing the API adds per request
NAIVE_DOCUMENT_CHARS = 8_000

SYSTEM_PROMPT = (
    "Spec lines of one article. g: grams per piece (pack weight/count) or null; q: that line "
    "verbatim. c: cost shares (materials, energy, labour), sum 1; materials add name as "
    "written and mass share."
)
# Only when the catalogue has the index: a material the lines name but no index fits (a trade
# name, a "compound") goes there with its name, as on the offline path, instead of a guess.
UNIDENTIFIED_RULE = f" Unknown material: k {UNIDENTIFIED}, never a guessed family."  # 12 tokens
JSON_OBJECT_SUFFIX = "\nAnswer with one JSON object matching this JSON Schema:\n"
RETRY_PROMPT = "Your previous answer was invalid: {reason}. Answer again with valid JSON only."

# How the answer's form is asked for: the server's structured outputs, its JSON mode with the
# schema in the prompt, or the schema in the prompt alone (servers that reject both).
ResponseMode = Literal["json_schema", "json_object", "prompt"]


@dataclass(frozen=True, slots=True)
class Prompt:
    system: str
    user: str | list[ChatCompletionContentPartParam]
    schema: dict[str, Any]
    codes: frozenset[str]
    source: SourceText  # everything the documents and description say, to check quotes against
    has_images: bool
    tokens: int = 0  # what the prompt costs in schema mode (used when a server reports no usage)
    categories: dict[str, str] = field(default_factory=dict)  # catalogue code -> category
    schema_text: str = ""  # `schema` as compact JSON, for the modes that state it in the prompt

    def messages(
        self, extra: list[ChatCompletionMessageParam], *, mode: ResponseMode
    ) -> list[ChatCompletionMessageParam]:
        system = self.system
        if mode != "json_schema":
            schema_text = self.schema_text or json.dumps(self.schema, separators=(",", ":"))
            system += JSON_OBJECT_SUFFIX + schema_text
        return [
            {"role": "system", "content": system},
            {"role": "user", "content": self.user},
            *extra,
        ]


@dataclass(frozen=True, slots=True)
class CataloguePart:
    """What the prompt takes from the catalogue alone, built once per catalogue: the schema,
    its text and what the fixed parts cost in tokens (tokenizing them was a hot spot)."""

    codes: tuple[str, ...]
    system: str
    schema: dict[str, Any]  # shared by every prompt of this catalogue: read only
    schema_text: str
    fixed_tokens: int  # system prompt + schema + message framing


def system_prompt(codes: tuple[str, ...] | frozenset[str]) -> str:
    """The system prompt for a catalogue: the unidentified-material rule only where the
    catalogue has that index (a tenant may have deleted it; the enum would refuse the code)."""
    return SYSTEM_PROMPT + (UNIDENTIFIED_RULE if UNIDENTIFIED in codes else "")


@functools.lru_cache(maxsize=16)
def catalogue_part(codes: tuple[str, ...]) -> CataloguePart:
    system = system_prompt(codes)
    schema = answer_schema(codes)
    schema_text = json.dumps(schema, separators=(",", ":"))
    fixed = count_tokens(system) + count_tokens(schema_text) + MESSAGE_OVERHEAD_TOKENS
    return CataloguePart(codes, system, schema, schema_text, fixed)


def user_header(request: AnalysisRequest) -> str:
    return f"Article: {request.article_name}\n"


def build_prompt(
    request: AnalysisRequest,
    *,
    prompt_token_budget: int,
    passage_tokens_per_document: int,
    max_images: int,
    image_detail: Literal["auto", "low", "high"],
) -> Prompt:
    """Runs in a worker thread: tokenizing and base64-encoding are CPU work."""
    catalogue = catalogue_part(tuple(index.code for index in request.catalogue))
    header = user_header(request)
    overhead = catalogue.fixed_tokens + count_tokens(header)
    budget = prompt_token_budget - overhead
    if budget < MIN_PASSAGE_TOKENS:
        logger.warning(
            "prompt_token_budget %d leaves %d tokens for passages; using %d",
            prompt_token_budget,
            budget,
            MIN_PASSAGE_TOKENS,
        )
        budget = MIN_PASSAGE_TOKENS
    selection = select_passages(
        request.documents,
        request.description,
        budget,
        per_document_tokens=passage_tokens_per_document,
    )
    user_text = header + (selection.text or "(no text; see the page images)")
    parts: list[ChatCompletionContentPartParam] = []
    for document in request.documents:
        # A drawing's geometry and dimensions are in its picture even when its title block is
        # text; a specification with a text layer says everything in its text.
        if not document.images or (document.has_text_layer and document.role != "drawing"):
            continue
        # Extraction chose the pages (a long scan's table pages, best first) and says which.
        pages = document.image_pages or range(1, len(document.images) + 1)
        for page, image in zip(pages, document.images, strict=False):
            if len(parts) // 2 >= max_images:
                break
            url = f"data:{document.image_media_type};base64,"
            url += base64.b64encode(image).decode("ascii")
            parts.append({"type": "text", "text": f"[{document.role}, page {page} image]"})
            parts.append({"type": "image_url", "image_url": {"url": url, "detail": image_detail}})
    user: str | list[ChatCompletionContentPartParam] = user_text
    if parts:
        user = [{"type": "text", "text": user_text}, *parts]
    source_text = "\n".join([request.description or "", *(doc.text for doc in request.documents)])
    sections = [("description", request.description or "")] + [
        (f"{doc.role}, {section.location}", section.text)
        for doc in request.documents
        for section in doc.sections
    ]
    return Prompt(
        system=catalogue.system,
        user=user,
        schema=catalogue.schema,
        codes=frozenset(catalogue.codes),
        source=SourceText(source_text, [(w, t) for w, t in sections if t.strip()]),
        has_images=bool(parts),
        tokens=overhead + count_tokens(user_text),
        categories={index.code: index.category for index in request.catalogue},
        schema_text=catalogue.schema_text,
    )


def naive_prompt_tokens(request: AnalysisRequest) -> int:
    """Tokens of the obvious prompt (8,000 document characters + the full catalogue table),
    with the same system prompt as ours."""
    system = system_prompt(frozenset(index.code for index in request.catalogue))
    catalogue = "\n".join(
        f"{index.code} | {index.name} | {index.unit} | {index.category}"
        for index in request.catalogue
    )
    document = "\n\n".join(doc.text for doc in request.documents)[:NAIVE_DOCUMENT_CHARS]
    text = (
        f"{system}\nArticle: {request.article_name}\n"
        f"Description: {request.description or ''}\n"
        f"Catalogue (code | name | unit | category):\n{catalogue}\nDocument:\n{document}"
    )
    return count_tokens(text) + MESSAGE_OVERHEAD_TOKENS

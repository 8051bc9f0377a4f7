"""Which of two figures for the same thing a document means now: corrections and threads.

A supplier who got a weight wrong writes again: "the 48 g I gave you was wrong", "errata: el
peso correcto es 0,42 kg", "2,1 kg statt 2,4 kg", usually above the quoted earlier message.
The figure the text calls wrong, or the one a correction replaces, is never the article's
weight; the figure the text calls the correct one beats the other readings; and once the
newest message of a thread corrects, what it quotes below is history, not data. A reply
that states a weight of its own outweighs the weights it quotes, and a change notice's
column or row named old ("alt", "previous", "(vorher 135 g)") is superseded by the new one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from typing import Final, Protocol, TypeVar

from app.analyzers.base import WeightBasis
from app.analyzers.offline._text import Line
from app.analyzers.offline.vocabulary import WEIGHT_WORDS, Vocabulary, split_words

__all__ = [
    "CORRECTED_BONUS",
    "SUPERSEDED_BEFORE",
    "correct_value",
    "corrected_thread",
    "drop_superseded",
    "lead_in",
    "quotes_below",
    "revision",
    "run_on",
    "superseded_by_reply",
]

# The figure was wrong (en, de, fr, it, es, nl, pl, pt, sv, da, no, fi, cs, tr, hu, ro, ru, el,
# zh, ja, ko).
ERROR_WORDS: Final = Vocabulary(
    [
        *split_words(
            "wrong incorrect incorrectly erroneous erroneously mistake mistakenly mistyped typo "
            "errata erratum falsch falsche falscher fehlerhaft fehlerhafte irrtümlich "
            "versehentlich tippfehler erreur erroné erronée erronés inexact inexacte errore "
            "erroneamente errato errata sbagliato sbagliata sbaglio error erróneo errónea "
            "equivocado equivocada equivocadamente errado errada erro engano fout foutief "
            "foutieve abusievelijk onjuist błąd błędnie błędna błędny pomyłka felaktig felaktigt "
            "forkert fejl feil feilaktig virhe virheellinen väärin chyba chybně chybná omylem "
            "yanlış hatalı hata hibás hibásan téves tévesen greșit greșită eronat eronată ошибка "
            "ошибочно неверно неверный неправильно λάθος λανθασμένο λανθασμένα"
        ),
        "by error",
        "in error",
        "par erreur",
        "per errore",
        "por error",
        "por erro",
        "per abuis",
        "по ошибке",
        "错误",
        "有误",
        "誤り",
        "間違",
        "誤記",
        "잘못",
        "오류",
    ]
)

# The figure an earlier message gave, reported by the newest one ("in my mail of yesterday I
# wrote that it weighs 3.4 kg"): the value under discussion, not the data.
EARLIER_WORDS: Final = Vocabulary(
    [
        "i wrote",
        "i gave you",
        "i had given",
        "i stated",
        "i had stated",
        "i mentioned",
        "i had mentioned",
        "i indicated",
        "my previous mail",
        "my previous e-mail",
        "my previous message",
        "my last mail",
        "my mail of",
        "my e-mail of",
        "our previous offer",
        "ich schrieb",
        "hatte ich",
        "meiner letzten mail",
        "meiner mail vom",
        "meiner e-mail vom",
        "je vous avais",
        "j'avais indiqué",
        "j’avais indiqué",
        "mon message précédent",
        "mon message d'hier",
        "mon message d’hier",
        "mon mail d'hier",
        "mon courriel",
        "vi avevo",
        "avevo indicato",
        "nel mio messaggio",
        "nella mia mail",
        "les indiqué",
        "les había indicado",
        "había indicado",
        "en mi correo",
        "mi mensaje anterior",
        "eu tinha indicado",
        "na minha mensagem",
        "no meu e-mail",
        "ik schreef",
        "had ik",
        "mijn vorige",
        "mijn mail van",
        "jag skrev",
        "mitt förra",
        "jeg skrev",
        "min forrige",
        "kirjoitin",
        "napisałem",
        "napisałam",
        "w mojej poprzedniej",
        "psal jsem",
        "v mém předchozím",
        "önceki mesajımda",
        "yazdığım",
        "előző levelemben",
        "în mesajul meu anterior",
        "я писал",
        "в моём предыдущем",
        "в моем предыдущем",
        "έγραψα",
        "στο προηγούμενο μήνυμά μου",
        "上一封邮件",
        "前回のメール",
        "지난 메일",
    ]
)

# The figure is the right one.
CORRECT_WORDS: Final = Vocabulary(
    [
        *split_words(
            "correct corrected correction richtig richtige richtiges korrekt korrekte korrektes "
            "korrigiert korrigierte berichtigt berichtigte correcte corrigé corrigée corretto "
            "corretta corrette corretti corretto corretta corrigido corrigida correto correta "
            "correcto correcta corregido corregida juiste gecorrigeerd poprawny poprawna poprawne "
            "poprawiony poprawiona rätt rätta korrigerad korrigerat riktig riktige korrekt "
            "korrigeret korrigert oikein korjattu správný správná správně opravený opravená "
            "düzeltilmiş helyes helyesen javított corect corectă corectat правильный правильная "
            "правильно исправленный σωστό σωστή διορθωμένο"
        ),
        "正确",
        "更正",
        "正しい",
        "訂正",
        "올바른",
        "정정",
    ]
)

# "2,1 kg instead of 2,4 kg": the figure after these is the one the correction replaces.
INSTEAD_BEFORE: Final = Vocabulary(
    [
        "instead of",
        "rather than",
        "not",
        "statt",
        "anstatt",
        "anstelle von",
        "nicht",
        "au lieu de",
        "au lieu des",
        "et non",
        "invece di",
        "anziché",
        "e non",
        "en lugar de",
        "en vez de",
        "y no",
        "em vez de",
        "ao invés de",
        "e não",
        "in plaats van",
        "en niet",
        "istället för",
        "i stället för",
        "i stedet for",
        "i stedet for",
        "zamiast",
        "místo",
        "namísto",
        "în loc de",
        "вместо",
        "αντί για",
        "αντί",
    ]
)
# Languages that put the word after the replaced figure ("2,4 kg yerine", "2,4 kg helyett").
INSTEAD_AFTER: Final = Vocabulary(["yerine", "helyett", "の代わり", "대신", "而非"])


class _Figure(Protocol):
    order: int
    basis: WeightBasis
    score: float
    grams: float | None
    reason: str


class _Keyed(_Figure, Protocol):
    keys: frozenset[str]


KeyedT = TypeVar("KeyedT", bound=_Keyed)  # a weight rule's mention, returned as given

CORRECTED_BONUS: Final = 0.15
_NEAR: Final = 160  # characters before a figure that still speak of it
_SENTENCE_END = re.compile(r"[.!?。！？](?:\s|$)|\n")


def _clause_start(text: str) -> int:
    """Where the sentence that runs into the end of `text` starts."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    return ends[-1] if ends else 0


# "not 0,82 kg but 0,72 kg", "nicht 3,1 kg, sondern 2,9 kg", "ei ole 0,82 kg vaan 0,72 kg": the
# figure after the negation is replaced, the one after the contrast word replaces it (en, de,
# fr, it, es, pt, nl, sv, da, no, fi, pl, cs, hu, ro, ru, el)
_NEGATION = (
    r"(?:not|isn['’]t|nicht|pas|non|no|não|nao|niet|inte|ej|ikke|ei|nie|ne|není|nem|nu|не"
    r"|δεν)"
)
_CONTRAST = (
    r"(?:but|sondern|mais|ma|bensì|sino|mas|maar|utan|men|vaan|vaid|lecz|ale|nýbrž|hanem|ci"
    r"|а|но|αλλά)"
)
_MASS = r"\d[\d.,']*\s{0,2}(?:kg|g|gr|mg|t|lbs?|oz|кг|г)\.?"
_NOT_THIS_BUT = re.compile(
    rf"(?<![^\W\d_]){_NEGATION}(?:\s+[^\W\d_]+){{0,2}}\s+(?:ca\.?\s+|approx\.?\s+)?{_MASS}"
    rf"\s{{0,2}}[,;]?\s{{0,3}}{_CONTRAST}\s{{1,3}}(?:ca\.?\s+|approx\.?\s+)?$",
    re.IGNORECASE,
)
_BUT_AFTER = re.compile(rf"^\s{{0,2}}[,;]?\s{{0,3}}{_CONTRAST}\s{{1,3}}(?:ca\.?\s+)?\d", re.I)
_NEGATION_END = re.compile(rf"(?<![^\W\d_]){_NEGATION}(?:\s+[^\W\d_]+){{0,2}}\s*$", re.I)


# "weighs 1.48 kg, not 1.84 kg", "1,48 kg und nicht 1,84 kg", "1,48 kg et non 1,84 kg": the
# figure a negated figure follows replaces it
_NOT_AFTER = re.compile(
    rf"^\s{{0,2}}[,;]?\s{{0,3}}(?:(?:and|und|et|e|y|en|och|og|i|a)\s+)?{_NEGATION}\s+"
    rf"(?:ca\.?\s+|approx\.?\s+)?{_MASS}",
    re.IGNORECASE,
)
_NOT_BEFORE = re.compile(
    rf"\d\s{{0,2}}[^\W\d_]{{1,3}}\.?\s{{0,2}}[,;]?\s{{0,3}}{_NEGATION}\s+$", re.I
)


def _not_but(before: str, after: str) -> str:
    """ "correct" for Y of "not X but Y" and of "Y, not X", "wrong" for their X, "" for any
    other figure."""
    if _NOT_THIS_BUT.search(before[-80:]) or _NOT_AFTER.match(after):
        return "correct"
    if _BUT_AFTER.match(after) and _NEGATION_END.search(before[-30:]):
        return "wrong"
    if _NOT_BEFORE.search(before[-24:]):
        return "wrong"
    return ""


def revision(text: str, start: int, end: int, above: str = "") -> str:
    """What a line says of the figure at text[start:end]: "wrong" (called wrong, or replaced by
    a correction), "correct" (called the correct one), or "" (neither). `above` is the line
    before when the sentence may run on from it."""
    before = f"{above} {text[:start]}"[-_NEAR:] if above else text[max(0, start - _NEAR) : start]
    if said := _not_but(before, text[end : end + 24]):
        return said
    tail = before[-16:].rstrip(" ~≈ca.:(")
    if INSTEAD_BEFORE.search(tail) and _ends_with(INSTEAD_BEFORE, tail):
        return "wrong"
    after = text[end : end + 16]
    if (m := INSTEAD_AFTER.search(after)) is not None and m.start() <= 3:
        return "wrong"
    sentences = [m.end() for m in _SENTENCE_END.finditer(before)]
    this = sentences[-1] if sentences else 0  # the sentence the figure is in starts here
    previous = sentences[-2] if len(sentences) >= 2 else 0
    # the sentence before counts when it speaks of a weight ("the weight … was wrong."), not
    # of anything else ("Defective parts are replaced.")
    since = previous if WEIGHT_WORDS.search(before[previous:this]) else this
    errors = [m.end() for m in ERROR_WORDS.finditer(before, since)]
    errors += [m.end() for m in EARLIER_WORDS.finditer(before, this)]
    rights = [m.end() for m in CORRECT_WORDS.finditer(before, this)]
    if max(rights, default=-1) > max(errors, default=-1):
        return "correct"  # "el peso correcto es 0,42 kg", "errata: correct is 0.42 kg"
    if errors:
        # "aparece por error un peso de 4,2 kg", "the weight … was wrong. The 48 g I gave":
        # the mistake is named in this sentence or the one just before
        return "wrong"
    # "The 48 g I gave you were wrong": the sentence the figure is in calls it wrong
    rest = text[end : end + 60]
    stop = _SENTENCE_END.search(rest)
    rest = rest[: stop.start()] if stop else rest
    if any(c.isdigit() for c in rest):
        rest = rest[: next(i for i, c in enumerate(rest) if c.isdigit())]
    if ERROR_WORDS.search(rest) is not None and CORRECT_WORDS.search(rest) is None:
        return "wrong"
    return ""


def _ends_with(words: Vocabulary, text: str) -> bool:
    return any(m.end() >= len(text) - 1 for m in words.finditer(text))


# A sentence that ends in a weighing verb runs on to the figure ("… after forming weighs").
WEIGH_VERBS: Final = Vocabulary(
    [
        *split_words(
            "weighs weigh weighing wiegt wiegen pèse pèsent pesa pesano pesan pesam weegt wegen "
            "väger vejer veier painaa váží waží waży ważą tartar cântărește cântăresc весит весят "
            "ζυγίζει ζυγίζουν"
        ),
    ]
)
_APPROX_END = re.compile(
    r"(?:\s+(?:approx\.?|about|around|ca\.?|circa|etwa|rund|environ|unos|cerca\s+de|ongeveer"
    r"|około|cca\.?|yaklaşık|körülbelül|aproximativ|около|περίπου|only|just|nur|seulement|solo"
    # "… weigh as follows:" over a list of the weights
    r"|as\s+follows|wie\s+folgt|comme\s+suit|come\s+segue|como\s+sigue|como\s+segue|als\s+volgt"
    r"|następująco))*:?$",
    re.IGNORECASE,
)


_ASIDE_LINE = re.compile(r"\([^()|\t]{1,80}\):?$")


def lead_in(lines: Sequence[Line], i: int) -> str:
    """The end of the sentence right above a line when it leads into the line's figure: it ends
    in a weighing verb ("… after forming weighs" / "41 g per piece"), or it announces the
    corrected weight ("…, the correct weight is:" / "CP-410 rev. C: 2,15 kg"). Empty else."""
    if i == 0 or lines[i - 1].location != lines[i].location:
        return ""
    above = lines[i - 1].text.rstrip(" *_")
    if i > 1 and _ASIDE_LINE.match(above) and lines[i - 2].location == lines[i].location:
        # "… weigh as follows" / "(without rod-end accessories):" / "AL-20: 0.21 kg": the
        # sentence wraps its aside onto a line of its own; the aside says only what is left out
        above = lines[i - 2].text.rstrip(" *_")
    if not above or "|" in above or "\t" in above or len(above.split()) < 4:
        return ""  # a heading or a table row, not a sentence
    clause = above[_clause_start(above) :][-100:]
    bare = _APPROX_END.sub("", clause)
    if (verb := WEIGH_VERBS.search(bare[-16:])) is not None and bare.endswith(verb.group()):
        return clause
    if clause.endswith(":") and CORRECT_WORDS.search(clause[-40:]) is not None:
        return clause
    return ""


def correct_value(label: str, lines: Sequence[Line], i: int) -> bool:
    """A figure's label that calls it the correct value ("For BV-100 the correct value is",
    "Richtig ist: Lagereinheit komplett") in a text that spoke of a weight just above: the
    corrected weight, though its own clause has no weight word."""
    clause = label[_clause_start(label) :]
    if CORRECT_WORDS.search(clause) is None or ERROR_WORDS.search(clause) is not None:
        return False
    above = [w.text for w in lines[max(0, i - 12) : i] if w.location == lines[i].location]
    return any(WEIGHT_WORDS.search(t) for t in above)


_OPEN_END = re.compile(r"[^.!?:;。！？]$")


def run_on(lines: Sequence[Line], i: int, head: str) -> str:
    """The sentence a hard-wrapped line continues, up to `head` (the line's text before its
    figure): "The correct net weight of the set (4 pads, shims" above "included) is 1.96 kg."
    reads "… shims included) is", "de mar-" above "che …" reads "de marche …". Empty when the
    line above is no prose that ends mid-sentence, or the line starts a sentence of its own."""
    if i == 0 or lines[i - 1].location != lines[i].location:
        return ""
    above = lines[i - 1].text.rstrip(" *_")
    if not above or "|" in above or "\t" in above or len(above.split()) < 4:
        return ""  # a heading or a table row, not a sentence
    text = lines[i].text
    if not _OPEN_END.search(above) or not text[:1].islower() or "|" in text or "\t" in text:
        return ""  # a line of its own: a new sentence, a label, a table row
    start = above[_clause_start(above) :][-120:]
    if start.endswith("-") and start[-2:-1].isalpha():
        return f"{start[:-1]}{head}"  # a word hyphenated at the line's end
    return f"{start} {head}"


def _calls_weight_wrong(text: str) -> bool:
    """A sentence that calls a weight wrong ("the weight below was wrong", "das Gewicht war
    falsch"): the weight word and the error word in one sentence, with no figure in it."""
    if (error := ERROR_WORDS.search(text)) is None:
        return False
    start = _clause_start(text[: error.start()])
    stop = _SENTENCE_END.search(text, error.end())
    sentence = text[start : stop.start() if stop else len(text)]
    return WEIGHT_WORDS.search(sentence) is not None and not any(c.isdigit() for c in sentence)


def _plain(text: str) -> str:
    """A line without Markdown emphasis ("**From:** …" is a mail header too)."""
    return text.replace("*", "").strip()


def corrected_thread(
    lines: Sequence[Line],
    mentions: Sequence[_Figure],
    starts_quote: Callable[[int, str], bool],
    eligible: Collection[WeightBasis],
) -> None:
    """When the newest message of a thread corrects a weight (it calls a figure wrong, or one
    correct) and states one, the weights of the messages it quotes are superseded."""
    boundary = next(
        (
            line.order
            for k, line in enumerate(lines)
            if starts_quote(k, line.text)
            or ("*" in line.text and starts_quote(k, _plain(line.text)))
        ),
        None,
    )
    if boundary is None:
        return
    newest = [m for m in mentions if m.order < boundary]
    corrects = any("corrected weight" in m.reason or "called wrong" in m.reason for m in newest)
    stated = corrects and any(m.basis in eligible and m.score for m in newest)
    # "sorry, the weight below was wrong": with no figure of its own, nothing answers
    if not stated and not any(_calls_weight_wrong(ln.text) for ln in lines if ln.order < boundary):
        return
    for m in mentions:
        if m.order > boundary and m.basis in eligible:
            m.basis, m.score, m.grams = WeightBasis.OTHER_VARIANT, 0.0, None
            m.reason += "; superseded: the newest message corrects the weight it quotes"


# Where an e-mail thread quotes earlier messages: "> …", "-----Original Message-----",
# "On … wrote:", "Am … schrieb …:", and a second header block ("From: …" below the text).
_QUOTE_MARK = re.compile(
    r"\s*>"
    r"|\s*-{2,}\s*(?:original|urspr[üu]ngliche|message d['’]origine|messaggio originale"
    r"|mensaje original|mensagem original|oorspronkelijk|originalmeddelande|původní zpráva"
    r"|forwarded|weitergeleitet)",
    re.IGNORECASE,
)  # matched at the start of a line


_WROTE = re.compile(
    r"(?:wrote|schrieb|a écrit|ha scritto|escribió|escreveu|schreef|skrev|napsal)\s*:?\s*$",
    re.IGNORECASE,
)  # searched in the end of a line


_MAIL_HEADER = re.compile(r"^\s*(?:from|von|de|da|van|od|från|发件人)\s*:\s*\S", re.IGNORECASE)


_QUOTED_PENALTY = 0.15


def quotes_below(i: int, text: str) -> bool:
    """The line where a thread's quoted messages start (cheap tests first: most lines are not)."""
    head = text.lstrip()[:1]
    if head in (">", "-") and _QUOTE_MARK.match(text):
        return True
    if text.endswith(":") and _WROTE.search(text[-30:]):
        return True
    return i >= 6 and ":" in text[:12] and _MAIL_HEADER.match(text) is not None


def superseded_by_reply(
    lines: Sequence[Line], mentions: Sequence[_Figure], eligible: Collection[WeightBasis]
) -> None:
    """An e-mail thread's latest message comes first and corrects what it quotes below: when it
    states a weight of its own, the weights of the quoted earlier messages weigh less."""
    if not any(m.basis in eligible for m in mentions):
        return
    boundary = next(
        (line.order for i, line in enumerate(lines) if quotes_below(i, line.text)), None
    )
    if boundary is None:
        return
    latest = [m.order for m in mentions if m.order < boundary and m.basis in eligible]
    if not latest:
        return  # the reply states no weight: what it quotes is all there is
    for m in mentions:
        if m.order > boundary and m.basis in eligible and m.score:
            m.score = round(max(0.0, m.score - _QUOTED_PENALTY), 3)
            m.reason += "; quoted from an earlier message the reply supersedes"


_OLD_WORDS = frozenset(
    split_words(
        "alt old previous former vorher bisher früher ancien ancienne précédent vecchio "
        "precedente anterior antiguo antigo oud vorige tidigare gammal stary dříve"
    )
)


_NEW_WORDS = frozenset(
    split_words(
        "neu new current aktuell nouveau nouvelle actuel nuovo attuale nuevo actual novo nieuw "
        "huidig ny nowy nový"
    )
)


# "(vorher 135 g)", "previously: 334 g", "old value 1.32 kg": the figure a change replaced
SUPERSEDED_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:vorher|bisher|früher|zuvor|previously|formerly|old(?:\s+value)?"
    r"|alt(?:er\s+wert)?|auparavant|précédemment|anciennement|prima|precedentemente|antes"
    r"|anteriormente|voorheen|tidigare|dříve|poprzednio)\s{0,2}[:=]?\s{0,2}(?:ca\.?\s{0,2})?$",
    re.IGNORECASE,
)


def drop_superseded(eligible: list[KeyedT]) -> list[KeyedT]:
    """A change notice's table ("alt (Index C)" beside "neu (Index D)", "Rev. B (old)" beside
    "Rev. C (new)"): the figures of the column or row named old are superseded."""
    old = [m for m in eligible if m.keys & _OLD_WORDS]
    if not old or not any(m.keys & _NEW_WORDS and not m.keys & _OLD_WORDS for m in eligible):
        return eligible
    for m in old:
        m.basis, m.score = WeightBasis.OTHER_VARIANT, 0.0
        m.reason += "; a superseded value (the column or row named old)"
    return [m for m in eligible if m.basis != WeightBasis.OTHER_VARIANT]

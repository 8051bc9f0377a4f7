"""Mass figures that are real but not the article's weight, read from the sentence they are in.

A load the article carries ("can carry 50 kg", "50 kg taşıyabilecek"), a difference or a
tolerance ("Unterschied je Klasse 10 g"), a process quantity (the melt, the charge), a package
("il collo pesa 14 kg") and a part named as the subject of a weighing verb ("la testa pesa
28 kg" of a drill press) are never the article's weight, in any language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from app.analyzers.base import WeightBasis
from app.analyzers.offline.vocabulary import (
    WEIGHT_WORDS,
    WITH_WORDS,
    WITHOUT_WORDS,
    Vocabulary,
    split_words,
)

__all__ = [
    "BILLED_WORDS",
    "SCOPE_FILLER",
    "left_out",
    "not_the_article",
    "scope_words",
    "scoped_by_spec",
]

# Carrying or holding verbs of running text (en, de, fr, it, es, nl, pl, pt, sv, da, no, fi,
# cs, tr, hu, ro, ru, el, zh, ja, ko).
CARRY_VERBS: Final = Vocabulary(
    [
        *split_words(
            "carries withstand withstands trägt tragen hält halten aushalten hebt heben stemmt "
            "supporte supportent supporter portent soulève soulever sostiene sostengono sostenere "
            "regge reggere sopporta sopportare solleva sollevare soporta soportan soportar "
            "sostener levanta levantar aguenta suporta suportar sustenta draagt dragen houdt "
            "houden tilt tillen bär bära klarar lyfter bærer bære løfter kantaa kestää nostaa "
            "unese unesou nese udźwignie udźwigną utrzyma wytrzyma podnosi taşır taşıyan kaldırır "
            "dayanır elbír megtart emel susține ridică выдерживает выдержит выдерживать несёт "
            "держит поднимает αντέχει σηκώνει βαστά"
        ),
        "can carry",
        "can hold",
        "can support",
        "can bear",
        "can lift",
        "can take",
        # a rating of a fixing or a part ("anchor bolts rated for 150 kg each")
        "rated for",
        "rated to",
        "rated at",
        "designed for",
        "ausgelegt für",
        "ausgelegt auf",
        "zugelassen für",
        "dimensionné pour",
        "homologué pour",
        "prévu pour",
        "dimensionato per",
        "omologato per",
        "dimensionado para",
        "homologado para",
        "ontworpen voor",
        "berekend op",
        "przystosowany do",
        "obliczony na",
        "dimensionerad för",
        "dimensioneret til",
        "dimensjonert for",
        "mitoitettu",
        "dimenzován na",
        "dimenzovaný na",
        "için tasarlanmış",
        "méretezve",
        "dimensionat pentru",
        "рассчитан на",
        "рассчитаны на",
        "рассчитанный на",
        "σχεδιασμένο για",
        "额定",
        "定格",
        "정격",
        "to carry",
        "to support",
        "to hold",
        "holds up to",
        "supports up to",
        "is able to carry",
        "belastbar bis",
        "taşıyabil*",
        "kaldırabil*",
        "dayanabil*",
        "承受",
        "承载",
        "耐える",
        "支える",
        "견딜",
        "지지",
    ]
)

# A difference, a tolerance or a step between classes: a mass, but nobody's weight.
DIFFERENCE_WORDS: Final = Vocabulary(
    [
        *split_words(
            "difference differences deviation deviations tolerance tolerances variation increment "
            "increments step steps spread unterschied unterschiede differenz abweichung toleranz "
            "schwankung stufung klassenbreite schrittweite différence écart écarts tolérance "
            "variation differenza scostamento tolleranza variazione diferencia desviación "
            "tolerancia variación diferença desvio tolerância variação verschil afwijking "
            "tolerantie skillnad avvikelse tolerans forskel afvigelse forskjell avvik ero "
            "poikkeama toleranssi różnica odchyłka tolerancja rozdíl odchylka tolerance fark "
            "sapma különbség eltérés tűrés diferență abatere toleranță разница отклонение допуск "
            "διαφορά απόκλιση ανοχή"
        ),
        "差异",
        "偏差",
        "公差",
        "誤差",
        "차이",
        "편차",
        "공차",
    ]
)

# A weight a carrier bills from the dimensions (volumetric, dimensional, chargeable): a mass
# unit, but nothing weighed it.
BILLED_WORDS: Final = Vocabulary(
    [
        *split_words(
            "volumetric volumetrico volumetrica volumétrico volumétrica volumétrique volumetrique "
            "volumetrisch volumetrisches volumetrischer volumengewicht volumegewicht volymvikt "
            "volumenvægt volumvekt tilavuuspaino wolumetryczna wolumetryczny gabarytowa "
            "gabarytowy cubado cubagem facturable tassabile taxable chargeable billable "
            "frachtpflichtig frachtpflichtiges fraktdragande térfogatsúly hacimsel desi "
            "volumetrică volumetric объёмный объемный ογκομετρικό ογκομετρικό"
        ),
        "dimensional weight",
        "dim weight",
        "volume weight",
        "billed weight",
        "poids taxé",
        "peso tasable",
        "objemová hmotnost zásilky",
        "体积重",
        "计费重",
        "計費重",
        "容積重量",
        "容積換算",
        "부피중량",
        "부피 중량",
        "부피 무게",
        "운임중량",
    ]
)

# A process quantity: the melt poured, a charge or batch (a foundry's, a mixer's).
PROCESS_WORDS: Final = Vocabulary(
    [
        *split_words(
            "melt melts melting molten pouring heat batch schmelze schmelzen schmelzgewicht "
            "gießgewicht giessgewicht abstichgewicht chargengewicht coulée fusion colata fusione "
            "colada fusão vazamento gietgewicht smelt smälta smelte sula tavba tavenina wytop "
            "eriyik olvadék topitură плавка расплав τήγμα"
        ),
        "charge weight",
        "batch weight",
        "poids de coulée",
        "peso di colata",
        "peso de colada",
        "熔炼",
        "熔液",
        "溶湯",
        "용탕",
    ]
)

# A package as a shipped unit (the parcel, not the article in it).
PACKAGE_WORDS: Final = Vocabulary(
    [
        *split_words(
            "collo colli colis packstück packstücke bulto bultos kolli kollo parcel parcels pacco "
            "pacchi paquete paquetes pakket pakketten paczka balík zásilka koli csomag colet "
            "colete посылка δέμα"
        ),
        "shipping case",
        "shipping unit",
        "versandeinheit",
        "包裹",
        "梱包",
        "포장",
    ]
)

# Weighing verbs whose subject says whose weight it is ("la testa pesa circa 28 kg").
_WEIGHS: Final = Vocabulary(
    [
        *split_words(
            "weighs weigh wiegt wiegen pèse pèsent pesa pesano pesan pesam weegt wegen väger "
            "vejer veier painaa váží waží waży ważą cântărește cântăresc весит весят ζυγίζει "
            "ζυγίζουν"
        ),
    ]
)
_APPROX = (
    r"(?:approx\.?|about|around|ca\.?|circa|etwa|rund|environ|unos|cerca\s+de|ongeveer|około"
    r"|cca\.?|yaklaşık|körülbelül|aproximativ|около|περίπου|only|just|nur|seulement|solo|jen)"
)
_VERB_THEN_FIGURE = re.compile(rf"(?:\s+{_APPROX})*\s*$", re.IGNORECASE)
_CLAUSE_SEP = re.compile(r"[,;:()\[\]|.!?]\s|[;:|(]")
# Words that say "the article" without naming it, and determiners and pronouns.
_SELF: Final = Vocabulary(
    [
        *split_words(
            "it its itself own alone this that which unit device product article item appliance "
            "machine tool set kit assembly piece part whole complete total finished empty es er "
            "sie gerät produkt artikel teil bauteil maschine werkzeug einheit ganze komplett "
            "fertige allein alleine selbst il elle ce cela appareil produit pièce outil ensemble "
            "complet seul seule esso essa apparecchio prodotto articolo pezzo macchina utensile "
            "completo ello equipo producto artículo pieza máquina aparato herramienta conjunto "
            "ele ela equipamento produto peça ferramenta het apparaat onderdeel den det enhet "
            "produkten artikeln delen maskinen urządzenie wyrób część zařízení výrobek díl cihaz "
            "ürün parça készülék termék alkatrész aparat produs piesă устройство изделие деталь "
            "αυτό συσκευή προϊόν εξάρτημα"
        ),
    ]
)
_DETERMINERS: Final = frozenset(
    split_words(
        "the a an der die das den dem ein eine einer le la les l un une il lo gli i el los las "
        "uno una o os as de het een en ett den det ten ta to a az egy bu şu bir"
    )
)
_TOKEN = re.compile(r"[^\W\d_]{3,}")
# An article code of the name: letters and digits, maybe hyphenated ("kb-7", "tc25", "sn 513").
_CODE = re.compile(r"(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[^\W\d_])[\w]+(?:-[\w]+)*")


def _clause_before(text: str) -> str:
    starts = [m.end() for m in _CLAUSE_SEP.finditer(text)]
    return text[starts[-1] :] if starts else text


def _subject(before: str, name_low: str) -> list[str]:
    """The words a weighing verb right before a figure has for subject ("la testa" of "la
    testa pesa circa 28 kg"): empty when the verb is not right before the figure."""
    bare = _VERB_THEN_FIGURE.sub("", before)
    verbs = list(_WEIGHS.finditer(bare))
    if not verbs or verbs[-1].end() < len(bare):
        return []
    clause = _clause_before(bare[: verbs[-1].start()]).lower()
    if any(code in clause for code in _CODE.findall(name_low)):
        return []  # "the KB-7 bracket weighs" of a "Konsole KB-7": the article, in any language
    return [t for t in _TOKEN.findall(clause) if t not in _DETERMINERS]


def _names(word: str, name_low: str, name_words: frozenset[str]) -> bool:
    """The article name has this word, ends a compound with it, or has an inflection of it
    ("testa"/"teste"; not "bale" of "baler": a stem of five letters or more)."""
    tokens = _TOKEN.findall(name_low)
    if word in name_words or any(t == word or t.endswith(word) for t in tokens):
        return True  # "Gehäuse" of a "Stehlagergehäuse" too
    if len(word) >= 5 and word in name_low:
        return True
    stem = word[:5]
    return len(stem) >= 5 and any(w.startswith(stem) for w in name_words)


def not_the_article(
    text: str,
    start: int,
    end: int,
    name_low: str,
    name_words: frozenset[str],
    above: str = "",
) -> tuple[WeightBasis, str] | None:
    """(basis, reason) when the sentence around the figure at text[start:end] says it is a load,
    a difference, a process quantity, a package or a part; None when it says nothing of that.
    `above` is the line before, when the sentence may run on from it."""
    head = f"{above} {text[:start]}" if above else text[:start]
    before = _clause_before(head[-60:])
    after = "" if text[end - 1 : end] == "." else text[end : end + 40]  # "2,8 kg. Bitte …"
    after = after[: m.start()] if (m := _CLAUSE_SEP.search(after)) else after
    carried = CARRY_VERBS.search(before) or CARRY_VERBS.search(after)
    if carried is not None and carried.group().lower() not in name_low:
        return WeightBasis.CAPACITY, f"a load something carries ({carried.group()})"
    plain = re.sub(r"\([^()]{0,60}\)", " ", before)
    if (m := DIFFERENCE_WORDS.search(plain)) is not None and m.group().lower() not in name_low:
        return WeightBasis.NOT_MASS, f"a difference or tolerance, not a weight ({m.group()})"
    if (m := PROCESS_WORDS.search(before)) is not None and m.group().lower() not in name_low:
        return WeightBasis.PROCESS, f"a process quantity ({m.group()})"
    subject = _subject(head[-80:], name_low)
    if any(PACKAGE_WORDS.search(w) and w not in name_low for w in subject):
        return WeightBasis.GROSS, f"the weight of a package ({' '.join(subject[-2:])})"
    if (
        subject
        and not any(_names(w, name_low, name_words) or w in _SELF for w in subject)
        and not any(WEIGHT_WORDS.search(w) for w in subject)
    ):
        return WeightBasis.COMPONENT, f"the weight of what the sentence names ({subject[-1]})"
    return None


# "Weight (without net roll)", "Gewicht ohne Rolle": what follows is left out of the figure.
_LEFT_OUT = re.compile(
    rf"(?<![^\W\d_])(?:{WITHOUT_WORDS}|utan|uden|uten|ilman|olmadan|nélkül|fără|без|χωρίς)"
    r"\s+(?:[^\W\d_]+\s+){0,2}$|(?:不含|除く|제외)$",
    re.IGNORECASE,
)

# Words between "with" and the thing ("with inserted battery", "mit eingesetztem Akku").
SCOPE_FILLER: Final = frozenset(
    split_words(
        "inserted included fitted mounted attached installed supplied integrated built "
        "eingesetztem eingesetzter eingesetzten eingelegtem eingelegter montiertem montierter "
        "montierten integriertem integrierter inklusive inclus incluse incluses monté montée "
        "intégré intégrée inserita inserito incluso inclusa montato montata integrato integrata "
        "incluido incluida montado montada integrado integrada ingebouwde gemonteerde"
    )
)


def left_out(label: str, position: int) -> bool:
    """The word at label[position] is what a "without" right before it leaves out."""
    return _LEFT_OUT.search(label[max(0, position - 40) : position]) is not None


# "with" or "without" and a specification before the part ("incl. 2.0 Ah battery", "mit 5,0 Ah
# Akku", "sans 2 piles AA", "včetně 2 baterií"): the part word after it is in the figure's scope.
_SCOPE_THEN_SPEC = re.compile(
    rf"(?<![^\W\d_])(?:{WITHOUT_WORDS}|utan|uden|uten|ilman|fără|без|χωρίς|{WITH_WORDS}|w/"
    r"|einschl\.?|y\s+compris|incluso|incluida|incluido|com|incluindo|inclusief|med|z|ze"
    r"|wraz\s+z|łącznie\s+z|s|se|včetně|cu|inclusiv|с|включая|με)"
    r"(?:\s+(?:\S*\d\S*|[^\W\d_]{1,3}))+\s*$",
    re.IGNORECASE,
)


def scoped_by_spec(before: str) -> bool:
    """The words before a part word end in "with"/"without" and a specification of the part
    (numbers and their units), so the part is what the figure includes or leaves out."""
    return _SCOPE_THEN_SPEC.search(before[-60:]) is not None


# "With" and "without" the corpus languages write before the part ("uden batteri", "ilman akkua",
# "včetně baterie", "inclusief accu") or after it ("battery included", "pil hariç", "elem
# nélkül"), and the Japanese and Korean ones after it ("電池含まず", "電池含む", "배터리 제외").
_SCOPE_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:(?P<neg>uden|uten|utan|ilman|fără|sem|w/o)"
    r"|(?P<pos>w/|einschl\.?|y\s+compris|incluso|incluida|incluido|incluindo|inclusief|med"
    r"|včetně|inclusiv|wraz\s+z|łącznie\s+z))\s+",
    re.IGNORECASE,
)
_SCOPE_AFTER = re.compile(
    r"(?<![^\W\d_])(?P<thing>[^\W\d_]{3,})\s+(?:(?P<neg>not\s+included|excluded|hariç|dahil\s+değil"
    r"|nélkül|nicht\s+inbegriffen|non\s+inclus[ae]?|non\s+compres[oa]|no\s+incluid[oa]"
    # taken out: "battery removed", "Akku entnommen", "batterie retirée", "batteria rimossa"
    r"|removed|entnommen|ausgebaut|retir[ée]e?s?|enlev[ée]e?s?|rimoss[oaie]|retirad[oa]s?"
    r"|verwijderd|usunięt[aey]|vyjmut[aáéý]|çıkarılmış)"
    r"|(?P<pos>included|inclusive|dahil|inbegriffen|inclus[ae]?|compres[oa]|incluid[oa]|kanssa"
    r"|mukana))(?![^\W\d_])",
    re.IGNORECASE,
)
_CJK_AFTER = re.compile(
    r"(?P<neg>[\u4e00-\u9fff\u30a0-\u30ff]{1,4})(?:を|は)?(?:含まず|含まない|別売り?|なし|無し)"
    r"|(?P<pos>[\u4e00-\u9fff\u30a0-\u30ff]{1,4})(?:を)?含む"
    r"|(?P<pos_count>[\u4e00-\u9fff\u30a0-\u30ff]{1,4})\d{1,3}[本個枚組つ]付き?"
    r"|(?P<neg_ko>[\uac00-\ud7a3]{2,6})\s?(?:제외|미포함|별매|없이)"
    r"|(?P<pos_ko>[\uac00-\ud7a3]{2,6})\s?포함"
)
_KANJI_RUN = re.compile(r"[\u4e00-\u9fff]+")


def scope_words(text: str, first_word: Callable[[str], str | None]) -> set[str]:
    """What a figure's words include or leave out in the wording the scope rules of the
    variants do not read: "+battery" or "-battery", "+池" of "電池含む" (a kanji compound is
    named by its last character, as elsewhere). `first_word` picks the part a text starts with."""
    out: set[str] = set()
    for m in _SCOPE_BEFORE.finditer(text):
        if thing := first_word(text[m.end() : m.end() + 40]):
            out.add(("-" if m["neg"] else "+") + thing)
    for m in _SCOPE_AFTER.finditer(text):
        out.add(("-" if m["neg"] else "+") + m["thing"].lower())
    if not text.isascii():
        for m in _CJK_AFTER.finditer(text):
            kind = next(k for k, v in m.groupdict().items() if v)
            thing = m[kind]
            if _KANJI_RUN.fullmatch(thing[-1]):
                thing = thing[-1]  # "リ乾電池" of "アルカリ乾電池": a battery
            out.add(("-" if kind.startswith("neg") else "+") + thing)
    return out


# "ca 1 kg per radiator", "0,4 kg je Heizkörper", "env. 1 kg par radiateur": a figure stated per
# one article (the packaging's own weight per radiator), in every corpus language.
_PER_ONE = re.compile(
    r"^\s*(?:per|je|pro|par|pour|por|para|för|pr\.|på|for|za|na|başına|ανά|на|每)\s+"
    r"(?:(?:one|each|a|an|un|une|ein|einen|eine|uno|una|een|en|ett|jeden|jedna)\s+)?"
    r"(?P<word>[^\W\d_]{4,})",
    re.IGNORECASE,
)


def per_article(after: str, name_low: str) -> str:
    """The word a figure is stated per when the article name names it ("per radiator" of a
    "Panelradiator"), else empty."""
    m = _PER_ONE.match(after)
    if m is None:
        return ""
    word = m["word"].lower()
    names = any(t.endswith(word) or t.startswith(word) for t in _TOKEN.findall(name_low))
    return word if names else ""

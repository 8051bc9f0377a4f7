"""The words the offline rules read, per meaning and language — data only, no logic.

Adding a word (a new language, a supplier's abbreviation) is a one-line change here; the
matching machinery (`Vocabulary`) and the scoring in weights.py / materials.py never change
for it. Latin-script words match as whole words, case-insensitively ("*gewicht" also ends a
compound, "brutto*" also starts one); CJK words match anywhere.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Final


def split_words(words: str) -> list[str]:
    """A word list written as one string, so that a long list reads as prose."""
    return words.split()


class Vocabulary:
    """A set of words and phrases compiled into one literal alternation (linear to scan)."""

    def __init__(self, words: Iterable[str]) -> None:
        words = list(words)
        # "!jämvikt": a word an open entry ("*vikt") must not match, another meaning's compound
        exceptions = [w[1:].lower() for w in words if w.startswith("!")]
        exceptions += [bare for w in exceptions if (bare := _unmarked(w)) != w]
        words = [w for w in words if not w.startswith("!")]
        # "Zubehör" is "zubehoer" in an export key, "Größe" "groesse": both spellings match
        words += [w.translate(_ASCII_SPELLING) for w in words if _UMLAUTS.intersection(w)]
        # an export key drops the marks: "tillbehor", "expedition", "peso_palet"
        words += [bare for w in words if (bare := _unmarked(w)) != w and len(bare) >= 4]
        latin = [w.lower() for w in words if w.isascii() or _has_latin(w)]
        cjk = sorted(
            {w for w in words if not (w.isascii() or _has_latin(w))}, key=len, reverse=True
        )
        whole = sorted({w for w in latin if "*" not in w}, key=len, reverse=True)
        open_left = sorted({w[1:] for w in latin if w.startswith("*")}, key=len, reverse=True)
        open_right = sorted(
            {w[:-1] for w in latin if w.endswith("*") and not w.startswith("*")},
            key=len,
            reverse=True,
        )
        parts = []
        if whole:
            parts.append(rf"(?<![^\W\d_])(?:{_alternation(whole)})(?![^\W\d_])")
        if open_left:  # "*gewicht": the end of a compound ("Nettogewicht")
            parts.append(rf"(?:{_open_left(open_left, exceptions)})(?![^\W\d_])")
        if open_right:  # "brutto*": the start of a compound ("Bruttogewicht")
            parts.append(rf"(?<![^\W\d_])(?:{_alternation(open_right)})")
        if cjk:
            parts.append("|".join(re.escape(w) for w in cjk))
        self.pattern = re.compile("|".join(parts) if parts else r"(?!x)x", re.IGNORECASE)
        self._words = (whole, open_left, open_right, cjk)

    @functools.cached_property
    def _ascii(self) -> re.Pattern[str] | None:
        """Compiled on first use: most vocabularies are read by few rules."""
        return _ascii_finder(*self._words)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """`pattern.search(text, pos)`, faster on ASCII text."""
        if self._ascii is None or not text.isascii():
            return self.pattern.search(text, pos)
        return self._find(text, text.lower(), pos)

    def finditer(self, text: str, pos: int = 0) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text, pos)`, faster on ASCII text (no word is empty, so each
        search goes on where the last match ended)."""
        if self._ascii is None or not text.isascii():
            yield from self.pattern.finditer(text, pos)
            return
        low = text.lower()
        while (m := self._find(text, low, pos)) is not None:
            yield m
            pos = m.end()

    def _find(self, text: str, low: str, pos: int) -> re.Match[str] | None:
        """The first match from `pos`: the finder says in the lower-cased text where one may
        start, the pattern's own match at the first such place is the answer."""
        assert self._ascii is not None
        while (at := self._ascii.search(low, pos)) is not None:
            if (m := self.pattern.match(text, at.start())) is not None:
                return m
            pos = at.start() + 1
        return None

    def last(self, text: str) -> int:
        """End of the last match in `text`, -1 when none (the word nearest a following number)."""
        return max((m.end() for m in self.finditer(text)), default=-1)

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and self.search(text) is not None


_ASCII = "".join(map(chr, range(128)))


@functools.cache
def _ascii_char(char: str) -> str:
    """A lower-case word character as a pattern for lower-cased ASCII text: itself, or with the
    ASCII characters it matches under ignore-case ("ı" matches "i", "K" matches "k")."""
    if char == " ":
        return r"[\s_\-]{1,3}"  # as _alternation writes a space
    twins = {t.lower() for t in re.findall(re.escape(char), _ASCII, re.IGNORECASE)} - {char}
    if not twins:
        return re.escape(char)
    return "[" + "".join(re.escape(c) for c in sorted({char, *twins})) + "]"


def _ascii_finder(
    whole: list[str], open_left: list[str], open_right: list[str], cjk: list[str]
) -> re.Pattern[str] | None:
    """The vocabulary's pattern for lower-cased ASCII text: case-sensitive and written as a
    tree of the words' characters, so that the regex engine skips the positions no word starts
    with and follows one branch per character (an ignore-case alternation of every word is
    tried whole at every position).

    On ASCII text it matches where the pattern matches (a case-sensitive match of lower-case
    words in lower-cased text is an ignore-case one); `search` still takes the match from the
    pattern itself, the finder only says where to look.
    """
    words = [*whole, *open_left, *open_right, *cjk]
    if not words or any(not w or "*" in w for w in words):
        return None
    letter, before = r"(?![^\W\d_])", r"(?<![^\W\d_].)"  # after the first character
    firsts: dict[str, list[str]] = {}
    for part, ends, kind in (
        (whole, letter, before),
        (open_left, letter, ""),
        (open_right, "", before),
    ):
        by_first: dict[str, list[str]] = {}
        for w in part:
            by_first.setdefault(_ascii_char(w[0]), []).append(w[1:])
        for first, rests in by_first.items():
            firsts.setdefault(first, []).append(f"{kind}{_tree(rests)}{ends}")
    parts = [f"{first}{_either(alts)}" for first, alts in firsts.items()]
    if cjk:
        parts.append(_tree([w.lower() for w in cjk]))
    return re.compile(_either(parts))


def _either(alternatives: list[str]) -> str:
    return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"


def _tree(words: list[str]) -> str:
    """Words as a pattern that branches once per distinct next character ("" matches an empty
    word); which alternative comes first does not matter, only whether one matches."""
    if not words:
        return ""
    nexts: dict[str, list[str]] = {}
    ends = False
    for w in words:
        if w:
            nexts.setdefault(_ascii_char(w[0]), []).append(w[1:])
        else:
            ends = True
    alternatives = [f"{char}{_tree(rest)}" for char, rest in nexts.items()]
    if ends:
        alternatives.append("")
    return _either(alternatives) if alternatives != [""] else ""


# German umlauts and the Danish and Norwegian letters as a keyboard without them writes them
# ("Vaegt: 96 g", "Bruttovaegt")
_ASCII_SPELLING = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
    | {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
)
_UMLAUTS = frozenset("äöüßÄÖÜæøåÆØÅ")


def _alternation(words: list[str]) -> str:
    """Literal words as alternatives; a space also matches "_" or "-" ("net_weight")."""
    return "|".join(re.escape(w.strip("*")).replace(r"\ ", r"[\s_\-]{1,3}") for w in words)


def _open_left(ends: list[str], exceptions: list[str]) -> str:
    """Compound ends as alternatives, each refused right after the start of a word that is an
    exception ending in it ("jämvikt", not "nettovikt"; "sandbox", not "Versandbox"): the
    finder still proposes the place, the pattern refuses it."""
    alternatives = []
    for end in ends:
        starts = sorted({e[: -len(end)] for e in exceptions if e.endswith(end) and e != end})
        behind = "".join(rf"(?<!(?<![^\W\d_]){re.escape(s)})" for s in starts)
        alternatives.append(behind + _alternation([end]))
    return "|".join(alternatives)


def _unmarked(word: str) -> str:
    """A Latin word without its diacritics ("tillbehör" -> "tillbehor"); CJK is left as is."""
    if not _has_latin(word) or word.isascii():
        return word
    bare = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return bare if bare.isascii() else word


def _has_latin(word: str) -> bool:
    """Alphabets with spaces between words (Latin, Greek, Cyrillic): matched as whole words."""
    return any(
        "a" <= ch.lower() <= "z" or "à" <= ch.lower() <= "ž" or "\u0370" <= ch <= "\u04ff"
        for ch in word
    )


# ------------------------------------------------------------------ what a mass figure is of

# A weight of something (en, de, fr, it, es, nl, pl, pt, sv, da, no, fi, cs, hu, ro, tr, ru, el,
# zh, ja, ko).
WEIGHT_WORDS: Final = Vocabulary(
    [
        *split_words(
            "weight weights weighs weigh wt wt. mass masse gewicht gewichte wiegt poids pèse "
            "peso pesa massa masa waga gewicht gewichten vikt vikter ciężar ntgew brgew masses "
            "massen masas pesi pesos wagi hmotnost hmotnosť váha gew "
            "vægt vekt paino tömeg súly greutate greutatea ağırlık ağırlığı agirlik agirligi "
            "вес веса весом масса массы маса тегло βάρος μάζα 무게 중량 "
            "fertigmasse nettomasse gesamtmasse eigenmasse leermasse stückmasse teilemasse "
            "nennmasse sollmasse "
            "bauteilmasse artikelmasse produktmasse rohmasse rohteilmasse "
            "重量 质量 質量 重さ 净重 毛重 淨重 本体質量 自重 总重 總重 "
        ),
        "net wt",
        "*gewicht",
        "*gewichts",
        "*gewichte",
        "gewicht*",
        "*weight",
        "*vikt",
        "*vægt",
        "*vekt",
        "*paino",
        "*tömeg",
        "*tömege",
        "*súly",
        # balance and excess weight, not a weight: "jämvikt", "ligevægt", "tasapaino", "egyensúly"
        *split_words(
            "!jämvikt !övervikt !undervikt !ligevægt !overvægt !undervægt !likevekt !overvekt "
            "!undervekt !tasapaino !ylipaino !alipaino !egyensúly !túlsúly"
        ),
        "*ağırlık",
        "*ağırlığı",
        "poids*",
        "peso*",
    ]
)

# What a name or a label says an article comes with or without ("mit Handhebel", "sans
# couvercle"), as regex alternations: the name's scope (names.py) and a count after "with"
# (counts.py) read them from here. No word boundaries here: each use adds its own.
WITH_WORDS: Final = r"with|incl\.?|including|mit|inkl\.?|avec|con|met"
WITHOUT_WORDS: Final = r"without|w/o|excl\.?|excluding|ohne|exkl\.?|sans|senza|sin|zonder|bez"

# The article's own weight, stated as net.
NET_WORDS: Final = Vocabulary(
    [
        "net",
        "nett",
        "netto*",
        "neto",
        "nw",
        "n.w",
        "n.w.",
        "net wt",
        "nettogewicht",
        "ntgew",
        "nettomasse",
        "eigenmasse",
        "fertigmasse",
        "stückmasse",
        "masse nette",
        "massa netta",
        "peso líquido",
        "peso liquido",
        "nettovikt",
        "netvikt",
        "nettovægt",
        "nettovekt",
        "egenvægt",
        "egenvekt",
        "nettopaino",
        "omapaino",
        "nettó",
        "saját tömeg",
        "greutate netă",
        "greutate neta",
        "masă netă",
        "net ağırlık",
        "net ağırlığı",
        "birim ağırlık",
        "birim ağırlığı",
        "нетто",
        "собственный вес",
        "καθαρό βάρος",
        "순중량",
        "제품 중량",
        "čistá hmotnost",
        "vlastní hmotnost",
        "eigengewicht",
        "leergewicht",
        "poids net",
        "peso netto",
        "peso neto",
        "masa netto",
        "unit weight",
        "piece weight",
        "part weight",
        "item weight",
        "product weight",
        "weight per piece",
        "weight per unit",
        "stückgewicht",
        "einzelgewicht",
        "teilegewicht",
        "bauteilgewicht",
        "artikelgewicht",
        "produktgewicht",
        "fertiggewicht",
        "finished weight",
        "as delivered",
        "delivery condition",
        "lieferzustand",
        "état de livraison",
        "usiné",
        "usinée",
        "stato di fornitura",
        "lavorato",
        "estado de entrega",
        "mecanizado",
        "mecanizada",
        "poids unitaire",
        "peso unitario",
        "stuksgewicht",
        "each",
        "apiece",
        "per piece",
        "pro stück",
        "je stück",
        "without packaging",
        "excluding packaging",
        "excl. packaging",
        "ohne verpackung",
        "sans emballage",
        "senza imballo",
        "sin embalaje",
        "zonder verpakking",
        "净重",
        "淨重",
        "不含包装",
        "不含包裝",
        "本体質量",
        "本体重量",
        "製品質量",
        "单重",
        "單重",
        "产品重量",
        "產品重量",
        "製品重量",
    ]
)

# Packed, gross, shipping weights: never the article's (labelling rule 3).
GROSS_WORDS: Final = Vocabulary(
    [
        "gross",
        "brutto*",
        "bruto*",
        "brut",
        "brute",  # "Masse brute": the feminine of "brut"
        "brutes",
        "bruts",
        "lordo",
        "gw",
        "brgew",
        "g.w",
        "g.w.",
        "packed",
        "packed state",
        "packaging weight",
        "package weight",
        "packing weight",
        "shipping",
        "shipping weight",
        "shipment",
        "freight",
        "transport weight",
        "versand*",
        "verpackungs*",
        "transport*",
        "verpackt",
        "incl. packaging",
        "including packaging",
        "with packaging",
        "inkl. verpackung",
        "mit verpackung",
        "avec emballage",
        "con imballo",
        "con embalaje",
        "poids brut",
        "peso lordo",
        "peso bruto",
        "emballé",
        "emballée",
        "expédition",
        "d'expédition",
        "spedizione",
        "imballato",
        "envío",
        "envio",
        "embalado",
        "embalada",
        "com embalagem",
        "verzend*",
        "verpakt",
        "wysyłk*",
        "z opakowaniem",
        "w opakowaniu",
        "frakt*",
        "förpackad",
        "emballerad",
        "med förpackning",
        "bruttovikt",
        "bruttovægt",
        "bruttovekt",
        "bruttopaino",
        "bruttó",
        "brüt",
        "greutate brută",
        "greutate bruta",
        "ambalajlı",
        "sevkiyat",
        "брутто",
        "в упаковке",
        "μικτό βάρος",
        "총중량",
        "포장 중량",
        # the packed weight as Korean shops write it too ("포장 무게", "배송 무게")
        *("포장중량", "포장 무게", "포장무게", "배송 무게", "배송무게"),
        "přepravní",
        "prepravná",
        "pallet",
        "palette",
        "palé",
        "palet",
        "bancale",
        "colis",
        "毛重",
        "运输",
        "運輸",
        "发货",
        "輸送",
        "発送",
        "出荷",
        "包装重量",
        "包裝重量",
        "含包装",
        "梱包質量",
        "梱包重量",
        "総重量",
        # with its packaging, or shipped by a carrier, in the other languages
        *("s obalem", "včetně obalu", "s balením", "met verpakking", "inclusief verpakking"),
        *("med emballage", "med emballasje", "pakkauksen kanssa", "csomagolással"),
        *("cu ambalaj", "cu ambalajul", "ambalaj dahil", "kargo", "kargo*", "nakliye*", "cargo"),
        *("expedice", "expediční", "zásilk*", "przesyłk*", "forsendelse*", "szállítási"),
    ]
)

# A tare: a container's own empty weight. It is the article's weight when the article is the
# container (`CONTAINER_WORDS` in its name), else the weight of the packaging.
TARE_WORDS: Final = Vocabulary(
    [*split_words("tare tara tarra taragewicht tarragewicht 皮重 風袋"), "tare weight", "peso tara"]
)
CONTAINER_WORDS: Final = Vocabulary(
    split_words(
        "drum drums barrel keg canister jerrycan bottle cylinder tank ibc container bucket pail "
        "tote crate bin fass kanister flasche gasflasche behälter eimer kiste "
        "fût bidon bouteille seau bac fusto bombola tanica secchio recipiente contenitore cassa "
        "bidón garrafa bombona cubo depósito vat emmer bak beczka butla pojemnik wiadro "
        "fat dunk tunna sud kanystr 桶 瓶 罐 容器 钢瓶 ドラム 缶 ボンベ "
    )
    + [f"*{w}" for w in split_words("fass kanister flasche behälter eimer kiste tank container")]
)

# A container's weight empty: "Poids du bidon vide", "Leergewicht", "empty weight", "peso a vuoto"
EMPTY_WORDS: Final = Vocabulary(
    split_words(
        "empty vide vides vacío vacía vacio vacia vuoto vuota leer leere leeres leergewicht "
        "tom tomt tomma pusty pusta puste prázdný prázdná prázdné leeg lege üres boş 空容器"
    )
)
# The article is sold filled: its name says so, or the document gives its contents' density
# or fill mass ("gefüllt", "Masse volumique 1,02 kg/l", "fuellmenge.masse_kg")
FILLED_WORDS: Final = Vocabulary(
    split_words(
        "filled full gefüllt gefuellt befüllt plein pleine rempli remplie lleno llena pieno piena "
        "cheio cheia gevuld fylld fyldt täytetty naplněný napełniony dolu"
    )
)
# The net contents of a container (what it holds, not what the article sold with its container
# weighs): "Contenido neto", "Net contents", "Nettoinhalt", "Contenu net", "内容量"
NET_CONTENTS_WORDS: Final = Vocabulary(
    [
        *("net contents", "net content", "net fill", "contents net", "net quantity"),
        *("nettoinhalt", "inhalt netto", "nettofüllmenge", "füllmenge netto", "nettofüllgewicht"),
        *("contenu net", "contenance nette", "quantité nette", "contenuto netto"),
        *("quantità netta", "contenido neto", "cantidad neta", "conteúdo líquido"),
        *("netto inhoud", "nettoinhoud", "nettoinnehåll", "zawartość netto", "čistý obsah"),
        *("内容量", "净含量", "淨含量", "正味量", "内容重量"),
    ]
)
FILL_MASS: Final = re.compile(
    r"\d\s{0,2}(?:kg/l|kg/dm³|kg/dm3|g/ml|g/cm³|g/cm3)(?![^\W\d_])"
    r"|(?:füll|fuell|fill)(?:menge|masse|mass|gewicht|weight)[\w.]{0,12}\W{1,3}\d",
    re.IGNORECASE,
)

# Capacities, loads, limits, fills: what the article carries or holds, not what it weighs.
CAPACITY_WORDS: Final = Vocabulary(
    [
        "load",
        "loads",
        "loading",
        "payload",
        "capacity",
        "capacities",
        "limit",
        "limits",
        "max. load",
        "maximum load",
        "max. weight",
        "max weight",
        "maximum weight",
        "max. gewicht",
        "maximalgewicht",
        "höchstgewicht",
        "poids max",
        "poids max.",
        "poids maximum",
        "peso massimo",
        "peso max",
        "peso max.",
        "peso máximo",
        "maxvikt",
        "max vikt",
        "belastning",
        "bärförmåga",
        "bärkraft",
        "capacidade",
        "draagkracht",
        "最大负载",
        "承载",
        "load rating",
        "rated load",
        "working load",
        "wll",
        "swl",
        "user weight",
        "max user weight",
        "body weight",
        "person",
        "persons",
        "fill",
        "filling",
        "fill weight",
        "filling quantity",
        "filling weight",
        "contents",
        "content",
        "charge",
        "refrigerant",
        "trag*",
        "belast*",
        # German loads as words and compounds ("Last", "Traglast", "Achslast"); an open
        # "*last" also ended "ballast", "at last"
        "last",
        *("traglast", "achslast", "stützlast", "dachlast", "hublast", "radlast", "windlast"),
        *("schneelast", "flächenlast", "punktlast", "nennlast", "höchstlast", "maximallast"),
        *("bruchlast", "prüflast", "dauerlast", "zusatzlast", "tischlast", "deckenlast"),
        "zuladung",
        "füll*",
        "inhalt",
        "nutzlast",
        "*kapazität",
        "zul. gesamtgewicht",
        "portata",
        "carico",
        "capacità",
        "charge max",
        "charge max.",
        "capacité",
        "charge admissible",
        "admissible",
        "admisible",
        "ammessa",
        "ammesso",
        "ammissibile",
        # what a limit permits ("Permitted total weight", "zulässiges Gesamtgewicht")
        "permitted",
        "permissible",
        "allowed",
        "zulässig*",
        "toegestaan",
        "toelaatbaar",
        "dopuszczaln*",
        "tillåten",
        "tillåtna",
        "tilladt",
        "tilladte",
        "tillatt",
        "sallittu",
        "přípustn*",
        "povolen*",
        "izin verilen",
        "megengedett",
        "admis",
        "admise",
        "permis",
        "admisibil*",
        "допустим*",
        "разрешённ*",
        "επιτρεπόμεν*",
        "允许",
        "許容",
        "허용",
        "permissible",
        "allowable",
        "zulässig*",
        "zul.",
        "carga",
        "capacidad",
        "draagvermogen",
        "belasting",
        "obciążenie",
        "zatížení",
        "zaťaženie",
        "nosnost",
        "nosnosť",
        "nośność",
        "udźwig",
        "breaking",
        "bruchlast",
        "prüflast",
        "test load",
        "tensile",
        "zugfestigkeit",
        "counterweight",
        "gegengewicht",
        "dosage",
        "throughput",
        "output",
        "consumption",
        "order quantity",
        "moq",
        "承重",
        "载重",
        "負荷",
        "耐荷重",
        "最大荷重",
        # "最大使用質量" (the most a user may weigh), "最大积载重量", "最大承载质量": limits
        "最大使用",
        "最大積載",
        "最大积载",
        "最大承载",
        "最大载重",
        "許容質量",
        "允许重量",
        "容量",
    ]
)

# Parts sold on their own: a weight in the same sentence is theirs.
SOLD_SEPARATELY_WORDS: Final = Vocabulary(
    [
        "sold separately",
        "as an accessory",
        "as accessory",
        "als zubehör",
        "en accessoire",
        "en option",
        "come accessorio",
        "como accesorio",
        "available separately",
        "order separately",
        "not included",
        "separat erhältlich",
        "separat bestellen",
        "nicht im lieferumfang",
        "vendu séparément",
        "vendus séparément",
        "non inclus",
        "venduto separatamente",
        "venduti separatamente",
        "non incluso",
        "non inclusi",
        "se vende por separado",
        "se venden por separado",
        "no incluido",
        "vendido separadamente",
        "los verkrijgbaar",
        "niet inbegrepen",
        "sprzedawane osobno",
        "säljs separat",
        "单独销售",
        "別売",
        # delivered apart from the article, with its own weight
        *("separat geliefert", "getrennt geliefert", "delivered separately", "shipped separately"),
        *("supplied separately", "livré séparément", "livrée séparément", "fornito separatamente"),
        *("consegnato separatamente", "suministrado por separado", "entregado por separado"),
        *("fornecido separadamente", "apart geleverd", "levereras separat", "leveres separat"),
        *("leveres særskilt", "dodáváno samostatně", "dostarczane osobno", "ayrı teslim edilir"),
    ]
)

# Test and set-up figures: the mass a test uses, not the article's.
TEST_WORDS: Final = Vocabulary(
    [
        "drop test",
        "test set-up",
        "test setup",
        "test mass",
        "test weight",
        "test door",
        "test specimen",
        "test rig",
        "for the test",
        "prüftür",
        "prüfstand",
        "porte d'essai",
        "porta di prova",
        "puerta de ensayo",
        "falltest",
        "fallprüfung",
        "prüfmasse",
        "prüfgewicht",
        "masse d'essai",
        "poids d'essai",
        "peso di prova",
        "peso de prueba",
        "massa de ensaio",
        "测试重量",
        "試験質量",
    ]
)

# Machine and process figures: a part is not its press or its shot.
PROCESS_WORDS: Final = Vocabulary(
    [
        "shot",
        "shot weight",
        "shot size",
        "runner",
        "sprue",
        "clamping",
        "clamping force",
        "tonnage",
        "press",
        "press force",
        "machine",
        "injection",
        "schussgewicht",
        "anguss",
        "anguss*",
        "verteilergewicht",
        "runner weight",
        "sprue weight",
        "schließkraft",
        "zuhaltekraft",
        "presskraft",
        "maschine",
        "spritzgießmaschine",
        "roh*",
        "einsatzgewicht",
        "*kraft",
        "schuss*",
        "blank weight",
        "raw weight",
        "brute de fonderie",
        "brut de fonderie",
        "brut de fonte",
        "pièce brute",
        "grezzo",
        "greggio",
        "en bruto",
        "bruto de fundición",
        "as cast",
        "casting weight",
        "raw part",
        "input weight",
        "poids injecté",
        "peso stampata",
        "force",
        "kraft",
        "forza",
        "fuerza",
        "锁模力",
        "射出重量",
        # a casting or moulding shot of several pieces with its runners (fr, it, es, pt, nl, pl)
        "grappe",
        "carotte",
        "materozza",
        "materozze",
        "mazarota",
        "bebedero",
        "massalote",
        "gietkanaal",
        "wlew",
        "wlewek",
    ]
)

# The delivery condition a casting, forging or blank is in: finished (machined) or raw. A name
# that states one makes a weight labelled with the other another variant's (raw_vs_finished).
FINISHED_STATE_WORDS: Final = Vocabulary(
    [
        *split_words(
            "machined finished bearbeitet fertigbearbeitet fertigteil fertigteile fertiggewicht "
            "fertigmasse usiné usinée usinés usinées lavorato lavorata lavorati mecanizado "
            "mecanizada mecanizados usinado usinada bewerkt nabewerkt obrobiony obrobiona obrobione"
        ),
        "finish machined",
        "finish-machined",
        "finished part",
        "pièce finie",
        "pièce usinée",
        "pezzo finito",
        "pieza acabada",
        "pieza terminada",
        "peça acabada",
    ]
)
RAW_STATE_WORDS: Final = Vocabulary(
    [
        *split_words(
            "raw unmachined as-cast as-forged rohteil rohteile rohgewicht rohling "
            "rohlinge rohguss rohgussteil rohmasse rohteilmasse rohzustand schmiederohling "
            "gussrohling unbearbeitet gussgewicht gießgewicht giessgewicht abgussgewicht "
            "schmiedegewicht grezzo grezza grezzi greggio onbewerkt nieobrobiony surowy"
        ),
        "as cast",
        "as forged",
        "blank weight",  # not "blank" alone: "Scheibe blank" is a bright finish
        "not machined",
        "nicht bearbeitet",
        "cast weight",
        "casting weight",
        "forging weight",
        "forged weight",
        "forge weight",
        # drawing title blocks abbreviate the weight: "FORGED WT 2.3 kg", "CAST WT"
        "forged wt",
        "forging wt",
        "cast wt",
        "casting wt",
        "blank wt",
        "brut de fonderie",
        "brut de forge",
        "pièce brute",
        "non usiné",
        "non usinée",
        "poids de fonderie",
        "non lavorato",
        "peso di fusione",
        "en bruto",
        "pieza en bruto",
        "sin mecanizar",
        "peso de fundición",
        "em bruto",
    ]
)

# Not masses at all: accelerations, torques, inertias (a "g" that is not a gram).
NOT_MASS_WORDS: Final = Vocabulary(
    [
        "acceleration",
        "shock",
        "vibration",
        "g-force",
        "range",
        "measurement range",
        "dynamic range",
        "sensitivity",
        "torque",
        "inertia",
        "moment",
        "drehmoment",
        "*moment",
        "beschleunigung*",
        "schock*",
        "couple",
        "coppia",
        "momento",
        "seismic",
        "earthquake",
        "erdbeben*",
        "accélération",
        "accélérations",
        "sismique",
        "choc",
        "chocs",
        "accelerazione",
        "accelerazioni",
        "sismica",
        "sismico",
        "urto",
        "urti",
        "vibrazioni",
        "aceleración",
        "aceleraciones",
        "sísmica",
        "sísmico",
        "choque",
        "vibraciones",
        "aceleração",
        "versnelling",
        "schok",
        "przyspieszenie",
        "wstrząs*",
        "acceleration*",
        "zrychlení",
        "accelerationer",
        "stöt",
        "振动",
        "冲击",
        "衝撃",
        "耐震",
        "加速度",
        "扭矩",
        "力矩",
        "トルク",
        "慣性",
    ]
)

# A pack, box, bundle, reel: a weight of several pieces.
PACK_WORDS: Final = Vocabulary(
    [
        "pack",
        "packs",
        "package of",
        "packung",
        "packet",
        "box",
        "boxes",
        "*box",
        # a machine part, a device or a screen element, not a pack: "Gearbox weight"
        *split_words("!gearbox !xbox !checkbox !inbox !sandbox !mailbox !jukebox !fusebox"),
        "karton*",
        "bag",
        "bags",
        "bundle",
        "bund",
        "bundgewicht",  # the compound of a bundle's weight: "Bundgewicht ca. 27,5 kg"
        "bündel",
        "fascio",
        "pacco",
        "paquet",
        "reel",
        "spule",
        "rolle",
        "roll",
        "rolls",
        "rouleau",
        "rotolo",
        "rollo",
        "carton of",
        "karton à",
        "beutel",
        "schachtel",
        "gebinde",
        "ve",
        "verpackungseinheit",
        "packing unit",
        "pu",
        "set of",
        "pair",
        "paar",
        "boîte",
        "sachet",
        "confezione",
        "conf",  # its abbreviation in an export key: "peso_netto_conf_kg", "quantita_conf"
        "scatola",
        "caja",
        "paquete",
        "bolsa",
        "doos",
        "zak",
        "opakowanie",
        "opakowania",
        "balení",
        "balenie",
        "krabice",
        "förpackning",
        "kartong",
        "koli",
        "kolisi",
        "paket",
        "pakke",
        "pakkaus",
        "csomag",
        "doboz",
        # a box in no, da, pl, cs, tr, sv, a bag in it, as their pack nouns count it
        *split_words("eske æske pudełko krabička kutu låda sacchetto"),
        "cutie",
        "pachet",
        "упаковка",
        "коробка",
        "кор.",
        "embalagem",
        "caixa",
        # a packet in pt, it, nl, pl, fi ("O peso do pacote", "peso del pacchetto")
        *split_words("pacote pacotes pacchetto pakket pakiet paketti"),
        "verpakking",
        # a bale of rolls or packs (toilet paper, towels, nonwovens), in each language
        *split_words(
            "bale bales bal balen balens baal balle balles ballen ballens balla bala balas"
        ),
        *split_words("balya balyası paali paalin bela bele"),
        "per 100",
        "per 1000",
        "pro 100",
        "pro 1000",
        "je 1000",
        "per 1000 pcs",
        "per 100 pcs",
        "1000 stk",
        "1000 stück",
        "1000 pcs",
        "100 pcs",
        "包",
        "盒",
        "箱",
        "当たり",
        "あたり",
        "当り",
        "每",
    ]
)

# A weight with the fluids a machine runs with (oil, fuel, water): not the article as
# delivered, so a dry or empty weight beside it wins.
OPERATING_WORDS: Final = Vocabulary(
    [
        "operating weight",
        "operating mass",
        "weight in operation",
        "service weight",
        "wet weight",
        "filled weight",
        "weight filled",
        "betriebsgewicht",
        "dienstgewicht",
        "gewicht betriebsbereit",
        "betriebsbereit",
        "poids en ordre de marche",
        "poids en service",
        "poids en fonctionnement",
        "peso in esercizio",
        "peso operativo",
        "peso in ordine di marcia",
        "peso en orden de marcha",
        "peso en servicio",
        "peso em operação",
        "bedrijfsgewicht",
        "masa robocza",
        "masa eksploatacyjna",
        "provozní hmotnost",
        "driftvikt",
        "运行重量",
        "工作重量",
        "運転質量",
        "運転重量",
    ]
)

# Headings of what customers write on a shop page (reviews, questions): their figures are
# about themselves ("I weigh 95 kg and the chair holds"), never the article's weight.
REVIEW_WORDS: Final = Vocabulary(
    [
        "reviews",
        "customer reviews",
        "product reviews",
        "customer ratings",
        "questions and answers",
        "questions & answers",
        "customer questions",
        "q&a",
        "bewertungen",
        "kundenbewertungen",
        "kundenmeinungen",
        "rezensionen",
        "erfahrungsberichte",
        "fragen und antworten",
        "avis clients",
        "avis des clients",
        "questions-réponses",
        "questions réponses",
        "recensioni",
        "opinioni",
        "opinioni dei clienti",
        "domande e risposte",
        "opiniones",
        "valoraciones",
        "reseñas",
        "opiniones de clientes",
        "preguntas y respuestas",
        "avaliações",
        "opiniões",
        "perguntas e respostas",
        "beoordelingen",
        "recensies",
        "vragen en antwoorden",
        "opinie",
        "recenzje",
        "pytania i odpowiedzi",
        "omdömen",
        "recensioner",
        "hodnocení",
        "recenze",
        "用户评价",
        "商品评价",
        "评论",
        "レビュー",
        "口コミ",
        "カスタマーレビュー",
    ]
)

# Headings and keys of other products a page lists beside the article (shop pages, PIM
# exports): their weights are theirs.
# the key of an export's array of other products beside the article ("relacionados[0]",
# "articoli_correlati[1]", "souvisejici[0]"): its records are not the article's variants
RELATED_KEYS: Final = Vocabulary(
    [
        "related*",
        "*_related",
        "relacionad*",
        "correlat*",
        "associat*",
        "associé*",
        "associe*",
        "verwandt*",
        "zugehörig*",
        "souvisej*",
        "powiązan*",
        "powiazan*",
        "gerelateerd*",
        "relatera*",
        "relatere*",
        "ilgili*",
        "crosssell*",
        "cross_sell*",
        "upsell*",
        "recommend*",
        "empfohlen*",
        "similar*",
        "simili",
    ]
)


RELATED_WORDS: Final = Vocabulary(
    [
        "frequently bought together",
        "bought together",
        "customers also bought",
        "customers also viewed",
        "related products",
        "related items",
        "similar products",
        "similar items",
        "you may also like",
        "you might also like",
        "you may also be interested",
        # what else the buyer may need: other products, with their own weights
        "you may also need",
        "you might also need",
        "you will also need",
        "you'll also need",
        "you may also want",
        "you might also want",
        "complete the look",
        "complete your set",
        "goes well with",
        "sie benötigen auch",
        "das könnten sie auch brauchen",
        "vous aurez aussi besoin",
        "vous aurez besoin de",
        "pour compléter",
        "ti servirà anche",
        "potrebbe servirti",
        "también necesitarás",
        "también te puede servir",
        "você também pode precisar",
        "je hebt ook nodig",
        "misschien ook nodig",
        "może ci się przydać",
        "du behöver också",
        "du får brug for",
        "du trenger også",
        "budete potřebovat",
        "bunlara da ihtiyacınız olabilir",
        "könnte sie auch interessieren",
        "könnte ihnen auch gefallen",
        "auch interessant",
        "vous aimerez aussi",
        "vous aimerez peut-être aussi",
        "potrebbe interessarti",
        "ti potrebbe interessare",
        "potrebbero interessarti",
        "te puede interesar",
        "también te puede interesar",
        "recommended products",
        "also available",
        "other versions",
        "other variants",
        "further variants",
        "häufig zusammen gekauft",
        "wird oft zusammen gekauft",
        "passende produkte",
        "ähnliche produkte",
        "ähnliche artikel",
        "weitere ausführungen",
        "weitere varianten",
        "auch erhältlich",
        "produits associés",
        "produits_associes",
        "produits associes",
        "produits similaires",
        "autres versions",
        "souvent achetés ensemble",
        "prodotti correlati",
        "prodotti simili",
        "altre versioni",
        "productos relacionados",
        "productos similares",
        "otras versiones",
        "produtos relacionados",
        "gerelateerde producten",
        "ook verkrijgbaar",
        "vergelijkbare producten",
        "podobne produkty",
        "relaterade produkter",
        "related_products",
        "relatedproducts",
        "same series",
        "同系列",
        "其他型号",
        "相关产品",
        "看了又看",
        "猜你喜欢",
        "相关推荐",
        "为你推荐",
        "同类推荐",
        "推荐商品",
        "おすすめ商品",
        "この商品を見た人",
        "よく一緒に購入",
        "相關產品",
        "推荐产品",
        "関連商品",
        "関連製品",
        # other products beside the article, in the rest of the corpus languages
        "compatible products",
        "compatible with",
        "suitable accessories",
        "optional accessories",
        "spare parts",
        "replacement parts",
        "passendes zubehör",
        "optionales zubehör",
        "ersatzteile",
        "kompatible produkte",
        "accessoires compatibles",
        "accessoires optionnels",
        "pièces détachées",
        "produits complémentaires",
        "accessori compatibili",
        "ricambi",
        "acquistati insieme",
        "comprati insieme",
        "accesorios compatibles",
        "repuestos",
        "comprados juntos",
        "produtos semelhantes",
        "acessórios compatíveis",
        "peças de reposição",
        "vaak samen gekocht",
        "klanten kochten ook",
        "gerelateerde artikelen",
        "reserveonderdelen",
        "produkty powiązane",
        "powiązane produkty",
        "polecane produkty",
        "często kupowane razem",
        "części zamienne",
        "liknande produkter",
        "köps ofta tillsammans",
        "reservdelar",
        "relaterede produkter",
        "lignende produkter",
        "købes ofte sammen",
        "reservedele",
        "relaterte produkter",
        "kjøpes ofte sammen",
        "reservedeler",
        "liittyvät tuotteet",
        "samankaltaiset tuotteet",
        "ostetaan usein yhdessä",
        "varaosat",
        "související zboží",
        "související produkty",
        "podobné zboží",
        "podobné produkty",
        "náhradní díly",
        "ilgili ürünler",
        "benzer ürünler",
        "birlikte alınan",
        "yedek parçalar",
        "kapcsolódó termékek",
        "hasonló termékek",
        "gyakran együtt vásárolt",
        "pótalkatrészek",
        "produse similare",
        "produse asemănătoare",
        "produse recomandate",
        "cumpărate împreună",
        "piese de schimb",
        "похожие товары",
        "сопутствующие товары",
        "с этим товаром покупают",
        "рекомендуемые товары",
        "запасные части",
        "σχετικά προϊόντα",
        "παρόμοια προϊόντα",
        "αγοράζονται μαζί",
        "ανταλλακτικά",
        "搭配购买",
        "兼容产品",
        "备件",
        "一緒に購入",
        "交換部品",
        "함께 구매",
        "관련 상품",
        "추천 상품",
        "비슷한 상품",
        "연관 상품",
        "호환 상품",
    ]
)

# Keys and headings that open a packaging or logistics block.
PACKAGING_KEYS: Final = Vocabulary(
    [
        "packaging",
        "packing",
        "package",
        "logistics",
        "logistique",
        "logistica",
        "logística",
        "logistiek",
        "logistyka",
        "shipping",
        "verpackung*",
        "förpackning*",
        "embalagem",
        "logistik",
        "versand*",
        "emballage",
        "conditionnement",
        "imballo",
        "imballaggio",
        "embalaje",
        "verpakking",
        "opakowanie",
        "包装",
        "梱包",
    ]
)

# Outer packs and load carriers whose size a line may give ("Dimensiones palé", "纸箱尺寸"):
# a size on such a line is theirs, not the article's.
OUTER_PACK_WORDS: Final = Vocabulary(
    [
        *split_words(
            "pallet pallets palett* palette paletten palé palés palet palets paleta paletas"
        ),
        *split_words("bancale pallettizzazione umkarton versandkarton außenkarton aussenkarton"),
        "outer carton",
        "master carton",
        "shipping carton",
        "carton extérieur",
        "cartone esterno",
        "caja master",
        # a filled carton: the pack with its contents ("Poids du carton plein", "full carton")
        *("carton plein", "full carton", "full box", "voller karton", "cartone pieno"),
        *("caja llena", "caixa cheia", "volle doos"),
        *split_words("纸箱 外箱 每箱 托盘 栈板 外装 パレット 外箱 段ボール箱"),
        *split_words(
            "木架 木箱 木托 木枠 木箱梱包 나무상자"
        ),  # a wooden crate or frame for shipping
    ]
)

# Packaging units a net weight may be of ("Net weight per case", "Poids net du carton"): words
# too common to mark a packaging line themselves, read only beside a net word.
NET_PACK_UNIT_WORDS: Final = Vocabulary(
    split_words(
        "carton cartons case cases cartone cartoni cartón cartones caisse caisses kasse kassen "
        "æske æsker eske esker låda lådor laatikko kutu 箱 ケース"
    )
)

# Shipping units that weigh a pack whenever a weight label weighs them ("Peso cartone", "Poids
# du carton", "Peso do fardo"): too common for a pack word on their own (a carton is also a
# material), so read only as the object of the label's weight word.
SHIPPING_UNIT_WORDS: Final = Vocabulary(
    split_words(
        "carton cartons cartone cartoni cartón cartones cartão cartões caixa caixas fardo fardos "
        "fardi collo colli kolli"
    )
)

# Pack words that also name a material ("Gobelet en carton", "Becher aus Karton"): after a
# "made of" word in the article name they say what the article is made of, not that it is a pack.
MATERIAL_PACK_WORDS: Final = frozenset(
    split_words(
        "carton karton kartong kartonu kartonnen cartone cartón cartão cardboard pappe "
        "tektury lepenky pahvi mukavva"
    )
)
MADE_OF: Final = (
    r"en|aus|in|de|di|da|del|of|made\s+of|em|do|van|uit|av|i|z|ze|från|af|ex|из|από|製|制"
)

# The conductor metal a cable's data sheet weighs apart per length ("Cu-Zahl", "Copper weight
# kg/km", "Hmotnost Cu"): the metal the cable contains, never the cable's own weight.
CONDUCTOR_METAL_WORDS: Final = Vocabulary(
    split_words(
        "cu copper kupfer* cuivre rame cobre koper měď mědi miedź miedzi kobber koppar kupari "
        "réz cupru 铜 銅"
    )
)

# Pieces: the counting word after a pack count ("VE 100 Stück", "box of 50 pcs").
PIECE_WORDS: Final = split_words(
    "pcs pc pcs. pieces piece stk stk. stück stueck st. units unit items ea szt sztuk pezzi "
    "pz pièces piezas unidades uds unités unità stuks teile 个 只 件 枚 個 "
    # every language of the corpus: "100 adet", "100 ks", "100 peças", "100 st", "1000 PCE"
    "pce pces pièce pezzo pieza stuk stykker styck stycken kpl kappaletta ks kusů kusy kus "
    "adet peças peça pçs sztuki darab buc buc. bucăți bucati шт шт. штук штуки τεμ τεμ. "
    "τεμάχια st 개 本 支 根 颗 粒 "
)
# The piece words as one regex alternation, longest first ("Stück" before "St")
PIECE_ALTERNATION: Final = "|".join(
    re.escape(w) for w in sorted(PIECE_WORDS, key=len, reverse=True)
)

# Containers a count is given for ("box of 50", "caja de 1000", "Beutel mit 100").
PACK_NOUNS: Final = split_words(
    "box pack bag carton reel roll bundle karton beutel packung eimer rolle caja bolsa paquete "
    "rollo scatola confezione conf sacchetto rotolo boîte sachet rouleau doos zak rol opakowanie "
    "bündel fascio pacco paquet bale bal balle ballen bala baal balya "
    "caixa pacote kartong låda æske eske krabice krabička pudełko kutu koli doboz cutie коробка "
    "cartone cartón cartão fardo ve verpackungseinheit pakke pakken pakning"
)
# ("Koli içi: 4 adet": Turkish puts "in" after the pack)
PACK_PREPOSITIONS: Final = split_words("of à a mit with contains zu de da di van z con med içi")

# What a weight is of when the word before "weight" says so: the article's own weight.
OWN_WEIGHT_WORDS: Final = frozenset(
    split_words(
        "net gross product unit item piece part device article total empty dry operating tare "
        "nominal actual approx approximate the own body-free finished shipping packed package "
        "packaging bauteil bauteils teil teils teiles artikel artikels produkt produkts gerät "
        "geräts gerätes stück stücks pièce produit appareil pezzo articolo prodotto pieza "
        "artículo producto peça produto onderdeel artikel "
        # a measured figure of the article itself (test and inspection reports)
        "mean average avg measured weighed ist gemessene gemessenes gemessen mittlere mittleres "
        "mittel durchschnittliche durchschnittliches moyenne moyen mesurée mesuré media medio "
        "misurata misurato promedio medida medido gemiddelde gemeten średnia zmierzona"
    )
)

# One of several single measured values of a sample ("Masse Einzelwerte: 268 g, 271 g, …",
# "Individual values: 4.1 g, 4.2 g"): one sampled piece's reading, not the article's stated
# (nominal or mean) weight, and no reason to doubt a nominal weight that one reading equals.
SINGLE_VALUE_WORDS: Final = Vocabulary(
    [
        *split_words("einzelwerte einzelwert einzelmessungen einzelmessung"),
        "individual values",
        "individual value",
        "single values",
        "individual readings",
        "individual measurements",
        "valeurs individuelles",
        "valeurs unitaires mesurées",
        "valori singoli",
        "valori individuali",
        "valores individuales",
        "valores individuais",
        "individuele waarden",
        "enkele waarden",
        "wartości pojedyncze",
        "jednotlivé hodnoty",
        "enkeltværdier",
        "enskilda värden",
        "个别值",
        "單值",
        "单值",
        "個別値",
    ]
)

# Per length / per area: a weight of a metre or a square metre.
PER_LENGTH_WORDS: Final = Vocabulary(
    [
        "per metre",
        "per meter",
        "pro meter",
        "je meter",
        "per m",
        "/m",
        "kg/m",
        "g/m",
        "metergewicht",
        "weight per metre",
        "por metro",
        "al metro",
        "par mètre",
        "au mètre",
        "per meter",
        "per lopende meter",
        "na metr",
        "per löpmeter",
        "pr. meter",
        "metrelik",
        "metre başına",
        "metripaino",
        "na běžný metr",
        "за метр",
        "на метр",
        "погонный",
        "pro lfm",
        "kg/lfm",
        "poids au mètre",
        "peso al metro",
        "米重",
        # a linear mass named as such ("masse linéique", "masse_lineique_kg_m" of an export)
        *("masse linéique", "masse_linéique", "lineic mass", "linear mass", "linear weight"),
        *("mass per unit length", "weight per unit length", "massa lineare", "massa_lineare"),
        *("massa lineica", "peso lineal", "masa lineal", "peso linear", "massa linear"),
        *("masa liniowa", "masa_liniowa", "lineaire massa", "lineair gewicht", "metervikt"),
        *("metervekt", "metervægt", "längenbezogene masse", "längenmasse", "lineární hmotnost"),
        *("doğrusal kütle", "lineáris tömeg", "folyóméter tömeg", "masă liniară"),
        *("погонная масса", "линейная масса", "γραμμική μάζα", "線密度", "线密度", "単位長さ質量"),
        *("metrimassa", "metripaino", "kg/jm", "vekt per meter"),
    ]
)
PER_AREA_WORDS: Final = Vocabulary(
    [
        "grammage",
        "grammatur",
        "flächengewicht",
        "basis weight",
        "areal weight",
        "g/m²",
        "g/m2",
        "gsm",
        "grammatura",
        "gramaje",
        "kg/m²",
        "kg/m2",
        "per m²",
        "per m2",
        "pro m²",
        "pro m2",
        "je m²",
        "pro qm",
        "je qm",
        "par m²",
        "al m²",
        "por m²",
        "per square metre",
        "per square meter",
        "pro quadratmeter",
        "克重",
    ]
)

# Parts of an assembly: a weight labelled with one of these is of that part, unless the article
# name names the part itself ("motor weight" of a motor).
COMPONENT_WORDS: Final = Vocabulary(
    [
        "battery",
        "batteries",
        "akku",
        "batterie",
        "cable",
        "cables",
        "kabel",
        "cord",
        "power supply",
        "power adapter",
        "adapter",
        "charger",
        "netzteil",
        "ladegerät",
        "motor",
        "moteur",
        "motore",
        "lid",
        "cap",
        "screw cap",
        "closure",
        "verschluss",
        "tappo",
        "cover",
        "couvercle",
        "coperchio",
        "tapa",
        "cadre",
        "telaio",
        "marco",
        "deckel",
        "handle",
        "griff",
        "frame",
        "rahmen",
        "module",
        "modul",
        "head",
        "kopf",
        "base",
        "sockel",
        "bracket",
        "halter",
        "fixings",
        "mehrgewicht",
        "zusatzgewicht",
        "additional weight",
        "extra weight",
        "added weight",
        "poids supplémentaire",
        "peso aggiuntivo",
        "peso adicional",
        "meergewicht",
        "accessory",
        "accessories",
        "zubehör",
        "zubehoer",
        "accessoire",
        "accessoires",
        "accessorio",
        "accessori",
        "accesorio",
        "accesorios",
        "acessório",
        "acessórios",
        "toebehoren",
        "akcesoria",
        "tillbehör",
        "příslušenství",
        "príslušenstvo",
        "spare part",
        "spare parts",
        "ersatzteil*",
        "pièce de rechange",
        "pièces détachées",
        "ricambi",
        "repuesto",
        "repuestos",
        "附件",
        "配件",
        "付属品",
        "transducer",
        "sensor",
        "probe",
        "remote",
        "insert",
        "einsatz",
        "electrode",
        "blade",
        "pump",
        "pumpe",
        "电池",
        "电源",
        "适配器",
        "线缆",
        "電池",
    ]
)

# A parts list: each row's mass is one component's, not the article's.
PARTS_LIST_WORDS: Final = Vocabulary(
    [
        "components",
        "component",
        "parts list",
        "bill of materials",
        "bom",
        "stückliste",
        "komponenten",
        "bauteile",
        "einzelteile",
        "nomenclature",
        "liste des pièces",
        "distinta",
        "lista de piezas",
        "onderdelenlijst",
        "部件",
        "零件",
        "部品",
    ]
)

# The heaviest single part to lift at assembly ("Schwerstes Einzelteil | Säule, 720 kg"): the
# weight of one part, not of the whole article.
HEAVIEST_PART_WORDS: Final = Vocabulary(
    [
        *("heaviest part", "heaviest single part", "heaviest component", "heaviest piece"),
        *("heaviest lift", "schwerstes einzelteil", "schwerstes teil", "schwerste einzelteil"),
        *("pièce la plus lourde", "parte più pesante", "pezzo più pesante", "pieza más pesada"),
        *("peça mais pesada", "zwaarste onderdeel", "zwaarste deel", "najcięższy element"),
        *("najcięższa część", "tyngsta delen", "tyngste del", "tungeste del", "raskain osa"),
        *("en ağır parça", "nejtěžší díl", "nejtěžší část", "最重部件", "最重件"),
    ]
)

# Column headers that make a table a parts list (one row per component).
PARTS_LIST_COLUMNS: Final = frozenset(
    split_words(
        "pos pos. position part component bauteil teil benennung item qty menge anzahl "
        "quantity repère pièce composant posizione componente pieza 部件 零件 部品 "
        "accessory accessories zubehör accessoire accessoires accessorio accessori accesorio "
        "accesorios acessório toebehoren akcesoria tillbehör příslušenství položka 附件 配件 付属品"
        # the part column in the other languages: "Díl | Materiál | Počet | Hmotnost"
        " díl část součást część parte onderdeel del osa parça peça alkatrész деталь"
    )
)

# The whole: "Total net weight", "Gesamtgewicht" (of the article, not of a pack when no pack
# word is near).
TOTAL_WORDS: Final = Vocabulary(
    [
        "total",
        "overall",
        "complete",
        "completo",
        "completa",
        "complet",
        "complète",
        "komplett",
        "compleet",
        "kompletny",
        "gesamt*",
        "insgesamt",
        "totale",
        "total net",
        *split_words("celkem celková celkový"),  # Czech: "Hmotnost celkem", "celková hmotnost"
        "合计",
        "总重",
    ]
)

# The title of a shipping document, which weighs the whole shipment in its totals
# ("Total net weight", "Peso netto complessivo"): an invoice, a delivery note, a packing list.
SHIPPING_DOCUMENT_WORDS: Final = Vocabulary(
    [
        *split_words("invoice proforma pro-forma waybill lieferschein rechnung packliste"),
        "commercial invoice",
        "packing list",
        "delivery note",
        "dispatch note",
        "bill of lading",
        *split_words("handelsrechnung proformarechnung versandliste lieferavis facture"),
        "bon de livraison",
        "bordereau de livraison",
        "bordereau d'expédition",
        "liste de colisage",
        "documento di trasporto",
        "documento de transporte",
        *split_words("d.d.t. ddt fattura albarán factura pakbon factuur paklijst vrachtbrief"),
        "bolla di consegna",
        "lista de empaque",
        "lista de embalaje",
        "nota de entrega",
        "guia de remessa",
        "guía de remisión",
        *split_words("faktura irsaliye fatura"),
        "list przewozowy",
        "dodací list",
        "specyfikacja wysyłki",
        *split_words("送货单 发货单 装箱单 发票 納品書 請求書 送り状 梱包明細 インボイス"),
    ]
)

# The label of a list's closing row ("Summe", "Total product mass", "Peso complessivo"), and of
# a row that closes only part of it.
TOTAL_ROW_WORDS: Final = Vocabulary(
    [
        *split_words(
            "summe sum summa total totals totale totaal insgesamt suma razem celkem toplam"
        ),
        *split_words("итого всего complessivo complessiva 合计 合計 总计 總計"),
        "gesamt*",
    ]
)
SUBTOTAL_WORDS: Final = Vocabulary(
    [
        *split_words("zwischensumme* teilsumme* subtotal* subtotaal sub-total 小计 小計"),
        "sub total",
    ]
)

# The row of a table that weighs the whole beside its parts' rows ("Conjunto completo",
# "Waga zestawu", "Totaalgewicht (deksel + raam)", "Complete assembly"): stated_parts.py.
WHOLE_WORDS: Final = Vocabulary(
    [
        *split_words(
            "total overall complete completo completa complet complète komplett compleet "
            "kompletny kompletní komplet insgesamt totale totaal complessivo complessiva suma "
            "razem celkem celková celkový toplam"
        ),
        *split_words("set kit satz sats sada souprava zestaw zestawu conjunto ensemble insieme"),
        *split_words("assembly baugruppe geheel 合计 合計 总计 總計 总重 套装 セット"),
        "gesamt*",
        "totaal*",
        "totalgewicht",
        "totalmasse",
        "totalvikt",
    ]
)

# A set, as the noun a name calls it by ("Garden hose set", "Satz", "セット"): the nouns every
# reading of a set name shares; the set rules' further words are in the last section.
SET_NOUNS: Final = split_words("set kit satz ensemble 套装 套件 セット")

# An article name that names a set: its parts' weights are components, not the article's.
SET_WORDS: Final = Vocabulary(
    [
        *SET_NOUNS,
        *split_words(
            "assembly with incl including complete mit inkl komplett baugruppe avec con completo"
        ),
    ]
)

# Words that may stand beside a designation on a model line ("Model 12B", "Typ RC20").
MODEL_WORDS: Final = frozenset(
    split_words("model models type typ modell modèle modello modelo series serie version")
)

# Words that introduce a length, for weights per metre ("Länge: 1200 mm").
LENGTH_WORDS: Final = Vocabulary(
    [
        "length",
        "länge",
        "cut length",
        "schnittlänge",
        "zuschnitt",
        "fixlänge",
        "longueur",
        "lunghezza",
        "longitud",
        "lengte",
        "długość",
        "长度",
        "長さ",
        "l",
    ]
)

# Dimension labels, for the plausibility check (a block of W x D x H).
DIMENSION_WORDS: Final = Vocabulary(
    [
        "dimension",
        "dimensions",
        "size",
        "overall dimensions",
        "abmessung",
        "abmessungen",
        "maße",
        "masse",
        "baugröße",
        "dimensioni",
        "dimensiones",
        "afmetingen",
        "wymiary",
        "尺寸",
        "外形寸法",
        "寸法",
    ]
)

# Product kinds and the most one piece of them can weigh (an order-of-magnitude check).
KIND_MAX_GRAMS: Final[tuple[tuple[Vocabulary, float], ...]] = (
    (
        Vocabulary(
            split_words(
                "screw screws bolt bolts nut nuts washer washers rivet rivets pin pins stud "
                "dowel schraube schrauben mutter muttern scheibe scheiben niete stift bolzen "
                "vis écrou rondelle rivet vite dado rondella tornillo tuerca arandela schroef "
                "moer śruba nakrętka podkładka 螺丝 螺钉 螺栓 螺母 垫圈 ネジ ボルト ナット "
            )
        ),
        20_000.0,
    ),
    (
        Vocabulary(
            split_words(
                "clip clips cap caps plug seal o-ring gasket spring clamp spacer grommet "
                "sleeve bushing kappe stopfen dichtung dichtring feder klammer buchse hülse "
                "clip joint ressort bouchon guarnizione molla tapón junta muelle sensor "
                "resistor capacitor chip ic led connector stecker servo cell 传感器 连接器 "
            )
        ),
        50_000.0,
    ),
)
# Nothing a supplier document describes as one piece weighs more than this (a machine aside).
MAX_PIECE_GRAMS: Final = 200_000_000.0

# Densities (g/cm³) of the catalogue's materials, for the plausibility check of a weight.
DENSITY: Final[dict[str, float]] = {
    "steel": 7.85,
    "stainless_steel": 7.9,
    "cast_iron": 7.2,
    "aluminium": 2.7,
    "copper": 8.96,
    "brass": 8.5,
    "bronze": 8.8,
    "zinc": 6.6,
    "nickel": 8.9,
    "tin": 7.3,
    "pp": 0.9,
    "pe_hd": 0.95,
    "pe_ld": 0.92,
    "abs": 1.05,
    "pc": 1.2,
    "pa6": 1.13,
    "pa66": 1.14,
    "pom": 1.41,
    "pbt": 1.31,
    "pet": 1.38,
    "pvc": 1.4,
    "ps": 1.05,
    "pmma": 1.18,
    "rubber": 1.2,
    "pe_lld": 0.92,
    "pe_x": 0.94,
    "tpe": 1.0,
    "pu": 1.2,
    "ptfe": 2.17,
    "pvdf": 1.78,
    "peek": 1.31,
    "ppsu": 1.29,
    "pa12": 1.02,  # PA11 1.03
    "pla": 1.24,
    "petg": 1.27,
    "epp": 0.06,  # bead foam, 20-200 g/l; a moulded part's typical 60 g/l
    "glass_fibre": 2.5,
    "glass": 2.5,
    "wood": 0.6,
    "paper_cardboard": 0.7,
    # alumina 3.6-3.95 (zirconia 6.0, SiC 3.2, Si3N4 3.2); porcelain 2.3-2.5, earthenware 2.0;
    # a woven fabric or webbing as a whole 0.3-0.8 (its fibres 1.1-1.5, felt 0.1-0.4);
    # finished leather 0.8-1.0
    "technical_ceramics": 3.9,
    "ceramics": 2.4,
    "textile": 0.5,
    "leather": 0.9,
    "electronics": 2.0,
}


# Words that tell a document's language when extraction could not (short texts): a last
# resort for the one decimal-mark decision, never a second opinion against extraction.
LANGUAGE_WORDS: Final[dict[str, Vocabulary]] = {
    "de": Vocabulary(
        split_words("gewicht werkstoff abmessungen länge breite höhe stück und mit für")
    ),
    "fr": Vocabulary(
        split_words("poids matière matériau dimensions longueur largeur pièce avec pour")
    ),
    "it": Vocabulary(
        split_words("peso materiale dimensioni lunghezza larghezza pezzo con per portata")
    ),
    "es": Vocabulary(
        split_words("peso material dimensiones longitud anchura pieza con para carga")
    ),
    "nl": Vocabulary(split_words("gewicht materiaal afmetingen lengte breedte stuk met voor")),
    "pl": Vocabulary(split_words("masa waga materiał wymiary długość szerokość sztuk dla")),
    "pt": Vocabulary(split_words("dimensões comprimento largura peça não")),
    "sv": Vocabulary(split_words("vikt mått längd bredd höjd styck och för")),
    "da": Vocabulary(split_words("vægt materiale mål længde bredde højde stk og til")),
    "cs": Vocabulary(split_words("hmotnost materiál rozměry délka šířka výška kus pro")),
    "tr": Vocabulary(split_words("ağırlık malzeme boyutlar uzunluk genişlik adet ve ile için")),
    "en": Vocabulary(split_words("weight material dimensions length width piece with for the and")),
}


def guess_language(text: str) -> str | None:
    """The language whose label words a short text uses most (None when nothing counts)."""
    sample = text[:20_000]
    counts = {lang: len(words.pattern.findall(sample)) for lang, words in LANGUAGE_WORDS.items()}
    best = max(counts, key=lambda lang: counts[lang])
    ranked = sorted(counts.values(), reverse=True)
    return best if counts[best] >= 2 and counts[best] > ranked[1] else None


# ====================================================== word lists the rule modules once kept
# Each rule module builds its own pattern (its own anchoring) from these; they stay apart from
# the entries above where a rule reads a narrower or wider meaning.


def literal_pattern(words: Iterable[str]) -> str:
    """Words as one regex alternation, longest first: a Latin word matches whole, a CJK word
    anywhere (a `Vocabulary` without its other spellings, for rules that read a word list
    exactly as written)."""
    return "|".join(
        rf"(?<![^\W\d_]){re.escape(w)}(?![^\W\d_])"
        if w.isascii() or _has_latin(w)
        else re.escape(w)
        for w in sorted(set(words), key=lambda w: (-len(w), w))
    )


# ------------------------------------------------------------------ sets and pairs of pieces

# A set noun an article name may call itself by, singular or plural (listed_parts.py: the other
# words of a set's name say what it is of, "Garden hose set", "Juego de llaves")
NAME_SET_NOUNS: Final = [
    *SET_NOUNS,
    *split_words("sets kits coffret juego conjunto jogo zestaw sada sæt sett sats 세트"),
]
# The set nouns a compound ends in ("Bohrersatz", "Borrsats", "Bitsatz"), in the languages that
# write one word: a name that is such a compound names the whole set (set_counts.py)
SET_COMPOUND_ENDS: Final = split_words("satz sats sett sada komplet készlet takımı")
# A set a weight is stated per ("Gewicht per set", "質量 (1組)") in every language of the corpus
# (set_counts.py); "ensemble" is none: "Poids de l'ensemble" weighs the whole assembly
SOLD_SET_WORDS: Final = [
    *SET_COMPOUND_ENDS,
    *split_words(
        "set sets jeu lot kit sarja sady sadu zestaw takım conjunto juego jogo gioco набор "
        "комплект σετ 套 セット 세트"
    ),
]
# A pair a weight is stated per (set_counts.py): it holds two unless the document says
PAIR_WORDS: Final = split_words(
    "pair pairs paar paire paires paio paia pár páru çift pary пара ζεύγος "
    "coppia coppie pari pereche parell ペア "
    "对 對 双 雙 組 组 쌍 켤레"
)
# A lot or a consignment of the article: "Peso total do lote", "Total weight of goods"
LOT_WORDS: Final = split_words(
    "lote lotes lotto partita partij partia šarže goods consignment shipment sendung envío "
    "expédition spedizione remessa zending zásilka przesyłka sändning forsendelse sevkiyat "
    "szállítmány expediere отгрузка αποστολή 货物 出荷 화물"
)

# ------------------------------------------------------------------ weight ranges (ranges.py)

# What opens a range whose high end carries the unit, and what joins its two ends: "between 90
# and", "zwischen 1,2 und", "entre 4 et", "da 45 a", "van 3 tot", "mellan 2 och", "od 2 do"
RANGE_OPENING_WORDS: Final = split_words(
    "between from zwischen von entre de da dal dai desde tra fra tussen van mellan från mellem "
    "mellom między mezi od"
)
RANGE_JOINING_WORDS: Final = split_words(
    "and to und bis et à au e a al y hasta en tot och till og til i do"
)
# "Depending on" in a wording that only ever means "it varies with", as regex alternatives:
# whatever noun follows, a range beside it is the weights of several variants
VARIES_WITH_PHRASES: Final = (
    r"depending\s+on|depends\s+on|varies\s+with|varying\s+with|je\s+nach|abhängig\s+von"
    r"|en\s+fonction\s+d[eu']|a\s+seconda\s+d\w*|in\s+funzione\s+d\w*|dependiendo\s+d\w*"
    r"|en\s+función\s+d\w*|dependendo\s+d\w*|afhankelijk\s+van|naargelang|beroende\s+på"
    r"|afhængig\s+af|avhengig\s+av|w\s+zależności\s+od|zależnie\s+od"
    r"|v\s+závislosti\s+(?:na|od)|závisí\s+na"
)
# "Depending on" that may also mean "as specified by" ("according to DIN", "selon EN 124",
# "según norma"): a range beside it is of several variants only when a variant noun follows
ACCORDING_TO_PHRASES: Final = (
    r"according\s+to|selon|suivant|secondo|in\s+base\s+a\w*|según|segun|conforme"
    r"|de\s+acordo\s+com|riippuen"
)
# "It varies with" after the noun it varies with, in the languages that put the noun first:
# Turkish ("boyuta göre değişir"), Korean, Japanese, Chinese, as regex alternatives
VARIES_WITH_AFTER_NOUN: Final = (
    r"(?<![^\W\d_])[^\W\d_]{2,}\s+(?:bağlı\s+olarak|göre\s+değiş\w*)"
    r"|[가-힣]+에\s*따라\s*(?:다름|다릅니다|다르|상이|달라|변동)"
    r"|[\u3040-\u30ff\u4e00-\u9fff]+(?:により|によって|で)\s*(?:異な|違い|変わ)"
    r"|(?:因|视|視|依|随|隨)[\u4e00-\u9fff]{1,8}?而(?:异|異|定|变|變)|取决于|取決於"
)
# What a range across variants depends on, as regex word starts: a version, a model, a size,
# a length, a type, an execution, a diameter, a colour, a width, a thickness, a capacity ...
VARIANT_NOUN_STARTS: Final = (
    r"vers|varia|vari|mod[eè]l|siz|größ|gröss|grö|taill|misur|tagli|tama|talla|medid|maat"
    r"|groot|storl|størr|rozmiar|wielko|velikost|l[äa]ng|long|lungh|lengt|længd|délk|dług|typ(?!i)"
    r"|tipo|ausführ|ex[ée]cu|esecu|ejecu|uitvoer|utför|udfør|utfør|diam|durchm|dimens"
    r"|format|config|finit|acab|colou?r|farb|couleur|breit|width|larg|ancho|height|höhe|haut"
    r"|altez|altur|thick|stärk|dick|épaiss|spess|espes|grosor|capac|kapaz|equip|ausstatt|allest"
    r"|option"
)

# ------------------------------------------------------------------ with and without

# "With" and "without" in Portuguese and the Scandinavian languages, which WITH_WORDS and
# WITHOUT_WORDS leave out (the name's scope reads them apart): the rules that read the parts a
# phrase adds or leaves out add them
WITH_MORE_WORDS: Final = r"com|med"
WITHOUT_MORE_WORDS: Final = r"utan|sem"

# The state a weight is stated for (states.py), as regex alternatives: the thing after "with",
# "including", "mounted on" is there; after "without", "excluding", "hors" it is not
STATE_WITH_WORDS: Final = (
    rf"{WITH_WORDS}|{WITH_MORE_WORDS}|inklusive|y\s+compris|compres[oa]|inclus[oa]|incluid[oa]"
    r"|inclusief|mounted\s+on|montiert\s+auf|monté\s+sur|montat[oa]\s+su|montad[oa]\s+en"
)
STATE_WITHOUT_WORDS: Final = (
    rf"{WITHOUT_WORDS}|{WITHOUT_MORE_WORDS}|exklusive|hors|esclus[oa]|excluid[oa]|exclusief"
)
# A fill's state as one word, whatever the contents ("Weight filled", "Gewicht trocken"), as
# regex alternatives; narrower than FILLED_WORDS ("full", "plein" say how much, not a state)
STATE_FILLED_WORDS: Final = (
    r"filled|wet|befüllt|befuellt|gefüllt|gefuellt|rempli\w{0,2}|pien[oa]|riempit[oa]|llen[oa]"
    r"|chei[oa]|gevuld|fylld|napełnion\w{0,2}"
)
STATE_DRY_WORDS: Final = r"dry|trocken|sèches?|à\s+sec|secc[oa]|asciutt[oa]|sec[oa]|droog|such[yáé]"
# Contents whose presence is the fill's state ("with acid", "ohne Ölfüllung", "sans huile"), as
# regex word starts of a word folded to ASCII ("Öl" → "ol", "Säure" → "saure")
FILL_CONTENTS_STARTS: Final = (
    r"acid|saure|acide|acido|electrolyt|elektrolyt|oil|ol(?:full|fill)?|huile|olio|aceite"
    r"|oleo|olie|olja|water|wasser|eau|acqua|agua|fluid|flussig|liquid|fullung|filling|fill"
    r"|remplissage|riempiment|relleno"
)
# Articles and short prepositions a "with"/"without" phrase may open with ("mit dem Deckel",
# "sans le couvercle"): no topic of a state
STATE_FILLER_WORDS: Final = frozenset(
    split_words(
        "the a an its der die das dem den einem einer eines le la les un une du des il lo gli "
        "el los las de do da het een of on in to im am zu en et di al au op"
    )
)

"""The material vocabulary of the offline rules: designations and words per material family.

Data only: each `Rule` is one family's designations (steel grades, alloy codes, polymer codes)
or words (per language), most specific first; materials.py holds the matching. Adding a
word or a grade is a change here and nowhere else. CJK words, written without spaces, are
listed apart (`CJK_WORDS`) because they are found inside runs of text, not at word starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = [
    "ACCESSORY",
    "CABLE_TYPES",
    "CJK_LABELS",
    "CJK_UNLESS",
    "CJK_WORDS",
    "FIBRE_POLYMERS",
    "FINISH_METALS",
    "FINISH_WORDS",
    "FOR_A_COUNTERPART",
    "LOOK_AFTER",
    "OTHER_VARIANT_AFTER",
    "OTHER_VARIANT_BEFORE",
    "RULES",
    "SEAL_WORDS",
    "STEEL_COATINGS",
    "STEEL_FORMS",
    "TEXTILE_GENERIC",
    "Rule",
]

_I = re.IGNORECASE
_GF = r"(?:[\s\-]*(?:GF|GV)\s?-?(?P<gf>\d{1,2})(?!\d))?"


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    pattern: re.Pattern[str]
    needs_context: bool = False  # short codes that are other words elsewhere
    coating: bool = False  # "zinc plated", "vernickelt": a surface, not the material
    packaging: bool = False  # "Karton", "PE-Beutel": usually the packaging
    # Words near the match that make it something other than the article's material: a layer
    # ("Keramikbeschichtung", "ceramic-coated"), a component ("ceramic capacitor"), a resin.
    unless: re.Pattern[str] | None = None
    # the material of a part that follows the body's, as a seal's does: a cable type names
    # its insulation, which leads only when the copper share says so
    follows: bool = False


def _r(
    code: str, pattern: str, flags: int = 0, *, unless: re.Pattern[str] | None = None, **kw: bool
) -> Rule:
    return Rule(code, re.compile(pattern, flags), unless=unless, **kw)


# A ceramic named as a layer on another material, a component of a board, the target of a
# tool or a product for it ("Keramikbeschichtung", "porcelain enamel", "ceramic capacitor",
# "Bohrer für Fliesen und Keramik", "ceramic hob cleaner").
_NOT_A_CERAMIC_ARTICLE = re.compile(
    r"(?i)coat|beschicht|schicht|revêt|rivestiment|recubri|bekled|powłok|powlek|revestim"
    r"|belägg|povlak|sprayed|gespritzt|enamel|emaill|émail|smalt|esmalt|capacit|kondensat"
    r"|condensat|kondenzát|resonat|varistor|adhesive|kleber|colle\b|bohrer|drill|foret"
    r"|broca|wiert|borr\b|vrták|cleaner|reiniger|nettoyant|detergent"
)
# Silicon carbide and aluminium nitride as semiconductors ("SiC MOSFET", "AlN-LED").
_SEMICONDUCTOR = re.compile(
    _NOT_A_CERAMIC_ARTICLE.pattern
    + r"|mosfet|\bfet\b|diode|transistor|igbt|semiconductor|halbleiter|schottky|wafer|\bled\b"
    + r"|inverter|wechselrichter|power\s+module|leistungsmodul|\bchip"
)
# What makes "nylon", "polyester", "PA6" a textile: "nylon webbing", "Polyestergewebe".
_FABRIC_NOUN = (
    r"[\s-]+(?:webbing|fabric|strap|tape|yarn|thread|fib(?:re|er)s?|cord|mesh|rope|cloth"
    r"|textile|Gewebe|Gurt\w*|Band|Garn|Faden|Seil|Vlies)\b"
)
_FABRIC_SUFFIX = r"(?:gewebe|gurt|band|garn|faden|tyg|väv|seil|vlies|filz)\w*"
# Polyester that is a resin, a film, a paint or a powder coat, not a fabric.
_NOT_A_FABRIC = re.compile(
    r"(?i)coat|beschicht|lackier|pulver|powder|poudre|polvere|polvo|paint|peintur|vernis"
    r"|vernic|verniciat|pintura|lacquer|\black\b|laque|[eéè]po(?:x|ss)[iy]|harz|resin|résine"
    r"|resina|hars|żywic|pryskyřic|laminat|folie|film"
)


_FRENCH_PLATE = re.compile(
    r"(?i)\b(?:de|d['’]|du|des|en|à|pour|carrée?s?|acier|inox|fixation|soudée?s?|percée?s?)(?!\w)"
    r"|\d"
)


# A synthetic fibre's fabric is its polymer (LABELLING has no textile family): "polyester
# webbing", "Polyestergewebe" are PET, "nylon webbing" PA6, "PA66 fabric" PA66.
_FIBRE_FABRICS = (
    _r(
        "pet",
        r"\bpol[iy][eé]st(?:er|ere)"
        + _FABRIC_NOUN
        + r"|\bPET"
        + _FABRIC_NOUN
        + r"|\bPolyester"
        + _FABRIC_SUFFIX,
        _I,
        packaging=True,
    ),
    _r("pa66", r"\bPA\s?66" + _FABRIC_NOUN, _I, packaging=True),
    _r(
        "pa6",
        r"\bnylon"
        + _FABRIC_NOUN
        + r"|\bpolyamide?"
        + _FABRIC_NOUN
        + r"|\bPA\s?6"
        + _FABRIC_NOUN
        + r"|\bNylon"
        + _FABRIC_SUFFIX
        + r"|\bPolyamid"
        + _FABRIC_SUFFIX,
        _I,
        packaging=True,
    ),
)


def _low_density(*, linear: bool) -> str:
    """Polyethylene's low density in words ("polietileno de baja densidad", "PE linéaire basse
    densité"), linear or not: one alternative per leading word (an alternative opening with a
    group is tried at every word)."""
    grade = (
        r"(?:line[aá]\w*|linéaire|linear\w*)\s+(?:(?:de|a|à|di)\s+)?"
        if linear
        else r"(?:line[aá]\w*\s+|linéaire\s+)?"
    )
    return "|".join(
        rf"\b{word}\s+(?:(?:de|a|à|di|mit|with)\s+)?{grade}"
        r"(?:low|basse|bassa|baja|baixa|niedriger?|lage)\s+"
        r"(?:density|densit\w*|densidad\w*|dichte|dichtheid)"
        for word in (
            "PE",
            r"Polyethylen\w*",
            "polyethylene",
            r"pol[iy](?:[eé]th?[iy]l|eth?)(?:[eè]|ee)n\w*",
        )
    )


# "V" PVC (H05VV-F, H07V-K, NYM-J, NYY-J, YDY); "R" and "N" rubber and polychloroprene (H07RN-F)
_PVC_CABLE_TYPES = (
    r"\bH0[3-7]VV(?:H2)?-[FKU]\b|\bH0[3-7]V2?-[KUR]\b|\bNY(?:M|Y|CY|CWY)(?:-[JO])?(?![\w-])"
    r"|\bYDYp?\b|\bYKY\b"
)
_RUBBER_CABLE_TYPES = r"\bH0[3-7]R[RN](?:H2)?-F\b"
# A cable type in an article name names the insulation, not what the cable mostly is.
CABLE_TYPES: Final = re.compile(f"{_PVC_CABLE_TYPES}|{_RUBBER_CABLE_TYPES}")


RULES: Final[tuple[Rule, ...]] = (
    # technical ceramics before aluminium ("Aluminiumoxid") and before the clay ceramics
    _r(
        "technical_ceramics",
        r"\bAl2O3\b|\bAl₂O₃|\bZrO2\b|\bZrO₂|\bSi3N4\b|\bSi₃N₄|\bSiC\b|\bSSiC\b|\bSiSiC\b"
        r"|\bRBSiC\b|\bLPSSiC\b"
        r"|\bAlN\b|\b[1-9]Y-?TZP\b|\bY-?TZP\b",
        unless=_SEMICONDUCTOR,
    ),
    # IEC 60672 designations (C 799 alumina, C 221 steatite, C 410 cordierite)
    _r(
        "technical_ceramics",
        r"\bC\s?(?:78[0-6]|79[0-9]|22[01]|230|410|5[123]0|610|620)\b(?![.,]\d)",
        needs_context=True,
        unless=_NOT_A_CERAMIC_ARTICLE,
    ),
    _r(
        "technical_ceramics",
        r"\balumina\b|\balumine\b|\ballumina\b|\balúmina\b|\balumini?um[\s-]?(?:oxide?|nitride?)\b"
        r"|\bAluminiumoxidkeramik\w*|\b[óo](?:x|ss)ido\s+d[ie]\s+(?:al+um[ií]n|zirc|circ)\w*"
        r"|\boxyde\s+d[e'’]\s?(?:alumin|zircon)\w*|\bzircone\b|\bzirconia\b|\bzirconium\s+(?:di)?oxide\b"
        r"|\bzirkon(?:ium)?(?:di)?oxid\w*|\bzirkonia\b|\bzirkoonoxide\b|\bzircônia\b|\bcircona\b"
        r"|\btlenek\s+(?:glinu|cyrkonu)\b|\boxid\s+(?:hlinitý|zirkoničitý)\b|\bSinterkorund\w*"
        r"|\bkorund\w*|\bcorundum\b|\bsilicon\s+(?:carbide|nitride)\b"
        r"|\bsili[cz]ium(?:karbid|carbid|nitrid)\w*|\bsilicium(?:carbide|nitride)\b"
        r"|\bcarbure\s+de\s+silicium\b|\bnitrure\s+de\s+silicium\b|\bcarburo\s+d[ie]\s+silicio\b"
        r"|\bnitruro\s+d[ie]\s+silicio\b"
        r"|\bcarbeto\s+de\s+silício\b|\bnitreto\s+de\s+silício\b|\bwęglik\s+krzemu\b"
        r"|\bazotek\s+krzemu\b"
        r"|\bkisel(?:karbid|nitrid)\b|\bkarbid\s+křemíku\b|\bnitrid\s+křemíku\b|\bsteatit\w*|\bstéatite\b"
        r"|\besteatita\b|\bsteatyt\w*|\bcordierit\w*|\bcordiérite\b|\bkordieryt\w*"
        r"|\bkordierit\w*|\btechni(?:cal|sche[nrms]?)\s+(?:ceramics?|keramik\w*)\b"
        r"|\bHochleistungskeramik\w*|\bOxidkeramik\w*|\bNitridkeramik\w*|\bCarbidkeramik\w*"
        r"|\bKarbidkeramik\w*|\bIngenieurkeramik\w*|\bStrukturkeramik\w*|\bFunktionskeramik\w*"
        r"|\bfine\s+ceramics?\b|\badvanced\s+ceramics?\b|\bengineering\s+ceramics?\b|\bcéramiques?\s+techniques?\b"
        r"|\bceramic[ah]e?\s+tecnic[ah]e?\b|\bcerámicas?\s+técnicas?\b|\btechnische\s+keramiek\b"
        r"|\bceramika\s+techniczna\b|\bcerâmicas?\s+técnicas?\b|\bteknisk\s+keramik\b"
        r"|\btechnická\s+keramika\b",
        _I,
        unless=_NOT_A_CERAMIC_ARTICLE,
    ),
    _r(
        "ceramics",
        r"\bporcelain\w*|\bPorzellan\w*|\bporcelaine\b|\bporcellan\w*|\bporcel[aá]n\w*|\bporselein\b"
        r"|\bporslin\b|\bstoneware\b|\bSteinzeug\w*|\bgr[eèé]s\b|\bsteengoed\b|\bkamionk\w*"
        r"|\bstengods\b|\bkamenin\w*|\bearthenware\b|\bSteingut\w*|\bfa[iï]ence\b|\bfajans\w*"
        r"|\bfaiança\b|\baardewerk\b|\blergods\b|\bloza\b|\bterr?akott?a\b|\bterra[\s-]?cott?a\b"
        r"|\bterre\s+cuite\b|\bbarro\s+cocido\b|\bceramic\w*|\bkerami\w*|\bcéramique\w*"
        r"|\bcer[áâ]mic\w*|\bceramik\w*|\bceramiczn\w*",
        _I,
        unless=_NOT_A_CERAMIC_ARTICLE,
    ),
    # stainless before steel
    _r(
        "stainless_steel",
        r"\bEdelstahl\w*|\bnichtrostende[rnms]?\s+Stahl\w*|\brostfreie[rnms]?\s+Stahl\w*"
        r"|\bstainless(?:\s+steel)?\b|\bInox\b|\bNirosta\b|\bV[24]A\b|\bacier\s+inoxydable"
        r"|\bacciaio\s+ino(?:x|ssidabil)\w*|\bacero\s+inoxidable|\broestvrij\s+staal|\bRVS\b"
        r"|\bstal\w*\s+nierdzewn\w*|\bnierdzewn\w*|\brostfri\w*(?:\s+stål)?|\baço\s+inox\w*"
        r"|\bnerez\w*|\binossidabil\w*|\binox[iy]dable\b|\broestvast\w*(?:\s+staal)?"
        r"|\broestvrijstaal\b|\bcorrosion[\s-]resist(?:ant|ing)\s+steel\b",
        _I,
    ),
    _r(
        "stainless_steel",
        r"\brustfri(?:t|tt)?\s+stål\b|\bruostumaton\b|\brozsdamentes\b|\boțel\s+inoxidabil\b"
        r"|\botel\s+inoxidabil\b|\bpaslanmaz\b|\bнержавею\w*|\bнерж\.?(?=\s|$)|\bανοξείδωτ\w*",
        _I,
    ),
    _r(
        "stainless_steel",
        r"\bAISI\s?(?:30[1-4]|31[0-6]|321|347|4[0-4]\d)L?\b|\bSUS\s?3\d\dL?\b|\bSS\s?3[01]\dL?\b"
        r"|\b(?:304|316)L\b|\bX\d{1,3}Cr[A-Za-z]*\d[\d\-]*\b|\bA[24]-(?:50|70|80)\b"
        r"|\b1\.4(?:301|303|305|306|307|310|401|404|435|541|571|016|509|512|539|462|104|021"
        r"|034|057|122|418)\b(?![.,]\d|\s*(?:mm|kg|g|%))",
    ),
    _r("stainless_steel", r"\b1\.4\d{3}\b(?![.,]\d|\s*(?:mm|kg|g|%))", needs_context=True),
    # ASTM grades valves and flanges are named by: forged (A182 F316) and cast (A351 CF8M)
    _r(
        "stainless_steel",
        r"\bA\s?182\s?F\s?(?:30[4-9]|31[06]|321|347|5[13])L?\b|\bCF[38]M?\b|\bCRES\b",
    ),
    # material standards: stainless flat and long products, stainless spring wire
    _r("stainless_steel", r"\bEN\s?(?:10088(?:-[1-5])?|10270-3|10151)\b"),
    # copper alloys before copper
    _r(
        "brass",
        r"\bCuZn\d+(?:[A-Z][a-z]?\d*(?:[.,]\d+)?)*\b|\bCW6\d\d[NR]\b|\bMS\s?5[89]\b|\bMs\s?(?:5[89]|6[0-3])\b"
        r"|\bMessing\w*|\bbrass\b|\blaiton\b|\bottone\b|\blatón\b|\bmosiądz\w*|\bmässing\b"
        r"|\blatão\b|\bmosaz\w*",
        0,
    ),
    _r("brass", r"\bmessinki\b|\bsárgaréz\w*|\balamă\b|\bpirinç\b|\bлатун\w*|\bορείχαλκ\w*", _I),
    _r("brass", r"\b(?:messing|brass)\b", _I),
    _r("brass", r"\b2\.0[2-5]\d\d\b(?![.,]\d)", needs_context=True),
    _r(
        "bronze",
        r"\bCuSn\d+\w*|\bCuAl\d+\w*|\bCC4\d\dK\b|\bCW4\d\d[KR]\b|\bRg\s?[57]\b|\bRotguss\b"
        r"|\bSinterbronze\b|\bbron[zc]\w*|\bbrąz\w*|\bgunmetal\b",
        _I,
    ),
    _r("bronze", r"\b2\.1\d{3}\b(?![.,]\d)", needs_context=True),
    # cast iron, zinc die casting before aluminium and steel words
    _r(
        "cast_iron",
        r"\bEN-?GJ[LSMV]\w*(?:-\d+(?:-\d+)?)?|\bGJ[LS]-?\d+\b|\bGG-?(?:10|15|20|25|30|35|40)\b|\bGGG-?(?:35|40|45|50|60|70|80)\b|\bGrauguss\w*"
        r"|\bGusseisen\w*|\bSphäroguss\w*|\bTemperguss\w*|\bcast[\s-]iron\b|\bductile\s+iron\b"
        r"|\bgr[ae]y\s+iron\b|\bnodular\s+iron\b|\bmalleable\s+(?:cast\s+)?iron\b|\bfonte\s+mall[ée]able\b"
        r"|\bghisa\s+malleabile\b|\bfundici[oó]n\s+maleable\b|\bfonte\b|\bghisa\b|\bhierro\s+fundido\b"
        r"|\bfundici[oó]n\b|\bgietijzer\b|\bżeliw\w*|\bferro\s+fundido\b|\blitin\w*|\bgjutjärn\b",
        _I,
    ),
    _r("cast_iron", r"\b0\.[67]\d{3}\b(?![.,]\d)", needs_context=True),
    _r(
        "zinc",
        r"\bZAMA[KC]\s?\d*|\bzama\b|\bZn-?Druckguss\w*|\bZink-?[Dd]ruckguss\w*|\bGD-?Zn\w*|\bZnAl\d+\w*"
        r"|\bZP\s?0?\d{3,4}\b|\bzinc\s+die[\s-]?cast\w*|\bdie[\s-]?cast\s+zinc\b|\bzinc\s+alloy\b"
        r"|\bZinklegierung\w*|\bZinkguss\b|\bzinklegering\w*|\balliage\s+de\s+zinc\b"
        r"|\blega\s+di\s+zinco\b|\baleaci[oó]n\s+de\s+zinc\b|\bliga\s+de\s+zinco\b"
        r"|\bstop\w*\s+cynku\b|\bslitin\w*\s+zinku\b|\bsinkkiseos\w*"
        # the Nordic and Dutch cast zinc compounds ("zinkgjutgods", "zinktrykstøbt")
        r"|\bzink(?:tryck|tryk|spruta)?(?:gjut|støb|stob|gegoten|giet)\w*|\bsinkkivalu\w*"
        r"|\bspuitgietzink\b|\bzinklegering\w*"
        # rolled titanium zinc (EN 988) for roofing and gutters
        r"|\bTitanzink\w*|\btitanium[\s-]zinc\b|\bzinc[\s-]titane?\b|\bzinco[\s-]titanio\b"
        r"|\bcinc[\s-]titanio\b|\btitaanzink\b|\bcynkowo[\s-]tytanow\w*|\btitanzinek\b",
        _I,
    ),
    _r("zinc", r"\bZink\b|\bzinc\b|\bzinco\b|\bcynk\b|\bzinek\b", _I, coating=True),
    _r("nickel", r"\bInconel\s?\d*|\bMonel\b|\bHastelloy\w*|\bNiCr\d+\w*|\bNickelbasis\w*", _I),
    _r("nickel", r"\bNickel\b", _I, coating=True),
    _r("nickel", r"\b2\.4\d{3}\b(?![.,]\d)", needs_context=True),
    _r(
        "aluminium",
        r"\bEN\s?A[WC][-\s]?(?:\d{4,5}|Al[A-Za-z\d.,]*)|\bA[WC]-\d{4,5}\b|\bAA\s?\d{4}\b"
        r"|\b[1-8]\d{3}-T\d{1,4}\b|\bAl(?:Si|Mg|Cu|Zn|Mn)\d*(?:[.,]\d+)?(?:[A-Z][a-z]?\d*(?:[.,]\d+)?)*"
        r"|\bG-?D?-?Al\w+|\bAl\s?99[.,]\d+",
    ),
    _r(
        "aluminium",
        r"\balumini?um\w*|\balluminio\b|\baluminio\b|\balumínio\b|\bhliník\w*|\baluminiow\w*|\bAlu\b|\bAlu-\w+|\bEloxal\w*"
        r"|\banodi[sz]ed\b",
        _I,
    ),
    _r(
        "aluminium",
        r"\balumiini\w*|\balumínium\w*|\baluminiu\b|\balüminyum\w*|\bалюмини\w*|\bαλουμίνι\w*",
        _I,
    ),
    _r("aluminium", r"\b3\.[0-4]\d{3}\b(?![.,]\d)", needs_context=True),
    # steel
    _r(
        "steel",
        r"\bS(?:185|235|275|355|420|460|500|550|690)(?:[A-Z]{1,3}\d?)*\b|\bS\d{3}GD\b"
        r"|(?<![\w-])\d{2,3}(?:Cr|Mn|Ni|Mo|Si|V|B|S)(?:[A-Z][a-z]?)*\d+(?:-\d+)?\b(?!-)"
        r"|\bSCM\s?4[1-4]\d\b|\bSS\s?400\b|\bS[1-5]\dC\b|\bSPC[CDE]\b|\bSUJ2\b"
        r"|\bDC0[1-7]\b|\bDD1[1-4]\b|\bDX5[1-7]D?\b|\bR?St\s?(?:37|44|52)(?:-\d)?\b|\bETG\s?100\b"
        r"|\bC(?:10|15|22|35|45|60)(?:E|R)?(?:\+[A-Z]+)\b|\bC(?:10|15|22|35|45|60)E\b"
        # bright-drawn key and shaft steel ("C45K", DIN 6880 / 6885)
        r"|\bC(?:10|15|22|35|45|60)(?:E|R)?K\b"
        # tube, pressure-vessel, line-pipe and rebar grades (EN 10305, EN 10028, EN 10208,
        # EN 10080), free-cutting steels, Chinese, ASTM, AISI/SAE carbon and alloy steels
        r"|\bE(?:235|275|315|355|420|460)\+(?:N|C|SR|A|LC)\b"
        r"|\bP(?:195|235|250|265|275|295|355|460)(?:GH|NH|NL[12]?|N|M|ML[12]?|QH?|QL[12]?|TR[12])\b"
        r"|\bL(?:245|290|360|415|450|485)(?:NB|MB|NE|ME|QB|N|M)\b|\bB\s?(?:450|500)\s?[ABC]\b"
        r"|\bBSt\s?500\s?[SM]?\b|\b\d{1,2}SMn(?:Pb)?\d{2}K?\b|\bCk\s?(?:10|15|22|35|45|60)\b"
        r"|\bQ(?:195|215|235|275|345|355|390|420|460)[A-E]?\b"
        r"|\bASTM\s?A\s?(?:36|53|105|106|181|216|234|283|285|307|325|333|350|352|449|500|516"
        r"|572|588|653|694|992|1008|1011|1018)\b|\b(?:AISI|SAE)\s?(?:10|11|12|15|41|43|51|86)\d{2}\b"
        # steel product standards (spring wire, structural, cold-rolled, tubes, rebar) and
        # US sheet: "16 ga CRS" is cold-rolled steel
        r"|\bEN\s?(?:10025|10270(?:-[12])?|10083|10084|10130|10346|10149|10277|10305|10210"
        r"|10219|10216|10217|10080|10028)(?:-\d)?\b|\bDIN\s?17223\b"
        r"|\b\d{1,2}\s?(?:ga|gauge|gage)\.?\s+(?:CRS|HRS|HRPO|CRCA)\b"
        # bare ASTM grades of valves and flanges: forged A105, A350 LF2, cast A216 WCB
        r"|\bA\s?105N?\b(?![.,]\d)|\bA\s?350\s?LF[123]\b|\bA\s?216\s?WC[ABC]\b|\bWC[ABC]\b"
        # high-speed steel of drills and cutters (HSS, HSS-G, HSS-E, HSS-Co5)
        r"|\bHSS(?:-?(?:G|E|R|PM|TiN|Co\s?\d{0,2}))?\b",
    ),
    # hand-tool alloy steels named by their alloying elements ("Chrome vanadium", "Cr-V",
    # "Chrom-Molybdän", "chromoly"): a steel, even where the word "steel" is left out
    _r(
        "steel",
        r"\b(?:chrome|chrom|chroom|cromo|krom|króm|kromi|chromo|chromowo)[\s-]?(?:van[aá]d|wanad)\w*"
        r"(?:[\s-]+(?:stahl|steel|acier|acciaio|acero|staal|stål|stal\w*|aço|ocel\w*))?"
        r"|\b(?:chrome|chrom|chroom|cromo|krom|króm|chromo|chromowo)[\s-]?(?:molybd|molibd|molybd)\w*"
        r"(?:[\s-]+(?:stahl|steel|acier|acciaio|acero|staal|stål|stal\w*|aço|ocel\w*))?"
        r"|\bchrom[eo]?ly\b|\bCr-?V(?:-?Mo)?\b|\bCr-Mo\b|\bCrMo\b(?!\d)",
        _I,
    ),
    # the high-carbon steel of saw and jigsaw blades ("HCS"; "HCS" is other things elsewhere)
    _r("steel", r"\bHCS\b", needs_context=True),
    # a fastener's property class (ISO 898-1/-2) is a class of carbon or alloy steel; stainless
    # fasteners are classed A2-70, A4-80 (above)
    _r(
        "steel",
        r"\bM\d{1,2}(?:\s?[x×]\s?\d{1,3}(?:[.,]\d)?)?(?:\s?mm)?[\s,-]{1,4}(?:4\.6|5\.6|8\.8|10\.9"
        r"|12\.9)\b(?![.,]\d|\s*(?:mm|kw|w|v|n|nm|kn|bar|%|°))|\b(?:Festigkeitsklasse|property\s+class|classe\s+de\s+qualit[ée]"
        r"|classe\s+di\s+resistenza|clase\s+de\s+resistencia|calidad|klasa\s+wytrzyma\w*"
        r"|sterkteklasse|pevnostní\s+tříd\w*)\s*[:=]?\s*(?:4\.6|4\.8|5\.6|5\.8|6\.8|8\.8|10\.9|12\.9"
        r"|5|6|8|10|12)\b(?![.,]\d)"
        # a bare class word before a decimal class: "M12x90 classe 10.9", "Klasse 8.8"
        r"|\b(?:class|classe|klasse|clase|klasa|klass|kl\.)\s*(?:4\.6|5\.6|8\.8|10\.9|12\.9)\b"
        r"(?![.,]\d|\s*(?:mm|kw|w|v|n|nm|kn|bar|%|°|[a-z]*wh|kg))",
        _I,
    ),
    _r(
        "steel",
        r"\bC(?:10|15|22|35|45|60)\b|\bE(?:235|355)\b|\bA36\b|\b(?:CRS|HRS|HRPO|CRCA)\b",
        needs_context=True,
    ),
    _r("steel", r"\b1\.[0-35-8]\d{3}\b(?![.,]\d|\s*(?:mm|kg|g|%))", needs_context=True),
    _r(
        "steel",
        r"(?<![Ee]del)(?<![Ee]del-)\b\w*stahl\w*|\bsteel\b|\bacier\b|\bacciaio\b|\bacero\b"
        r"|\bstaal\w*|\bstalen\b|\bstal\b|\bstali\b|\bstalow\w*|\bStahlguss\b|\bstål\w*"
        r"|\baço\b|\bocel\w*"
        # compounds: "kolstål", "fjærstål", "koolstofstaal", "hiiliteräs", "szénacél"
        r"|\b\w+stål\w*|\b\w+staal\b|\b\w+teräs\w*|\b\w+acél\w*",
        _I,
    ),
    _r(
        "steel",
        r"\bteräs\w*|\bacél\w*|\boțel\w*|\botel\b|\bçelik\w*|\bстал(?:ь|и|ью|ьн\w*)"
        r"|\bχάλυβ\w*|\bατσάλι\w*",
        _I,
    ),
    _r(
        "copper",
        r"\bCu-?(?:ETP|OF|DHP|HCP|FRHC|PHC)\b|\bCW0[01]\d[AC]\b|\bE-?Cu\w*|\bSF-?Cu\b"
        r"|\bCu\s?99[.,]9\d*",
    ),
    _r(
        "copper",
        r"\bKupfer\w*|\bcopper\b|\bcuivre\b|\brame\b|\bcobre\b|\bkoper\b|\bmiedź\w*|\bkoppar\b"
        r"|\bměď\b|\bměděn\w*",
        _I,
        coating=True,
    ),
    _r(
        "copper",
        r"\bkobber\b|\bkupari\b|\bvörösréz\b|\bcupru\b|\bbakır\b|\bмедь\b|\bмедн\w*|\bχαλκ(?:ός|ού)\b",
        _I,
        coating=True,
    ),
    _r("copper", r"\b2\.0[01]\d\d\b(?![.,]\d)", needs_context=True),
    _r("tin", r"\bZinn\b|\bétain\b|\bstagno\b|\bestaño\b", _I, coating=True),
    # a fibre's fabric before the textile words and the polymers ("nylon webbing" is PA6 as a
    # fabric), artificial leather (a coated fabric) before leather
    # pulp and board words before the textile and wood words: "cotton linters", "fluff pulp"
    _r(
        "paper_cardboard",
        r"\bcotton[\s-]+linters?\b|\blinters\b|\bZellstoff\w*|\bcellulose\s+(?:pulp|wadding"
        r"|fib(?:re|er)s?)\b|\b(?:wood|fluff)[\s-]+pulp\b|\bpâte\s+(?:à\s+papier|de\s+cellulose)\b"
        r"|\bcartolin[ae]\b|\bcartulinas?\b|\bcartoncino\b",
        _I,
        packaging=True,
    ),
    # tissue and filter grades, named by their pulp or as cellulose ("100 % virgin pulp",
    # "Reine Cellulose", "cellulosa, ren"); not a cellulose chemical or a cellulose plastic
    _r(
        "paper_cardboard",
        r"\b(?:recycled|virgin|bleached|unbleached|chemical|mechanical)\s+(?:wood\s+)?pulp\b"
        r"|\bFrischfaser\w*|\bouate\s+de\s+cellulose\b|\bovatta\s+di\s+cellulosa\b"
        r"|\bguata\s+de\s+celulosa\b|\b(?:toilet|facial|kitchen|bathroom)\s+tissues?\b"
        r"|\btissue\s+rolls?\b|\bkitchen\s+rolls?\b|\bKüchenroll\w*|\bessuie-tout\b"
        r"|\bZellulose\b|\bCellulose\b|\bcellulosa\b|\bcelulosa\b|\bcelulose\b|\bceluloza\b",
        _I,
        packaging=True,
        unless=re.compile(
            r"(?i)acetat|acétate|nitrat|(?:hydroxy|methyl|carboxy|ethyl|propyl)\w*[\s-]?cell"
            r"|micro\w*\s+cell|Schwamm|sponge|éponge|spugna|esponja|insulation|Dämm|isolant"
            r"|isolament|aislamiento|lyocell|viscose|viskose|regenerat"
        ),
    ),
    *_FIBRE_FABRICS,
    _r(
        "textile",
        r"\bfaux[\s-]+leather\b|\bimitation[\s-]+leather\b|\bsynthetic[\s-]+leather\b"
        r"|\bartificial[\s-]+leather\b|\bvegan[\s-]+leather\b|\bPU[\s-]+leather\b"
        r"|\bPVC[\s-]+leather\b|\bbonded[\s-]+leather\b"
        r"|\bleatherette\b|\bKunstleder\w*|\bLederimitat\w*|\bsimili[\s-]?cuir\b"
        r"|\bcuir\s+synthétique\b|\bsimilpelle\b|\becopelle\b|\bpelle\s+sintetica\b|\bpolipiel\b"
        r"|\bcuero\s+sintético\b|\bpiel\s+sintética\b|\bkunstleer\b|\bekoskór\w*"
        r"|\bskóra\s+ekologiczna\b|\bcouro\s+sintético\b|\bkonstläder\b|\bkoženk\w*|\bAlcantara\b"
        r"|\btextil\w*|\btextiel\w*|\btêxte?is\b|\btêxtil\b|\btessil\w*"
        r"|\btekstyl\w*|(?<!glass\s)(?<!carbon\s)(?<!aramid\s)\bfabrics?\b|\bGewebe\w*"
        r"|\bMischgewebe\b|\bWollgewebe\b|\bNetzgewebe\b|\btissus?\b|\btessut[oi]\b|\btejidos?\b"
        r"|\bweefsel\w*|\btkanin\w*|\btecidos?\b|\btyg(?:et|er|erna)?\b|\bcotton\b|\bBaumwoll\w*"
        r"|\bcoton\b|\bcotone\b|\balgod[oó]n\b|\balgodão\b|\bkatoen\b|\bbawełn\w*|\bbomull\b"
        r"|\bbavln\w*|(?<!steel\s)(?<!glass\s)(?<!rock\s)(?<!stone\s)(?<!mineral\s)(?<!slag\s)"
        r"\bwool(?:len)?\b|\bWolle\b|\bSchurwoll\w*|\blaine\b(?!\s+(?:de\s+)?(?:verre|roche"
        r"|minérale|laitier))|\blana\b(?!\s+(?:di|de)\s+(?:roccia|vetro|vidrio|roca|mineral|escoria))"
        r"|\bwol\b|\bwełn\w*+(?!\s+(?:mineral|szklan|kamienn))|\blã\b(?!\s+de\s+(?:vidro|rocha))"
        r"|\bull\b|\bvlněn\w*|(?<!\bI\s)(?<!\bwe\s)(?<!\bit\s)(?<!\bhe\s)(?<!she\s)(?<!they\s)"
        r"(?<!you\s)\bfelt\b(?![\s-]+(?:like|that|as|to|it|the)\b)|\bFilz\w*|\bfeutre\b|\bfeltro\b"
        r"|\bfieltro\b|\bvilt\b|\bfilc\w*|\bfilt\b|\bpls[tť]\w*|\bnon[\s-]?wovens?\b|\bVlies\w*"
        r"|\bnon[\s-]?tissés?\b|\btessuto\s+non\s+tessuto\b|\btela\s+no\s+tejid[oa]s?\b"
        r"|\bno\s+tejid[oa]s?\b"
        r"|\bwłóknin\w*|\bnão[\s-]tecido\b|\bnetkan\w*|\bfleece\b|\bmicrofib(?:re|er|ra)s?\b"
        r"|\bMikrofaser\w*|\bdenim\b|\bjute\b|\bjuta\b|\bwebbing\b|\bGurtband\w*|\bspunbond\w*",
        _I,
        packaging=True,
    ),
    _r(
        "pet",
        r"\bpol[iy][eé]st(?:er|ere)\b(?![\s-]*(?:resin|harz|film|folie|powder|pulver|lack|paint"
        r"|coat|laminat|r[ée]sin|resina|hars|żywic|pryskyřic))",
        _I,
        packaging=True,
        unless=_NOT_A_FABRIC,
    ),
    _r(
        "leather",
        r"\bleather\b(?![\s-]*(?:look|effect|grain|optic|like|imitation|care|conditioner|cleaner))"
        r"|\bLeder(?!optik|-optik|imitat|nachbildung|look|-look|struktur|narbung|pflege|fett)\w*"
        r"|\bEchtleder\w*|\bRinds?leder\w*|\bZiegenleder\w*|\bSchafs?leder\w*|\bNappaleder\w*"
        r"|\bWildleder\w*|\bGlattleder\w*|\bVollrindleder\w*|\bSpaltleder\w*|\bsuede\b"
        r"|\bnubuc?k\b|\bNappa\b|\bcuir\b(?![\s-]*(?:synth|artificiel))|\bcuoio\b"
        r"|\bvera\s+pelle\b|\bin\s+pelle\b(?!\s+sintetica)|\bpelle\s+(?:bovina|conciata|scamosciata"
        r"|naturale|pieno\s+fiore)\b|\bcuero\b(?![\s-]*(?:sintético|artificial))"
        r"|\bpiel\s+(?:genuina|natural|vacuna|de\s+vacuno)\b|\becht\s+leer\b|\brundleer\b"
        r"|\bskór(?:a|y|ze|ą)\s+(?:naturaln|bydlęc|licow)\w*|\bskórzan\w*|\bcouro\b"
        r"|\bläder\w*|\bpravá\s+kůže\b|\bhovězí\s+kůže\b|\bkožen[ýáéí]\w*|\busně\b",
        _I,
    ),
    # polymers (codes are case-sensitive)
    # the long-chain polyamides (one index: PA12 and PA11 are priced alike, far above PA6)
    _r("pa12", rf"\bPA\s?-?1[12](?![\d.]){_GF}|\bRilsan\b|\bVestamid\b|\bGrilamid\b"),
    _r("pa12", r"\bPol[iy]amm?id\w*\s?-?1[12]\b|\bnylon\s?-?1[12]\b", _I),
    _r("pa66", rf"\bPA\s?-?(?:66|6\.6|6/6)(?![\d.]){_GF}"),
    _r(
        "pa66",
        r"\bPol[iy]amm?id\w*\s?-?(?:66|6\.6)\b|\bUltramid\s?A\w*|\bZytel\b",
        _I,
    ),
    _r("pa6", rf"\bPA\s?-?6(?![\d./,]\d|\d){_GF}"),
    _r("pa6", rf"\bPA(?![\w-]){_GF}", needs_context=True),
    _r(
        "pa6",
        r"\bPolyamid\w*|\bpolyamide\b|\bpoliamm?id\w*|\bnylon\b|\bUltramid\s?B\w*"
        r"|\bDurethan\s?B\w*",
        _I,
    ),
    _r("pbt", rf"\bPBT(?![\w]){_GF}|\bUltradur\w*"),
    # polylactic acid, a bio-based polyester (filament, cups)
    _r("pla", r"\bPLA\+?(?![\w-])"),
    _r(
        "pla",
        r"\bpolylactic\s+acid\b|\bPolymilchsäure\b|\bPolylactid\w*|\bpolylactide\b"
        r"|\bacide\s+polylactique\b|\bacido\s+polilattico\b|\bácido\s+poliláctico\b"
        r"|\bpolilattide\b|\bpoliláctico\b",
        _I,
    ),
    # glycol-modified PET (a filament, a sheet) before PET
    _r("petg", r"\bPET-?G\b|\bPET\s+glycol\b"),
    _r(
        "petg",
        r"\bglycol[\s-]+modified\s+PET\b|\bglykolmodifiziert\w*\s+PET\b"
        r"|\bPET\s+(?:modifié|modificato|modificado)\s+(?:au|con|al|con\s+el)?\s*gli?(?:y|i)col\w*",
        _I,
    ),
    _r("pet", rf"\bPET(?![\w]){_GF}|\bPolyethylenterephthalat\w*"),
    _r("pet", r"\bpol[iy](?:[eé]th?[iy]l|eth?)(?:[eè]|ee)n\w*[\s-]*t[eé]r[eé](?:ph|f)th?al\w*", _I),
    _r(
        "pom",
        rf"\bPOM(?:-?[CH])?(?![\w]){_GF}|\bPolyacetal\b|\bPolyoxymethylen\w*|\bDelrin\b"
        r"|\bHostaform\b|\bUltraform\b|\bacetal\b",
    ),
    _r(
        "pom",
        r"\bpol[iy]ac[eé]taa?l\w*|\bpol[iy]o(?:x|ss|ks)[iy]m[eé]th?[iy]l[eè]n\w*"
        r"|\bresina\s+acetalica\b",
        _I,
    ),
    # fluoropolymers, high-performance polymers and polyurethane before PVC and the elastomers
    # ("PTFE-Dichtung", "PU hose", "TPU" is a polyurethane, not one of the TPE grades)
    _r(
        "ptfe",
        r"\bPTFE\b|\bTeflon\w*|\bpol[iy]t[eé]tra(?:fluor|fluór)\w*",
        _I,
    ),
    _r(
        "pvdf",
        r"\bPVDF\b|\bpol[iy]vin[iy]lid[eè]ne?\s*-?\s*fluori\w*|\bPolyvinylidenfluorid\w*",
        _I,
    ),
    _r(
        "peek",
        r"\bPEEK\b|\bPolyether(?:ether|[\s-]ether[\s-])keton\w*|\bpolyether\s+ether\s+ketone\b",
        _I,
    ),
    _r("ppsu", r"\bPPSU\b|\bPolyphenyl(?:en)?sulfon\w*|\bpolyphenylsulfone\b", _I),
    _r(
        "pu",
        r"\bTPU\b|\bTPE-U\b|\bPolyurethan\w*|\bpolyurethane\b|\bpolyuréthane\b"
        r"|\bpoliuretan\w*|\bpolyurethaan\b|\bpolyuretan\w*",
        _I,
    ),
    # "PU" is also a price unit and a pick-up: only beside a material label or in a cell
    _r("pu", rf"\bPUR?(?![\w]){_GF}", needs_context=True),
    _r("pvc", r"\bPVC(?:-?[UP])?(?![\w])|\bPolyvinylchlorid\w*|\bpolyvinyl\s+chloride\b"),
    _r(
        "pvc",
        r"\bpol[iy]vin[iy]l(?!iden)\w*?[\s-]*(?:chlor|klor|clor)\w*|\bpolychlorure\s+de\s+vinyle\b"
        r"|\bcloruro\s+di\s+polivinile\b|\bpolicloruro\s+de\s+vinilo\b"
        r"|\bpolichlorek\s+winylu\b|\bpolicloreto\s+de\s+vinila\b",
        _I,
    ),
    # harmonised and national cable types name their insulation and sheath
    _r("pvc", _PVC_CABLE_TYPES, follows=True),
    _r("rubber", _RUBBER_CABLE_TYPES, follows=True),
    _r("pmma", r"\bPMMA\b|\bAcrylglas\w*|\bPlexiglas\w*|\bacrylic(?:\s+glass)?\b|\bPerspex\b", _I),
    _r("abs", rf"\bABS(?![\w]|[\s-]?(?:sensor|Sensor|system|brake)){_GF}"),
    _r("abs", r"\ba[ck]r[iy]lo?nitr[iy]l\w*?[\s-]*butadi\w*?[\s-]*\w*?st[iy]r\w*", _I),
    _r(
        "pc",
        r"\bPolycarbonat\w*|\bpolycarbonate\b|\bpol[iy]carbona\w*|\bpolykarbon[aá]t\w*"
        r"|\bpoliwęglan\w*|\bMakrolon\w*|\bLexan\b",
        _I,
    ),
    _r(
        "pc",
        rf"(?<!\d\s)(?<!\d)\bPC(?![\w]|-Software|\s(?:software|program)){_GF}",
        needs_context=True,
    ),
    _r(
        "pe_hd",
        r"\bPE-?HD\b|\bHDPE\b|\bPEHD\b|\bPE-?HMW\b|\bPE-?UHMW\b|\bUHMW-?PE\b",
        0,
        packaging=True,
    ),
    # PE-BD / PEBD, PE-AD / PEAD: the Romance abbreviations (basse / baja densité, alta densidad)
    # cross-linked and linear low-density polyethylene before the other grades
    _r(
        "pe_x",
        r"\bPE-?X[abc]?\b|\bPEX(?:-?[abc])?\b|\bvernetzte[ms]?\s+Polyethylen\w*"
        r"|\bcross-?linked\s+polyethylene\b|\bpolyéthylène\s+réticulé\b"
        r"|\bpoliet[iy]lene?\s+reticolat[oa]\b|\bpolietileno\s+reticulado\b"
        r"|\bpolietylen\s+sieciowan\w*|\bverknoopt\s+polyetheen\b",
        _I,
    ),
    # the French plumber's "PER" (polyéthylène réticulé), never the English "per"
    _r("pe_x", r"(?i:\b(?:tuyaux?|tubes?|gaines?|raccords?|couronnes?)\s+(?:en\s+)?)(?-i:PER)\b"),
    _r("pe_lld", r"\bPE-?LLD\b|\bLLDPE\b|\bPE-?BDL\b|\bPEBDL\b|\bLLD-PE\b", 0, packaging=True),
    _r("pe_ld", r"\bPE-?LD\b|\bLDPE\b|\bPELD\b|\bPE-?BD\b|\bPEBD\b", 0, packaging=True),
    _r("pe_hd", r"\bPE-?AD\b|\bPEAD\b", 0, packaging=True),
    # the density in words, the linear grade first
    _r(
        "pe_lld",
        _low_density(linear=True) + r"|\blinear\s+low[\s-]density\s+polyethylene\b",
        _I,
        packaging=True,
    ),
    _r("pe_ld", _low_density(linear=False), _I, packaging=True),
    _r(
        "pe_hd",
        r"\bPolyethylen\w*|\bpolyethylene\b|\bpol[iy](?:[eé]th?[iy]l|eth?)(?:[eè]|ee)n\w*",
        _I,
        packaging=True,
    ),
    _r("pe_hd", r"\bPE(?![\w-])", needs_context=True, packaging=True),
    # expanded polypropylene (a bead foam, priced and weighed apart) before PP
    _r("epp", r"\bEPP\b|\bARPRO\b|\bArpro\b"),
    _r(
        "epp",
        r"\bexpanded\s+polypropylene\b|\bexpandierte[sn]?\s+Polypropylen\w*"
        r"|\bpolypropylène\s+expansé\b|\bpolipropilene\s+espanso\b"
        r"|\bpolipropileno\s+expandido\b|\bPP\s+expans[ée]\b|\bPP-?Schaum\w*",
        _I,
    ),
    _r(
        "pp",
        rf"\bPP(?:-(?:H|R|C|B|HO|CO))?(?![\w]|\.\s?\d){_GF}|\bPolypropylen\w*"
        r"|\bpolypropylene\b",
        0,
        packaging=True,
    ),
    _r("pp", r"\bpol[iy]prop(?:[iy]l)?(?:[eè]|ee)n\w*", _I, packaging=True),
    _r(
        "ps",
        r"\bPolystyrol\w*|\bpolystyrene\b|\bHIPS\b|\bPS-HI\b|\bGPPS\b|\bEPS\b|\bXPS\b"
        r"|\bStyropor\w*",
        0,
        packaging=True,
    ),
    _r("ps", r"(?<!\d\s)(?<!\d)\bPS\b(?!\s*\d)", needs_context=True, packaging=True),
    # elastomers
    # thermoplastic elastomers are moulded as plastics, priced apart from rubber
    _r("tpe", r"\bTPE(?:-[AEOSV])?\b|\bTPV\b|\bSEBS\b"),
    _r(
        "tpe",
        r"\bthermoplastic\s+elastomers?\b|\bthermoplastische[ns]?\s+Elastomer\w*"
        r"|\bélastomères?\s+thermoplastiques?\b|\belastomer[oi]\s+termoplastic[oi]\b"
        r"|\belastómeros?\s+termoplásticos?\b|\belastômeros?\s+termoplásticos?\b"
        r"|\bthermoplastische?\s+elastomeren?\b|\belastomer\w*\s+termoplastyczn\w*"
        r"|\btermoplastick\w*\s+elastomer\w*|\btermoplastisk\w*\s+elastomer\w*",
        _I,
    ),
    _r("rubber", r"\b(?:EPDM|H?NBR|FKM|FPM|FFKM|VMQ|MVQ|SBR|ACM)\b"),
    # butyl rubber IIR is also a surgical mask's type (EN 14683 "Type IIR")
    _r("rubber", r"\b(?:NR|CR|IIR)\b", needs_context=True),
    _r(
        "rubber",
        r"\bSilikon\w*|\bsilicone\b|\bViton\b|\bGummi\w*|\brubber\b|\bKautschuk\w*"
        r"|\bNaturkautschuk\w*|\bSynthesekautschuk\w*|\bSilikonkautschuk\w*|\bNitrilkautschuk\w*"
        r"|\bButylkautschuk\w*|\bChloroprenkautschuk\w*|\bFluorkautschuk\w*|\bNeopren\w*"
        r"|\bNaturlatex\b|\b[Ll][aá]tex\b"
        r"|\bcaoutchouc\b|\bgomma\b|\bcaucho\b|\bgoma\b|\bguma\b|\bborracha\b|\bpryž\w*"
        r"|\bsilicona\b|\bsiliconen\b|\belastomer\w*"
        # nitrile gloves and hoses: "nitrile", "Nitrilhandschuh", "Nitrilhandske"
        r"|\bnitril[eo]?\b|\bnitril(?:handsk|handschuh|gummi|slang|schlauch)\w*",
        _I,
    ),
    _r(
        "rubber",
        r"\bkumi\b|\bgumi\b|\bcauciuc\w*|\bkauçuk\b|\bрезин\w*|\bсиликон\w*|\bκαουτσούκ\b",
        _I,
    ),
    # other materials
    _r(
        "glass_fibre",
        r"\bGlasfaser\w*|\bglass[\s-]fib(?:re|er)s?\b|\bGFK\b|\bGRP\b|\bfib(?:re|er)glass\b"
        r"|\bfibr[ae]\s+(?:de|di)\s+(?:vidrio|vetro|vidro|verre)\b|\bfibre\s+de\s+verre\b"
        r"|\bglasvezel\w*|\bwłók\w*\s+szklan\w*|\bskelné?\s+vlák\w*|\bglasfiber\w*|\bvetroresina\b",
        _I,
    ),
    _r(
        "wood",
        r"\b(?!\w*(?:schraube|bohrer|leim))\w*[Hh]olz(?!schraube|bohrer|leim)\w*|\bwood(?:en)?\b"
        r"(?!\s+screws?)|\bplywood\b|\bBuche\w*|\bbeech\b|\bEiche\w*|\boak\b|\bpine\b|\bspruce\b"
        r"|\bbirch\b|\bMDF\b|\bHDF\b|\bOSB\b|\bSpanplatte(?!n?schraube|n?bohrer)\w*|\bparticle\s?board\b|\bMultiplex\b"
        r"|\bbois\b|\blegno\b|\bmadera\b|\bhout\b|\bdrewn\w*|\bbamboo\b|\bBambus\w*"
        r"|\bcontreplaqu[ée]\w*|\bcontrachapad\w*|\bsklejk\w*|\bmadeira\b|\bträ\b|\bdřev\w*"
        r"|\bpřekližk\w*",
        _I,
        packaging=True,
    ),
    _r(
        "wood",
        r"\btræ\b|\bkrydsfiner\b|\bvaneri\b|\blemn\w*|\bahşap\b|\bдревесин\w*"
        r"|\bдеревян\w*|\bфанер\w*|\bξύλ\w*",
        _I,
        packaging=True,
    ),
    _r(
        "paper_cardboard",
        r"\bKarton\w*|\b\w+(?:karton|papier(?:e|s)?)\b|\bkraft\s?liners?\b|\btest\s?liners?\b"
        # a flute grade is a corrugated board's (E-flute, BC-Welle, cannelure B)
        r"|\bfluting\b|\b[A-F]{1,2}[\s-]flute\b|\b[A-F]{1,2}-Welle\b|\bcannelure\s+[A-F]{1,2}\b"
        r"|\bWellpappe\w*|\b\w+pappe\b|\bPappe\b|\bcardboard\b|\bcorrugated\s+board\b|\bpaperboard\b"
        r"|\bPapier\w*|\bpaper\b|\bcarton(?:board)?\b|\bcarta\b|\bcartón\b|\bcartone\b|\bpapel\b"
        r"|\btektur\w*|\bpapel[ãa]o\b|\bcartão\b(?!\s+(?:de\s+)?(?:crédito|memória|SD|SIM))"
        r"|\bwellpapp\w*|\bpapper\w*|\blepenk\w*|\bpapír\w*"
        # the Nordic compounds ("filterpapper", "silkepapir"); flutes in words ("onda doppia")
        r"|\b\w+papper\b|\b\w+papir\b|\bonda\s+(?:singola|semplice|doppia|tripla|sencilla"
        r"|doble|triple)\b|\b(?:doppia|doble|triple|tripla)\s+onda\b"
        r"|\b(?:simple|double|triple)\s+cannelure\b|\bvélin\b"
        # moulded fibre (trays, egg boxes): plant pulp pressed to shape is the paper family
        r"|\bbagass[eo]\w*|\bmou?lded\s+(?:pulp|fib(?:re|er))\b|\bpulp\s+mou?lded\b"
        r"|\bFaserguss\w*|\bFormfaser\w*|\bpulpe\s+moulée\b|\bcellulose\s+moulée\b",
        _I,
        packaging=True,
    ),
    _r(
        "paper_cardboard",
        r"\bpap\b|\bpapir\b|\bpahvi\w*|\bkartonki\b|\bpaperi\b|\bmukavva\b|\bkağıt\b"
        r"|\bкартон\w*|\bбумаг\w*|\bχαρτόν\w*",
        _I,
        packaging=True,
    ),
    # the wove and laid papers of envelopes and stationery ("White wove 80 g/m²", "vélin")
    _r("paper_cardboard", r"\b(?:white\s+)?wove\b|\bvélin\b|\bvergé\b", _I, packaging=True),
    _r(
        "glass",
        r"\bGlas\b|\bglass\b(?![\s-]*(?:fib|fab|bead|fill|reinf|kugel))|\bBorosilikat\w*"
        r"|\bborosilicate\b|\bSicherheitsglas\b|\bFloatglas\b|\bEinscheibensicherheitsglas\b"
        r"|\btempered\s+glass\b|\bverre\b|\bvetro\b|\bvidrio\b|\bvidro\b|\bszkł\w*|\bsklo\b"
        r"|\bsklen\w*|\bESG\b",
        _I,
    ),
    _r("glass", r"\blasi\b|\büveg\w*|\bsticlă\b|\bстекл\w*|\bγυαλ\w*", _I),
    _r(
        "electronics",
        r"\bPCBA?\b(?![-‐]?\d)|\bLeiterplatte\w*|\bprinted\s+circuit\s+boards?\b|\bcircuit\s+boards?\b"
        r"|\belectronic\s+components?\b|\belektronische[n]?\s+(?:Bauteile|Komponenten|Baugruppe)"
        r"|\bElektronikbaugruppe\w*|\bFR-?4\b|\bSMD\b|\bmicrocontroller\b",
        _I,
    ),
    # the German board, not the French plate ("platine de fixation", "platine carrée en acier")
    _r("electronics", r"\bPlatine\b", unless=_FRENCH_PLATE),
)


# Family words in Chinese and Japanese, most specific first ("不锈钢" before "钢").
CJK_WORDS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("stainless_steel", ("不锈钢", "不鏽鋼", "ステンレス鋼", "ステンレス")),
    ("cast_iron", ("球墨铸铁", "灰铸铁", "铸铁", "鑄鐵", "鋳鉄")),
    ("brass", ("黄铜", "黃銅", "真鍮", "黄銅")),
    ("bronze", ("青铜", "青銅")),
    ("stainless_steel", ("스테인리스", "스텐")),
    ("brass", ("황동",)),
    ("aluminium", ("알루미늄",)),
    ("zinc", ("锌合金", "压铸锌", "锌压铸", "亜鉛ダイカスト", "亜鉛合金", "ザマック")),
    # technical ceramics before aluminium: "氧化铝" is alumina, "アルミナ" not "アルミ"
    (
        "technical_ceramics",
        (
            "氧化铝陶瓷",
            "氧化锆陶瓷",
            "精密陶瓷",
            "特种陶瓷",
            "工业陶瓷",
            "氧化铝",
            "氧化鋁",
            "氧化锆",
            "氧化鋯",
            "碳化硅",
            "碳化矽",
            "氮化硅",
            "氮化矽",
            "滑石瓷",
            "ファインセラミックス",
            "アルミナ",
            "ジルコニア",
            "炭化ケイ素",
            "炭化珪素",
            "窒化ケイ素",
            "窒化珪素",
        ),
    ),
    ("ceramics", ("陶瓷", "瓷器", "炻器", "陶器", "陶磁器", "磁器", "セラミックス", "セラミック")),
    ("aluminium", ("铝合金", "压铸铝", "铝", "鋁", "アルミニウム", "アルミ")),
    ("copper", ("紫铜", "铜", "銅")),
    # glass before steel: "钢化玻璃" is tempered glass, "玻璃钢" glass-fibre plastic
    ("glass_fibre", ("玻璃纤维", "玻璃钢", "ガラス繊維")),
    ("glass", ("钢化玻璃", "玻璃", "ガラス")),
    ("steel", ("碳钢", "冷轧钢", "钢", "鋼", "スチール", "鉄")),
    (
        "paper_cardboard",
        ("瓦楞纸板", "瓦楞纸", "纸板", "纸箱", "牛皮纸", "羊皮纸", "纸", "紙", "段ボール", "板紙"),
    ),
    ("tpe", ("热塑性弹性体", "熱可塑性エラストマー")),
    ("pu", ("聚氨酯", "ポリウレタン", "ウレタン")),
    ("ptfe", ("聚四氟乙烯", "铁氟龙", "特氟龙", "テフロン", "ふっ素樹脂", "フッ素樹脂")),
    ("rubber", ("硅胶", "硅橡胶", "橡胶", "シリコーンゴム", "シリコーン", "ゴム")),
    # Korean: rubber and silicone, cast iron, copper, steel (after stainless "스테인리스")
    ("rubber", ("고무", "실리콘")),
    ("cast_iron", ("주철",)),
    ("copper", ("구리",)),
    ("steel", ("강철",)),
    # textiles before nylon ("尼龙织带" is webbing) and artificial leather before leather
    (
        "textile",
        (
            "尼龙织带",
            "涤纶织带",
            "织带",
            "纺织品",
            "织物",
            "面料",
            "布料",
            "无纺布",
            "帆布",
            "牛津布",
            "涤纶",
            "纯棉",
            "全棉",
            "棉质",
            "棉布",
            "棉线",
            "羊毛",
            "毛毡",
            "人造革",
            "人造皮革",
            "合成革",
            "合成皮革",
            "織物",
            "不織布",
            "生地",
            "木綿",
            "綿",
            "コットン",
            "ポリエステル",
            "ウール",
            "フェルト",
            "人工皮革",
            "合皮",
            "フェイクレザー",
        ),
    ),
    ("leather", ("头层牛皮", "真皮", "皮革", "牛皮", "羊皮", "本革", "牛革", "レザー", "スエード")),
    (
        "pa12",
        ("尼龙12", "尼龙11", "聚酰胺12", "聚酰胺11", "ナイロン12", "ナイロン11", "ポリアミド12"),
    ),
    ("pa66", ("尼龙66", "聚酰胺66", "ナイロン66")),
    ("pa6", ("尼龙", "聚酰胺", "ナイロン", "ポリアミド")),
    ("pc", ("聚碳酸酯", "ポリカーボネート")),
    ("abs", ("ABS树脂", "ABS樹脂")),
    ("pp", ("聚丙烯", "ポリプロピレン")),
    # PET and PVC before PE: "ポリエチレンテレフタレート" is PET, not polyethylene
    ("pet", ("聚对苯二甲酸乙二醇酯", "ポリエチレンテレフタレート")),
    ("pvc", ("聚氯乙烯", "ポリ塩化ビニル", "塩化ビニル", "塩ビ")),
    ("pe_x", ("交联聚乙烯", "架橋ポリエチレン")),
    ("pe_lld", ("线性低密度聚乙烯", "直鎖状低密度ポリエチレン")),
    ("pe_ld", ("低密度聚乙烯", "低密度ポリエチレン")),
    ("pe_hd", ("高密度聚乙烯", "聚乙烯", "高密度ポリエチレン", "ポリエチレン")),
    ("pom", ("聚甲醛", "ポリアセタール")),
    ("pmma", ("亚克力", "有机玻璃", "アクリル")),
    ("wood", ("木材", "实木", "胶合板", "木製", "木")),
)

# Words near a Chinese or Japanese family word that make it not the article's material (a
# coating, a capacitor, a resin or a film), per family.
CJK_UNLESS: Final[dict[str, re.Pattern[str]]] = {
    "technical_ceramics": re.compile(r"涂层|塗層|涂覆|喷涂|コーティング|溶射|电容|コンデンサ"),
    "ceramics": re.compile(r"涂层|塗層|涂覆|喷涂|コーティング|溶射|电容|電容|コンデンサ"),
    "textile": re.compile(r"树脂|樹脂|薄膜|フィルム|塗料|涂料|粉末"),
}

# Material labels in Chinese and Japanese ("材料：", "材質：").
CJK_LABELS: Final = (
    *("材料", "材质", "材質", "素材", "原料", "本体材質", "外壳材质", "材料名称"),
    *("재질", "소재", "재료"),
)

# A zinc layer that is only ever put on iron or steel: galvanising, zinc plating, zinc flake.
# Named with no material anywhere else, the part is steel ("Tuerca M12 zincada", "verzinkt").
STEEL_COATINGS: Final = re.compile(
    # compounds too: "sendzimirverzinkt", "bandverzinkt" (not "unverzinkt")
    r"(?i)\b(?:galv\.?\s?|galvanisch\s+)?(?!un)\w*verzink\w*|\bverz\.(?!\w)"
    r"|\bgalvani[sz](?:ed|ing)\b|\bgalvanis[ée]\w*|\bgalvaniz(?:ad|at)\w*|\bgegalvaniseerd\b"
    r"|\bzincat[oaie]\b|\b[zc]incad[oa]s?\b|\bzingu[ée]\w*|\bzinc[\s-]+(?:plated|flake)\b"
    # a passivated zinc plating's colour: "Zinc Clear", "yellow zinc" (a fastener's finish)
    r"|\b(?:clear|yellow|blue)[\s-]+zinc\b|\bzinc[\s-]+(?:clear|yellow)\b"
    r"|\bzinkovan\w*|\bpozinkovan\w*|\bocynkowan\w*|\bförzinkad\w*|\bzincado\b|\btZn\b"
    # a fastener list's "vz" (verzinkt) after a size ("Bolzenanker 10 x 100 vz")
    r"|(?<=\d\s)(?-i:vz)\b"
)

# A seal, lining, insert or seat: its material is the article's main one only when the article
# is itself a seal ("O-ring 20 x 2 NBR"), never beside the body's ("Seals | NBR / PU").
SEAL_WORDS: Final = re.compile(
    r"(?i)dicht(?:ung|ring|element|lippe|scheibe)\w*|\bseal(?:s|ing)?\b|\bgaskets?\b"
    r"|\bo-?rings?\b|\bjoints?\s+(?:torique|d'étanchéité)|guarnizion\w*|\bjuntas?\b"
    r"|afdichting\w*|\bpakking\w*|uszczel\w*|těsn\w*|packning\w*|tätning\w*|\bveda[çc]\w*"
    r"|\blin(?:ing|ed)\b|auskleid\w*|einlage\w*|\binserts?\b|\binlays?\b|\bvalve\s+seats?\b"
    r"|\bseat\s+rings?\b|ventilsitz\w*|sitzring\w*|\bbushings?\b|\binsert[oi]s?\b"
    # a tap's cartridge, a tool's or pen's soft grip: parts inside or on the body
    r"|\bcartridges?\b|\bkartusche\w*|\bcartuch[oa]s?\b|\bcartouches?\b|\bcartucc[ei]a\b"
    r"|\bgrips?\b|\bsoft[\s-]?grip\w*|\bgriffzone\w*|\bimpugnatur[ae]\b|\bempuñadur[ae]s?\b"
    # the core a roll of film, tape or paper is wound on ("cardboard core", "Mandril de cartón",
    # "Papphülse"): a part inside the roll
    r"|\b(?:cardboard|paper|card|carton|karton|papp|pappe|kraft)[\s-]+(?:cores?|tubes?)\b"
    r"|\bcores?\s+(?:of|in|made\s+of)\s+(?:cardboard|paper)|\bmandril(?:es)?\b"
    r"|\bmandrins?\b|\bmandrin[oi]\b|\bwickelkern\w*|\bwickelhülse\w*|\bpapphülse\w*"
    r"|\bkartonhülse\w*|\bkartonkern\w*|\banima\s+(?:in\s+)?cartone\b|\bhylsa\b|\bhylsor\b"
    # a conductor's insulation: the copper leads unless a copper share says otherwise
    r"|\binsulation\b|\bIsolierung\b|\baislamiento\b|\bisolant\b|\bisolamento\b|\bizolac\w*"
    r"|\bisolatie\b"
)

# What an article name has besides its body: "… with rubber lining", "mit Aluminium-Ösen",
# "con goma", "avec poignée bois", "（木蓋付き）", "（含方钢）". A material named there is an
# accessory's, not the article's own.
ACCESSORY: Final = re.compile(
    r"(?i)\b(?:with|w/|incl\.?|including|plus|mit|inkl\.?|inklusive|samt|avec|con|com|met|med"
    # what the article is wound on or set in: "… one roll on its cardboard core"
    r"|on\s+(?:its|a|an)|auf\s+(?:seine[mr]?|eine[mr]?)|sur\s+(?:son|sa|un|une)"
    r"|su\s+(?:un|una|uno)|sobre\s+(?:su|un|una)"
    r")\s[^,;()（）]*"
    r"|[（(][^)）]*(?:付き|付|含|带|帶|附)[^)）]*[)）]"
)

# Words after a material that make it a look, not a material ("Edelstahl-Optik", "inox look").
LOOK_AFTER: Final = re.compile(r"(?i)^[\s-]?(?:optik|look|effe[ck]t|imitat)")

# A plating metal named by its bare word ("satin nickel", "nickel satiné", "zinc-nickel",
# "verchromt" aside): in an article name it is the finish, not the body's material.
FINISH_METALS: Final = re.compile(
    r"(?i)^(?:nickel|nikkel|nikiel|nikl|níquel|nichel|nikkeli|nikkel|никель|νικέλιο"
    r"|zinc|zink|zinco|cynk|zinek|sinkki|çinko|цинк|ψευδάργυρος"
    r"|tin|zinn|étain|stagno|estaño|tin|cyna|estanho|tenn|tina|cín|kalay|олово|κασσίτερος"
    r"|chrom\w*|chrome|cromo|krom\w*)$"
)

# Finish words that make a bare plating metal a surface ("satin nickel", "nickel brossé",
# "cromo satinato", a zinc plating's "Zinc Clear"), in every language of the documents.
FINISH_WORDS: Final = re.compile(
    r"(?i)\b(?:satin\w*|brushed|matt?e?|polished|bright|pearl|clear|yellow|satiniert\w*|gebürstet\w*"
    r"|poliert\w*|glanz\w*|satiné\w*|brossé\w*|poli\b|brillant\w*|satinat\w*|spazzolat\w*"
    r"|opac\w*|lucid\w*|satinad\w*|cepillad\w*|pulid\w*|geborsteld|gesatineerd|gepolijst"
    r"|satynow\w*|szczotkow\w*|polerow\w*|acetinad\w*|escovad\w*|borstad|satinerad|poler\w*"
    r"|børstet|harjattu|kiillotettu|kartáčovan\w*|leštěn\w*|saténov\w*|fırçalanmış|saten"
    r"|szálcsiszolt|periat\w*|матов\w*|шлифован\w*|σατινέ|βουρτσισμέν\w*)\b"
)

# What the article is fitted to or made for ("hinge for glass doors", "cerniera per ante in
# vetro", "Halter für Glasscheiben", "collier pour tubes en PVC"): the counterpart's material.
_FOR = r"(?:for|für|pour|per|para|voor|för|til|dla|do|pro|pentru|için|для|για)"
_COUNTERPART = (
    r"(?:doors?|ante|anta|port[ae]s?|türen|tür|puertas?|deuren|deur|drzwi|dörr\w*|dør\w*|ov[ei]"
    r"|dveř\w*|kapı\w*|ajt[óa]\w*|uș\w*|двер\w*|πόρτ\w*|panels?|pannell[oi]|paneel\w*|panneaux?"
    r"|paneles?|platten|scheiben|vitrines?|vetrin\w*|shelf|shelves|regal\w*|ripian\w*|étagères?"
    r"|baldas?|pipes?|tubes?|tub[oi]|tubos?|rohre?|tuyaux?|tuber[ií]as?|buizen|rur\w*|rör"
    r"|profiles?|profil\w*|sheets?|bleche?|tôles?|lamier\w*|chapas?|boards?|tavol[ae]|planches?"
    # a boat's hull (sacrificial anodes, fenders): "per carene in acciaio", "for steel hulls"
    r"|hulls?|caren[ae]|scaf[oi]|rümpfe|rumpf|coques?|cascos?|rompen|skrov\w*)"
)
_ART = r"(?:(?:the|die|den|das|les?|la|l['’]|i|gli|las|los|de|het|o|os|as)\s*)?"
FOR_A_COUNTERPART: Final = (
    # the counterpart before the material: "per ante in vetro", "pour tubes en PVC"
    re.compile(
        rf"(?i)\b{_FOR}\s+{_ART}{_COUNTERPART}\s+"
        r"(?:(?:in|di|da|de|en|aus|of|z|ze|från|av|af|em|из|από)\s+)?$"
    ),
    # a bare "for" before it and the counterpart after: "for glass doors", "für Glas-Türen"
    re.compile(rf"(?i)\b{_FOR}\s+{_ART}$"),
    re.compile(rf"(?i)^[\s-]*{_COUNTERPART}\b"),
)

# A variant the article is not: "stainless version on request", "auf Anfrage in Edelstahl",
# "Altre finiture (inox A2, A4)", "also available in brass".
OTHER_VARIANT_AFTER: Final = re.compile(
    r"(?i)^[^.;|]{0,25}?\b(?:version|ausführung|variante|exécution|versione|versión|uitvoering"
    r"|wersj\w*|versão|utförande|udførelse|provedení)?\s*(?:on\s+request|upon\s+request"
    r"|auf\s+anfrage|sur\s+demande|su\s+richiesta|a\s+richiesta|bajo\s+pedido|a\s+pedido"
    r"|sob\s+consulta|op\s+aanvraag|na\s+(?:zamówienie|życzenie|vyžádání|objednávku)"
    r"|på\s+(?:begäran|forespørgsel|forespørsel)|pyynnöstä|talep\s+üzerine|на\s+заказ"
    r"|κατόπιν"
    # sold apart: "Gummiauflage separat bestellen", "cushion sold separately"
    r"|separat\w*|separately|séparément|separatamente|por\s+separado|em\s+separado"
    r"|apart\s+(?:te\s+)?(?:bestellen|verkrijgbaar|leverbaar)|osobno|zvlášť|erikseen|ayrıca"
    r"|külön|отдельно|ξεχωριστά)"
)
OTHER_VARIANT_BEFORE: Final = re.compile(
    r"(?i)(?:other|altre|andere|autres|otr[oa]s|outr[oa]s|andra|andre|inne|jiné|muut)\s+"
    r"(?:finish\w*|finitur\w*|ausführung\w*|oberfläch\w*|finitions?|acabados?|afwerking\w*"
    r"|version\w*|varianten?|variantes?|materials?|werkstoff\w*|matériaux|materiali|materiales)"
    r"|also\s+available|auch\s+(?:erhältlich|lieferbar)|aussi\s+disponible|disponible\s+aussi"
    r"|disponibil[ei]\s+anche|también\s+disponible|ook\s+leverbaar|również\s+dostępn\w*"
    r"|även\s+i|også\s+i|také\s+v"
)

# The polymers a fabric is woven of, and the textile words that say only "a fabric": named
# beside such a polymer, the fabric is that polymer's ("Fabric | 100 % polyester").
FIBRE_POLYMERS: Final = frozenset({"pet", "pa6", "pa66", "pp"})
TEXTILE_GENERIC: Final = re.compile(
    r"(?i)textil\w*|textiel\w*|têxte?is|têxtil|tessil\w*|tekstyl\w*|fabrics?|Gewebe\w*"
    r"|Mischgewebe|Netzgewebe|tissus?|tessut[oi]|tejidos?|weefsel\w*|tkanin\w*|tecidos?"
    r"|tyg(?:et|er|erna)?|non[\s-]?wovens?|Vlies\w*|non[\s-]?tissés?|webbing|Gurtband\w*"
    r"|spunbond\w*|fleece|microfib(?:re|er|ra)s?|Mikrofaser\w*"
)

# Bar and section stock named by its shape ("Rundstahl Ø45", "Flachstahl", "round steel
# bar"): the form, not the grade; a stainless grade the document states is the steel's.
STEEL_FORMS: Final = re.compile(
    r"(?i)(?:rund|flach|vierkant|sechskant|blank|profil|band|winkel|breitflach|quadrat)stahl\w*"
    r"|(?:rund|flad|fir?kant|platt)stål|rondstaal|platstaal"
)

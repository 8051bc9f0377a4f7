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

__all__ = ["CJK_LABELS", "CJK_WORDS", "RULES", "Rule"]

_I = re.IGNORECASE
_GF = r"(?:[\s\-]*(?:GF|GV)\s?-?(?P<gf>\d{1,2})(?!\d))?"


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    pattern: re.Pattern[str]
    needs_context: bool = False  # short codes that are other words elsewhere
    coating: bool = False  # "zinc plated", "vernickelt": a surface, not the material
    packaging: bool = False  # "Karton", "PE-Beutel": usually the packaging


def _r(code: str, pattern: str, flags: int = 0, **kw: bool) -> Rule:
    return Rule(code, re.compile(pattern, flags), **kw)


RULES: Final[tuple[Rule, ...]] = (
    # stainless before steel
    _r(
        "stainless_steel",
        r"\bEdelstahl\w*|\bnichtrostende[rnms]?\s+Stahl\w*|\brostfreie[rnms]?\s+Stahl\w*"
        r"|\bstainless(?:\s+steel)?\b|\bInox\b|\bNirosta\b|\bV[24]A\b|\bacier\s+inoxydable"
        r"|\bacciaio\s+ino(?:x|ssidabil)\w*|\bacero\s+inoxidable|\broestvrij\s+staal|\bRVS\b"
        r"|\bstal\w*\s+nierdzewn\w*|\bnierdzewn\w*|\brostfri\w*(?:\s+stål)?|\baço\s+inox\w*"
        r"|\bnerez\w*|\binossidabil\w*|\binox[iy]dable\b|\broestvast\w*(?:\s+staal)?",
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
    # copper alloys before copper
    _r(
        "brass",
        r"\bCuZn\d+(?:[A-Z][a-z]?\d*(?:[.,]\d+)?)*\b|\bCW6\d\d[NR]\b|\bMS\s?5[89]\b|\bMs\s?(?:5[89]|6[0-3])\b"
        r"|\bMessing\w*|\bbrass\b|\blaiton\b|\bottone\b|\blatón\b|\bmosiądz\w*|\bmässing\b"
        r"|\blatão\b|\bmosaz\w*",
        0,
    ),
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
        r"\bEN-?GJ[LSMV]\w*(?:-\d+(?:-\d+)?)?|\bGJ[LS]-?\d+\b|\bGGG?-?\d{2}\b|\bGrauguss\w*"
        r"|\bGusseisen\w*|\bSphäroguss\w*|\bTemperguss\w*|\bcast[\s-]iron\b|\bductile\s+iron\b"
        r"|\bgr[ae]y\s+iron\b|\bnodular\s+iron\b|\bfonte\b|\bghisa\b|\bhierro\s+fundido\b"
        r"|\bfundición\b|\bgietijzer\b|\bżeliw\w*|\bferro\s+fundido\b|\blitin\w*|\bgjutjärn\b",
        _I,
    ),
    _r("cast_iron", r"\b0\.[67]\d{3}\b(?![.,]\d)", needs_context=True),
    _r(
        "zinc",
        r"\bZAMA[KC]\s?\d*|\bZn-?Druckguss\w*|\bZink-?[Dd]ruckguss\w*|\bGD-?Zn\w*|\bZnAl\d+\w*"
        r"|\bZP\s?0?\d{3,4}\b|\bzinc\s+die[\s-]?cast\w*|\bdie[\s-]?cast\s+zinc\b|\bzinc\s+alloy\b"
        r"|\bZinklegierung\w*|\bZinkguss\b",
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
    _r("aluminium", r"\b3\.[0-4]\d{3}\b(?![.,]\d)", needs_context=True),
    # steel
    _r(
        "steel",
        r"\bS(?:185|235|275|355|420|460|500|550|690)(?:[A-Z]{1,3}\d?)*\b|\bS\d{3}GD\b"
        r"|\b\d{2,3}(?:Cr|Mn|Ni|Mo|Si|V|B|S)(?:[A-Z][a-z]?)*\d+(?:-\d+)?\b"
        r"|\bSCM\s?4[1-4]\d\b|\bSS\s?400\b|\bS[1-5]\dC\b|\bSPC[CDE]\b|\bSUJ2\b"
        r"|\bDC0[1-7]\b|\bDD1[1-4]\b|\bDX5[1-7]D?\b|\bR?St\s?(?:37|44|52)(?:-\d)?\b|\bETG\s?100\b"
        r"|\bC(?:10|15|22|35|45|60)(?:E|R)?(?:\+[A-Z]+)\b|\bC(?:10|15|22|35|45|60)E\b",
    ),
    _r("steel", r"\bC(?:10|15|22|35|45|60)\b", needs_context=True),
    _r("steel", r"\b1\.[0-35-8]\d{3}\b(?![.,]\d|\s*(?:mm|kg|g|%))", needs_context=True),
    _r(
        "steel",
        r"(?<![Ee]del)(?<![Ee]del-)\b\w*stahl\w*|\bsteel\b|\bacier\b|\bacciaio\b|\bacero\b"
        r"|\bstaal\b|\bstal\b|\bstali\b|\bStahlguss\b|\bstål\b|\baço\b|\bocel\w*",
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
    _r("copper", r"\b2\.0[01]\d\d\b(?![.,]\d)", needs_context=True),
    _r("tin", r"\bZinn\b|\bétain\b|\bstagno\b|\bestaño\b", _I, coating=True),
    # polymers (codes are case-sensitive)
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
    _r("pet", rf"\bPET(?:-?G)?(?![\w]){_GF}|\bPolyethylenterephthalat\w*"),
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
    _r("pvc", r"\bPVC(?:-?[UP])?(?![\w])|\bPolyvinylchlorid\w*|\bpolyvinyl\s+chloride\b"),
    _r(
        "pvc",
        r"\bpol[iy]vin[iy]l(?!iden)\w*?[\s-]*(?:chlor|klor|clor)\w*|\bpolychlorure\s+de\s+vinyle\b"
        r"|\bcloruro\s+di\s+polivinile\b|\bpolicloruro\s+de\s+vinilo\b"
        r"|\bpolichlorek\s+winylu\b|\bpolicloreto\s+de\s+vinila\b",
        _I,
    ),
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
    _r("pe_ld", r"\bPE-?L?LD\b|\bL?LDPE\b|\bPELD\b", 0, packaging=True),
    _r(
        "pe_hd",
        r"\bPolyethylen\w*|\bpolyethylene\b|\bpol[iy](?:[eé]th?[iy]l|eth?)(?:[eè]|ee)n\w*",
        _I,
        packaging=True,
    ),
    _r("pe_hd", r"\bPE(?![\w-])", needs_context=True, packaging=True),
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
    _r("rubber", r"\b(?:EPDM|H?NBR|FKM|FPM|FFKM|VMQ|MVQ|SBR|TPE(?:-[A-Z])?|TPV|ACM|IIR)\b"),
    _r("rubber", r"\b(?:NR|CR)\b", needs_context=True),
    _r(
        "rubber",
        r"\bSilikon\w*|\bsilicone\b|\bViton\b|\bGummi\w*|\brubber\b|\bKautschuk\w*|\bNeopren\w*"
        r"|\bcaoutchouc\b|\bgomma\b|\bcaucho\b|\bgoma\b|\bguma\b|\bborracha\b|\bpryž\w*"
        r"|\bsilicona\b|\bsiliconen\b|\belastomer\w*",
        _I,
    ),
    # other materials
    _r(
        "glass_fibre",
        r"\bGlasfaser\w*|\bglass[\s-]fib(?:re|er)s?\b|\bGFK\b|\bGRP\b|\bfib(?:re|er)glass\b",
        _I,
    ),
    _r(
        "wood",
        r"\b(?!\w*(?:schraube|bohrer|leim))\w*[Hh]olz(?!schraube|bohrer|leim)\w*|\bwood(?:en)?\b"
        r"(?!\s+screws?)|\bplywood\b|\bBuche\w*|\bbeech\b|\bEiche\w*|\boak\b|\bpine\b|\bspruce\b"
        r"|\bbirch\b|\bMDF\b|\bHDF\b|\bOSB\b|\bSpanplatte\w*|\bparticle\s?board\b|\bMultiplex\b"
        r"|\bbois\b|\blegno\b|\bmadera\b|\bhout\b|\bdrewn\w*|\bbamboo\b|\bBambus\w*"
        r"|\bcontreplaqu[ée]\w*|\bcontrachapad\w*|\bsklejk\w*|\bmadeira\b|\bträ\b|\bdřev\w*"
        r"|\bpřekližk\w*",
        _I,
        packaging=True,
    ),
    _r(
        "paper_cardboard",
        r"\bKarton\w*|\b\w+karton\b|\bWellpappe\w*|\b\w+pappe\b|\bPappe\b|\bcardboard\b|\bcorrugated\s+board\b|\bpaperboard\b"
        r"|\bPapier\w*|\bpaper\b|\bcarton(?:board)?\b|\bcarta\b|\bcartón\b|\bcartone\b|\bpapel\b"
        r"|\btektur\w*|\bpapel[ãa]o\b|\bcartão\b(?!\s+(?:de\s+)?(?:crédito|memória|SD|SIM))"
        r"|\bwellpapp\w*|\bpapper\w*|\blepenk\w*|\bpapír\w*",
        _I,
        packaging=True,
    ),
    _r(
        "glass",
        r"\bGlas\b|\bglass\b(?![\s-]*(?:fib|fab|bead|fill|reinf|kugel))|\bBorosilikat\w*"
        r"|\bborosilicate\b|\bSicherheitsglas\b|\bFloatglas\b|\bEinscheibensicherheitsglas\b"
        r"|\btempered\s+glass\b|\bverre\b|\bvetro\b|\bvidrio\b|\bvidro\b|\bszkł\w*|\bsklo\b"
        r"|\bsklen\w*|\bESG\b",
        _I,
    ),
    _r(
        "electronics",
        r"\bPCBA?\b|\bLeiterplatte\w*|\bprinted\s+circuit\s+boards?\b|\bcircuit\s+boards?\b"
        r"|\belectronic\s+components?\b|\belektronische[n]?\s+(?:Bauteile|Komponenten|Baugruppe)"
        r"|\bElektronikbaugruppe\w*|\bFR-?4\b|\bPlatine\b|\bSMD\b|\bmicrocontroller\b",
        _I,
    ),
)


# Family words in Chinese and Japanese, most specific first ("不锈钢" before "钢").
CJK_WORDS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("stainless_steel", ("不锈钢", "不鏽鋼", "ステンレス鋼", "ステンレス")),
    ("cast_iron", ("球墨铸铁", "灰铸铁", "铸铁", "鑄鐵", "鋳鉄")),
    ("brass", ("黄铜", "黃銅", "真鍮", "黄銅")),
    ("bronze", ("青铜", "青銅")),
    ("zinc", ("锌合金", "压铸锌", "锌压铸", "亜鉛ダイカスト", "亜鉛合金", "ザマック")),
    ("aluminium", ("铝合金", "压铸铝", "铝", "鋁", "アルミニウム", "アルミ")),
    ("copper", ("紫铜", "铜", "銅")),
    # glass before steel: "钢化玻璃" is tempered glass, "玻璃钢" glass-fibre plastic
    ("glass_fibre", ("玻璃纤维", "玻璃钢", "ガラス繊維")),
    ("glass", ("钢化玻璃", "玻璃", "ガラス")),
    ("steel", ("碳钢", "冷轧钢", "钢", "鋼", "スチール", "鉄")),
    (
        "paper_cardboard",
        ("瓦楞纸板", "瓦楞纸", "纸板", "纸箱", "牛皮纸", "纸", "紙", "段ボール", "板紙"),
    ),
    ("rubber", ("硅胶", "硅橡胶", "橡胶", "シリコーンゴム", "シリコーン", "ゴム")),
    ("pa66", ("尼龙66", "聚酰胺66", "ナイロン66")),
    ("pa6", ("尼龙", "聚酰胺", "ナイロン", "ポリアミド")),
    ("pc", ("聚碳酸酯", "ポリカーボネート")),
    ("abs", ("ABS树脂", "ABS樹脂")),
    ("pp", ("聚丙烯", "ポリプロピレン")),
    # PET and PVC before PE: "ポリエチレンテレフタレート" is PET, not polyethylene
    ("pet", ("聚对苯二甲酸乙二醇酯", "ポリエチレンテレフタレート")),
    ("pvc", ("聚氯乙烯", "ポリ塩化ビニル", "塩化ビニル", "塩ビ")),
    ("pe_ld", ("低密度聚乙烯", "低密度ポリエチレン")),
    ("pe_hd", ("高密度聚乙烯", "聚乙烯", "高密度ポリエチレン", "ポリエチレン")),
    ("pom", ("聚甲醛", "ポリアセタール")),
    ("pmma", ("亚克力", "有机玻璃", "アクリル")),
    ("wood", ("木材", "实木", "胶合板", "木製", "木")),
)

# Material labels in Chinese and Japanese ("材料：", "材質：").
CJK_LABELS: Final = ("材料", "材质", "材質", "素材", "原料", "本体材質", "外壳材质", "材料名称")

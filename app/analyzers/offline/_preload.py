"""Imported once by the parser workers' forkserver (see app/main.py), after the rules.

The rules build most of their compiled patterns on first use, so that importing them stays
cheap; the first analysis in a fresh process pays ~0.2 s for it. One small analysis per
language here builds them in the forkserver, and every forked worker inherits them warm.
"""

from app.analyzers.base import AnalysisRequest
from app.analyzers.offline import analyze_sync
from app.extraction.document import ExtractedDocument, Section, Table

_SAMPLES = (
    "Technical data\nNet weight: 1.2 kg (2.6 lbs)\nGross weight: 1.5 kg\nMaterial: steel S235JR,"
    " zinc plated\nPacking: box of 100 pcs\nMax. load: 50 kg\nWeight per metre: 0.4 kg/m",
    "Technische Daten\nGewicht: 1,8 kg\nWerkstoff: Aluminium EN AW-6060, eloxiert\n"
    "Verpackung: Karton mit 10 Stück, Versandgewicht 20 kg\nGummidichtung EPDM",
    "Caractéristiques\nPoids net : 2,4 kg\nMatière : acier inoxydable 1.4301, joint caoutchouc\n"
    "Conditionnement : carton de 50 pièces",
    "Dati tecnici\nPeso netto: 350 g\nMateriale: ottone CW617N, nichelato\nConfezione da 20 pz",
    "Datos técnicos\nPeso: 0,85 kg\nMaterial: polipropileno PP, cartón ondulado\nCaja de 12 uds",
    "技术参数\n净重：0.35 kg\n毛重：0.5 kg\n材质：不锈钢 SUS304\n包装：100个/箱\n質量：120 g",
)


def warm_up() -> None:
    """Analyse the samples once (their answers are not used)."""
    table = Table("text", ("Type", "Weight (kg)", "Material"), (("A-100", "1,2", "PA66 GF30"),))
    for text in _SAMPLES:
        doc = ExtractedDocument(
            role="specification",
            format="text",
            media_type="text/plain",
            sections=[Section("", text)],
            tables=[table],
        )
        analyze_sync(AnalysisRequest("Bracket A-100", None, doc, None, ()))


warm_up()

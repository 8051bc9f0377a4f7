"""The fourteenth pass's causes of an abstention on mails and reports, each with its counterpart.

Every row is a short invented document run through extraction and the offline analysis as an
upload is. The causes: a correction written "not X but Y" ("nicht 3,1 kg, sondern 2,9 kg", "ei
ole … vaan …"), whose Y is the corrected weight; a hard-wrapped mail sentence whose weight word
is on the line above; an aside in brackets between the article and its weighing verb ("the
spring (force 300 N) weighs"), read as whose weight it is; a mail's salutation ("Bom dia,")
read as a section heading ("bom", a bill of materials); a Korean shop's packed weight
("포장 무게") read as the product's; "Vaegt" (Danish "vægt" without its letter) unread; a pack
counted in the plural ("pacotes de 5 unidades") or named as a packet ("pacote", "pacchetto");
a pack's size ("Bolsas de papel 200 x 300 mm") read as its count; a report's mean in grams
under a header with a force column read as the force's; a carton's weight whose label counts
its rolls ("Carton: 36 rolls") read as one roll's; the door weight two hinges carry read as
two hinges' weight; the net total of a delivery note of one article line ("Quantita: 16
pezzi") left undivided. Each rule must not fire where the figure is not the article's.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from tests.analyzers.offline_support import assert_weight

# (file name, document, article name, the weight in grams, or None for "not sure")
CASES = [
    # "not X but Y": Y is the corrected weight, X the one it replaces
    (
        "mail.txt",
        "Subject: RE: weight\nHello,\nsorry, my previous mail had an error: the cutting disc 125 mm weighs not 0.31 kg but 0.13 kg.\nRegards\n",
        "Cutting disc 125 mm",
        130,
    ),
    (
        "mail.txt",
        "Betreff: AW: Gewicht\nHallo,\nin meiner Mail war ein Fehler: die Trennscheibe 125 mm wiegt nicht 310 g, sondern 130 g.\nGruss\n",
        "Trennscheibe 125 mm",
        130,
    ),
    (
        "mail.txt",
        "Objet : RE: poids\nBonjour,\nerreur dans mon message : le disque 125 mm ne pèse pas 310 g mais 130 g.\nCordialement\n",
        "Disque 125 mm",
        130,
    ),
    (
        "mail.txt",
        "Oggetto: R: peso\nBuongiorno,\nc'era un errore: il peso del disco 125 mm non è 310 g ma 130 g.\nSaluti\n",
        "Disco 125 mm",
        130,
    ),
    (
        "mail.txt",
        "Asunto: RE: peso\nHola,\nhubo un error: el peso del disco 125 mm no es 310 g sino 130 g.\nSaludos\n",
        "Disco 125 mm",
        130,
    ),
    (
        "mail.txt",
        "Aihe: VS: paino\nHei,\nviestissäni oli virhe: laikan 125 mm paino ei ole 0,31 kg\nvaan 0,13 kg. Pahoittelen.\nTerveisin\n",
        "Laikka 125 mm",
        130,
    ),
    # counterpart: an error with no correction leaves nothing to take, and "X but Y" with no
    # negation corrects nothing
    (
        "mail.txt",
        "Subject: RE: weight\nHello,\nmy previous mail had an error: the cutting disc 125 mm weight is not 0.31 kg.\nRegards\n",
        "Cutting disc 125 mm",
        None,
    ),
    (
        "sheet.txt",
        "Cutting disc 125 mm\nWeight 0.31 kg but 0.13 kg without the flange\n",
        "Cutting disc 125 mm",
        None,
    ),
    # a hard-wrapped sentence: its weight word is on the line above
    (
        "mail.txt",
        "Subject: RE: clamp weight\nHi,\nthe data sheet is outdated. The correct net weight of the clamp KS-20 (with the\nthumb screw) is 0.42 kg. We will update the sheet.\nBest regards\n",
        "Clamp KS-20",
        420,
    ),
    (
        "mail.txt",
        "Betreff: AW: Gewicht\nHallo,\ndas Nettogewicht der Schelle KS-20 mit der Flügelschraube\nbeträgt 0,42 kg. Das Datenblatt ändern wir.\nGruss\n",
        "Schelle KS-20",
        420,
    ),
    # counterpart: the line above ends its sentence, the next one starts its own
    (
        "mail.txt",
        "Subject: RE: clamp\nHi,\nthe clamp KS-20 has a new thumb screw and a new weight.\nThe carton of the clamp weighs 9.6 kg.\nBest regards\n",
        "Clamp KS-20",
        None,
    ),
    # an aside in brackets before the weighing verb describes the article, not the figure
    (
        "mail.txt",
        "Oggetto: R: molla MG-500\nBuongiorno,\nla molla a gas MG-500 (forza 500 N, corsa 200 mm) ha un peso di circa 260 g.\nSaluti\n",
        "Molla a gas MG-500",
        260,
    ),
    (
        "mail.txt",
        "Betreff: AW: Gewicht Klappe\nHallo,\ndie Klappe RK 250 (Gehäuse und Blatt Stahl verzinkt) wiegt ca. 1,8 kg.\nGruss\n",
        "Klappe RK 250",
        1800,
    ),
    (
        "mail.txt",
        "Subject: RE: weight\nHi,\nthe gas spring GS-500 (force 500 N, stroke 200 mm) weighs about 260 g.\nRegards\n",
        "Gas spring GS-500",
        260,
    ),
    # counterpart: the component is named outside the brackets, so it is still a component's
    (
        "mail.txt",
        "Betreff: AW: Gewicht\nHallo,\nder Motor (für die Klappe RK 250) wiegt 0,9 kg.\nGruss\n",
        "Klappe RK 250",
        None,
    ),
    # a salutation is no heading; a packet counted in the plural
    (
        "mail.txt",
        "Assunto: Re: peso das brocas\nBom dia,\nas brocas HSS 6 mm sao vendidas em pacotes de 10 unidades.\nO peso do pacote e de 80 g.\nCumprimentos\n",
        "Broca HSS 6 mm",
        8,
    ),
    (
        "mail.txt",
        "Oggetto: peso punte\nBuongiorno,\nle punte HSS 6 mm: confezione da 10 pezzi.\nIl peso del pacchetto è di 80 g.\nSaluti\n",
        "Punta HSS 6 mm",
        8,
    ),
    # counterpart: a packet's weight with no count of its pieces
    (
        "mail.txt",
        "Assunto: Re: peso das brocas\nBom dia,\nO peso do pacote e de 80 g.\nCumprimentos\n",
        "Broca HSS 6 mm",
        None,
    ),
    # a Korean shop's packed weight ("포장 무게") beside the product's
    (
        "shop.html",
        "<html><body><h1>LED 주방등 30W</h1><ul><li>무게: 0.9kg</li><li>포장 무게: 1.3kg</li></ul></body></html>",
        "LED 주방등 30W",
        900,
    ),
    # counterpart: the packed weight alone is not the product's
    (
        "shop.html",
        "<html><body><h1>LED 주방등 30W</h1><ul><li>포장 무게: 1.3kg</li></ul></body></html>",
        "LED 주방등 30W",
        None,
    ),
    # Danish and Norwegian letters written without them ("Vaegt", "Bruttovaegt", "Nettovaegt")
    ("sheet.txt", "Afbryder 1-pol, hvid\nVaegt: 82 g\nBruttovaegt 101 g\n", "Afbryder 1-pol", 82),
    ("sheet.txt", "Bryter 1-pol, hvit\nNettovekt: 82 g\nBruttovekt 101 g\n", "Bryter 1-pol", 82),
    # counterpart: the gross weight alone is not the article's
    ("sheet.txt", "Afbryder 1-pol, hvid\nBruttovaegt 101 g\n", "Afbryder 1-pol", None),
    # a figure in a mass unit under a header row is the mass column's, not the force's
    (
        "report.txt",
        "PRUEFBERICHT 12/26\nTeil: Zugfeder ZF 0,8 x 6 x 40\nStichprobe: 3 Stueck\n\nProbe   Laenge (mm)   Federkraft bei 10 mm (N)   Masse (g)\n1       40,1          12,4                        1,21\n2       40,0          12,6                        1,23\n3       39,9          12,5                        1,22\nMittelwert 1,22 g\n",
        "Zugfeder ZF 0,8 x 6 x 40",
        1.22,
    ),
    (
        "report.txt",
        "TEST REPORT 12/26\nPart: extension spring ES-8\nSamples: 3 pcs\n\nSample   Length (mm)   Spring force at 10 mm (N)   Mass (g)\n1        40.1          12.4                        1.21\n2        40.0          12.6                        1.23\n3        39.9          12.5                        1.22\nMean 1.22 g\n",
        "Extension spring ES-8",
        1.22,
    ),
    # counterpart: a row lined up with its header keeps its own column ("Max. load")
    (
        "list.csv",
        "Type,Weight,Max. load\nB-10,0.9 kg,20 kg\nB-20,1.4 kg,40 kg\n",
        "Clamp B-20",
        1400,
    ),
    # counterpart: a header with no mass column leaves a test load a test load
    (
        "report.txt",
        "PRUEFBERICHT 12/26\nTeil: Zugfeder ZF 0,8 x 6 x 40\n\nProbe   Laenge (mm)   Federkraft bei 10 mm (N)   Prüflast (kg)\n1       40,1          12,4                        5,0\n2       40,0          12,6                        5,0\nMittelwert 5,0 kg\n",
        "Zugfeder ZF 0,8 x 6 x 40",
        None,
    ),
    # a label that counts the pieces ("Carton: 36 rolls") weighs that many, not one of them
    (
        "sheet.md",
        "# Transfer ribbon resin, 60 mm x 450 m\n\n- Weight per roll 0.21 kg\n- Carton: 36 rolls, 8.1 kg\n",
        "Transfer ribbon resin 60 mm x 450 m",
        210,
    ),
    (
        "sheet.md",
        "# Transfer ribbon resin, 60 mm x 450 m\n\n- Carton: 36 rolls, 7.2 kg\n",
        "Transfer ribbon resin 60 mm x 450 m",
        200,
    ),
    # counterpart: no count, no division
    (
        "sheet.md",
        "# Transfer ribbon resin, 60 mm x 450 m\n\n- Carton: rolls, 7.2 kg\n",
        "Transfer ribbon resin 60 mm x 450 m",
        None,
    ),
    # "door weight per 2 hinges": what so many of the article carry, not their weight
    (
        "sheet.txt",
        "Cup hinge CH-40\nDoor weight per 2 hinges up to 6 kg.\nWeight per 100 pcs: 8.1 kg\n",
        "Cup hinge CH-40",
        81,
    ),
    (
        "sheet.txt",
        "Topfscharnier TS-35, 110 Grad\nTürgewicht je 2 Scharniere bis 6 kg.\nGewicht je 100 Stück: 8,1 kg\n",
        "Topfscharnier TS-35",
        81,
    ),
    (
        "sheet.txt",
        "Charnière invisible CI-35\nPoids de la porte pour 2 charnières jusqu'à 6 kg.\nPoids pour 100 pièces : 8,1 kg\n",
        "Charnière invisible CI-35",
        81,
    ),
    (
        "sheet.txt",
        "Cerniera a scomparsa CS-35\nPeso della porta per 2 cerniere fino a 6 kg.\nPeso per 100 pezzi: 8,1 kg\n",
        "Cerniera a scomparsa CS-35",
        81,
    ),
    (
        "sheet.txt",
        "Bisagra cazoleta BC-35\nPeso de la puerta por 2 bisagras hasta 6 kg.\nPeso por 100 piezas: 8,1 kg\n",
        "Bisagra cazoleta BC-35",
        81,
    ),
    (
        "sheet.txt",
        "Cup hinge CH-40\nDoor weight per 2 hinges up to 6 kg.\n",
        "Cup hinge CH-40",
        None,
    ),
    # counterpart: the article's own noun weighed per hundred is its weight
    (
        "sheet.txt",
        "Hex screw M8 x 20\nScrew weight per 100 screws: 1.2 kg\n",
        "Hex screw M8 x 20",
        12,
    ),
    # a delivery note of one article line: its net total shared by the pieces it counts
    (
        "ddt.txt",
        "DOCUMENTO DI TRASPORTO N. 77/26\nDestinatario: Officine Bianchi\nDescrizione merce: FLANGIA FL-80 GHISA\nQuantita: 20 pezzi\nPeso netto totale 96 kg\nPeso lordo (con pallet) 121 kg\n",
        "Flangia FL-80 ghisa",
        4800,
    ),
    (
        "dn.txt",
        "DELIVERY NOTE DN-5512\nConsignee: Acme Works\nGoods: FLANGE FL-80 CAST IRON\nQty: 20 pcs\nTotal net weight 96 kg\nTotal gross weight 121 kg\n",
        "Flange FL-80 cast iron",
        4800,
    ),
    (
        "ls.txt",
        "LIEFERSCHEIN 4711\nEmpfänger: Muster GmbH\nWare: FLANSCH FL-80 GRAUGUSS\nMenge: 20 Stück\nNettogewicht gesamt 96 kg\nBruttogewicht gesamt 121 kg\n",
        "Flansch FL-80 Grauguss",
        4800,
    ),
    (
        "bl.txt",
        "BON DE LIVRAISON 88/26\nDestinataire : Ateliers Martin\nMarchandise : BRIDE FL-80 FONTE\nQuantité : 20 pièces\nPoids net total 96 kg\nPoids brut total 121 kg\n",
        "Bride FL-80 fonte",
        4800,
    ),
    (
        "ar.txt",
        "ALBARÁN DE ENTREGA 12/26\nDestinatario: Talleres García\nMercancía: BRIDA FL-80 FUNDICIÓN\nCantidad: 20 piezas\nPeso neto total 96 kg\nPeso bruto total 121 kg\n",
        "Brida FL-80 fundición",
        4800,
    ),
    # counterparts: a note of two articles, and a gross total, share nothing
    (
        "dn.txt",
        "DELIVERY NOTE DN-5513\nGoods: FLANGE FL-80 CAST IRON\nQty: 20 pcs\nGoods: FLANGE FL-100 CAST IRON\nQty: 10 pcs\nTotal net weight 146 kg\n",
        "Flange FL-80 cast iron",
        None,
    ),
    (
        "dn.txt",
        "DELIVERY NOTE DN-5514\nGoods: FLANGE FL-80 CAST IRON\nQty: 20 pcs\nTotal gross weight 121 kg\n",
        "Flange FL-80 cast iron",
        None,
    ),
    # a pack's size after its noun is not its count
    (
        "sheet.txt",
        "Bolsas de papel 200 x 300 mm\nPeso neto caja: 4,0 kg\nUnidades por caja: 50\n",
        "Bolsa de papel 200 x 300 mm",
        80,
    ),
    (
        "sheet.txt",
        "Bolsas de papel 200 x 300 mm\nPeso neto caja: 4,0 kg\n",
        "Bolsa de papel 200 x 300 mm",
        None,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), CASES)
def test_the_fourteenth_pass_variant_rule_holds(
    filename: str, text: str, name: str, grams: float | None
) -> None:
    assert_weight(filename, text, name, grams)

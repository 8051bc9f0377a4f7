"""How documents state a net weight, and the figures beside it that are not one.

Each row is a short document in one of the shapes supplier documents come in (a label line, a
spec table in Markdown or HTML, a `<dl>`, JSON-LD, a bootstrap object, a JSON or CSV export, a
drawing title block, prose), in the languages they come in, run through extraction and the
offline analysis as an upload is. Names and figures are invented. The rows check classes, not
documents: a bare "Weight" beats one qualified by a word the rules do not know, a header cell
labels only its own column, "(with battery)" scopes the article's weight instead of naming a
component, a number's unit may sit in a sibling key or column, a size row "DN 40" is named by
its number, a JSON array element by its designations, a row that names more of the article name
beats one that shares a size with it, a weight per metre takes the length the name states (and
a weight per m² its face), "per 1.000 piezas" and "1000個当たり" inside a label divide, another
product a page lists, a test set-up's mass, a part sold separately and a weight stated for
another lift height are not the article's, the whole the name names beats a part's net, a
weight whose scope ("ohne Motor") the name contradicts ("mit Motor") is never taken, and a cable
sold by the metre weighs its kg/km per metre; one unit key serves its numeric siblings
({"neto", "bruto", "unidad"}, 数值/单位), a carton's dimensions bound nothing, "净重 14 kg/箱" is
a carton's weight, a table headed by a component word ("Fixings") lists components, and a
"Gesamtgewicht" column is the whole, a "Peso imballo" column is packed, and a table row "nicht
im Lieferumfang" is not part of the article.
"""

# ruff: noqa: E501 - each row is one document, kept on one line to be read as written

from __future__ import annotations

import pytest

from tests.analyzers.offline_support import weight_of

# (file name, document, article name, net weight in grams)
STATED = [
    ("spec.txt", "Gewicht ca. 1,2 kg\nWerkstoff: Stahl", "Halter", 1200),
    ("spec.txt", "Gewicht: ca. 1,2 kg", "Halter", 1200),
    ("spec.txt", "Poids : env. 350 g", "Support", 350),
    ("spec.txt", "Peso: 0,48 kg", "Staffa", 480),
    ("spec.txt", "Vikt: 1,2 kg\nMaterial: stål", "Konsol", 1200),
    ("spec.txt", "Nettovikt: 1,2 kg\nBruttovikt: 1,5 kg", "Konsol", 1200),
    ("spec.txt", "Peso líquido: 1,2 kg\nPeso bruto: 1,5 kg", "Suporte", 1200),
    ("spec.txt", "Peso: 1,2 kg\nMaterial: aço", "Suporte", 1200),
    ("spec.txt", "Waga: 1,2 kg", "Wspornik", 1200),
    ("spec.txt", "Waga netto: 1,2 kg\nWaga brutto: 1,4 kg", "Wspornik", 1200),
    ("spec.txt", "Nettogewicht: 1,2 kg\nBrutogewicht: 1,4 kg", "Beugel", 1200),
    ("spec.txt", "重量：1.2 kg", "支架", 1200),
    ("spec.txt", "产品重量：350g\n包装重量：420g", "支架", 350),
    ("spec.txt", "質量：1.2 kg", "ブラケット", 1200),
    ("spec.txt", "重量 約1.2kg", "ブラケット", 1200),
    (
        "spec.md",
        "| Property | Value |\n|---|---|\n| Material | Steel |\n| Weight | 1.2 kg |\n",
        "Bracket",
        1200,
    ),
    ("spec.md", "| Eigenschaft | Wert |\n|---|---|\n| Gewicht | ca. 1,2 kg |\n", "Halter", 1200),
    (
        "page.html",
        "<html><body><table><tr><th>Weight</th><td>1.2 kg</td></tr><tr><th>Colour</th><td>black</td></tr></table></body></html>",
        "Bracket",
        1200,
    ),
    (
        "page.html",
        "<html><body><dl><dt>Weight</dt><dd>350 g</dd><dt>Material</dt><dd>ABS</dd></dl></body></html>",
        "Housing",
        350,
    ),
    (
        "page.html",
        '<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Desk lamp","weight":{"@type":"QuantitativeValue","value":1.2,"unitCode":"KGM"}}</script></head><body><h1>Desk lamp</h1></body></html>',
        "Desk lamp",
        1200,
    ),
    (
        "page.html",
        '<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Desk lamp","weight":"1.2 kg"}</script></head><body><h1>Desk lamp</h1></body></html>',
        "Desk lamp",
        1200,
    ),
    (
        "page.html",
        '<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Desk lamp","weight":{"@type":"QuantitativeValue","value":"350","unitText":"g"}}</script></head><body></body></html>',
        "Desk lamp",
        350,
    ),
    (
        "page.html",
        '<html><body><script>window.__STATE__={"product":{"name":"Lamp","specs":{"weight":{"value":0.8,"unit":"kg"}}}};</script></body></html>',
        "Lamp",
        800,
    ),
    (
        "export.json",
        '{"product":{"name":"Lamp","attributes":{"weight":{"value":0.8,"unit":"kg"}}}}',
        "Lamp",
        800,
    ),
    (
        "export.json",
        '{"product":{"name":"Lamp","attributes":[{"name":"Weight","value":"0.8","unit":"kg"},{"name":"Colour","value":"red"}]}}',
        "Lamp",
        800,
    ),
    ("export.json", '{"items":[{"sku":"A1","net_weight":{"amount":250,"uom":"g"}}]}', "A1", 250),
    ("export.csv", "sku;name;weight_kg;length_mm\nX-100;Bracket;0,25;120\n", "Bracket", 250),
    (
        "export.csv",
        "Article,Description,Weight (kg)\nB-10,Bracket small,0.25\nB-20,Bracket large,0.40\n",
        "Bracket large B-20",
        400,
    ),
    ("export.csv", "Artikel;Bezeichnung;Gewicht\nB-10;Halter;250 g\n", "Halter", 250),
    (
        "spec.txt",
        "TITLE: BRACKET\nDRAWING NO: 4711-22\nMATERIAL: S235JR\nMASS: 0.18 kg\nSCALE 1:2",
        "Bracket",
        180,
    ),
    (
        "spec.txt",
        "Benennung: Halter\nWerkstoff: S235JR\nMasse: 0,18 kg\nMaßstab 1:2",
        "Halter",
        180,
    ),
    ("spec.txt", "Masse 0,18 kg", "Halter", 180),
    ("spec.txt", "Mass (kg): 0.18", "Bracket", 180),
    ("spec.txt", "WEIGHT 0.18 KG", "Bracket", 180),
    ("spec.txt", "The bracket weighs only 350 g and is made of aluminium.", "Bracket", 350),
    ("spec.txt", "Product weight: 1.2 kg", "Bracket", 1200),
    ("spec.txt", "Device weight: 1.2 kg", "Meter", 1200),
    ("spec.txt", "Operating weight: 2,450 kg\nMax. payload: 800 kg", "Mini excavator", 2450000),
    ("spec.txt", "Empty weight: 12 kg\nMax. load: 150 kg", "Trolley", 12000),
    ("spec.txt", "Dry weight: 45 kg", "Generator", 45000),
    ("spec.txt", "Eigenmasse: 12 kg", "Wagen", 12000),
    ("spec.txt", "Weight/Gewicht/Poids: 1.2 kg", "Bracket", 1200),
    ("spec.txt", "Net weight (kg): 1.2", "Bracket", 1200),
    ("spec.txt", "Weight: 1.2kg / 2.6lbs", "Bracket", 1200),
    ("spec.txt", "Gewicht: 1,2 kg ± 5 %", "Halter", 1200),
    ("spec.txt", "Weight\n1.2 kg", "Bracket", 1200),
    ("spec.txt", "Weight approx.: 1.2 kg", "Bracket", 1200),
    ("spec.txt", "Weight: approx. 1.2 kg (without cable)", "Sensor", 1200),
    ("spec.txt", "Dimensions (L×W×H): 100×50×30 mm\nWeight: 350 g", "Housing", 350),
    ("spec.txt", "Weight: 3.2 lbs", "Bracket", 1451.496),
    ("spec.txt", "Item weight 12 oz", "Bracket", 340.194),
    ("spec.txt", "Peso aprox.: 1,2 kg", "Soporte", 1200),
    ("spec.txt", "Peso (netto): 1,2 kg", "Staffa", 1200),
    ("spec.txt", "Poids net approximatif : 1,2 kg", "Support", 1200),
    (
        "spec.txt",
        "Gewicht (ohne Verpackung): 1,2 kg\nGewicht (mit Verpackung): 1,5 kg",
        "Halter",
        1200,
    ),
    ("spec.txt", "Weight: 250 g\nShipping weight: 400 g", "Bracket", 250),
    ("spec.txt", "Weight without packaging: 250 g; with packaging: 400 g", "Bracket", 250),
    ("spec.txt", "Weight per box of 100: 1.2 kg", "Screw", 12),
    ("spec.txt", "Weight: 350 g\nLoad capacity: 150 kg", "Shelf bracket", 350),
    ("spec.txt", "Weight: 350 g\nCarbon footprint: 3.2 kg CO2e", "Bracket", 350),
    ("spec.txt", "Part weight: 18 g\nMachine weight: 4,500 kg", "Cap", 18),
    ("spec.txt", "Weight: 12 g\nMachine: 80 t press", "Cap", 12),
    ("spec.txt", "Weight 2.1 kg\nMax. weight capacity 120 kg", "Stool", 2100),
    ("spec.txt", "Weight: 3.4 kg\nCapacity: 150 kg", "Bathroom scale", 3400),
    ("spec.txt", "Vikt: 2,1 kg\nMax belastning: 120 kg", "Pall", 2100),
    ("spec.txt", "Peso: 2,1 kg\nCapacidade de carga: 120 kg", "Banco", 2100),
    (
        "spec.txt",
        "Model      CX-10   CX-20   CX-30\nFlow l/min  10  20  30\nWeight     1.2 kg  1.8 kg  2.4 kg",
        "Compressor CX-20",
        1800,
    ),
    (
        "spec.md",
        "| Type | Flow | Weight |\n|---|---|---|\n| CX-10 | 10 | 1.2 kg |\n| CX-20 | 20 | 1.8 kg |",
        "Compressor CX-20",
        1800,
    ),
    (
        "spec.md",
        "| Size | Weight |\n|---|---|\n| 50 mm | 120 g |\n| 80 mm | 210 g |",
        "Pipe clamp 80 mm",
        210,
    ),
    (
        "spec.md",
        "| Size | Weight (g) |\n|---|---|\n| 50 mm | 120 |\n| 80 mm | 210 |",
        "Pipe clamp 80 mm",
        210,
    ),
    (
        "spec.txt",
        "Weight (with battery): 1.8 kg\nWeight (without battery): 1.4 kg",
        "Cordless drill with battery",
        1800,
    ),
    (
        "spec.txt",
        "Weight incl. battery: 1.8 kg\nWeight excl. battery: 1.4 kg",
        "Cordless drill, solo",
        1400,
    ),
    (
        "page.html",
        "<table><tr><th></th><th>CX-10</th><th>CX-20</th></tr><tr><td>Weight</td><td>1.2 kg</td><td>1.8 kg</td></tr></table>",
        "Compressor CX-20",
        1800,
    ),
    (
        "spec.txt",
        "Technical data\nWeight 1.2 kg\nOrdering\nPackage of 5 pcs, weight 6 kg",
        "Bracket",
        1200,
    ),
    (
        "spec.txt",
        "Weight of the appliance: 4.5 kg\nMaximum load of the basket: 2 kg\nWeight of the accessory set: 0.3 kg",
        "Air fryer",
        4500,
    ),
    ("spec.txt", "Weight | Gewicht | Poids   4.5 kg", "Air fryer", 4500),
    (
        "spec.txt",
        "Benennung: Gehäuse\nWerkstoff: AlSi10Mg\nRohteilmasse: 2,4 kg\nFertigmasse: 1,9 kg",
        "Gehäuse",
        1900,
    ),
    ("spec.txt", "Item weight: 1.2 kg; Package weight: 1.5 kg; Max load: 30 kg", "Stool", 1200),
    ("spec.txt", "Net weight 45 kg\nOperating weight 52 kg", "Pump", 45000),
    ("spec.txt", "Gewicht: 18 g\nSchussgewicht: 41 g\nMaschine: 80 t", "Kappe", 18),
    (
        "spec.txt",
        "Product: Hex bolt\nSizes M8 M10 M12\nWeight kg/100 pcs 3.1 5.2 7.9",
        "Hex bolt M10",
        52,
    ),
    ("spec.txt", "Specifications\nWeight: 1.2 kg\n...\nWeight: 1.2 kg (2.6 lbs)", "Lamp", 1200),
    (
        "spec.txt",
        "Weight: 1.2 kg\nLamp head weight: 0.3 kg\nBase weight: 0.7 kg",
        "Desk lamp",
        1200,
    ),
    ("spec.txt", "Total weight: 1.2 kg\nHead: 0.3 kg\nBase: 0.7 kg", "Desk lamp", 1200),
    ("spec.txt", "Mass of the unit: 1.2 kg", "Meter", 1200),
    ("spec.txt", "Weight (net): 1.2 kg, (gross): 1.5 kg", "Meter", 1200),
    ("spec.txt", "Net/Gross weight: 1.2/1.5 kg", "Meter", 1200),
    ("spec.txt", "NW/GW: 1.2kg/1.5kg", "Meter", 1200),
    ("spec.txt", "N.W.: 1.2 KG   G.W.: 1.5 KG", "Meter", 1200),
    ("spec.txt", "Weight: 1.2 kg (net), 1.5 kg (gross)", "Meter", 1200),
    ("spec.txt", "Weight 1.2 kg\nWeight 1.5 kg (packed)", "Meter", 1200),
    ("spec.txt", "Gewicht netto/brutto: 1,2/1,5 kg", "Messgerät", 1200),
    (
        "spec.txt",
        "Dimensions: 300 x 200 x 150 mm\nWeight: 4.5 kg\nMax. load: 20 kg",
        "Toolbox",
        4500,
    ),
    ("spec.txt", "Dimensions: 30 x 20 x 15 mm\nWeight: 45 g", "Clip", 45),
    ("spec.txt", "Länge: 2000 mm\nGewicht pro Meter: 1,2 kg", "Profil", 2400),
    ("spec.txt", "Type        Weight\nA-100       1.2 kg\nA-200       1.8 kg", "Lamp A-200", 1800),
    ("spec.txt", "Type        Weight (kg)\nA-100       1.2\nA-200       1.8", "Lamp A-200", 1800),
    (
        "export.csv",
        "Type,Weight (kg),Max. load (kg)\nA-100,1.2,30\nA-200,1.8,50\n",
        "Lamp A-200",
        1800,
    ),
    (
        "export.csv",
        "Type,Weight,Max. load\nA-100,1.2 kg,30 kg\nA-200,1.8 kg,50 kg\n",
        "Lamp A-200",
        1800,
    ),
    ("export.json", '{"name":"Lamp A-200","weight":1.8,"weight_unit":"kg"}', "Lamp A-200", 1800),
    (
        "export.json",
        '{"name":"Lamp A-200","weight":"1.8 kg","package":{"weight":"2.3 kg"}}',
        "Lamp A-200",
        1800,
    ),
    (
        "export.json",
        '{"name":"Lamp A-200","logistics":{"gross_weight_kg":2.3,"net_weight_kg":1.8}}',
        "Lamp A-200",
        1800,
    ),
    (
        "export.json",
        '{"name":"Lamp A-200","dimensions":{"weight":{"value":1800,"unit":"g"}}}',
        "Lamp A-200",
        1800,
    ),
    ("export.json", '{"name":"Lamp","specs":[{"key":"Weight","value":"1.8 kg"}]}', "Lamp", 1800),
    ("spec.txt", "Gewicht: 1,8 kg\nVersandgewicht: 2,3 kg\nMax. Belastung: 30 kg", "Leuchte", 1800),
    ("spec.txt", "Peso: 1,8 kg\nPeso di spedizione: 2,3 kg\nCarico max: 30 kg", "Lampada", 1800),
    ("spec.txt", "Peso: 1,8 kg\nPeso de envío: 2,3 kg\nCarga máx.: 30 kg", "Lámpara", 1800),
    ("spec.txt", "Poids : 1,8 kg\nPoids d'expédition : 2,3 kg\nCharge max. : 30 kg", "Lampe", 1800),
    ("spec.txt", "Gewicht: 1,8 kg\nVerzendgewicht: 2,3 kg\nMax. belasting: 30 kg", "Lamp", 1800),
    ("spec.txt", "Waga: 1,8 kg\nWaga wysyłkowa: 2,3 kg\nMaks. obciążenie: 30 kg", "Lampa", 1800),
    ("spec.txt", "Vikt: 1,8 kg\nFraktvikt: 2,3 kg\nMax last: 30 kg", "Lampa", 1800),
    ("spec.txt", "Peso: 1,8 kg\nPeso de envio: 2,3 kg\nCarga máx.: 30 kg", "Luminária", 1800),
    ("spec.txt", "重量：1.8kg\n运输重量：2.3kg\n最大承重：30kg", "台灯", 1800),
    ("spec.txt", "質量：1.8kg\n輸送質量：2.3kg\n最大荷重：30kg", "ランプ", 1800),
    ("spec.txt", "Payload: 2 kg\nWeight: 1.2 kg", "Drone", 1200),
    (
        "spec.txt",
        "MTOW: 2.5 kg\nTake-off weight: 2.5 kg\nWeight (without battery): 0.9 kg",
        "Drone frame without battery",
        900,
    ),
    ("spec.txt", "Peso: 1,8 kg\nPeso de despacho: 2,3 kg", "Lámpara", 1800),
    ("spec.txt", "Weight: 1.8 kg\nCrated weight: 2.3 kg", "Lamp", 1800),
    ("spec.txt", "Gewicht: 1,8 kg\nKistengewicht: 2,3 kg", "Leuchte", 1800),
    ("spec.txt", "Vikt: 1,8 kg\nLeveransvikt: 2,3 kg", "Lampa", 1800),
    ("spec.txt", "重量：1.8kg\n外箱重量：2.3kg", "台灯", 1800),
    (
        "export.json",
        '{"product":{"name":"Lamp","weight":"1.8 kg","palletWeight":"310 kg"}}',
        "Lamp",
        1800,
    ),
    (
        "spec.md",
        "| Größe | Spannbereich (mm) | Gewicht (g) |\n|---|---|---|\n| DN 25 | 30 - 34 | 88 |\n| DN 40 | 46 - 50 | 131 |\n| DN 65 | 72 - 78 | 190 |\n",
        "Rohrschelle DN 40",
        131,
    ),
    (
        "spec.txt",
        "Cotización\nPieza: soporte en L\nDimensiones : 80 x 30 x 25 mm, 2 agujeros 7 x 12\nPeso unitario : 0,112 kg\nCaja de 40 piezas, peso bruto 4,9 kg",
        "Soporte en L SL-80",
        112,
    ),
    (
        "export.json",
        '{"familie":{"varianten":[{"artikel":"TX-V-M12","gewinde":"M12x1,5","gewicht":{"wert":9,"einheit":"g"}},{"artikel":"TX-V-M16","gewinde":"M16x1,5","gewicht":{"wert":17,"einheit":"g"}}],"zubehoer":[{"artikel":"GM-M16","bezeichnung":"Gegenmutter M16x1,5","gewicht":{"wert":6,"einheit":"g"}}]}}',
        "Verschraubung TX-V-M16, M16x1,5",
        17,
    ),
    (
        "export.json",
        '{"item":{"netWeight":{"value":1.5,"measurementUnitCode":"LBR"},"grossWeight":{"value":1.9,"measurementUnitCode":"LBR"}},"case":{"grossWeight":{"value":12,"measurementUnitCode":"LBR"}}}',
        "Door stop",
        680.389,
    ),
    (
        "export.csv",
        "MATNR;MAKTX;BRGEW;NTGEW;GEWEI\n100200;HOLDER PA6 20X40;5,1;4,8;G\n100201;HOLDER PA6 20X60;6,9;6,5;G\n",
        "HOLDER PA6 20X40",
        4.8,
    ),
    (
        "export.csv",
        "Artikel;Bezeichnung;Gewicht netto;Gewicht brutto;Einheit\nK-1;Konsole KL 120 verzinkt;0,85;0,9;KG\nK-2;Konsole KL 160 verzinkt;1,15;1,2;KG\n",
        "Konsole KL 160 verzinkt",
        1150,
    ),
    (
        "spec.md",
        "# Winkelverbinder\n\n| Merkmal | Wert |\n|---|---|\n| Gewicht | 95 g |\n\n## Zubehör\n\n| Zubehör | Artikel | Gewicht |\n|---|---|---|\n| Abdeckkappe | AK-1 | 4 g |\n| Nutenstein M6 | NS-6 | 7 g |\n",
        "Winkelverbinder WV-30",
        95,
    ),
    (
        "spec.txt",
        "Technische Daten\nTyp | LR-200-B\nGewicht | 2,4 kg\nWeitere Ausführungen\nTyp | Länge | Gewicht\nLR-150-B | 150 mm | 1,9 kg\nLR-250-A | 250 mm | 2,9 kg\n",
        "Laufrolle LR-200-B",
        2400,
    ),
    (
        "spec.md",
        "| Eigenschaft | Wert |\n|---|---|\n| Metergewicht | 0,82 kg/m |\n| Stangenlänge | 6000 mm |\n",
        "Flachstahl 30x5, zugeschnitten auf 750 mm",
        615,
    ),
    (
        "export.csv",
        "Codice;Descrizione;Peso kg/1000 pz\nVT-4;Vite M4x10;1,2\nVT-5;Vite M5x10;1,9\n",
        "Vite M5x10 (VT-5)",
        1.9,
    ),
    (
        "spec.txt",
        "質量\n   100個当たり質量      2.4 kg\n   (参考:M6 は 1.1 kg/100個)",
        "六角ボルト M8 HB-M8",
        24,
    ),
    (
        "spec.txt",
        "Medida | Peso por 1.000 piezas (kg)\nM8 x 20: Peso por 1.000 piezas (kg): 11,2\nM8 x 25: Peso por 1.000 piezas (kg): 12,9\n",
        "Tornillo M8 x 25",
        12.9,
    ),
    (
        "spec.txt",
        "Datos\nPeso: 0,21 kg\nProductos relacionados\n- Soporte doble – 0,4 kg – 12,90 €\n",
        "Soporte simple SS-1",
        210,
    ),
    (
        "spec.txt",
        "Dati tecnici\nContenuto confezione | 100 pz\nPeso netto confezione | 240 g\n",
        "Rivetto cieco 4 x 10 (RC-410)",
        2.4,
    ),
    (
        "spec.md",
        "## Rollengewicht\n\n| Angabe | Gewicht |\n|---|---|\n| Folie (netto) | 1,60 kg |\n| Kern | 0,20 kg |\n| Rolle komplett | 1,80 kg |\n",
        "Stretchfolie 450 mm x 250 m (Rolle)",
        1800,
    ),
    (
        "spec.txt",
        "Masses\nItem | Value\nRope mass per metre | 0.39 kg/m\nSling, complete (3 m, with eyes) | 1.28 kg\n",
        "Wire rope sling 10 mm x 3 m",
        1280,
    ),
    (
        "spec.txt",
        "Pièce moulée\nMasse brute de fonderie | 3,10 kg\nMasse usinée (état de livraison) | 2,55 kg\n",
        "Carter usiné CU-40",
        2550,
    ),
    (
        "spec.txt",
        "Flächengewicht ........ 12,5 kg/m²\nMaschenweite 30 x 30 mm",
        "Gitterrost 500 x 1000 mm",
        6250,
    ),
    (
        "spec.txt",
        "Weight of one sheet (flat, printed): 0.41 kg.\nDelivered in bundles of 25 sheets (bundle approx. 10.5 kg).",
        "Corrugated sheet",
        410,
    ),
    (
        "export.json",
        '{"item":{"name":"Control cable","salesUnit":"MTR","masses":{"cableWeight":"96 kg/km","copperWeight":"29 kg/km"}}}',
        "Control cable 5G1.5, sold by the metre",
        96,
    ),
    (
        "spec.txt",
        "Gewicht (ohne Motor): 38 kg\nGewicht (mit Motor): 61 kg",
        "Kreiselpumpe KP 40 mit Motor",
        61000,
    ),
    (
        "export.json",
        '{"respuesta":{"articulos":[{"codigo":"VM-220","peso":{"neto":"0,64","bruto":0.78,"unidad":"kg"}}]}}',
        "Válvula de mezcla VM-220",
        640,
    ),
    (
        "export.json",
        '{"产品":{"型号":"ZF-15","净重":{"数值":0.31,"单位":"kg"},"毛重":{"数值":0.35,"单位":"kg"},"包装":{"外箱尺寸":"40×30×20 cm","每箱毛重":"14 kg"}}}',
        "截止阀 ZF-15",
        310,
    ),
    (
        "spec.txt",
        "Technické údaje\n  Maximální zatížení ....... 120 kg\n  Hmotnost ................. 9,8 kg\nBalení\n  Přepravní hmotnost cca 10,6 kg.",
        "Schůdky ST-4",
        9800,
    ),
    (
        "export.json",
        '{"model":"ZF-15","netWeight":"310 g","sameSeries":[{"model":"ZF-20","netWeight":"420 g"}],"同系列":[{"型号":"ZF-25","净重":"0.6 kg"}]}',
        "截止阀 ZF-15",
        310,
    ),
    (
        "export.json",
        '{"item":{"tareWeight":{"amount":840,"uom":"GRM","note":"empty, with cap"},"capWeight":"18 g"}}',
        "Canister 10 L with screw cap",
        840,
    ),
    (
        "spec.txt",
        "Dimensions: 300 x 200 x 150 mm\nCarton dimensions: 620 x 420 x 330 mm\nWeight: 160 g",
        "Wire basket",
        160,
    ),
    (
        "spec.txt",
        "报价\n单重:0.52 kg/套\n装箱:30 套/箱\n箱规:50 × 30 × 28 cm,净重 15.6 kg/箱,毛重 17 kg/箱",
        "不锈钢合页 HY-30",
        520,
    ),
    (
        "spec.md",
        "| Property | Value |\n|---|---|\n| Weight per post | 4.1 kg |\n\n| Fixings | Description | Weight |\n|---|---|---|\n| FX-A | Anchor set | 0.3 kg |\n| FX-B | Clamp | 0.1 kg |\n",
        "Fence post FP-40",
        4100,
    ),
    (
        "export.csv",
        "Art.-Nr.;Kopfgewicht g;Stielgewicht g;Gesamtgewicht g\nHM-800;800;190;990\nHM-1000;1000;210;1210\n",
        "Hammer 1000 g (HM-1000)",
        1210,
    ),
    (
        "export.csv",
        "Codice;Descrizione;Peso (kg);Peso imballo (kg)\nRS-4;Ripiano 4;9,5;10,2\nRS-5;Ripiano 5;11,8;12,6\n",
        "Ripiano RS-5",
        11800,
    ),
    (
        "spec.md",
        "| Feld | Inhalt |\n|---|---|\n| Gewicht Baum | 5,4 kg |\n\n| Artikel | Bezeichnung | Gewicht |\n|---|---|---|\n| GG-4 | Gegenstück, nicht im Lieferumfang | 3,5 kg |\n",
        "Schlagbaum SB-3",
        5400,
    ),
    # the sum of a weight without a part the name includes and that part's own weight
    (
        "spec.txt",
        "Peso neto (sin válvula): 3,4 kg\nPeso de la válvula: 0,6 kg\nPeso bruto: 5,1 kg",
        "Fregadero FR-60 con válvula",
        4000,
    ),
    (
        "spec.txt",
        "Net weight (without valve): 2.1 kg\nWeight of the valve: 0.4 kg",
        "Wash basin WB-2 with valve",
        2500,
    ),
    (
        "spec.txt",
        "Gewicht ohne Deckel: 5,2 kg\nGewicht des Deckels: 0,8 kg",
        "Behälter BH-30 mit Deckel",
        6000,
    ),
    # a caption listing the data ("base loads and weights") names no component
    (
        "spec.txt",
        "Dimensions, base loads and weights\nType | d (mm) | C (kN) | Weight (kg)\n6204 | 20 | 13.5 | 0.106\n6205 | 25 | 14.8 | 0.128\n",
        "Ball bearing 6205",
        128,
    ),
    # a list under a component key holds parts, not the article ("zubehoer" is "Zubehör")
    (
        "api.json",
        '{"data": {"gewicht": {"netto": 2.2, "einheit": "KGM"}, "zubehoer": [{"bezeichnung": "Lager", "gewicht": {"netto": 0.32, "einheit": "KGM"}}, {"bezeichnung": "Hülse", "gewicht": {"netto": 0.14, "einheit": "KGM"}}]}}',
        "Lagergehäuse LG 507",
        2200,
    ),
    (
        "item.json",
        '{"item": {"weight": {"net": 1.35, "unit": "kg"}, "accessories": [{"name": "Bracket", "weight": {"net": 0.21, "unit": "kg"}}]}}',
        "Pump housing PH-40",
        1350,
    ),
    # a pack column in Czech beside the piece weight
    (
        "export.csv",
        "Kód;Název;Hmotnost (kg);Hmotnost balení (kg);ks v balení\nKZ-20;Konzola 200 mm;0,62;6,4;10\n",
        "Konzola KZ-20",
        620,
    ),
    # "des Bauteils", "de la pièce": an article and the part itself, no one else's weight
    (
        "decl.txt",
        "Werkstoff: PA66 GF30\nGesamtmasse des Bauteils: 3,42 g\nMasse Einleger: 1,02 g",
        "Gehäuse GH-4",
        3.42,
    ),
    (
        "decl.txt",
        "Matière : PA6\nMasse totale de la pièce : 12,4 g\nMasse de l'insert : 2,1 g",
        "Boîtier BT-2",
        12.4,
    ),
    # delivered dry: the dry weight beats the operating weight with oil and fuel
    (
        "manual.txt",
        "Dry weight (incl. battery): 112 kg\nOperating weight (oil and fuel): 126 kg\nShipping weight: 131 kg",
        "Generator DG-55",
        112000,
    ),
    ("manual.txt", "Leergewicht: 48 kg\nBetriebsgewicht (mit Öl): 52 kg", "Kompressor KP-9", 48000),
    ("manual.txt", "Peso a secco: 31 kg\nPeso in esercizio: 34 kg", "Motopompa MP-3", 31000),
    # the line's key says the mass is a test set-up's
    (
        "report.txt",
        "Test door: 2,100 x 1,000 mm, mass 120 kg, three hinges per door.\nMass as received: 148.2 g",
        "Hinge HD-12",
        148.2,
    ),
    # a series and its size number in the first cell: the number picks the row
    (
        "sheet.txt",
        "Type | Displacement (cm³/rev) | Weight [kg]\nHPX-3 08 | 8 | 2.65\nHPX-3 11 | 11 | 2.80\nHPX-3 14 | 14 | 2.95\n",
        "Gear pump HPX-3 11",
        2800,
    ),
    # a header with digits in its cells ("ISO 5211") over rows with as many cells
    (
        "sheet.txt",
        "Abmessungen und Gewichte\nDN | L mm | Drehmoment Nm | ISO 5211 | Gewicht kg\n15 | 65 | 6 | F03/F04 | 0,42\n25 | 85 | 12 | F04/F05 | 0,98\n",
        "Kugelhahn KH-3 DN 25",
        980,
    ),
    # a label that runs over a comma ("…, as delivered: 0.72 kg")
    (
        "mail.txt",
        "- Masse brute de fonderie : 0,86 kg\n- Masse de la pièce usinée, telle que livrée : 0,72 kg",
        "Carter CP-22",
        720,
    ),
    (
        "mail.txt",
        "- Raw casting weight: 1.9 kg\n- Weight of the machined part, as delivered: 1.45 kg",
        "Housing HC-4",
        1450,
    ),
    # a header row of only the variants over rows whose label cell it leaves out
    (
        "manual.txt",
        "Technical data\nKP 500 | KP 900\nPower input | 500 W | 900 W\nPower cable | H05RN-F 3G1.0, 10 m | H05RN-F 3G1.0, 10 m\nWeight | 5.9 kg | 7.4 kg\n",
        "Drainage pump KP 500",
        5900,
    ),
    (
        "manual.txt",
        "Technical data\nKP 500 | KP 900\nPower input | 500 W | 900 W\nPower cable | H05RN-F 3G1.0, 10 m | H05RN-F 3G1.0, 10 m\nWeight | 5.9 kg | 7.4 kg\n",
        "Drainage pump KP 900",
        7400,
    ),
    # a runner's weight in a German compound is a process figure
    (
        "sheet.txt",
        "Spritzgießdaten\nTeilgewicht | 12,4 g\nVerteiler-/Angussgewicht | 3,0 g\nSchussgewicht | 27,8 g",
        "Deckel DK-12, PA6",
        12.4,
    ),
    # a Chinese shop's "看了又看" (viewed with it) lists other products
    (
        "page.txt",
        "规格参数\n产品净重 | 1.2kg\n看了又看\n- 不锈钢毛巾架 60cm 净重0.8kg ¥69\n- 三层转角置物架 净重1.9kg ¥159",
        "不锈钢置物架 双层 ZW-52",
        1200,
    ),
    # a designation with a dot ("GR-ST.128") names its row; the unit is in the header
    (
        "sheet.txt",
        "Dimensioni e pesi\nCodice | Interasse | L | Filetto | Peso g\nGR-ST.096 | 96 | 108 | M5 | 41\nGR-ST.128 | 128 | 140 | M6 | 58\nGR-ST.160 | 160 | 172 | M6 | 73\n",
        "Maniglia GR-ST.128, interasse 128 mm",
        58,
    ),
    # a review on the page does not hide the article's own weight
    (
        "spec.txt",
        "Technische Daten\nGewicht: 12,5 kg\nKundenbewertungen\nIch wiege 95 kg, Gewicht 95 kg, und der Stuhl hält.",
        "Bürostuhl BS-3",
        12500,
    ),
]

# Documents whose only mass figures are not the article's weight: the answer is null.
NOT_THE_WEIGHT = [
    ("spec.txt", "Load capacity: 150 kg", "Shelf", None),
    ("spec.txt", "Weight capacity: 150 kg", "Shelf", None),
    ("spec.txt", "Max. weight: 150 kg", "Shelf", None),
    ("spec.txt", "Maximum user weight: 150 kg", "Chair", None),
    ("spec.txt", "Supports up to 50 kg", "Shelf", None),
    ("spec.txt", "Tragfähigkeit: 80 kg", "Konsole", None),
    ("spec.txt", "Belastbarkeit max. 80 kg", "Konsole", None),
    ("spec.txt", "Charge utile : 80 kg", "Console", None),
    ("spec.txt", "Capacidad de carga: 80 kg", "Consola", None),
    ("spec.txt", "Capacidade de carga: 80 kg", "Consola", None),
    ("spec.txt", "Carga máxima: 80 kg", "Consola", None),
    ("spec.txt", "Nośność: 80 kg", "Wspornik", None),
    ("spec.txt", "Draagkracht: 80 kg", "Beugel", None),
    ("spec.txt", "Bärförmåga: 80 kg", "Konsol", None),
    ("spec.txt", "Max belastning: 80 kg", "Konsol", None),
    ("spec.txt", "Portata: 80 kg", "Mensola", None),
    ("spec.txt", "耐荷重：80kg", "棚", None),
    ("spec.txt", "Capacity: 150 kg\nDivision: 50 g", "Bathroom scale", None),
    ("spec.txt", "Weighing range: 0.5 - 180 kg", "Bathroom scale", None),
    ("spec.txt", "Gross weight: 1.4 kg", "Bracket", None),
    ("spec.txt", "Packaged weight: 1.4 kg", "Bracket", None),
    ("spec.txt", "Boxed weight: 1.4 kg", "Bracket", None),
    ("spec.txt", "Carton weight: 14 kg", "Bracket", None),
    ("spec.txt", "Master carton weight: 14 kg", "Bracket", None),
    ("spec.txt", "Weight with box: 1.4 kg", "Bracket", None),
    ("spec.txt", "Poids emballé : 1,4 kg", "Support", None),
    ("spec.txt", "Peso con embalaje: 1,4 kg", "Soporte", None),
    ("spec.txt", "Peso bruto: 1,4 kg", "Suporte", None),
    ("spec.txt", "Bruttovikt: 1,4 kg", "Konsol", None),
    ("spec.txt", "Waga brutto: 1,4 kg", "Wspornik", None),
    ("spec.txt", "梱包重量：1.4kg", "ブラケット", None),
    ("spec.txt", "Carbon footprint: 3.2 kg CO2e", "Bracket", None),
    ("spec.txt", "CO2 emissions: 3.2 kg CO₂e per unit", "Bracket", None),
    ("spec.txt", "Price per kg: 4.20 EUR", "Bracket", None),
    ("spec.txt", "Minimum order quantity: 25 kg", "Granulate", None),
    ("spec.txt", "Machine weight: 4,500 kg\nClamping force: 120 t", "Cap", None),
    ("spec.txt", "Shock resistance: 50 g, 11 ms", "Sensor", None),
    ("spec.txt", "Vibration: 10 g (10-2000 Hz)", "Sensor", None),
    ("spec.txt", "Stall torque: 2.5 kg·cm", "Servo", None),
    ("spec.txt", "Battery weight: 450 g", "Drill, solo", None),
    ("spec.txt", "Weight per metre: 1.2 kg/m", "Profile", None),
    ("spec.txt", "Paper grammage: 80 g/m²", "Notebook", None),
    ("spec.txt", "Counterweight: 12 kg", "Lamp", None),
    ("spec.txt", "Recommended ball weight: 7 kg", "Bowling rack", None),
    ("spec.txt", "Drop test: 1.5 m with 2 kg steel ball", "Cover", None),
    ("spec.txt", "Falling weight 500 g from 1 m", "Cover", None),
    ("spec.txt", "Weight: see configurator", "Bracket", None),
    ("spec.txt", "Dimensions: 30 x 20 x 15 mm\nWeight: 4.5 kg", "Clip", None),
    ("spec.txt", "Weight: 120000 kg\nPart: clip", "Clip", None),
    ("spec.txt", "Verzendgewicht: 2,3 kg", "Lamp", None),
    ("spec.txt", "Waga wysyłkowa: 2,3 kg", "Lampa", None),
    ("spec.txt", "Fraktvikt: 2,3 kg", "Lampa", None),
    ("spec.txt", "Peso de envio: 2,3 kg", "Luminária", None),
    ("spec.txt", "运输重量：2.3kg", "台灯", None),
    ("spec.txt", "輸送質量：2.3kg", "ランプ", None),
    ("spec.txt", "Peso di spedizione: 2,3 kg", "Lampada", None),
    ("spec.txt", "Poids d'expédition : 2,3 kg", "Lampe", None),
    ("spec.txt", "Peso de envío: 2,3 kg", "Lámpara", None),
    ("spec.txt", "Poids colis : 2,3 kg", "Lampe", None),
    ("spec.txt", "Weight in box: 2.3 kg", "Lamp", None),
    ("spec.txt", "Shipping dimensions: 40x30x20 cm, 2.3 kg", "Lamp", None),
    ("spec.txt", "Lieferumfang: Leuchte, Netzteil (Gewicht 120 g)", "Leuchte", None),
    ("spec.txt", "Mass flow: 12 kg/h", "Valve", None),
    ("spec.txt", "Density: 1.2 g/cm3", "Pellet", None),
    ("spec.txt", "Tyre load index 95 (690 kg)", "Tyre", None),
    (
        "page.html",
        "<h1>Stand</h1><table><tr><th>Weight</th><td>–</td></tr></table><h2>Frequently bought together</h2><ul><li>Riser set of 4 – 1.6 kg – $19</li></ul>",
        "Display stand DS-2",
        None,
    ),
    (
        "spec.txt",
        "Requirements\n  Drop test: 10 drops from 1 m (device mass with\n  battery approx. 300 g is the customer's figure, for the test set-up only)\n",
        "Cover, upper shell",
        None,
    ),
    (
        "spec.txt",
        "Befestigung\n  Klemmset mit Schraube M8 (separat erhältlich, 4 Sets je Rost\n  empfohlen, Gewicht Set 0,1 kg).\n",
        "Gitterrost 500 x 1000 mm",
        None,
    ),
    (
        "spec.txt",
        "Eigengewicht bei 3 m Hubhöhe .... 9,5 kg\nMehrgewicht je weiterem Meter Hubhöhe .... 1,4 kg\n",
        "Kettenzug KZ 500",
        None,
    ),
    (
        "spec.md",
        "| Merkmal | Wert |\n|---|---|\n| Gewicht Pumpe (ohne Motor) | 38 kg |\n| Förderhöhe | 32 m |\n",
        "Kreiselpumpe KP 40 mit Motor 4 kW",
        None,
    ),
    (
        "spec.md",
        "| Property | Value |\n|---|---|\n| Weight (luminaire without bracket) | 2.6 kg |\n| Power | 100 W |\n",
        "LED floodlight FL-100 with bracket",
        None,
    ),
    ("spec.txt", "Přepravní hmotnost: 10,6 kg", "Schůdky ST-4", None),
    ("spec.txt", "箱规:50 × 30 × 28 cm,净重 15.6 kg/箱,毛重 17 kg/箱", "不锈钢合页 HY-30", None),
    # customers' words: a review heading, a quoted line with its author
    (
        "spec.txt",
        "Technical data\nSeat height: 46 cm\nCustomer reviews\nMy weight 95 kg and the chair holds fine.",
        "Office chair OC-2",
        None,
    ),
    (
        "spec.txt",
        "Dati tecnici\nAltezza seduta: 46 cm\n«Peso 90 kg e la sedia regge benissimo.» – Marco",
        "Sedia da ufficio SD-4",
        None,
    ),
    (
        "spec.txt",
        'Especificaciones\nAltura: 46 cm\n"Peso 88 kg y aguanta perfectamente." - Javier',
        "Silla SL-9",
        None,
    ),
    # a sentence is no header: the figure on the next line is not labelled by its "weight"
    (
        "spec.txt",
        "Note\nIl peso dipende dalla configurazione scelta e viene comunicato insieme con l'offerta definitiva.\nRisoluzione della bilancia di controllo 0,5 g.",
        "Valvola VF-100",
        None,
    ),
    (
        "spec.txt",
        "Notes\nThe weight depends on the configuration chosen and is given with the final quotation only.\nResolution of the checking scale 0.1 g.",
        "Valve BV-50",
        None,
    ),
    # seismic accelerations in g
    (
        "spec.txt",
        "Poids : sur demande. Accélération sismique admissible 0,5 g",
        "Vanne VP-80",
        None,
    ),
    ("spec.txt", "Peso sismico: accelerazione sismica ammessa 0,3 g", "Valvola VF-80", None),
    ("spec.txt", "Peso: a petición. Aceleración sísmica admisible 0,4 g", "Válvula VM-80", None),
    # a sentence that runs on: the weight is per pallet (a shipping weight)
    (
        "mail.txt",
        "Für die Verpackung rechnen wir mit 40 Stück je Karton und ca. 420 kg\nje Palette (Versandgewicht).",
        "Abdeckhaube AH-9",
        None,
    ),
    (
        "mail.txt",
        "For packing we plan 20 pieces per carton and about 450 kg\nper pallet (shipping weight).",
        "Cover CV-9",
        None,
    ),
    # two counts offered for one pack weight: which one is unknown
    (
        "spec.txt",
        "Packing: carton of 50 pcs (series 62) or 30 pcs (series 63). Carton weight: 6.9 kg",
        "Bearing 6205",
        None,
    ),
    (
        "spec.txt",
        "Conditionnement : carton de 50 pièces ou 30 pièces. Poids du carton : 6,9 kg",
        "Roulement 6205",
        None,
    ),
    # the weight of a part the name includes is not the article's
    (
        "spec.txt",
        "Peso de la válvula: 0,6 kg\nCapacidad: 26 l",
        "Fregadero FR-60 con válvula",
        None,
    ),
]


@pytest.mark.parametrize(("filename", "text", "name", "grams"), STATED)
def test_the_stated_net_weight_is_read(filename: str, text: str, name: str, grams: float) -> None:
    got = weight_of(filename, text, name)
    assert got is not None, text
    assert got == pytest.approx(grams, rel=0.005, abs=0.01), text


@pytest.mark.parametrize(("filename", "text", "name", "grams"), NOT_THE_WEIGHT)
def test_a_figure_that_is_not_the_weight_is_never_reported(
    filename: str, text: str, name: str, grams: None
) -> None:
    assert weight_of(filename, text, name) is grams, text

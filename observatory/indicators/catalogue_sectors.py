"""Indicators of the sectors page: sector shares, the Herfindahl–Hirschman index (HHI), the share
of the top employers, and where women and minors work."""

from __future__ import annotations

from observatory.indicators import sector_indicators as si
from observatory.indicators.specs import Computation, IndicatorSpec, worker_spec

_SHARE = (
    " Porcentaje = trabajadores distintos del sector / trabajadores distintos del {of} x 100; "
    "un trabajador registrado en dos sectores cuenta en ambos, por lo que los porcentajes "
    "pueden sumar algo más de 100. Un porcentaje se publica solo si su celda se publica y el "
    "denominador tiene al menos tantos trabajadores como el umbral.",
    " Share = distinct workers of the sector / distinct workers of the {of} x 100; a worker "
    "registered in two sectors counts in both, so shares may add up to slightly more than 100. "
    "A share is published only when its cell is and its denominator has at least as many "
    "workers as the threshold.",
)

INDICATORS: tuple[tuple[IndicatorSpec, Computation], ...] = (
    (
        worker_spec(
            "sector_by_destination",
            "workers",
            ("Sectores por estado de destino", "Sectors by state of destination"),
            (
                "Registros y trabajadores distintos por estado de destino y sector, y el "
                "porcentaje de cada sector entre los trabajadores del estado."
                + _SHARE[0].format(of="estado"),
                "Registrations and distinct workers by state of destination and sector, and "
                "each sector's share of the state's workers." + _SHARE[1].format(of="state"),
            ),
        ),
        si.sector_by_destination,
    ),
    (
        worker_spec(
            "sector_by_year",
            "workers",
            ("Sectores por año", "Sectors by year"),
            (
                "Registros y trabajadores distintos por año de registro y sector, y el "
                "porcentaje de cada sector entre los trabajadores del año."
                + _SHARE[0].format(of="año"),
                "Registrations and distinct workers by year of registration and sector, and "
                "each sector's share of the year's workers." + _SHARE[1].format(of="year"),
            ),
        ),
        si.sector_by_year,
    ),
    (
        worker_spec(
            "sector_hhi",
            "workers",
            (
                "Índice de Herfindahl–Hirschman por estado y año",
                "Herfindahl–Hirschman index by state and year",
            ),
            (
                "Concentración del empleo por sector en cada estado de destino y año: HHI = "
                "suma sobre los sectores de (porcentaje del sector)², de 0 a 10.000 (un solo "
                "sector). Se calcula sobre trabajadores distintos, no registros, para que "
                "salidas, retornos y registros repetidos no pesen: el porcentaje de un sector es "
                "sus trabajadores / la suma de los trabajadores de todos los sectores del "
                "estado y año. Umbrales de las Horizontal Merger Guidelines (2010) del "
                "Departamento de Justicia y la FTC de EE. UU.: menos de 1.500 no concentrado, "
                "de 1.500 a 2.500 moderadamente concentrado, más de 2.500 altamente concentrado "
                "(las Merger Guidelines de 2023 llaman altamente concentrado a más de 1.800). "
                "Se publica solo si el estado y año tiene al menos tantos trabajadores como el "
                "umbral. Celdas ocultas: las celdas de sector que se ocultan en la tabla del "
                "estado para ese año entran solo por su suma, repartida por igual entre ellas; "
                "esa suma ya se deduce del total del estado menos las celdas publicadas (salvo "
                "quien se registró en dos sectores), así que el índice no revela nada más. "
                "El HHI exacto sí las revelaría: con dos "
                "celdas ocultas de suma conocida, la suma de sus cuadrados fija las dos. El "
                "valor publicado es entonces el mínimo compatible con las celdas publicadas "
                "(se marca «≥»); es exacto cuando no hay celdas ocultas.",
                "Concentration of employment across sectors in each state of destination and "
                "year: HHI = sum over sectors of (sector share in %)², from 0 to 10,000 (a "
                "single sector). It is computed on distinct workers, not registrations, so that "
                "exits, returns and repeated registrations carry no weight: a sector's share "
                "is its workers / the sum of the workers of every sector of the state and year. "
                "Thresholds of the US Department of Justice and FTC Horizontal Merger "
                "Guidelines (2010): below 1,500 unconcentrated, 1,500 to 2,500 moderately "
                "concentrated, above 2,500 highly concentrated (the 2023 Merger Guidelines "
                "call above 1,800 highly concentrated). Published only when the state and year "
                "has at least as many workers as the threshold. Hidden cells: the sector cells "
                "hidden in the state's table for that year enter only through their sum, "
                "spread evenly among them; that sum already follows from the state's total "
                "minus the published cells (but for anyone registered in two sectors), so the "
                "index reveals nothing more. The exact HHI "
                "would reveal them: with two hidden cells of known sum, the sum of their "
                "squares fixes both. The published value is then the lowest one consistent "
                "with the published cells (marked '≥'); it is exact when no cell is hidden.",
            ),
        ),
        si.sector_hhi,
    ),
    (
        worker_spec(
            "top_employers_share",
            "percent",
            ("Peso de los 5 mayores empleadores", "Share of the 5 largest employers"),
            (
                "Por sector y en total: porcentaje de los trabajadores colocados con los 5 "
                "empleadores (por RFC del registro) con más trabajadores distintos = "
                "trabajadores de esos 5 / trabajadores de todos los empleadores x 100 (pares "
                "trabajador–empleador; los registros sin empleador quedan fuera; empates por "
                "RFC). También el número de empleadores. Se publica como cualquier porcentaje: "
                "denominador, numerador y resto deben ser 0 o alcanzar el umbral. Nunca se "
                "muestran RFC (el de una persona física es un dato personal); se nombran solo "
                "los de entre los 5 con al menos tantos trabajadores como el umbral, porque un "
                "empleador pequeño podría identificar a sus trabajadores.",
                "By sector and overall: share of the workers placed with the 5 employers (by "
                "the registration's RFC tax ID) with most distinct workers = workers of those "
                "5 / workers of all employers x 100 (worker–employer pairs; registrations "
                "without an employer are left out; ties broken by RFC). Also the number of "
                "employers. Published like any share: denominator, numerator and remainder must "
                "each be 0 or reach the threshold. RFCs are never shown (an individual's RFC is "
                "personal data); only those among the 5 with at least as many workers as the "
                "threshold are named, because a small employer could identify its workers.",
            ),
        ),
        si.top_employers_share,
    ),
    (
        worker_spec(
            "women_minors_by_sector",
            "workers",
            ("Mujeres y menores por sector", "Women and minors by sector"),
            (
                "Por sector: trabajadores distintos, mujeres (sexo F en algún registro) y "
                "menores de edad (menos de 18 años en algún registro), y sus porcentajes sobre "
                "los trabajadores del sector. Un conteo y su porcentaje se publican cuando el "
                "grupo y el resto del sector son 0 o alcanzan el umbral; si se oculta uno solo, "
                "se oculta también otro sector, porque el total de mujeres (o de menores) se "
                "publica en el resumen.",
                "By sector: distinct workers, women (sex F on any registration) and minors (under "
                "18 on any registration), and their shares of the sector's workers. A count and "
                "its share are published when the group and the rest of the sector are each 0 "
                "or reach the threshold; when only one is hidden, another sector's is hidden "
                "too, because the total of women (or minors) is published in the overview.",
            ),
        ),
        si.women_minors_by_sector,
    ),
)

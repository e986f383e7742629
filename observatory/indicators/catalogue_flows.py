"""Indicators of the flows page: paths, seasonality, age and sex, exits and returns, circularity."""

from __future__ import annotations

from observatory.indicators import flows_indicators as fi
from observatory.indicators.specs import Computation, IndicatorSpec, worker_spec

_BOTH_WAYS = (
    " Incluye los registros de ambos sentidos del corredor (de Guatemala a México y de México "
    "a Guatemala): el país de cada unidad se lee en su código ISO 3166-2.",
    " Includes registrations in both directions of the corridor (Guatemala to Mexico and "
    "Mexico to Guatemala): each unit's country is read from its ISO 3166-2 code.",
)

INDICATORS: tuple[tuple[IndicatorSpec, Computation], ...] = (
    (
        worker_spec(
            "flow_paths",
            "registrations",
            (
                "Trayectos origen → punto fronterizo → destino → sector",
                "Paths origin → border point → destination → sector",
            ),
            (
                "Registros y trabajadores distintos por combinación de departamento de origen, "
                "punto fronterizo (oficina de registro), estado de destino y sector, según lo "
                "declarado en cada registro: registros = COUNT(*), trabajadores = COUNT(DISTINCT "
                "seudónimo) por combinación. Cada total parcial (por origen, por punto, por "
                "pareja, …) se trata como un margen publicado al ocultar celdas; los trayectos "
                "ocultos no se dibujan y los totales de los nodos suman solo los publicados."
                + _BOTH_WAYS[0],
                "Registrations and distinct workers per combination of origin department, border "
                "point (registering office), destination state and sector, as recorded on each "
                "registration: registrations = COUNT(*), workers = COUNT(DISTINCT pseudonym) per "
                "combination. Every partial total (per origin, per point, per pair, ...) is "
                "treated as a published margin when cells are hidden; hidden paths are not drawn "
                "and node totals add up the published paths only." + _BOTH_WAYS[1],
            ),
        ),
        fi.flow_paths,
    ),
    (
        worker_spec(
            "seasonality",
            "registrations",
            (
                "Estacionalidad: registros por mes y año",
                "Seasonality: registrations by month and year",
            ),
            (
                "Registros (COUNT(*)) y trabajadores distintos por año y mes de la fecha de "
                "registro (del campo period_month, AAAA-MM). Los meses sin registros dentro del "
                "periodo cubierto por los datos valen 0; fuera de él no hay dato (celda vacía). "
                "Márgenes: el total y el total de cada año.",
                "Registrations (COUNT(*)) and distinct workers by year and month of the "
                "registration date (from period_month, YYYY-MM). Months without registrations "
                "inside the period the data cover are 0; outside it there is no value (blank "
                "cell). Margins: the grand total and each year's total.",
            ),
        ),
        fi.seasonality,
    ),
    (
        worker_spec(
            "age_sex_pyramid",
            "workers",
            ("Pirámide de edad y sexo", "Age–sex pyramid"),
            (
                "Trabajadores distintos (y registros) por grupo de edad (edad en la fecha del "
                "registro: menos de 15, 15–17, 18–24, 25–34, 35–44, 45–54, 55 y más) y sexo "
                "registrado. Una persona cuyo grupo de edad o sexo cambia entre registros cuenta "
                "en cada celda; por eso las celdas pueden sumar más que el total de trabajadores. "
                "Márgenes: el total, cada sexo y cada grupo de edad.",
                "Distinct workers (and registrations) by age group (age on the registration "
                "date: under 15, 15–17, 18–24, 25–34, 35–44, 45–54, 55 and over) and recorded "
                "sex. A person whose age group or sex differs between registrations counts in "
                "each cell, so cells may add up to more than the distinct workers. Margins: the "
                "grand total, each sex and each age group.",
            ),
        ),
        fi.age_sex_pyramid,
    ),
    (
        worker_spec(
            "exits_returns",
            "registrations",
            ("Salidas y retornos por mes", "Exits and returns by month"),
            (
                "Registros (COUNT(*)) y trabajadores distintos por mes de registro y tipo de "
                "movimiento (salida o retorno, según la oficina; sin dato se registra como "
                "salida). Con el filtro de dirección solo aparece la dirección elegida. Un "
                "retorno no se empareja con su salida: los dos conteos son independientes. "
                "Márgenes: el total, cada mes y cada dirección.",
                "Registrations (COUNT(*)) and distinct workers by month of registration and "
                "movement (exit or return, as the office recorded it; a blank is recorded as an "
                "exit). With the direction filter only the chosen direction appears. A return is "
                "not matched to its exit: the two counts are independent. Margins: the grand "
                "total, each month and each direction.",
            ),
        ),
        fi.exits_returns,
    ),
    (
        worker_spec(
            "circularity",
            "workers",
            (
                "Circularidad: años en que se ve a cada trabajador",
                "Circularity: years each worker is seen",
            ),
            (
                "Trabajadores distintos según el número de años calendario distintos en que "
                "tienen al menos un registro seleccionado (1, 2, 3, 4 o más), contado con su "
                "seudónimo: COUNT(DISTINCT año de period_month) por trabajador. Una salida en "
                "noviembre y su retorno en enero cuentan dos años; el filtro de dirección lo "
                "evita. El periodo filtrado limita los años que pueden verse.",
                "Distinct workers by the number of distinct calendar years in which they have "
                "at least one selected registration (1, 2, 3, 4 or more), counted through their "
                "pseudonym: COUNT(DISTINCT year of period_month) per worker. An exit in November "
                "and its return in January count two years; the direction filter avoids that. "
                "The filtered period limits the years that can be seen.",
            ),
        ),
        fi.circularity,
    ),
    (
        worker_spec(
            "circular_share",
            "percent",
            ("Trabajadores circulares (2 años o más)", "Circular workers (2 years or more)"),
            (
                "Porcentaje = trabajadores vistos en 2 o más años calendario ÷ todos los "
                "trabajadores distintos de la selección × 100 (véase «Circularidad»). Se publica "
                "solo si el denominador llega al umbral y el numerador y su complemento son 0 o "
                "llegan al umbral.",
                "Share = workers seen in 2 or more calendar years ÷ all distinct workers of the "
                "selection × 100 (see “Circularity”). Published only when the denominator reaches "
                "the threshold and the numerator and its complement are each 0 or reach it.",
            ),
        ),
        fi.circular_share,
    ),
)

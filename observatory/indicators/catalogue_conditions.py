"""Indicators of working conditions, from the contracts."""

from __future__ import annotations

from dataclasses import replace

from observatory.indicators import conditions, wages
from observatory.indicators.specs import Computation, IndicatorSpec, contract_spec

# Said once for every indicator of this catalogue with breakdowns.
_BY = (
    " Se publica en total y por sector, por estado de destino y por reclutador (número de "
    "licencia; «contratación directa» agrupa los contratos sin licencia); el filtro de "
    "reclutador selecciona los contratos con esa licencia.",
    " Published in all and by sector, by state of destination and by recruiter (licence "
    "number; 'direct hire' groups the contracts without a licence); the recruiter filter "
    "selects the contracts with that licence.",
)

INDICATORS: tuple[tuple[IndicatorSpec, Computation], ...] = (
    (
        contract_spec(
            "wage_below_minimum_share",
            ("Salarios por debajo del mínimo", "Wages below the minimum"),
            (
                "Porcentaje de los contratos con salario comparable cuyo salario diario en pesos "
                "es menor que el salario mínimo del lugar de trabajo y del año: contratos bajo "
                "el mínimo / contratos con salario comparable x 100 (también sobre trabajadores "
                "distintos). Un salario semanal cubre 7 días, quincenal 15, mensual 30,4 y por "
                "hora 8 horas al día; quetzales y dólares se convierten al tipo de cambio "
                "promedio del año (quetzal: Banguat, aproximado; peso: tipos de referencia "
                "del BCE; ver SOURCES.md). El pago a destajo no se convierte y queda fuera."
                + _BY[0],
                "Share of the contracts with a comparable wage whose daily wage in pesos is below "
                "the minimum wage of the worksite and year: contracts below the minimum / "
                "contracts with a comparable wage x 100 (also over distinct workers). A weekly "
                "wage covers 7 days, a fortnight 15, a month 30.4 and an hourly wage 8 hours a "
                "day; quetzales and dollars convert at the year's average rate (quetzal: Banguat, "
                "approximate; peso: ECB reference rates; see SOURCES.md). Piece rates are not "
                "converted and are left out." + _BY[1],
            ),
        ),
        conditions.wage_below_minimum_share,
    ),
    (
        contract_spec(
            "recruitment_cost_sdg_10_7_1",
            (
                "Costo de reclutamiento por contrato (ODS 10.7.1)",
                "Recruitment cost per contract (SDG 10.7.1)",
            ),
            (
                "Indicador ODS 10.7.1: la media, sobre los contratos que informan la cuota "
                "(una cuota de 0 cuenta como 0) y tienen salario comparable, de la cuota pagada "
                "por el trabajador dividida entre un mes de ingresos (salario diario x 30,4), "
                "en porcentaje. También el porcentaje de los contratos que informan la cuota en "
                "que el trabajador pagó alguna (> 0): según los principios de contratación "
                "equitativa de la OIT, el trabajador no debe pagar ninguna. Cuotas en quetzales "
                "se convierten al tipo de cambio promedio del año; el destajo queda fuera de "
                "la media. Cuenta contratos: un trabajador con dos contratos cuenta dos veces "
                "(véase «Cuotas de reclutamiento pagadas por los trabajadores» para la cuenta "
                "por trabajador)." + _BY[0],
                "SDG indicator 10.7.1: the mean, over the contracts that report the fee (a fee "
                "of 0 counts as 0) and have a comparable wage, of the fee paid by the worker "
                "over one month of earnings (daily wage x 30.4), in percent. Also the share of "
                "the contracts reporting the fee in which the worker paid any (> 0): under the "
                "ILO fair-recruitment principles workers should pay none. Fees in quetzales "
                "convert at the year's average rate; piece rates are left out of the mean. Counts "
                "contracts: a worker with two contracts counts twice (see 'Recruitment fees "
                "paid by workers' for the count over workers)." + _BY[1],
            ),
        ),
        conditions.recruitment_cost_sdg_10_7_1,
    ),
    (
        contract_spec(
            "contract_conditions",
            ("Condiciones del contrato", "Contract conditions"),
            (
                "Porcentaje de los contratos con contrato escrito, con seguridad social (IMSS), "
                "con más de 48 horas por semana, con vivienda proporcionada y con transporte "
                "pagado por el empleador. Los contratos sin ese dato quedan fuera del "
                "denominador de cada porcentaje." + _BY[0],
                "Share of the contracts with a written contract, with social security (IMSS), "
                "with more than 48 hours a week, with housing provided and with transport paid "
                "by the employer. Contracts without that value are left out of each share's "
                "denominator." + _BY[1],
            ),
        ),
        conditions.contract_conditions,
    ),
    (
        replace(
            contract_spec(
                "wage_distribution",
                (
                    "Distribución de los salarios diarios respecto del mínimo",
                    "Daily wages against the minimum wage",
                ),
                (
                    "Contratos y trabajadores distintos por tramo del salario diario en pesos "
                    "expresado como porcentaje del salario mínimo diario del lugar de trabajo y "
                    "del año: menos de 50 %, 50–75 %, 75–100 %, 100–125 %, 125–150 % y 150 % o "
                    "más (cada tramo incluye su límite inferior: un salario igual al mínimo está "
                    "en 100–125 %). El porcentaje de cada tramo es sobre los contratos con "
                    "salario comparable. Los tramos por debajo de 100 % suman los contratos "
                    "bajo el mínimo. Un trabajador con contratos en dos tramos cuenta en ambos. "
                    "Conversión a pesos diarios como en «Salarios por debajo del mínimo»; el "
                    "destajo queda fuera.",
                    "Contracts and distinct workers per band of the daily wage in pesos as a "
                    "percentage of the daily minimum wage of the worksite and year: under 50 %, "
                    "50–75 %, 75–100 %, 100–125 %, 125–150 % and 150 % or more (each band "
                    "includes its lower bound: a wage equal to the minimum is in 100–125 %). "
                    "Each band's share is of the contracts with a comparable wage. The bands "
                    "under 100 % add up to the contracts below the minimum. A worker with "
                    "contracts in two bands counts in both. Conversion to daily pesos as in "
                    "'Wages below the minimum'; piece rates are left out.",
                ),
            ),
            unit="workers",
        ),
        wages.wage_distribution,
    ),
    (
        contract_spec(
            "wage_gap_sex",
            ("Brecha salarial entre mujeres y hombres", "Wage gap between women and men"),
            (
                "Salario diario medio en pesos de las mujeres y de los hombres sobre los "
                "contratos con salario comparable, y la brecha (media de los hombres − media de "
                "las mujeres) / media de los hombres x 100: una brecha positiva significa que "
                "las mujeres ganan menos. Se usa la media y no la mediana porque la media se "
                "calcula igual en todas las bases de datos a partir de sumas y conteos, sin "
                "traer registros individuales; la media es sensible a unos pocos salarios "
                "altos: la distribución por tramos muestra la forma. Cada media se publica solo "
                "si cuenta al menos el umbral de trabajadores de ese sexo; la brecha, solo si "
                "se publican ambas. El sexo es el del trabajador en los registros fronterizos "
                "(los contratos no lo traen): los contratos de trabajadores sin registro "
                "quedan fuera." + _BY[0],
                "Mean daily wage in pesos of women and of men over the contracts with a "
                "comparable wage, and the gap (men's mean − women's mean) / men's mean x 100: "
                "a positive gap means women earn less. The mean rather than the median, "
                "because the mean is computed the same way on every database from sums and "
                "counts, without fetching individual records; the mean is sensitive to a few "
                "high wages: the wage bands show the shape. Each mean is published only when "
                "it counts at least the threshold of workers of that sex; the gap only when "
                "both are. Sex is the worker's in the border registrations (contracts do not "
                "carry it): contracts of workers never registered are left out." + _BY[1],
            ),
        ),
        wages.wage_gap_sex,
    ),
    (
        contract_spec(
            "recruitment_fee_workers",
            (
                "Cuotas de reclutamiento pagadas por los trabajadores (ODS 10.7.1)",
                "Recruitment fees paid by workers (SDG 10.7.1)",
            ),
            (
                "Sobre trabajadores distintos, no contratos. ODS 10.7.1 por trabajador (como lo "
                "define la especificación de datos): para cada trabajador con cuota informada y "
                "salario comparable, la media de sus cocientes cuota / un mes de ingresos "
                "(salario diario x 30,4); el indicador es la media de esos valores entre los "
                "trabajadores, en porcentaje. Porcentaje de trabajadores que pagaron alguna "
                "cuota: trabajadores con una cuota > 0 en alguno de los contratos "
                "seleccionados / trabajadores con cuota informada en alguno, x 100 (según los "
                "principios de contratación equitativa de la OIT, ninguno debería pagar)." + _BY[0],
                "Over distinct workers, not contracts. SDG 10.7.1 per worker (as the data "
                "specification defines it): for each worker with a reported fee and a "
                "comparable wage, the mean of their ratios fee / one month of earnings (daily "
                "wage x 30.4); the indicator is the mean of those values over the workers, in "
                "percent. Share of workers who paid any fee: workers with a fee > 0 on any "
                "selected contract / workers with a reported fee on any, x 100 (under the ILO "
                "fair-recruitment principles none should pay)." + _BY[1],
            ),
        ),
        wages.recruitment_fee_workers,
    ),
)

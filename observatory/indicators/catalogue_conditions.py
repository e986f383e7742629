"""Indicators of working conditions, from the contracts."""

from __future__ import annotations

from observatory.indicators import conditions
from observatory.indicators.specs import Computation, IndicatorSpec, contract_spec

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
                "del BCE; ver SOURCES.md). El pago a destajo no se convierte y queda fuera.",
                "Share of the contracts with a comparable wage whose daily wage in pesos is below "
                "the minimum wage of the worksite and year: contracts below the minimum / "
                "contracts with a comparable wage x 100 (also over distinct workers). A weekly "
                "wage covers 7 days, a fortnight 15, a month 30.4 and an hourly wage 8 hours a "
                "day; quetzales and dollars convert at the year's average rate (quetzal: Banguat, "
                "approximate; peso: ECB reference rates; see SOURCES.md). Piece rates are not "
                "converted and are left out.",
            ),
        ),
        conditions.wage_below_minimum_share,
    ),
    (
        contract_spec(
            "recruitment_cost_sdg_10_7_1",
            (
                "Costo de reclutamiento (ODS 10.7.1)",
                "Recruitment cost (SDG 10.7.1)",
            ),
            (
                "Indicador ODS 10.7.1: la media, sobre los contratos que informan la cuota "
                "(una cuota de 0 cuenta como 0) y tienen salario comparable, de la cuota pagada "
                "por el trabajador dividida entre un mes de ingresos (salario diario x 30,4), "
                "en porcentaje. También el porcentaje de los contratos que informan la cuota en "
                "que el trabajador pagó alguna (> 0): según los principios de contratación "
                "equitativa de la OIT, el trabajador no debe pagar ninguna. Cuotas en quetzales "
                "se convierten al tipo de cambio promedio del año; el destajo queda fuera de "
                "la media.",
                "SDG indicator 10.7.1: the mean, over the contracts that report the fee (a fee "
                "of 0 counts as 0) and have a comparable wage, of the fee paid by the worker "
                "over one month of earnings (daily wage x 30.4), in percent. Also the share of "
                "the contracts reporting the fee in which the worker paid any (> 0): under the "
                "ILO fair-recruitment principles workers should pay none. Fees in quetzales "
                "convert at the year's average rate; piece rates are left out of the mean.",
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
                "denominador de cada porcentaje.",
                "Share of the contracts with a written contract, with social security (IMSS), "
                "with more than 48 hours a week, with housing provided and with transport paid "
                "by the employer. Contracts without that value are left out of each share's "
                "denominator.",
            ),
        ),
        conditions.contract_conditions,
    ),
)

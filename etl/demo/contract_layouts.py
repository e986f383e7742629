"""How each contracts file is laid out: columns, words for coded values, number habits."""

from __future__ import annotations

from dataclasses import dataclass

from etl.demo.layouts import FileStyle

# (field, header) in column order: MINTRAB's contract register, an upper-case sheet typed at an
# office (its yes/no columns hold only "x" marks), and a newer system's snake-case export.
CONTRACT_TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    "formal": (
        ("contract_id", "Folio contrato"), ("cui", "CUI"), ("passport", "Documento"),
        ("name", "Nombre del trabajador"), ("sector", "Actividad"), ("occupation", "Ocupación"),
        ("worksite_admin1", "Estado trabajo"), ("worksite_admin2", "Municipio trabajo"),
        ("employer_name", "Empleador"), ("employer_id", "RFC empleador"),
        ("recruiter_licence", "Licencia reclutador"), ("start_date", "Fecha inicio"),
        ("end_date", "Fecha término"), ("wage_amount", "Salario"),
        ("wage_period", "Periodicidad"), ("currency", "Moneda"),
        ("hours_per_week", "Horas semana"), ("written_contract", "Contrato escrito"),
        ("fee", "Cuota reclutamiento"), ("housing", "Vivienda"), ("transport", "Transporte"),
        ("social_security", "IMSS"), ("complaint", "Queja"), ("remarks", "Observaciones"),
    ),
    "upper": (
        ("contract_id", "FOLIO CONTRATO"), ("cui", "DPI"), ("passport", "DOCUMENTO"),
        ("given_names", "NOMBRES"), ("surnames", "APELLIDOS"), ("sector", "ACTIVIDAD"),
        ("occupation", "PUESTO"), ("worksite_admin1", "ESTADO"),
        ("worksite_admin2", "MUNICIPIO TRABAJO"), ("employer_name", "PATRON"),
        ("employer_id", "RFC"), ("recruiter_licence", "LICENCIA RECLUTADOR"),
        ("start_date", "FECHA INICIO"), ("end_date", "FECHA FIN"), ("wage_amount", "SALARIO"),
        ("wage_period", "PERIODICIDAD"), ("currency", "MONEDA"),
        ("hours_per_week", "HORAS SEMANA"), ("written_contract", "CONTRATO ESCRITO"),
        ("fee", "PAGO RECLUTAMIENTO"), ("housing", "VIVIENDA"), ("transport", "TRANSPORTE"),
        ("social_security", "SEGURO SOCIAL"), ("complaint", "QUEJA"),
    ),
    "snake": (
        ("contract_id", "id_contrato"), ("cui", "dpi"), ("passport", "documento"),
        ("name", "nombre"), ("sector", "sector"), ("occupation", "ocupacion"),
        ("worksite_admin1", "entidad_trabajo"), ("worksite_admin2", "municipio_trabajo"),
        ("employer_id", "rfc_empleador"), ("employer_name", "razon_social_empleador"),
        ("recruiter_licence", "licencia_reclutador"), ("start_date", "fecha_inicio"),
        ("end_date", "fecha_fin"), ("wage_amount", "monto_salario"),
        ("wage_period", "periodo_salario"), ("currency", "moneda"),
        ("hours_per_week", "horas_semana"), ("written_contract", "contrato_escrito"),
        ("fee", "pago_reclutamiento"), ("housing", "vivienda"),
        ("transport", "transporte"), ("social_security", "seguro_social"),
        ("complaint", "queja"), ("clerk", "capturista"),
    ),
}  # fmt: skip
CORRECTION_TEMPLATE = (
    ("contract_id", "Folio contrato"), ("cui", "CUI"), ("passport", "Documento"),
    ("sector", "Actividad"), ("worksite_admin1", "Estado trabajo"),
    ("start_date", "Fecha inicio"), ("wage_amount", "Salario"),
    ("wage_period", "Periodicidad"), ("currency", "Moneda"), ("remarks", "Observaciones"),
)  # fmt: skip
PERIOD_WORDS = {"day": "Diario", "week": "Semanal", "fortnight": "Quincenal", "month": "Mensual",
                "hour": "Por hora", "piece": "Destajo"}  # fmt: skip
UNKNOWN_PERIODS = ("Por temporada", "Variable", "Según cosecha")  # no wage period: quarantined
REMARKS = ("Contrato por temporada", "Incluye alimentación", "Pago en efectivo",
           "Renovación", "Sin observaciones")  # fmt: skip
CLERKS = ("rmejia", "lorozco", "DIGITADOR 1", "kbamaca")


@dataclass(frozen=True)
class ContractStyle:
    """How one contracts file writes its values, beside the file habits of FileStyle."""

    file: FileStyle
    yes_no: tuple[str, str]  # ("x", "") in the file whose yes/no columns are marks only
    money: str  # plain 1500.5 / us 1,500.50 / eu 1.500,5 / sign $1,500 and Q 1,200 / cell
    currency_blank_share: float  # of MXN contracts whose currency is left empty (the default)
    fee_blank_share: float  # of fee-free contracts whose fee cell is empty (not reported)
    sector_form: str = "label"
    admin1_form: str = "name"
    id_form: str = "plain"


def contract_style(index: int) -> ContractStyle:
    """The habits of the corpus's `index`-th yearly file (the third is an XLSX workbook)."""
    return [
        ContractStyle(FileStyle("formal", encoding="cp1252", delimiter=";"),
                      ("Sí", "No"), "eu", 0.5, 0.0, id_form="spaced"),
        ContractStyle(FileStyle("upper", delimiter=",", date_format="iso"),
                      ("x", ""), "us", 0.3, 0.0, sector_form="upper_plain",
                      admin1_form="upper_plain"),
        ContractStyle(FileStyle("snake", container="xlsx", date_format="excel"),
                      ("si", "no"), "cell", 0.0, 0.2, sector_form="code", admin1_form="iso_new",
                      id_form="hyphen"),
        ContractStyle(FileStyle("formal", encoding="utf-8-sig", delimiter="\t",
                                date_format="dmy_dash"),
                      ("SI", "NO"), "sign", 0.6, 0.0, sector_form="other_name"),
        ContractStyle(FileStyle("snake", delimiter="|", line_end="\n", date_format="iso_time"),
                      ("1", "0"), "plain", 0.0, 0.15, sector_form="lower",
                      admin1_form="stats", id_form="spaced"),
        ContractStyle(FileStyle("formal", delimiter=";", quote_all=True,
                                date_format="dmy_unpadded"),
                      ("si", "no"), "eu", 0.4, 0.0, id_form="hyphen"),
    ][index % 6]  # fmt: skip


def money(amount: float, style: str, currency: str = "MXN") -> object:
    """An amount as a file writes it; `sign` puts the currency's sign before it (fees only)."""
    whole = amount == int(amount)
    if amount == 0 and style != "cell":
        return "0"
    if style == "cell":
        return int(amount) if whole else amount
    if style == "plain":
        return f"{amount:.0f}" if whole else f"{amount:.2f}"
    us = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    if style == "eu":
        return us.replace(",", "_").replace(".", ",").replace("_", ".")
    if style == "sign":
        return {"GTQ": "Q ", "MXN": "$"}.get(currency, "") + us
    return f"{amount:,.2f}"  # us

"""The demo's calibration: public figures named beside their constant; the rest is our choice."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from observatory.corridor import Corridor

# Units, sectors and offices are named by their corridor codes; names come from the corridor.

# ILO SSTC publications (2016-2020): "about 35,000 Guatemalans a year" cross to work in southern
# Mexico, and that migration "has grown year after year". We put the 35,000 in 2023 and grow
# it 3 % a year, with 2 % noise between years (our choices).
EXITS_PER_YEAR_REFERENCE = 35_000
REFERENCE_YEAR = 2023
ANNUAL_GROWTH = 0.03
YEAR_NOISE_SD = 0.02

# Not published: the share of exits whose return is registered at an office, the days abroad
# by sector (a harvest lasts a few months) and how often people return through the same office.
RETURN_REGISTRATION_SHARE = 0.5
DAYS_ABROAD = {"coffee": (45, 150), "sugar_cane": (60, 180), "": (20, 240)}
SAME_OFFICE_ON_RETURN = 0.85

# ILO SSTC: about 90 % work in Chiapas, the rest in Tabasco, Yucatán, Campeche and Quintana Roo;
# no split of that 10 % is published. Ours gives Tabasco the largest part, as TVTF cards did
# in Q1 2023 (1,529 for Chiapas, 218 for Tabasco); the peninsula shares the rest.
DESTINATION_WEIGHTS = {"MX-CHP": 0.90, "MX-TAB": 0.05, "MX-ROO": 0.025, "MX-CAM": 0.015,
                       "MX-YUC": 0.01}  # fmt: skip

# The offices are in San Marcos (ILO SSTC) and IOM's flow monitoring counted 48 % of movements
# at the San Marcos point in December 2024: the border departments dominate. Split ours; the
# tail weight is spread evenly over the corridor's other Guatemalan departments.
ORIGIN_WEIGHTS = {"GT-12": 0.46, "GT-13": 0.22, "GT-09": 0.12, "GT-11": 0.07}
ORIGIN_TAIL_WEIGHT = 0.13

# TVTF cards, Q1 2023 (Mexico's Unidad de Política Migratoria): 1,560 men, 186 women.
FEMALE_SHARE = 186 / (1_560 + 186)
# Same source: "most aged 20-29"; ILO SSTC: mostly young men. Bands (first, last, weight).
ADULT_AGE_BANDS = ((18, 19, 0.08), (20, 29, 0.52), (30, 39, 0.24), (40, 49, 0.11), (50, 59, 0.05))
# ILO SSTC: Guatemalan children working in Chiapas are a recognised problem with "no real
# statistics". A few % of registrations, mostly in agriculture with family (our choice).
MINOR_SHARE = 0.05  # of new workers; they age, so about 3 % of registrations
MINOR_AGES = (14, 17)
MAX_WORKING_AGE = 62
WARM_UP_YEARS = 1  # simulated before the first year written, so that it starts mid-stream

# Circular migration: many come back year after year (ILO SSTC: temporary indigenous labour
# migration is structural). The probabilities are ours.
CIRCULAR_SHARE = 0.6
RETURN_NEXT_YEAR = {True: 0.85, False: 0.10}  # keyed by "is a circular worker"
KEEP_SECTOR, KEEP_DESTINATION, KEEP_EMPLOYER, KEEP_RECRUITER = 0.85, 0.9, 0.7, 0.8

# Sector mix by (sex, works in Chiapas). ILO SSTC: coffee, papaya and sugar-cane plantations,
# domestic service, construction, also hospitality and commerce; women and children work too.
# Weights ours: women mostly in domestic work and commerce; no coffee outside Chiapas.
SECTOR_MIX = {
    ("M", True): {"coffee": 0.47, "banana": 0.10, "sugar_cane": 0.10, "papaya": 0.06,
                  "other_agriculture": 0.08, "construction": 0.10, "commerce": 0.03,
                  "hospitality": 0.02, "domestic_work": 0.005, "manufacturing": 0.02,
                  "other": 0.015},
    ("F", True): {"domestic_work": 0.36, "commerce": 0.22, "hospitality": 0.10, "coffee": 0.18,
                  "papaya": 0.03, "banana": 0.02, "other_agriculture": 0.03,
                  "manufacturing": 0.03, "other": 0.03},
    ("M", False): {"banana": 0.25, "construction": 0.25, "hospitality": 0.14, "commerce": 0.08,
                   "other_agriculture": 0.10, "sugar_cane": 0.08, "manufacturing": 0.05,
                   "other": 0.05},
    ("F", False): {"domestic_work": 0.35, "hospitality": 0.25, "commerce": 0.25,
                   "manufacturing": 0.05, "banana": 0.05, "other": 0.05},
}  # fmt: skip
SECTOR_MIX_MINORS = {"coffee": 0.60, "other_agriculture": 0.15, "banana": 0.05, "commerce": 0.10,
                     "domestic_work": 0.10}  # fmt: skip

# Month of exit, January to December. The Soconusco coffee harvest runs October-March and the
# sugar-cane zafra November-May (CONADESUCA's zafra reports): people leave as a season opens.
SEASON = {
    "coffee": (10, 6, 3, 1, 1, 1, 1, 2, 8, 16, 16, 12),
    "sugar_cane": (10, 7, 5, 3, 1, 0.5, 0.5, 0.5, 1, 8, 14, 10),
    "hospitality": (6, 5, 7, 8, 6, 6, 9, 9, 5, 6, 8, 11),
    "": (9, 8, 9, 8, 8, 8, 8, 8, 8, 9, 9, 8),
}

# Rights campaigns were translated into Mam, K'iche' and Kaqchikel (ILO SSTC). Shares by origin
# are rough readings of INE's 2018 census by department (our simplification).
LANGUAGE_MIX = {
    "GT-12": {"es": 0.58, "mam": 0.40, "quc": 0.02},
    "GT-13": {"es": 0.45, "mam": 0.40, "quc": 0.03, "other": 0.12},
    "GT-09": {"es": 0.50, "mam": 0.22, "quc": 0.28},
    "GT-11": {"es": 0.88, "quc": 0.08, "mam": 0.04},
    "": {"es": 0.60, "quc": 0.20, "cak": 0.15, "other": 0.05},
}

# MINTRAB's offices are at Tecún Umán and El Carmen (ILO SSTC); people from Huehuetenango
# also use La Mesilla, people from Petén El Ceibo (our weights).
OFFICE_WEIGHTS = {
    "GT-13": {"el_carmen": 0.50, "tecun_uman": 0.35, "la_mesilla": 0.15},
    "GT-17": {"el_ceibo": 0.75, "tecun_uman": 0.15, "el_carmen": 0.10},
    "": {"tecun_uman": 0.62, "el_carmen": 0.38},
}

# TVTF (border worker card), TVR (regional visitor card), other, none. Many workers are
# irregular (ILO SSTC); the mixes are ours.
DOCUMENT_MIX = {"TVTF": 0.58, "TVR": 0.07, "other": 0.08, "none": 0.27}
DOCUMENT_MIX_MINORS = {"none": 0.6, "other": 0.3, "TVR": 0.1}
PASSPORT_SHARE = 0.03  # registered with a passport rather than a CUI (our choice)

# Little is known of intermediaries (ILO SSTC). Share of trips with a recruiter, by sector (ours).
LICENCE_SHARE = {"coffee": 0.45, "sugar_cane": 0.5, "banana": 0.4, "papaya": 0.3,
                 "other_agriculture": 0.3, "construction": 0.2, "manufacturing": 0.3,
                 "hospitality": 0.15, "domestic_work": 0.05, "commerce": 0.05,
                 "other": 0.1}  # fmt: skip
CONTRACT_SHARE = 0.4  # of exits to an employer with an RFC, those with a contract folio (ours)
# ILO SSTC: workers cross "often with their families", above all to the farms (shares ours).
FAMILY_SHARE = {"coffee": 0.18, "other_agriculture": 0.15, "": 0.04}
FAMILY_SHARE_MINORS = 0.8
FAMILY_SIZES = {1: 0.5, 2: 0.25, 3: 0.15, 4: 0.1}

# Real municipality names. Free text in the files: no list check happens.
ORIGIN_MUNICIPALITIES = {
    "GT-12": ("Malacatán", "San Pedro Sacatepéquez", "Tacaná", "Ayutla", "Catarina", "San Pablo",
              "Tajumulco", "Sibinal", "Concepción Tutuapa", "Comitancillo", "El Quetzal"),
    "GT-13": ("La Democracia", "Cuilco", "Todos Santos Cuchumatán", "Colotenango",
              "Jacaltenango", "San Ildefonso Ixtahuacán", "Santiago Chimaltenango", "La Libertad"),
    "GT-09": ("Coatepeque", "Cabricán", "Huitán", "San Juan Ostuncalco", "Colomba",
              "Concepción Chiquirichapa", "Génova"),
    "GT-11": ("Retalhuleu", "Champerico", "San Sebastián", "Nuevo San Carlos", "El Asintal"),
}  # fmt: skip
DESTINATION_MUNICIPALITIES = {
    "MX-CHP": ("Tapachula", "Cacahoatán", "Huixtla", "Suchiate", "Tuxtla Chico", "Unión Juárez",
               "Mazatán", "Frontera Comalapa", "Motozintla", "Frontera Hidalgo", "Metapa"),
    "MX-TAB": ("Tenosique", "Balancán", "Teapa", "Centro", "Cunduacán"),
    "MX-CAM": ("Campeche", "Carmen", "Escárcega", "Champotón"),
    "MX-ROO": ("Benito Juárez", "Solidaridad", "Othón P. Blanco", "Tulum"),
    "MX-YUC": ("Mérida", "Progreso", "Valladolid"),
}  # fmt: skip
# ISCO-08 unit group and the Spanish job title an office types.
OCCUPATIONS = {
    "coffee": ("9211", "Cortador de café"), "banana": ("9211", "Jornalero bananero"),
    "sugar_cane": ("9211", "Cortador de caña"), "papaya": ("9211", "Jornalero"),
    "other_agriculture": ("9211", "Jornalero agrícola"), "construction": ("9313", "Albañil"),
    "domestic_work": ("9111", "Trabajadora doméstica"), "commerce": ("5223", "Vendedor"),
    "hospitality": ("9412", "Ayudante de cocina"), "manufacturing": ("9329", "Empacador"),
    "other": ("9629", "Ayudante general"),
}  # fmt: skip

# Synthetic people, employers and recruiters: common Spanish and Mayan first names and
# surnames of the region, combined at random; place names common in both countries.
FIRST_NAMES = {
    "M": ("Juan", "José", "Pedro", "Santiago", "Domingo", "Diego", "Francisco", "Marcos", "Mateo",
          "Baltazar", "Gaspar", "Andrés", "Miguel", "Tomás", "Lucas", "Felipe", "Cristóbal",
          "Rigoberto", "Byron", "Elmer", "Erwin", "Wilmer", "Selvin", "Edvin", "Brayan", "Carlos",
          "Luis", "Fermín", "Abelino", "Eliseo", "Jacinto", "Sebastián", "Nicolás", "Efraín"),
    "F": ("María", "Juana", "Micaela", "Rosa", "Catarina", "Magdalena", "Ana", "Petrona",
          "Dominga", "Sebastiana", "Lucía", "Candelaria", "Ixchel", "Olga", "Gloria", "Sandra",
          "Marta", "Isabel", "Francisca", "Tomasa", "Elvira", "Yesenia", "Glenda", "Ingrid"),
}  # fmt: skip
SURNAMES = (
    "López", "Pérez", "García", "Ramírez", "Mejía", "Chávez", "Bámaca", "Tzoc", "Cux", "Ajanel",
    "Xocop", "Mazariegos", "Fuentes", "Orozco", "Velásquez", "Gómez", "Ixcot", "Jiguan", "Tax",
    "Cardona", "Domingo", "Méndez", "Roblero", "Escalante", "Maldonado", "Jiménez", "Bautista",
    "Pablo", "Sales", "Ordóñez", "Cifuentes", "Tojín", "Coyoy", "Quemé", "Batz", "Sic",
    "Ixtabalán", "Hernández", "Morales", "Díaz", "Vásquez", "Ramos",
)  # fmt: skip
PLACE_NAMES = (
    "Santa Anita", "La Esperanza", "El Progreso", "San José", "La Victoria", "Las Palmas",
    "El Porvenir", "Santa Elena", "La Fortuna", "San Antonio", "Los Laureles", "El Recreo",
    "La Providencia", "Buenos Aires", "Santa Cruz", "La Alianza", "El Retiro", "Monte Verde",
    "San Cristóbal", "La Gloria", "El Edén", "Las Nubes", "Santa Rita", "El Paraíso", "San Juan",
    "La Concordia", "Los Cerritos", "El Mirador",
)  # fmt: skip

# An office re-sends a batch of earlier registrations with the state or the sector corrected
# (DATA_SPEC: a later file repeating a natural key with changed values updates the record).
CORRECTED_REGISTRATIONS = 50
CORRECTED_YEAR_INDEX = 2  # corrections concern the corpus's third year (or its last)


# --- Recruiter registry (issue 3). Neither register publishes its history: our choices. Licences
# run a few years and are renewed; complaints come mostly against the recruiters that charge
# fees, and enough of them lead to an inspection and a suspension, then a revocation or a
# reinstatement. Fee chargers: this many registered licences, and every unregistered one.
LICENCE_YEARS = 3
RENEWAL_SHARE = 0.92
APPLICATION_DAYS = (30, 150)  # "en trámite" before the licence is granted
COMPLAINTS_PER_YEAR = {True: 2.5, False: 0.1}  # keyed by "charges fees"
SUSPEND_AFTER_COMPLAINTS = 4
SUSPENSION_AFTER_COMPLAINT_DAYS = (30, 120)
SUSPENSION_SHARE = {True: 0.85, False: 0.05}  # on the threshold; else at random (fee-free ones)
REVOCATION_SHARE = {True: 0.5, False: 0.15}  # of suspensions; the rest are reinstated
SUSPENSION_DAYS = (90, 450)
FEE_CHARGING_RECRUITERS = 12
FEE_CHARGING_SECTORS = ("coffee", "sugar_cane")  # they recruit for plantations
REGISTER_LAG_DAYS = 60  # a licence expired this recently may still read "vigente"

# --- Contracts (issue 3). Mexico's general minimum wage, MXN a day, general zone (CONASAMI's
# resolutions in the DOF each December; Chiapas and Tabasco are outside the northern free zone).
MINIMUM_WAGE_MXN_DAY = {2021: 141.70, 2022: 172.87, 2023: 207.44, 2024: 248.93,
                        2025: 278.80, 2026: 315.04}  # fmt: skip
# Rough annual averages, MXN per GTQ and per USD (Banxico FIX, Banguat), only to write amounts
# in other currencies; the observatory converts with the rates of its corridor data.
MXN_PER_UNIT = {
    "GTQ": {2021: 2.6, 2022: 2.6, 2023: 2.3, 2024: 2.35, 2025: 2.5, 2026: 2.3},
    "USD": {2021: 20.3, 2022: 20.1, 2023: 17.7, 2024: 18.3, 2025: 19.2, 2026: 17.5},
}
# Wages as a ratio to the minimum: most 5-40 % above, a minority below (ours), more often in
# coffee and domestic work (ILO C189 and ILO SSTC on the corridor's abuses), and when a fee was
# charged. Piece rates (MXN per kg of coffee cherry) stay out of wage comparisons.
WAGE_RATIO_ABOVE, WAGE_RATIO_BELOW = (1.05, 1.40), (0.70, 0.97)
BELOW_MINIMUM_SHARE = {"coffee": 0.16, "domestic_work": 0.30, "other_agriculture": 0.12,
                       "sugar_cane": 0.10, "papaya": 0.10, "banana": 0.08, "": 0.06}  # fmt: skip
BELOW_MINIMUM_WITH_FEE = 0.35
PIECE_RATE_MXN_PER_KG = (2.5, 5.0)
BELOW_MINIMUM_BAND = (0.08, 0.18)  # what the corpus should show, of comparable MXN wages
WAGE_PERIODS = {
    "coffee": {"day": 0.72, "piece": 0.25, "week": 0.03}, "sugar_cane": {"day": 0.7, "week": 0.3},
    "banana": {"day": 0.6, "week": 0.4}, "papaya": {"day": 0.8, "week": 0.2},
    "other_agriculture": {"day": 0.85, "week": 0.15},
    "construction": {"week": 0.8, "day": 0.15, "fortnight": 0.05},
    "domestic_work": {"month": 0.75, "fortnight": 0.15, "week": 0.1},
    "commerce": {"fortnight": 0.45, "week": 0.35, "month": 0.15, "hour": 0.05},
    "hospitality": {"fortnight": 0.4, "week": 0.3, "hour": 0.15, "day": 0.15},
    "manufacturing": {"week": 0.6, "fortnight": 0.4},
    "other": {"day": 0.4, "week": 0.4, "month": 0.2},
}  # fmt: skip
GTQ_SHARE = {"GT": 0.35, "": 0.03}  # keyed by the recruiter's country ("" = direct or MX)
USD_SHARE = 0.01
# ILO SSTC: excessive fees are the known abuse; the Fair Recruitment principles say none at all.
FEE_SHARE = {"charging": 0.9, "licensed": 0.06, "direct": 0.02}
FEE_RANGE = (500, 3_000)  # GTQ or MXN, the contract's currency
LONG_HOURS_SHARE = {"sugar_cane": 0.6, "construction": 0.5, "domestic_work": 0.45,
                    "coffee": 0.2, "": 0.1}  # fmt: skip
LONG_HOURS, NORMAL_HOURS = (50, 72), (36, 48)
WRITTEN_CONTRACT_SHARE = {"construction": 0.85, "commerce": 0.85, "manufacturing": 0.9,
                          "hospitality": 0.8, "banana": 0.7, "sugar_cane": 0.6, "papaya": 0.6,
                          "other_agriculture": 0.55, "coffee": 0.5, "domestic_work": 0.3,
                          "": 0.7}  # fmt: skip
SOCIAL_SECURITY_SHARE = {"construction": 0.75, "commerce": 0.7, "manufacturing": 0.8,
                         "hospitality": 0.6, "banana": 0.35, "sugar_cane": 0.4, "papaya": 0.25,
                         "coffee": 0.15, "other_agriculture": 0.2, "domestic_work": 0.05,
                         "": 0.4}  # fmt: skip
HOUSING_SHARE = {"coffee": 0.85, "sugar_cane": 0.7, "banana": 0.6, "papaya": 0.5,
                 "other_agriculture": 0.6, "domestic_work": 0.7, "construction": 0.3,
                 "": 0.1}  # fmt: skip
TRANSPORT_SHARE = {"coffee": 0.5, "sugar_cane": 0.6, "banana": 0.5, "": 0.2}
COMPLAINT_SHARE = {False: 0.02, True: 0.12}  # keyed by "paid a fee or earns below the minimum"
CONTRACT_DAYS = {"coffee": (45, 150), "sugar_cane": (60, 180), "construction": (60, 365),
                 "": (30, 365)}  # fmt: skip
OPEN_ENDED_SHARE = 0.03  # contracts with no end date
CONTRACT_FAULT_SHARE = 0.005
CORRECTED_CONTRACTS = 30  # wages corrected after an inspection, in the corpus's third year


def _check_calibration(corridor: Corridor) -> None:
    """The calibration names units, sectors and offices by code: the corridor must have them."""
    have = (
        {u.code for u in corridor.admin1}
        | {s.code for s in corridor.sectors}
        | {p.code for p in corridor.border_points}
    )
    wanted = (
        set(DESTINATION_WEIGHTS)
        | set(ORIGIN_WEIGHTS)
        | set(OCCUPATIONS)
        | {code for mix in OFFICE_WEIGHTS.values() for code in mix}
    )
    if missing := wanted - have:
        raise ValueError(
            "the demo is calibrated for the gt_mx corridor; this corridor lacks "
            + ", ".join(sorted(missing))
        )

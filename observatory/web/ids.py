"""Every component id of the web app, in one place, so pages never collide."""

from __future__ import annotations

# Shell (shared by every page)
URL = "url"  # dcc.Location(refresh=False): the view state lives in its query string
VIEW = "view"  # dcc.Store: {"filter": Filter.to_query(), "lang": "es"} — small, no data
LANGUAGE = "language"  # the es/en switch
HEADER_TITLE = "header-title"
HEADER_SUBTITLE = "header-subtitle"
NAV = "nav"
URL_MESSAGE = "url-message"  # invalid URL parameters, explained in the user's language
FOOTER = "footer"

# The two columns of the shell: the filter panel and the page (the panel hides on pages no
# filter applies to).
FILTER_COLUMN = "filter-column"
MAIN_COLUMN = "main-column"

# Filter panel (in the shell, shared by every page)
FILTER_TOGGLE = "filter-toggle"  # shows/hides the panel on small screens
FILTER_COLLAPSE = "filter-collapse"
FILTER_SUMMARY = "filter-summary"
FILTER_RESET = "filter-reset"
FILTER_FROM = "filter-from"
FILTER_TO = "filter-to"
FILTER_SEX = "filter-sex"
FILTER_AGE = "filter-age"
FILTER_SECTOR = "filter-sector"
FILTER_ORIGIN = "filter-origin"
FILTER_DESTINATION = "filter-destination"
FILTER_BORDER = "filter-border"
FILTER_DIRECTION = "filter-direction"
# Searchable: its options are the selected licences plus the matches of what the user types.
FILTER_RECRUITER = "filter-recruiter"

# Filter controls in URL-parameter order: (component id, URL parameter of Filter.to_query()).
FILTER_CONTROLS: tuple[tuple[str, str], ...] = (
    (FILTER_FROM, "from"),
    (FILTER_TO, "to"),
    (FILTER_SEX, "sex"),
    (FILTER_AGE, "age"),
    (FILTER_SECTOR, "sector"),
    (FILTER_ORIGIN, "origin"),
    (FILTER_DESTINATION, "destination"),
    (FILTER_BORDER, "border"),
    (FILTER_DIRECTION, "direction"),
    (FILTER_RECRUITER, "recruiter"),
)

# Static text translated in place: html.Span(id={"type": TEXT, "key": catalogue key}).
TEXT = "i18n-text"

# Overview page
OVERVIEW_KPIS = "overview-kpis"
OVERVIEW_TREND_TITLE = "overview-trend-title"
OVERVIEW_TREND = "overview-trend"
OVERVIEW_TREND_NOTE = "overview-trend-note"
OVERVIEW_MAP_TITLE = "overview-map-title"
OVERVIEW_MAP = "overview-map"
OVERVIEW_MAP_NOTE = "overview-map-note"

# Data-quality page
QUALITY_FRESHNESS = "quality-freshness"
QUALITY_LOADS_TITLE = "quality-loads-title"
QUALITY_LOADS = "quality-loads"
QUALITY_LOADS_NOTE = "quality-loads-note"
QUALITY_RECENT = "quality-recent"  # title, table and note together
QUALITY_RECENT_TABLE = "quality-recent-table"
QUALITY_REASONS = "quality-reasons"
QUALITY_REASONS_TABLE = "quality-reasons-table"
QUALITY_COMPLETENESS = "quality-completeness"
QUALITY_COMPLETENESS_TABLE = "quality-completeness-table"

# Recruiters page
COMPLIANCE_TITLE = "compliance-title"
COMPLIANCE_KPI = "compliance-kpi"
COMPLIANCE_CHART = "compliance-chart"
COMPLIANCE_TABLE = "compliance-table"  # the table and the note under the chart
COMPLIANCE_TABLE_DATA = "compliance-table-data"
ALERTS = "alerts"
ALERTS_TABLE = "alerts-table"
REGISTRY = "registry"
REGISTRY_TABLE = "registry-table"

# Working-conditions page
CONDITIONS_KPIS = "conditions-kpis"
CONDITIONS_WAGE_TITLE = "conditions-wage-title"
CONDITIONS_WAGE_CHART = "conditions-wage-chart"
CONDITIONS_WAGE_NOTE = "conditions-wage-note"
CONDITIONS_TABLE = "conditions-table"  # title, table and note together
CONDITIONS_TABLE_DATA = "conditions-table-data"
CONDITIONS_FEES = "conditions-fees"  # title, table and note together
CONDITIONS_FEES_TABLE = "conditions-fees-table"
CONDITIONS_BANDS_TITLE = "conditions-bands-title"
CONDITIONS_BANDS_CHART = "conditions-bands-chart"
CONDITIONS_BANDS_NOTE = "conditions-bands-note"
CONDITIONS_GAP_TITLE = "conditions-gap-title"
CONDITIONS_GAP_CHART = "conditions-gap-chart"
CONDITIONS_GAP_NOTE = "conditions-gap-note"
CONDITIONS_WAGES = "conditions-wages"  # title, table and note together
CONDITIONS_WAGES_TABLE = "conditions-wages-table"

# Recruiter profile (on the recruiters page, opened by the recruiter filter)
PROFILE = "recruiter-profile"  # every card of the profile, or the hint to open one
PROFILE_SCROLLED = "recruiter-profile-scrolled"  # dcc.Store written by the scroll-into-view
PROFILE_TIMELINE = "profile-timeline"
PROFILE_TIMELINE_TABLE = "profile-timeline-table"
PROFILE_TREND = "profile-trend"
PROFILE_SECTORS = "profile-sectors"
PROFILE_KPIS = "profile-kpis"

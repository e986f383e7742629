"""The pages of the app: one module per page, registered in this order by create_app."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

# URL parameters of the shared filter panel (observatory.filters.Filter.to_query).
ALL_FILTERS = ("from", "to", "sex", "age", "sector", "origin", "destination", "border")
ALL_FILTERS += ("direction", "recruiter")
# Contracts know their start date, sector, worksite state, worker's sex and recruiter only.
CONTRACT_FILTERS = ("from", "to", "sex", "sector", "destination", "recruiter")


@dataclass(frozen=True)
class PageSpec:
    """A page: module (with `layout(**kwargs)`, `register_callbacks(app)`), path, nav text,
    and the filters that change what it shows (the panel hides the others there)."""

    module: str
    path: str
    nav_key: str  # i18n key of its name in the navigation
    filters: tuple[str, ...] = ALL_FILTERS

    @property
    def slug(self) -> str:
        """The page's name in download URLs and file names ("flujos"; "panorama" for "/")."""
        return self.path.strip("/") or "panorama"

    def load(self) -> ModuleType:
        """Import the page module (declarations only: nothing in it runs at import)."""
        return importlib.import_module(self.module)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("observatory.web.pages.overview", "/", "nav.overview"),
    PageSpec("observatory.web.pages.flows", "/flujos", "nav.flows"),
    PageSpec(
        "observatory.web.pages.conditions", "/condiciones", "nav.conditions", CONTRACT_FILTERS
    ),
    PageSpec("observatory.web.pages.sectors", "/sectores", "nav.sectors"),
    PageSpec("observatory.web.pages.recruiters", "/reclutadores", "nav.recruiters"),
    # Load statistics count rows of files: no registration filter applies.
    PageSpec("observatory.web.pages.data_quality", "/calidad-datos", "nav.data_quality", ()),
)


def slug_of(module: str) -> str:
    """The slug of the page implemented by `module` (a page module passes its `__name__`)."""
    return next(page.slug for page in PAGES if page.module == module)


def page_at(pathname: str | None, prefix: str = "/") -> PageSpec | None:
    """The page served at `pathname` (with the app's path prefix), None when none is."""
    path = pathname or "/"
    if prefix != "/" and path.startswith(prefix.rstrip("/")):
        path = path[len(prefix.rstrip("/")) :] or "/"
    path = path.rstrip("/") or "/"
    return next((page for page in PAGES if page.path == path), None)

"""The pages of the app: one module per page, registered in this order by create_app."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True)
class PageSpec:
    """A page: module (with `layout(**kwargs)`, `register_callbacks(app)`), path, nav text."""

    module: str
    path: str
    nav_key: str  # i18n key of its name in the navigation

    def load(self) -> ModuleType:
        """Import the page module (declarations only: nothing in it runs at import)."""
        return importlib.import_module(self.module)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("observatory.web.pages.overview", "/", "nav.overview"),
    PageSpec("observatory.web.pages.flows", "/flujos", "nav.flows"),
    PageSpec("observatory.web.pages.conditions", "/condiciones", "nav.conditions"),
    PageSpec("observatory.web.pages.sectors", "/sectores", "nav.sectors"),
    PageSpec("observatory.web.pages.recruiters", "/reclutadores", "nav.recruiters"),
    PageSpec("observatory.web.pages.data_quality", "/calidad-datos", "nav.data_quality"),
)

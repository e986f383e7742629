"""One guard for every entry point: a table of rules by path, checked before any view runs.

Pages, Dash's callback endpoints, the API, exports, uploads and the account pages all
pass through `Guard.check`, on the server, per request: hiding a link is never the check.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from observatory.accounts import Account, role_allows

PUBLIC = "public"  # anyone, signed in or not
# Dash sends every callback to this one endpoint; which callback it is, is in the body.
DASH_UPDATE = "_dash-update-component"
# The Dash pages router: the callback that renders a page's layout for a pathname.
PAGES_ROUTER_OUTPUT = "_pages_content.children"
PAGES_INTERNAL = "_pages_"


@dataclass(frozen=True)
class Rule:
    """Who may reach the paths under `prefix` (relative to the app's routes prefix).

    `json`: the endpoint answers machines (a 401/403 JSON, never a redirect to the login
    page); `token`: an API bearer token is accepted instead of a session.
    """

    prefix: str
    role: str
    json: bool = False
    token: bool = False


# Longest prefix wins; "" is every other path (the Dash pages). The login page and static
# files are public; everything else needs at least a viewer.
RULES: tuple[Rule, ...] = (
    Rule("assets/", PUBLIC),
    Rule("_dash-component-suites/", PUBLIC),
    Rule("_favicon.ico", PUBLIC),
    Rule("static/", PUBLIC),
    Rule("cuenta/entrar", PUBLIC),
    Rule("cuenta/salir", PUBLIC),  # signing out needs no role (and works when locked)
    Rule("cuenta", "viewer"),
    Rule("cuenta/usuarios", "admin"),
    Rule("cuenta/auditoria", "admin"),
    Rule("cuenta/cargas", "steward"),
    Rule("_dash-", "viewer", json=True),
    Rule("_reload-hash", "viewer", json=True),
    Rule("_observatory/", "viewer", json=True),
    Rule("api/", "analyst", json=True, token=True),
    Rule("export/", "analyst", json=True, token=True),  # also an agenda's brief pack
    # Meeting mode and the agendas page: seen by viewers (changing an agenda needs an analyst,
    # checked in its callbacks: observatory.web.meeting.EDIT_ROLE); never public.
    Rule("reunion", "viewer"),
    Rule("agendas", "viewer"),
    Rule("", "viewer"),
)


@dataclass(frozen=True)
class Decision:
    """The guard's answer: allowed, or refused with a status (401 sign in, 403 role)."""

    allowed: bool
    status: int = 200
    rule: Rule | None = None
    reason: str = ""


@dataclass
class PublicSubset:
    """What anonymous visitors get in public mode: page paths, their callbacks, indicators."""

    pages: frozenset[str] = frozenset()
    callbacks: frozenset[str] = frozenset()  # Dash callback output keys
    indicators: frozenset[str] = frozenset()
    enabled: bool = False

    def allows_page(self, path: str) -> bool:
        return self.enabled and (path.rstrip("/") or "/") in self.pages

    def allows_indicator(self, path: str) -> bool:
        # api/v1/indicators/<id>: the id is the last segment
        parts = path.strip("/").split("/")
        return (
            self.enabled
            and len(parts) == 4
            and parts[:3] == ["api", "v1", "indicators"]
            and parts[3] in self.indicators
        )


@dataclass
class Guard:
    """The rules, and the facts of this app they need (its pages, the published subset)."""

    rules: tuple[Rule, ...] = RULES
    public: PublicSubset = field(default_factory=PublicSubset)

    def rule_for(self, path: str) -> Rule:
        """The rule of the longest prefix matching `path` (relative, no leading slash)."""
        matches = [r for r in self.rules if _under(path, r.prefix)]
        return max(matches, key=lambda r: len(r.prefix))

    def check(
        self, path: str, account: Account | None, body: bytes | None = None, method: str = "GET"
    ) -> Decision:
        """May `account` (None: anonymous) reach `path`? `body` is a Dash callback's JSON
        (public mode serves only the callbacks of the published pages)."""
        rule = self.rule_for(path)
        required = rule.role
        if required == PUBLIC:
            return Decision(True, rule=rule)
        role = account.role if account is not None else None
        if role is None:
            if self._public_allows(path, rule, body, method):
                return Decision(True, rule=rule)
            return Decision(False, 401, rule, "sign in first")
        if role_allows(role, required):
            return Decision(True, rule=rule)
        return Decision(False, 403, rule, f"needs the {required} role")

    def _public_allows(self, path: str, rule: Rule, body: bytes | None, method: str) -> bool:
        """Anonymous visitors in public mode: the published pages and what they need."""
        if not self.public.enabled:
            return False
        if rule.prefix == "":
            return self.public.allows_page("/" + path)
        if rule.prefix == "api/":
            return method in ("GET", "HEAD") and self.public.allows_indicator(path)
        if rule.prefix == "_dash-":
            if path in ("_dash-layout", "_dash-dependencies"):
                return True
            if path != DASH_UPDATE:
                return False
            payload = _json(body)
            if not isinstance(payload, dict):
                return False
            output = str(payload.get("output", ""))
            if PAGES_ROUTER_OUTPUT in output:
                return self.public.allows_page(_pages_pathname(payload) or "/")
            if output.startswith(PAGES_INTERNAL):
                return True  # Dash pages' own bookkeeping (the page title): no data
            return output in self.public.callbacks
        if rule.prefix == "_observatory/":
            return True  # the boundaries of the corridor's map: public reference data
        return False


def _under(path: str, prefix: str) -> bool:
    if prefix == "":
        return True
    if prefix.endswith(("/", "-")):  # "api/" and "_dash-": everything that starts so
        return path.startswith(prefix)
    return path == prefix or path.startswith(prefix + "/")


def _json(body: bytes | None) -> object:
    if not body:
        return {}
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return {}


def _pages_pathname(payload: object) -> str:
    """The pathname the Dash pages router is asked to render ('' when absent)."""
    if not isinstance(payload, dict):
        return ""
    for item in _iter_inputs(payload.get("inputs", [])):
        if isinstance(item, dict) and item.get("property") == "pathname":
            value = item.get("value")
            return value if isinstance(value, str) else ""
    return ""


def _iter_inputs(inputs: object) -> Iterable[object]:
    for item in inputs if isinstance(inputs, list) else []:
        if isinstance(item, list):
            yield from item
        else:
            yield item

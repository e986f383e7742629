"""Accessibility in headless chromium: axe-core (WCAG 2.1 A/AA and best practices) on every
page in both languages, keyboard reach with a visible focus, and charts with a text
alternative. axe-core is pinned in tests/browser/axe/package-lock.json."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser import a11y
from tests.browser.a11y import LANGUAGES, PAGE_PATHS, TIMEOUT_MS, page_name, settle

pytestmark = pytest.mark.browser
full_app, axe_source = a11y.full_app, a11y.axe_source  # the shared fixtures

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FAILING_IMPACTS = ("serious", "critical")


def run_axe(page, source: str) -> list[dict]:
    """axe-core's violations on the page as it is now (injected, never loaded from a CDN)."""
    page.add_script_tag(content=source)
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                    resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                          summary: n.failureSummary,
                                          html: n.html.slice(0, 160)}))}));
        }""",
        AXE_TAGS,
    )


def readable(violations: list[dict]) -> str:
    """One block per violation: rule, impact, help, then each element and why it fails."""
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            lines.append(f"    {node['target']}\n      {node['html']}")
            lines.extend(f"      {line}" for line in (node["summary"] or "").splitlines())
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more elements")
    return "\n".join(lines)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PAGE_PATHS, ids=page_name)
def test_axe_finds_no_serious_violation(full_app, open_page, axe_source, artifacts, path, lang):
    page = open_page(f"{full_app}{path}?lang={lang}")
    settle(page)
    violations = run_axe(page, axe_source)
    report = artifacts / f"axe-{page_name(path)}-{lang}.json"
    report.write_text(json.dumps(violations, indent=2, ensure_ascii=False), encoding="utf-8")
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    assert not failing, f"axe-core on {path}?lang={lang}:\n{readable(failing)}"


def test_axe_finds_no_serious_violation_with_the_phone_filters_open(
    full_app, open_page, axe_source
):
    page = open_page(f"{full_app}/?lang=es", width=390, height=844)
    settle(page)
    toggle = page.locator("#filter-toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false", timeout=TIMEOUT_MS)
    expect(toggle).to_have_attribute("aria-controls", "filter-collapse")
    toggle.click()
    expect(page.locator("#filter-collapse")).to_be_visible(timeout=TIMEOUT_MS)
    expect(toggle).to_have_attribute("aria-expanded", "true", timeout=TIMEOUT_MS)
    page.click("#filter-sex")  # an open dropdown too
    page.wait_for_timeout(300)
    failing = [v for v in run_axe(page, axe_source) if v["impact"] in FAILING_IMPACTS]
    assert not failing, readable(failing)


# The element that has the focus: what it is, and whether its focus ring can be seen
# (an outline of at least 2 px whose colour contrasts 3:1 with the background behind it).
FOCUSED_JS = """() => {
    const focused = document.activeElement;
    if (!focused || focused === document.body) { return null; }
    // a visually hidden radio (the language switch) shows its focus on its label
    const el = focused.classList.contains('btn-check') && focused.labels.length
        ? focused.labels[0] : focused;
    const lum = (rgb) => {
        const [r, g, b] = rgb.map(v => { v /= 255;
            return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
    let back = [255, 255, 255];
    for (let node = el.parentElement; node; node = node.parentElement) {
        const c = parse(getComputedStyle(node).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] === 1)) { back = c.slice(0, 3); break; }
    }
    const style = getComputedStyle(el);
    const ring = parse(style.outlineColor).slice(0, 3);
    const [a, b] = [lum(ring), lum(back)].sort((x, y) => y - x);
    const label = focused.labels && focused.labels[0] ? focused.labels[0].textContent : '';
    return {tag: focused.tagName.toLowerCase(), id: focused.id, cls: String(focused.className),
            text: (focused.textContent || label || '').trim().slice(0, 40),
            outline: parseFloat(style.outlineWidth) || 0, style: style.outlineStyle,
            contrast: (a + 0.05) / (b + 0.05)};
}"""


def tab_through(page, presses: int) -> list[dict]:
    """Press Tab `presses` times; what had the focus after each press."""
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if focused is not None:
            seen.append(focused)
    return seen


def test_every_control_is_reached_by_keyboard_with_a_visible_focus(full_app, open_page):
    page = open_page(f"{full_app}/flujos?lang=es", width=1366, height=768)
    settle(page)
    seen = tab_through(page, 60)
    assert seen[0]["cls"].startswith("visually-hidden-focusable obs-skip"), seen[0]  # skip link
    invisible = [f for f in seen if f["style"] == "none" or f["outline"] < 2 or f["contrast"] < 3]
    assert not invisible, f"focus without a visible ring: {invisible}"
    ids_reached = {f["id"] for f in seen}
    for control in ("filter-from", "filter-sex", "filter-origin", "filter-reset"):
        assert control in ids_reached, f"{control} not reached by Tab: {ids_reached}"
    texts = {f["text"] for f in seen}
    assert {"Español", "English"} <= texts, f"language switch not reached: {texts}"
    assert any(f["tag"] == "a" and f["text"] == "Condiciones de trabajo" for f in seen), seen
    assert any(f["tag"] == "summary" for f in seen), "no 'how is this computed' panel reached"


def test_filters_and_method_panels_work_from_the_keyboard(full_app, open_page):
    page = open_page(f"{full_app}/flujos?lang=en", width=1366, height=768)
    settle(page)
    page.focus("#filter-sex")
    page.keyboard.press("Enter")  # opens the list, with the focus in its search box
    expect(page.locator(".dash-dropdown-content")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.locator(".dash-dropdown-search")).to_be_focused(timeout=TIMEOUT_MS)
    page.keyboard.press("ArrowDown")  # the first option
    first = page.locator(".dash-options-list-option input").first
    expect(first).to_be_focused(timeout=TIMEOUT_MS)
    page.keyboard.press("Space")  # ticks it
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"[?&]sex="), timeout=TIMEOUT_MS)
    summary = page.locator("details.obs-how summary").first
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator("details.obs-how").first).to_have_attribute("open", "", timeout=TIMEOUT_MS)


def test_table_pages_turn_from_the_keyboard(full_app, open_page):
    page = open_page(f"{full_app}/calidad-datos?lang=es", width=1366, height=768)
    settle(page)
    next_page = page.locator(".previous-next-container button.next-page").first
    expect(next_page).to_have_attribute("aria-label", "Página siguiente", timeout=TIMEOUT_MS)
    pages = page.locator(".previous-next-container").first
    expect(pages).to_contain_text("1 / ", timeout=TIMEOUT_MS)
    next_page.focus()
    page.keyboard.press("Enter")
    expect(pages).to_contain_text("2 / ", timeout=TIMEOUT_MS)
    page.keyboard.press("Space")
    expect(pages).to_contain_text("3 / ", timeout=TIMEOUT_MS)


@pytest.mark.parametrize("path", PAGE_PATHS, ids=page_name)
def test_every_chart_is_a_named_figure_with_its_data_as_a_table(full_app, open_page, path):
    page = open_page(f"{full_app}{path}?lang=en")
    settle(page)
    page.wait_for_timeout(200)  # the repairs run 50 ms after the last change
    charts = page.evaluate(
        """() => [...document.querySelectorAll('.dash-graph')].map(g => {
            const title = document.getElementById(g.getAttribute('aria-labelledby') || '');
            const data = document.getElementById(g.getAttribute('aria-describedby') || '');
            return {id: g.id, role: g.getAttribute('role'),
                    title: title ? title.textContent.trim() : '',
                    rows: data ? data.querySelectorAll('tbody tr').length : 0,
                    caption: data && data.querySelector('caption')
                             ? data.querySelector('caption').textContent : ''};
        })"""
    )
    assert charts, f"no chart on {path}"
    for chart in charts:
        assert chart["role"] == "figure", chart
        assert chart["title"], f"{chart['id']} has no name"
        assert chart["rows"] > 0, f"{chart['id']} has no data table"
        assert chart["caption"].startswith("Chart data: "), chart


# Every figure of the page as the browser holds it (typed arrays as lists, no private keys).
FIGURES_JS = """() => {
    const plain = (v) => ArrayBuffer.isView(v) ? Array.from(v)
        : Array.isArray(v) ? v.map(plain)
        : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v)
              .filter(([k]) => !k.startsWith('_')).map(([k, x]) => [k, plain(x)]))
        : v;
    return [...document.querySelectorAll('.dash-graph .js-plotly-plot')].map(gd => {
        const layout = plain(gd.layout);
        delete layout.template;
        return {id: gd.parentElement.id, data: plain(gd.data), layout};
    });
}"""
REDRAW_JS = """async (figures) => {
    for (const f of figures) {
        const gd = document.querySelector('#' + CSS.escape(f.id) + ' .js-plotly-plot');
        await Plotly.react(gd, f.data, f.layout);
    }
}"""
# The smallest text each chart draws, in CSS pixels (what a projector shows).
SMALLEST_TEXT_JS = """() => [...document.querySelectorAll('.dash-graph')].map(g => {
    const sizes = [...g.querySelectorAll('svg text')]
        .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
        .map(t => ({px: parseFloat(getComputedStyle(t).fontSize), text: t.textContent}));
    sizes.sort((a, b) => a.px - b.px);
    return {id: g.id, smallest: sizes[0] || null, count: sizes.length};
})"""


@pytest.mark.parametrize("path", PAGE_PATHS, ids=page_name)
def test_high_contrast_theme_is_large_and_passes_axe(
    full_app, open_page, axe_source, artifacts, path
):
    from observatory.web.components.figures import CONTRAST_MIN_FONT_PX, with_contrast

    page = open_page(f"{full_app}{path}?lang=en", width=1920, height=1080)
    settle(page)
    # on <html>: meeting mode toggles the class on <body> for its slides only
    page.evaluate("() => document.documentElement.classList.add('obs-contrast')")
    figures = [
        {
            "id": f["id"],
            **with_contrast({"data": f["data"], "layout": f["layout"]}).to_plotly_json(),
        }
        for f in page.evaluate(FIGURES_JS)
    ]
    page.evaluate(REDRAW_JS, json.loads(json.dumps(figures, default=list)))
    page.wait_for_timeout(300)
    body_px = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert body_px >= 24
    for chart in page.evaluate(SMALLEST_TEXT_JS):
        assert chart["count"] > 0, chart
        assert chart["smallest"]["px"] >= CONTRAST_MIN_FONT_PX, chart
    page.screenshot(path=artifacts / f"contrast-{page_name(path)}-en-1920x1080.png")
    failing = [v for v in run_axe(page, axe_source) if v["impact"] in FAILING_IMPACTS]
    assert not failing, readable(failing)


def test_the_skip_link_takes_the_keyboard_to_the_page(full_app, open_page):
    page = open_page(f"{full_app}/sectores?lang=es", width=1366, height=768)
    settle(page)
    page.keyboard.press("Tab")
    skip = page.locator("a.obs-skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the next stop is inside the page, past header, nav and filters
    inside = page.evaluate(
        "() => document.getElementById('main-column').contains(document.activeElement)"
    )
    assert inside, page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")

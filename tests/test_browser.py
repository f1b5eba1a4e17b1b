"""Real-browser smoke tests of ``map.html`` (headless Chromium driven by Playwright).

The page is served from a local ``http.server``; every other request is blocked except
the jsdelivr Leaflet files, which are answered from the copy of Leaflet's dist files in
the ``django-js-lib-leaflet`` package (a geomap dependency, also used by ``--offline``).
Tile requests are aborted, so the map has no background but must still initialise.

Covered: layers, popups, hostile text, the offline page, the time filter, search, summary,
co-located markers, count bubbles for dense maps, the heat map, the distance tool, full
screen, the overview map, that no two controls overlap, and on a large map the event
columns (every property read back as written) and the layout of the events near the view
only (markers in the DOM, laid out again after a drag, popups and tooltips after panning).

Run: ``python -m pytest tests/test_browser.py -m browser -q``.  With
``GEOMAP_SCREENSHOT=1`` the seeds map is also saved to ``docs/map.png``.
"""

from __future__ import annotations

import functools
import json
import mimetypes
import os
import re
import threading
from importlib import resources
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
LEAFLET_DIST = Path(str(resources.files("js_lib_leaflet").joinpath("static", "js_lib_leaflet")))
SCREENSHOT = ROOT / "docs" / "map.png"
LEAFLET_URL = re.compile(r"^https?://[^/]+/npm/leaflet@[^/]+/dist/([A-Za-z0-9_./-]+)$")
TILE_URL = re.compile(
    r"^https?://(([a-z0-9-]+\.)*tile\.openstreetmap\.org|([a-z0-9-]+\.)*tile\.opentopomap\.org|server\.arcgisonline\.com)/"
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not installed (apt-get install chromium)"),
    pytest.mark.skipif(
        not (LEAFLET_DIST / "leaflet.js").exists(),
        reason="Leaflet dist files missing: pip install django-js-lib-leaflet",
    ),
]

# Finds the L.Map instance folium created (its variable name is a random hash).
JS_FIND_MAP = """
() => {
  for (const key of Object.keys(window)) {
    try { if (window[key] instanceof L.Map) return key; } catch (e) {}
  }
  return null;
}
"""


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def geomap_resources():
    from geomap.config import DEFAULT_SETTINGS
    from geomap.pipeline import load_resources

    return load_resources(DEFAULT_SETTINGS)


@pytest.fixture(scope="session")
def site_root(tmp_path_factory):
    return tmp_path_factory.mktemp("browser_site")


def _build(paths, out_dir: Path, loaded, offline: bool = False) -> list[dict]:
    from geomap.build import build

    summary = build(paths, out_dir, formats=("map", "geojson"), resources=loaded, offline=offline)
    assert summary.ok, summary.lines()
    assert (out_dir / "map.html").exists()
    return json.loads((out_dir / "events.geojson").read_text(encoding="utf-8"))["features"]


@pytest.fixture(scope="session")
def offline_map(site_root, geomap_resources):
    """The seeds corpus built with offline=True into <site>/offline."""
    events = _build([SEEDS], site_root / "offline", geomap_resources, offline=True)
    return "/offline/map.html", events


@pytest.fixture(scope="session")
def seeds_map(site_root, geomap_resources):
    """The seeds corpus built into <site>/seeds; returns (url path, event features)."""
    events = _build([SEEDS], site_root / "seeds", geomap_resources)
    return "/seeds/map.html", events


HOSTILE_PAYLOADS = {
    "script": "<script>window.__xss=1</script>",
    "img": '<img src=x onerror="window.__xss=2">',
    "link": '<a href="javascript:window.__xss=3">x</a>',
    "template": "`${window.__xss=4}`",
    "svg": "<svg onload=alert(5)>",
    # No "." or "(" here: the claim patterns (geomap/claims.py) stop at those.
    "claim": "<img src=x onerror=alert`6`>",
    # template code: shown as written, never evaluated ("49") while the page is made
    "ssti": "{{ 7*7 }} {# {% raw %}",
}

HOSTILE_ARTICLE = (
    " date 2024-03-01 Hostile markup test\n\n"
    "Russian troops held military exercises near Dushanbe {img} on Monday.\n\n"
    "Taliban fighters attacked a border post in Khorog {script} on Tuesday.\n\n"
    "Tajik border guards clashed with smugglers near Panj {link} on Wednesday.\n\n"
    "Afghan forces shelled positions in Kunduz {template} on Thursday.\n\n"
    "Russian troops held military exercises near Kulob {svg} on Friday.\n\n"
    "Taliban fighters attacked a border post near Ishkashim {ssti} on Saturday.\n\n"
    "Tajikistan and Afghanistan share a border {claim} that stretches for 1,344 km.\n"
)


@pytest.fixture(scope="session")
def hostile_map(site_root, geomap_resources, tmp_path_factory):
    corpus = tmp_path_factory.mktemp("hostile_corpus")
    (corpus / "hostile.txt").write_text(HOSTILE_ARTICLE.format(**HOSTILE_PAYLOADS), encoding="utf-8")
    events = _build([corpus], site_root / "hostile", geomap_resources)
    return "/hostile/map.html", events


@pytest.fixture(scope="session")
def server(site_root):
    handler = functools.partial(_QuietHandler, directory=str(site_root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by http.server
        pass


@pytest.fixture(scope="session")
def chromium():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class PageWatch:
    """A page plus everything it reported: JS errors, console errors, dialogs, requests."""

    def __init__(self, page, base: str) -> None:
        self.page = page
        self.base = base
        self.page_errors: list[str] = []
        self.console_errors: list[tuple[str, str]] = []
        self.dialogs: list[str] = []
        self.aborted: list[str] = []
        self.served_leaflet: list[str] = []
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        page.on("console", self._console)
        page.on("dialog", self._dialog)
        page.route("**/*", self._route)

    def _console(self, msg) -> None:
        if msg.type == "error":
            self.console_errors.append((msg.text, (msg.location or {}).get("url", "")))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.base + "/"):
            route.continue_()
            return
        match = LEAFLET_URL.match(url)
        if match and ".." not in match.group(1):
            local = LEAFLET_DIST / match.group(1)
            if local.is_file():
                content_type = mimetypes.guess_type(local.name)[0] or "application/octet-stream"
                self.served_leaflet.append(match.group(1))
                route.fulfill(status=200, body=local.read_bytes(), headers={"Content-Type": content_type})
                return
        self.aborted.append(url)
        route.abort()

    def real_console_errors(self) -> list[tuple[str, str]]:
        """Console errors except failed loads of requests we aborted ourselves (tiles)."""
        aborted = set(self.aborted)
        return [
            (text, url)
            for text, url in self.console_errors
            if not (url in aborted and text.startswith("Failed to load resource"))
        ]

    def open(self, path: str) -> None:
        self.page.goto(self.base + path, wait_until="load")
        self.page.wait_for_selector(".leaflet-control-layers", state="attached", timeout=10_000)
        self.map_var = self.page.evaluate(JS_FIND_MAP)
        assert self.map_var, "no L.Map instance found on the page"


@pytest.fixture
def watch(chromium, server):
    context = chromium.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield PageWatch(page, server)
    context.close()


# ---------------------------------------------------------------- helpers


def _squash(text: str) -> str:
    return " ".join(text.split())


def _located(events: list[dict]) -> list[dict]:
    return [f for f in events if f.get("geometry")]


def _overlay_checkbox(page, name: str):
    label = page.locator(".leaflet-control-layers-overlays label").filter(
        has=page.locator("span", has_text=re.compile(rf"^\s*{re.escape(name)}\s*$"))
    )
    assert label.count() == 1, f"overlay {name!r} not in the layer control"
    return label.locator("input[type=checkbox]")


# Tags every event marker with data-geomap-idx and returns, per marker, its index, the
# sentence of its feature and (when the marker is the topmost element at its centre
# inside the viewport) the centre in page coordinates.
JS_EVENT_MARKERS = """
(mapVar) => {
  const map = window[mapVar];
  const out = [];
  map.eachLayer((layer) => {
    const el = layer.getElement ? layer.getElement() : null;
    if (!el || !layer.feature || !el.classList || !el.classList.contains("geomap-event")) return;
    const idx = out.length;
    el.setAttribute("data-geomap-idx", String(idx));
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const top = document.elementFromPoint(x, y);
    out.push({idx: idx, sentence: layer.feature.properties.sentence,
              x: x, y: y, topmost: top === el});
  });
  return out;
}
"""


def _event_count(page) -> int:
    return page.locator(".geomap-event").count()


def _overlaps(feature: dict, start: str, end: str) -> bool:
    p = feature["properties"]
    return p["date"] <= end and (p.get("date_end") or p["date"]) >= start


def _set_date(page, selector: str, value: str) -> None:
    page.locator(selector).fill(value)  # fires input + change, like a user picking a date


def _map_view(page, map_var: str) -> dict:
    return page.evaluate(
        "(v) => { const m = window[v], c = m.getCenter(); return {lat: c.lat, lng: c.lng, zoom: m.getZoom()}; }", map_var)


def _marker_centres(page, map_var: str) -> list[tuple[float, float]]:
    return [(m["x"], m["y"]) for m in page.evaluate(JS_EVENT_MARKERS, map_var)]


def _min_distance(points: list[tuple[float, float]]) -> float:
    best = float("inf")
    for i, (x1, y1) in enumerate(points):
        for x2, y2 in points[i + 1:]:
            best = min(best, ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5)
    return best


# ---------------------------------------------------------------- tests


def test_seeds_map_loads_and_layers_work(watch, seeds_map):
    path, events = seeds_map
    located = _located(events)
    assert located, "the seeds corpus should give located events"
    page = watch.page
    watch.open(path)

    assert page.evaluate("typeof L") == "object"
    assert page.evaluate("L.version").startswith("1.")
    assert watch.served_leaflet == [], "Leaflet is inlined in every page: no CDN request"

    overlays = [_squash(t) for t in page.locator(".leaflet-control-layers-overlays label span").all_inner_texts()]
    for name in ("Offline base map", "Borders", "Places", "Events"):
        assert name in overlays, f"{name!r} missing from layer control {overlays}"

    assert page.locator("path.geomap-border").count() > 0
    assert page.locator("path.geomap-place").count() > 0
    assert page.locator("path.geomap-outline").count() > 0
    assert page.locator(".geomap-event").count() == len(located)
    for control in (".geomap-legend", ".geomap-search", ".geomap-summary", ".geomap-time"):
        assert page.locator(control).count() == 1, f"{control} control missing"

    events_box = _overlay_checkbox(page, "Events")
    assert events_box.is_checked()
    events_box.click()
    assert not events_box.is_checked()
    assert page.locator(".geomap-event").count() == 0
    assert page.locator("path.geomap-place").count() > 0, "hiding events must not hide places"
    events_box.click()
    assert events_box.is_checked()
    assert page.locator(".geomap-event").count() == len(located)

    # Click (a real mouse click) a marker that is visible and on top, then check its popup.
    markers = page.evaluate(JS_EVENT_MARKERS, watch.map_var)
    assert len(markers) == len(located)
    clickable = [m for m in markers if m["topmost"]]
    assert clickable, "no event marker is visible and clickable in the initial view"
    target = clickable[0]
    sentences = {_squash(f["properties"]["sentence"]) for f in located}
    assert _squash(target["sentence"]) in sentences
    page.mouse.click(target["x"], target["y"])
    popup = page.locator(".leaflet-popup-content .geomap-event-popup")
    popup.wait_for(state="visible")
    popup_text = _squash(popup.text_content())
    assert _squash(target["sentence"]) in popup_text

    # Errors last, so a failure above shows its own message first.
    assert watch.page_errors == []
    assert watch.real_console_errors() == []
    assert watch.dialogs == []
    unexpected = [url for url in watch.aborted if not TILE_URL.match(url)]
    assert unexpected == [], f"page requested external resources besides OSM tiles: {unexpected}"


def test_time_filter_hides_and_restores_events(watch, seeds_map):
    path, events = seeds_map
    located = _located(events)
    dated = [f for f in located if f["properties"]["date"]]
    undated = [f for f in located if not f["properties"]["date"]]
    assert dated and undated, "the seeds corpus should give dated and undated located events"
    page = watch.page
    watch.open(path)

    # the range covers the mapped incidents and the listed country-level ones
    listed = dated + [f for f in events if f["properties"]["location_area"] and f["properties"]["date"]]
    first = min(f["properties"]["date"] for f in listed)
    last = max(f["properties"].get("date_end") or f["properties"]["date"] for f in listed)
    assert page.locator(".geomap-time-from").input_value() == first
    assert page.locator(".geomap-time-to").input_value() == last
    assert page.locator(".geomap-time-undated").is_checked()
    assert _event_count(page) == len(located)

    # A range that keeps some dated events and drops others: the latest start day alone.
    day = max(f["properties"]["date"] for f in dated)
    inside = [f for f in dated if _overlaps(f, day, day)]
    assert 0 < len(inside) < len(dated)
    _set_date(page, ".geomap-time-from", day)
    _set_date(page, ".geomap-time-to", day)
    assert _event_count(page) == len(inside) + len(undated)
    assert f"{len(inside) + len(undated)} of {len(located)}" in page.locator(".geomap-time-status").text_content()

    # The markers still on the map are exactly the overlapping and undated ones.
    shown = {_squash(m["sentence"]) for m in page.evaluate(JS_EVENT_MARKERS, watch.map_var)}
    assert shown == {_squash(f["properties"]["sentence"]) for f in inside + undated}

    # A range before every event: only the undated ones stay.
    _set_date(page, ".geomap-time-from", "1990-01-01")
    _set_date(page, ".geomap-time-to", "1990-01-31")
    assert _event_count(page) == len(undated)

    # Back to the full range through the inputs: everything is shown again.
    _set_date(page, ".geomap-time-from", first)
    _set_date(page, ".geomap-time-to", last)
    assert _event_count(page) == len(located)

    # Markers that come back are still clickable, with their popup.
    markers = [m for m in page.evaluate(JS_EVENT_MARKERS, watch.map_var) if m["topmost"]]
    assert markers
    page.mouse.click(markers[0]["x"], markers[0]["y"])
    page.locator(".leaflet-popup-content .geomap-event-popup").wait_for(state="visible")

    assert watch.page_errors == []
    assert watch.real_console_errors() == []


def test_undated_checkbox(watch, seeds_map):
    path, events = seeds_map
    located = _located(events)
    undated = [f for f in located if not f["properties"]["date"]]
    assert undated
    page = watch.page
    watch.open(path)

    box = page.locator(".geomap-time-undated")
    box.uncheck()
    assert _event_count(page) == len(located) - len(undated)
    # Combined with a date range: the range applies to dated events only.
    day = max(f["properties"]["date"] for f in located if f["properties"]["date"])
    _set_date(page, ".geomap-time-from", day)
    inside = [f for f in located if f["properties"]["date"] and _overlaps(f, day, "9999-12-31")]
    assert _event_count(page) == len(inside)
    box.check()
    assert _event_count(page) == len(inside) + len(undated)
    page.locator(".geomap-time-reset").click()
    assert _event_count(page) == len(located)
    assert box.is_checked()
    assert watch.page_errors == []


def test_search_zooms_to_place(watch, seeds_map, site_root):
    path, _ = seeds_map
    places = json.loads((site_root / "seeds" / "places.geojson").read_text(encoding="utf-8"))["features"]
    names = {p["properties"]["name"].lower() for p in places}
    forms = [form.lower() for p in places for form in p["properties"]["surface_forms"]]
    # A non-country place known by a spelling that is not its name and belongs to no other place.
    target, spelling = next(
        (p, form)
        for p in places
        if p["properties"]["feature_type"] != "country"
        for form in p["properties"]["surface_forms"]
        if form.lower() not in names and forms.count(form.lower()) == 1
    )
    name = target["properties"]["name"]
    lon, lat = target["geometry"]["coordinates"]
    page = watch.page
    watch.open(path)

    options = page.evaluate("() => [...document.querySelectorAll('.geomap-search datalist option')].map(o => o.value)")
    # countries are not drawn (their point is a stand-in), so the search offers the other places
    assert sorted(options) == sorted(p["properties"]["name"] for p in places if p["properties"]["feature_type"] != "country")

    # Hide the places layer first: the search turns it back on.
    _overlay_checkbox(page, "Places").click()
    assert page.locator("path.geomap-place").count() == 0
    before = _map_view(page, watch.map_var)

    search = page.locator(".geomap-search-input")
    search.fill(spelling.swapcase())
    search.press("Enter")
    popup = page.locator(".leaflet-popup-content .geomap-place-popup h4")
    popup.wait_for(state="visible")
    assert _squash(popup.text_content()) == _squash(name)
    after = _map_view(page, watch.map_var)
    assert after["zoom"] > before["zoom"]
    assert abs(after["lat"] - lat) < 1 and abs(after["lng"] - lon) < 1, (after, lat, lon)
    assert (after["lat"], after["lng"]) != (before["lat"], before["lng"])
    assert _overlay_checkbox(page, "Places").is_checked()
    assert page.evaluate("([v, lat, lon]) => window[v].getBounds().contains([lat, lon])", [watch.map_var, lat, lon])

    # By name, any case, picked like a datalist entry.
    page.evaluate("(v) => window[v].closePopup()", watch.map_var)
    other = next(p for p in places if p["properties"]["name"] != name and p["properties"]["feature_type"] != "country")
    search.fill(other["properties"]["name"].upper())
    search.press("Enter")
    popup.wait_for(state="visible")
    assert _squash(popup.text_content()) == _squash(other["properties"]["name"])

    # No match: a message, no popup change.
    search.fill("no such place anywhere")
    search.press("Enter")
    assert "no place called" in page.locator(".geomap-search-message").text_content()
    assert watch.page_errors == []
    assert watch.real_console_errors() == []


def test_summary_panel(watch, seeds_map, site_root):
    path, events = seeds_map
    located = _located(events)
    page = watch.page
    watch.open(path)

    body = page.locator(".geomap-summary-body")
    assert not body.is_visible(), "the summary starts collapsed"
    page.locator(".geomap-summary-toggle").click()
    assert body.is_visible()

    rows = page.locator(".geomap-summary-class")
    counts = [int(c) for c in page.locator(".geomap-summary-class .geomap-count").evaluate_all(
        "(cells) => cells.map(c => c.getAttribute('data-count'))")]
    assert sum(counts) == len(located)
    labels = [_squash(t) for t in rows.locator("td:nth-child(2)").all_text_contents()]
    expected: dict[str, int] = {}
    for f in located:
        expected[f["properties"]["event_label"]] = expected.get(f["properties"]["event_label"], 0) + 1
    assert dict(zip(labels, counts)) == expected
    # Colours as in the legend.
    legend_colours = page.evaluate(
        "() => [...document.querySelectorAll('.geomap-legend .geomap-glyph')].map(e => e.style.background)")
    summary_colours = page.evaluate(
        "() => [...document.querySelectorAll('.geomap-summary-class .geomap-glyph')].map(e => e.style.background)")
    assert summary_colours == legend_colours

    # Events by week: the bars hold every dated located event.
    bars = page.locator(".geomap-summary-body .geomap-bar").evaluate_all(
        "(bars) => bars.map(b => Number(b.getAttribute('data-count')))")
    assert sum(bars) == sum(1 for f in located if f["properties"]["date"])

    # Places nearest the border: at most ten, sorted, no countries.
    places = json.loads((site_root / "seeds" / "places.geojson").read_text(encoding="utf-8"))["features"]
    measured = sorted(
        (p["properties"]["distance_to_border_km"], p["properties"]["name"])
        for p in places
        if p["properties"]["feature_type"] != "country" and p["properties"]["distance_to_border_km"] is not None
    )[:10]
    nearest = page.locator(".geomap-summary-place")
    assert nearest.count() == len(measured)
    assert [_squash(t) for t in nearest.locator("td:nth-child(1)").all_text_contents()] == [n for _, n in measured]
    kms = [float(t) for t in nearest.locator("td:nth-child(2)").all_text_contents()]
    assert kms == sorted(kms)

    # Claims table: the seeds state the Tajik-Afghan border length.
    claims = page.locator(".geomap-summary-claim")
    assert claims.count() > 0
    assert all(v.strip() in ("consistent", "inconsistent", "cannot check")
               for v in claims.locator(".geomap-verdict").all_text_contents())

    # A place name in the summary zooms to it.
    nearest.first.locator("button").click()
    page.locator(".leaflet-popup-content .geomap-place-popup").wait_for(state="visible")

    page.locator(".geomap-summary-toggle").click()
    assert not body.is_visible()
    assert watch.page_errors == []
    assert watch.real_console_errors() == []


def test_colocated_markers_are_spread(watch, seeds_map):
    path, events = seeds_map
    located = _located(events)
    positions = {tuple(f["geometry"]["coordinates"]) for f in located}
    assert len(positions) < len(located), "the seeds corpus should have co-located events"
    page = watch.page
    watch.open(path)

    for zoom in (None, 3, 8, 12, 6):
        if zoom is not None:
            page.evaluate("([v, z]) => window[v].setZoom(z, {animate: false})", [watch.map_var, zoom])
        centres = _marker_centres(page, watch.map_var)
        # more than a ring's worth of events within one marker width (zoomed far out) are one
        # listing bubble that counts them; every other event is a marker of its own
        bubbled = page.evaluate(
            "() => Array.from(document.querySelectorAll('.geomap-cluster')).reduce((n, e) => n + Number(e.textContent), 0)")
        assert len(centres) + bubbled == len(located)
        if zoom is None or zoom >= 6:
            assert bubbled == 0, f"co-located events are summarised at zoom {zoom}"
        # Distinct and not overlapping: markers are 18 px wide.
        assert _min_distance(centres) >= 18, f"markers overlap at zoom {zoom}"

    # Every marker keeps its true position; only the icon is offset.
    latlngs = page.evaluate(
        """(v) => { const out = []; window[v].eachLayer((l) => {
             if (l.feature && l.getElement && l.getElement() && l.getElement().classList.contains('geomap-event'))
               out.push([l.getLatLng().lng, l.getLatLng().lat]); }); return out; }""", watch.map_var)
    assert sorted(map(tuple, latlngs)) == sorted(tuple(f["geometry"]["coordinates"]) for f in located)

    # In the initial view, every marker inside the viewport is the topmost element at its centre.
    page.evaluate("(v) => window[v].setZoom(6, {animate: false})", watch.map_var)
    markers = page.evaluate(JS_EVENT_MARKERS, watch.map_var)
    inside = [m for m in markers if 0 < m["x"] < 1280 and 0 < m["y"] < 800]
    covered = [m for m in inside if not m["topmost"]]
    controls = page.evaluate(
        """(pts) => pts.map(([x, y]) => !!document.elementFromPoint(x, y).closest('.leaflet-control'))""",
        [[m["x"], m["y"]] for m in covered])
    assert all(controls), "an event marker is hidden by another map element"
    assert watch.page_errors == []


def test_hostile_text_in_summary_and_search(watch, hostile_map):
    path, _ = hostile_map
    page = watch.page
    watch.open(path)
    page.locator(".geomap-summary-toggle").click()
    text = page.locator(".geomap-summary-body").text_content()
    assert HOSTILE_PAYLOADS["claim"] in text, "the hostile claim should be listed literally"
    search = page.locator(".geomap-search-input")
    search.fill(HOSTILE_PAYLOADS["img"])
    search.press("Enter")
    assert HOSTILE_PAYLOADS["img"] in page.locator(".geomap-search-message").text_content()
    page.wait_for_timeout(300)
    assert watch.dialogs == []
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.evaluate("""() => document.querySelectorAll('img[src="x"], [onerror], [onload]').length""") == 0
    assert watch.page_errors == []


def test_hostile_article_text_stays_text(watch, hostile_map):
    path, events = hostile_map
    located = _located(events)
    shown = {name for name, payload in HOSTILE_PAYLOADS.items()
             if any(payload in f["properties"]["sentence"] for f in located)}
    assert {"img", "script", "link", "ssti"} <= shown, (
        f"hostile sentences were not extracted as located events (only {sorted(shown)}): "
        + json.dumps([f["properties"]["sentence"] for f in events], ensure_ascii=False)
    )
    page = watch.page
    watch.open(path)
    assert page.locator(".geomap-event").count() == len(located)

    # Open every event popup and hover every marker (tooltips) through Leaflet's own handlers.
    markers = page.evaluate(JS_EVENT_MARKERS, watch.map_var)
    assert len(markers) == len(located)
    popup_texts = []
    for marker in markers:
        element = page.locator(f'.geomap-event[data-geomap-idx="{marker["idx"]}"]')
        element.dispatch_event("mouseover")
        element.dispatch_event("click")
        content = page.locator(".leaflet-popup-content")
        content.wait_for(state="attached")
        popup_texts.append(content.text_content())
        # Only the elements our popup builder makes, never markup from the article.
        tags = set(page.evaluate(
            "() => [...document.querySelectorAll('.leaflet-popup-content *')].map(e => e.localName)"))
        assert tags <= {"div", "h4", "h5", "table", "tbody", "tr", "th", "td", "blockquote", "ol", "li", "details",
                        "summary", "a", "span"}, tags
        # the one link is the source file's, a relative path geomap made: never a script URL
        hrefs = page.evaluate("() => [...document.querySelectorAll('.leaflet-popup-content a')].map(a => a.getAttribute('href'))")
        assert all(h and ":" not in h.split("/")[0] for h in hrefs), hrefs
        page.evaluate("(mapVar) => { window[mapVar].closePopup(); }", watch.map_var)
        page.locator(".leaflet-popup").wait_for(state="detached")
    for place in page.locator("path.geomap-place").all():
        place.dispatch_event("mouseover")
        place.dispatch_event("click")
    page.wait_for_timeout(300)  # give any injected handler (img onerror, svg onload) time to run

    joined = "\n".join(popup_texts)
    for name in shown:
        assert HOSTILE_PAYLOADS[name] in joined, f"{name} payload not shown literally in a popup"
    assert "<img" in joined

    assert watch.dialogs == []
    assert page.evaluate("typeof window.__xss") == "undefined"
    injected = page.evaluate(
        """() => ({
          img: document.querySelectorAll('img[src="x"]').length,
          svg: document.querySelectorAll('svg[onload]').length,
          onerror: document.querySelectorAll('[onerror]').length,
          jslink: document.querySelectorAll('a[href^="javascript:"]').length,
          script: [...document.scripts].filter(s => /^\\s*window\\.__xss/.test(s.textContent)).length,
        })"""
    )
    assert injected == {"img": 0, "svg": 0, "onerror": 0, "jslink": 0, "script": 0}
    assert watch.page_errors == []
    assert watch.real_console_errors() == []


def test_hostile_article_text_in_tooltips(watch, hostile_map):
    path, _ = hostile_map
    page = watch.page
    watch.open(path)
    overlays = [_squash(t) for t in page.locator(".leaflet-control-layers-overlays label span").all_inner_texts()]
    if "Claims" not in overlays:
        pytest.fail(f"no located claim from the hostile article, so no Claims overlay: {overlays}")
    box = _overlay_checkbox(page, "Claims")
    if not box.is_checked():
        box.click()
    if page.locator("path.geomap-claim").count() == 0:
        pytest.fail("the Claims overlay shows no marker")

    for marker in page.locator("path.geomap-claim, .geomap-event, path.geomap-place, path.geomap-border").all():
        marker.dispatch_event("mouseover")
    page.wait_for_timeout(300)

    assert watch.dialogs == []
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.evaluate("""() => document.querySelectorAll('img[src="x"], [onerror], [onload]').length""") == 0
    assert HOSTILE_PAYLOADS["claim"] in " ".join(page.locator(".leaflet-tooltip").all_text_contents())


def test_offline_map_makes_no_network_request(watch, offline_map):
    path, events = offline_map
    page = watch.page
    watch.open(path)
    assert watch.aborted == [], f"the offline page asked for external resources: {watch.aborted}"
    assert watch.served_leaflet == []
    assert page.locator(".geomap-event").count() == len(_located(events))
    assert page.locator("path.geomap-outline").count() > 0
    assert watch.page_errors == [] and watch.console_errors == []


# ---------------------------------------------------------------- heat map, tools, overview map

JS_HEAT_PIXELS = """
() => {
  const canvas = document.querySelector("canvas.geomap-heat");
  if (!canvas || !canvas.width || !canvas.height) return -1;
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted += 1;
  return painted;
}
"""

EARTH_RADIUS_KM = 6371.0088


def _haversine_km(a: dict, b: dict) -> float:
    import math

    lat1, lat2 = math.radians(a["lat"]), math.radians(b["lat"])
    dlat, dlng = lat2 - lat1, math.radians(b["lng"] - a["lng"])
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlng / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _free_map_point(page, candidates):
    """The first page point that is on the map itself (not on a control)."""
    for x, y in candidates:
        if page.evaluate("([x, y]) => !document.elementFromPoint(x, y).closest('.leaflet-control')", [x, y]):
            return x, y
    raise AssertionError(f"no free map point among {candidates}")


def test_heat_map_toggles_and_follows_time_filter(watch, seeds_map):
    path, events = seeds_map
    undated = [f for f in _located(events) if not f["properties"]["date"]]
    page = watch.page
    watch.open(path)

    box = _overlay_checkbox(page, "Event heat map")
    assert not box.is_checked(), "the heat map is off by default"
    assert page.locator("canvas.geomap-heat").count() == 0
    box.click()
    assert box.is_checked()
    assert page.locator("canvas.geomap-heat").count() == 1
    size = page.evaluate("(v) => { const s = window[v].getSize(); return [s.x, s.y]; }", watch.map_var)
    canvas = page.evaluate("() => { const c = document.querySelector('canvas.geomap-heat'); return [c.width, c.height]; }")
    assert canvas == size, "the heat canvas covers the map"
    painted = page.evaluate(JS_HEAT_PIXELS)
    assert painted > 0, "the heat map draws nothing"
    # Under the event markers, above the outlines; never catches the mouse.
    assert page.evaluate("() => getComputedStyle(document.querySelector('canvas.geomap-heat')).pointerEvents") == "none"

    # It follows the time filter: no event shown, nothing drawn; all back, drawn again.
    _set_date(page, ".geomap-time-from", "1990-01-01")
    _set_date(page, ".geomap-time-to", "1990-01-31")
    assert undated
    page.locator(".geomap-time-undated").uncheck()
    assert _event_count(page) == 0
    assert page.evaluate(JS_HEAT_PIXELS) == 0
    page.locator(".geomap-time-reset").click()
    assert page.evaluate(JS_HEAT_PIXELS) == painted

    # Redrawn for the new view after a zoom.
    page.evaluate("(v) => window[v].setZoom(8, {animate: false})", watch.map_var)
    assert page.evaluate(JS_HEAT_PIXELS) > 0

    box.click()
    assert not box.is_checked()
    assert page.locator("canvas.geomap-heat").count() == 0
    assert _event_count(page) == len(_located(events)), "the heat map must not touch the event markers"
    assert watch.page_errors == []
    assert watch.real_console_errors() == []


def test_measure_distance_between_two_clicks(watch, seeds_map):
    path, _ = seeds_map
    page = watch.page
    watch.open(path)
    box = page.locator(".geomap-measure-box")
    assert not box.is_visible()

    # The first point is on an event marker: while measuring, markers let clicks through.
    marker = next(m for m in page.evaluate(JS_EVENT_MARKERS, watch.map_var) if m["topmost"])
    first = (marker["x"], marker["y"])
    second = _free_map_point(page, [(900, 420), (820, 480), (700, 650), (600, 200)])
    button = page.locator(".geomap-measure-button")
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert box.is_visible()
    for x, y in (first, second):
        page.mouse.click(x, y)
    assert page.locator(".leaflet-popup").count() == 0, "a click while measuring opened a popup"

    total = page.locator(".geomap-measure-total")
    assert total.get_attribute("data-points") == "2"
    measured = float(total.get_attribute("data-km"))
    clicked = page.evaluate(
        """([v, pts]) => { const map = window[v], r = map.getContainer().getBoundingClientRect();
             return pts.map(([x, y]) => { const ll = map.containerPointToLatLng([x - r.left, y - r.top]);
                                           return {lat: ll.lat, lng: ll.lng}; }); }""",
        [watch.map_var, [list(first), list(second)]])
    expected = _haversine_km(*clicked)
    assert expected > 50
    assert abs(measured - expected) <= 0.002 * expected, (measured, expected)
    assert f"{expected:.1f} km" in total.text_content()
    assert page.locator("path.geomap-measure-line").count() == 1
    assert page.locator("path.geomap-measure-vertex").count() == 2

    # Finish: later clicks add nothing, the result stays; Clear removes it.
    page.locator(".geomap-measure-finish").click()
    assert button.get_attribute("aria-pressed") == "false"
    third = _free_map_point(page, [(500, 650), (450, 300), (800, 250)])
    page.mouse.click(*third)
    assert total.get_attribute("data-points") == "2"
    assert box.is_visible()
    page.locator(".geomap-measure-clear").click()
    assert not box.is_visible()
    assert page.evaluate("() => document.querySelectorAll('path.geomap-measure-vertex').length") == 0

    # The map is clickable again: a marker opens its popup.
    page.mouse.click(*first)
    page.locator(".leaflet-popup-content .geomap-event-popup").wait_for(state="visible")
    assert watch.page_errors == []
    assert watch.real_console_errors() == []


def test_fullscreen_button_toggles(watch, seeds_map):
    path, _ = seeds_map
    page = watch.page
    watch.open(path)
    button = page.locator(".geomap-fullscreen-button")
    assert button.get_attribute("aria-pressed") == "false"
    state = "(v) => window[v].getContainer().classList.contains('geomap-fullscreen-on')"
    assert not page.evaluate(state, watch.map_var)

    button.click()
    page.wait_for_function(state, arg=watch.map_var)
    assert button.get_attribute("aria-pressed") == "true"
    # Either the Fullscreen API took the container, or the fallback fixed it over the viewport.
    mode = page.evaluate(
        """(v) => { const c = window[v].getContainer();
             return document.fullscreenElement === c ? 'api' : (c.classList.contains('geomap-fullscreen-pseudo') ? 'pseudo' : null); }""",
        watch.map_var)
    assert mode in ("api", "pseudo")
    # Leaflet knows the new size.
    sizes = page.evaluate(
        "(v) => { const m = window[v], c = m.getContainer(); return [m.getSize().x, m.getSize().y, c.clientWidth, c.clientHeight]; }",
        watch.map_var)
    assert sizes[:2] == sizes[2:]

    button.click()
    page.wait_for_function(f"(v) => !({state})(v)", arg=watch.map_var)
    assert button.get_attribute("aria-pressed") == "false"
    assert page.evaluate("() => document.fullscreenElement") is None
    assert watch.page_errors == []
    assert watch.real_console_errors() == []


FULLSCREEN_UNAVAILABLE = {
    "missing": "Element.prototype.requestFullscreen = undefined; Element.prototype.webkitRequestFullscreen = undefined;",
    "refused": "Element.prototype.requestFullscreen = function () { return Promise.reject(new TypeError('denied')); };",
}


@pytest.mark.parametrize("api", sorted(FULLSCREEN_UNAVAILABLE))
def test_fullscreen_fallback(watch, seeds_map, api):
    path, _ = seeds_map
    page = watch.page
    page.add_init_script(FULLSCREEN_UNAVAILABLE[api])
    watch.open(path)
    button = page.locator(".geomap-fullscreen-button")
    button.click()
    page.wait_for_function("(v) => window[v].getContainer().classList.contains('geomap-fullscreen-on')", arg=watch.map_var)
    rect = page.evaluate(
        """(v) => { const c = window[v].getContainer(), r = c.getBoundingClientRect();
             return [c.className, r.left, r.top, r.width, r.height]; }""", watch.map_var)
    assert "geomap-fullscreen-on" in rect[0] and "geomap-fullscreen-pseudo" in rect[0]
    assert rect[1:] == [0, 0, 1280, 800]
    assert page.evaluate("(v) => { const s = window[v].getSize(); return [s.x, s.y]; }", watch.map_var) == [1280, 800]
    page.keyboard.press("Escape")
    assert "geomap-fullscreen-on" not in page.evaluate("(v) => window[v].getContainer().className", watch.map_var)
    button.click()
    button.click()
    assert "geomap-fullscreen-on" not in page.evaluate("(v) => window[v].getContainer().className", watch.map_var)
    assert watch.page_errors == []


def test_minimap_follows_the_main_map(watch, seeds_map):
    path, _ = seeds_map
    page = watch.page
    watch.open(path)
    assert page.locator(".geomap-minimap .leaflet-container").count() == 1
    assert page.locator(".geomap-minimap path.geomap-minimap-view").count() == 1
    assert page.locator(".geomap-minimap path.geomap-minimap-outline").count() > 0

    js_bounds = """(v) => { const m = window[v], b = m.getBounds(), r = m.geomap.minimap.rectangle.getBounds(),
                             c = m.geomap.minimap.map.getCenter();
                             return {main: [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()],
                                     rect: [r.getSouth(), r.getWest(), r.getNorth(), r.getEast()],
                                     mini: [c.lat, c.lng], zoom: [m.getZoom(), m.geomap.minimap.map.getZoom()]}; }"""
    before = page.evaluate(js_bounds, watch.map_var)
    assert before["rect"] == pytest.approx(before["main"], abs=1e-6)
    assert before["zoom"][1] < before["zoom"][0]

    # Pan with a real mouse drag on an empty part of the map.
    start = _free_map_point(page, [(700, 650), (500, 250), (900, 250)])
    page.mouse.move(*start)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(start[0] - 25 * step, start[1] - 15 * step)
    page.mouse.up()
    page.wait_for_timeout(400)  # inertia
    after = page.evaluate(js_bounds, watch.map_var)
    assert after["rect"] != pytest.approx(before["rect"], abs=0.05), "the view rectangle did not move"
    assert after["rect"] == pytest.approx(after["main"], abs=1e-6)
    assert after["rect"][1] > before["rect"][1] and after["rect"][0] < before["rect"][0], "dragged up-left: view moves SE"
    assert after["mini"] != pytest.approx(before["mini"], abs=0.05)

    # Zooming the main map zooms the overview too.
    page.evaluate("(v) => window[v].setZoom(8, {animate: false})", watch.map_var)
    zoomed = page.evaluate(js_bounds, watch.map_var)
    assert zoomed["zoom"][1] == zoomed["zoom"][0] - 4
    assert zoomed["rect"] == pytest.approx(zoomed["main"], abs=1e-6)

    # A click in the overview centres the main map there.
    target = page.evaluate(
        """(v) => { const mini = window[v].geomap.minimap.map, r = mini.getContainer().getBoundingClientRect();
             const ll = mini.containerPointToLatLng([40, 30]);
             return {x: r.left + 40, y: r.top + 30, lat: ll.lat, lng: ll.lng}; }""", watch.map_var)
    page.mouse.click(target["x"], target["y"])
    page.wait_for_timeout(400)
    centre = _map_view(page, watch.map_var)
    assert abs(centre["lat"] - target["lat"]) < 0.5 and abs(centre["lng"] - target["lng"]) < 0.5

    # It folds away and comes back.
    page.locator(".geomap-minimap-toggle").click()
    assert not page.locator(".geomap-minimap .leaflet-container").is_visible()
    page.locator(".geomap-minimap-toggle").click()
    assert page.locator(".geomap-minimap .leaflet-container").is_visible()
    assert watch.page_errors == []
    assert watch.real_console_errors() == []


JS_CONTROL_BOXES = """
(v) => {
  const map = window[v], out = [];
  for (const corner of map.getContainer().querySelectorAll(':scope > .leaflet-control-container .leaflet-control')) {
    if (!corner.parentElement.matches('.leaflet-top, .leaflet-bottom')) continue;
    const r = corner.getBoundingClientRect();
    if (r.width && r.height) out.push({name: corner.className, box: [r.left, r.top, r.right, r.bottom]});
  }
  const measure = document.querySelector('.geomap-measure-box');
  if (measure && !measure.hidden) {
    const r = measure.getBoundingClientRect();
    out.push({name: 'measure box', box: [r.left, r.top, r.right, r.bottom]});
  }
  return out;
}
"""


def test_controls_do_not_overlap(watch, seeds_map):
    path, _ = seeds_map
    page = watch.page
    watch.open(path)
    page.locator(".geomap-measure-button").click()  # the measure panel is open too
    boxes = page.evaluate(JS_CONTROL_BOXES, watch.map_var)
    names = " ".join(b["name"] for b in boxes)
    for control in ("geomap-tools", "geomap-search", "geomap-summary", "geomap-legend", "geomap-time",
                    "geomap-minimap", "leaflet-control-layers", "leaflet-control-zoom", "leaflet-control-scale",
                    "measure box", "geomap-filters", "geomap-areas"):
        assert control in names, f"{control} missing"
    for i, a in enumerate(boxes):
        assert a["box"][0] >= 0 and a["box"][1] >= 0 and a["box"][2] <= 1280 and a["box"][3] <= 800, a
        for b in boxes[i + 1:]:
            overlap = min(a["box"][2], b["box"][2]) > max(a["box"][0], b["box"][0]) and \
                min(a["box"][3], b["box"][3]) > max(a["box"][1], b["box"][1])
            assert not overlap, f"{a['name']} overlaps {b['name']}: {a['box']} {b['box']}"


def test_dense_events_become_count_bubbles(watch, site_root):
    """More events than fit: dense cells are summarised by bubbles that zoom in; every event is counted."""
    import random

    random.seed(7)
    features = [
        {"type": "Feature", "id": f"e{i}",
         "geometry": {"type": "Point", "coordinates": [round(random.uniform(68, 71), 5), round(random.uniform(36.5, 38.5), 5)]},
         "properties": {"event_type": "armed_clash", "event_label": "Armed clash", "modality": "reported",
                        "date": "2021-05-01", "date_end": "2021-05-01", "date_precision": "day", "color": "#d62728",
                        "sentence": f"<b>clash {i}</b>", "place_name": "Somewhere", "actors": [], "quantities": []}}
        for i in range(600)
    ]
    from geomap.events.lexicon import load_lexicon
    from geomap.render.map import render_map, save_map

    out = site_root / "dense"
    out.mkdir(exist_ok=True)
    save_map(render_map(features, [], [], None, load_lexicon(), ["test"], offline=True), out / "map.html")
    page = watch.page
    watch.open("/dense/map.html")
    bubbles = page.locator(".geomap-cluster")
    assert bubbles.count() > 0
    counts = [int(t) for t in bubbles.all_text_contents()]
    assert sum(counts) + _event_count(page) == len(features), "every event is a marker or counted in a bubble"
    before = _map_view(page, watch.map_var)["zoom"]
    bubbles.first.click()
    page.wait_for_function("([v, z]) => window[v].getZoom() > z", arg=[watch.map_var, before])
    page.wait_for_timeout(400)
    assert _event_count(page) > 0
    # The heat map counts every shown event, bubbled or not.
    _overlay_checkbox(page, "Event heat map").click()
    assert page.evaluate(JS_HEAT_PIXELS) > 0
    assert watch.page_errors == []
    assert watch.real_console_errors() == []


@pytest.mark.skipif(os.environ.get("GEOMAP_SCREENSHOT") != "1", reason="set GEOMAP_SCREENSHOT=1 to write docs/map.png")
def test_screenshot_of_seeds_map(watch, seeds_map):
    path, _ = seeds_map
    watch.open(path)
    watch.page.wait_for_timeout(500)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    watch.page.screenshot(path=str(SCREENSHOT), full_page=False)
    assert SCREENSHOT.stat().st_size > 10_000


def _clash(i: int, lon: float, lat: float) -> dict:
    return {"type": "Feature", "id": f"e{i}", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"event_type": "armed_clash", "event_label": "Armed clash", "modality": "reported",
                           "date": "2021-05-01", "date_end": "2021-05-01", "date_precision": "day", "color": "#d62728",
                           "sentence": f"<b>clash {i}</b>", "place_name": "One point", "actors": [], "quantities": []}}


def test_a_bubble_of_events_at_one_point_lists_them_offline(watch, site_root):
    """Issue 17, D10: on an offline map (no tiles, so Leaflet's maximum zoom was Infinity) a
    bubble whose events share one point must not zoom to Infinity ("Invalid LatLng (NaN,
    NaN)"); it opens a list of its events instead, and the map keeps a finite maximum zoom."""
    import random

    import math

    from geomap.events.lexicon import load_lexicon
    from geomap.render.map import render_map, save_map

    random.seed(11)
    same_point = [_clash(i, 71.5, 39.2) for i in range(150)]
    scattered = [_clash(150 + i, round(random.uniform(68, 70), 5), round(random.uniform(36.5, 38.0), 5)) for i in range(300)]
    out = site_root / "one-point"
    out.mkdir(exist_ok=True)
    save_map(render_map(same_point + scattered, [], [], None, load_lexicon(), ["test"], offline=True), out / "map.html")
    page = watch.page
    watch.open("/one-point/map.html")
    assert page.evaluate("(v) => window[v].getMaxZoom()", watch.map_var) == 18
    bubble = page.locator(".geomap-cluster", has_text=re.compile(r"^150$"))
    assert bubble.count() == 1, page.locator(".geomap-cluster").all_text_contents()
    before = _map_view(page, watch.map_var)
    bubble.click()
    listing = page.locator(".geomap-bubble-list")
    listing.wait_for(state="visible")
    assert listing.locator("li").count() == 100 and "and 50 more" in listing.inner_text()
    view = _map_view(page, watch.map_var)
    assert view["zoom"] == before["zoom"]  # a list, not a zoom (the popup may pan the map to fit)
    assert all(math.isfinite(view[k]) for k in ("lat", "lng"))
    listing.locator("li button").first.click()
    popup = page.locator(".geomap-event-popup")
    popup.wait_for(state="visible")
    assert "<b>clash" in popup.inner_text()  # shown as text, never as markup
    # back to the bubble: its list offers to spread the events at the deepest zoom
    page.locator(".geomap-cluster", has_text=re.compile(r"^150$")).click()
    page.locator(".geomap-bubble-spread").last.click()  # the closed popup fades out for 200 ms
    page.wait_for_function("(v) => window[v].getZoom() === 18", arg=watch.map_var)
    page.wait_for_timeout(300)
    view = _map_view(page, watch.map_var)
    assert view["lat"] == pytest.approx(39.2, abs=1e-3) and view["lng"] == pytest.approx(71.5, abs=1e-3)
    assert page.locator(".geomap-cluster").count() == 0 and _event_count(page) >= 150
    assert watch.page_errors == [] and watch.real_console_errors() == []


# ---------------------------------------------------------------- issue 13: a map that tells the truth


def test_default_map_renders_offline_with_its_base_map(watch, seeds_map):
    """Every network request blocked: the default page still renders (Leaflet inlined), the
    tile layer falls back by itself to the offline base map (rivers, lakes, first-level
    boundaries, town labels), and nothing but tiles was asked for."""
    path, events = seeds_map
    page = watch.page
    watch.open(path)
    assert page.evaluate("typeof L") == "object"
    assert _event_count(page) == len(_located(events))
    page.wait_for_function("(v) => window[v].geomap.fallback.failed.length > 0", arg=watch.map_var)
    checked = page.locator(".leaflet-control-layers-base input:checked + span").inner_text()
    assert _squash(checked) == "Offline base map only"
    for selector in ("path.geomap-outline", "path.geomap-river", "path.geomap-lake", "path.geomap-admin1", ".geomap-town"):
        assert page.locator(selector).count() > 0, f"{selector} missing from the offline base map"
    widths = page.evaluate("() => [1, 2, 3].map(r => { const e = document.querySelector('path.geomap-river-rank' + r);"
                           " return e ? Number(e.getAttribute('stroke-width')) : null; })")
    assert widths[0] > widths[1] > widths[2], f"river widths by rank: {widths}"
    towns_z6 = page.locator(".geomap-town").count()
    page.evaluate("(v) => window[v].setZoom(8, {animate: false})", watch.map_var)
    page.wait_for_timeout(300)
    assert page.locator(".geomap-town").count() > 0 and towns_z6 < 120  # labels by zoom, not all at once
    assert watch.served_leaflet == []
    assert [u for u in watch.aborted if not TILE_URL.match(u)] == []
    assert watch.page_errors == [] and watch.real_console_errors() == []


def test_no_event_point_at_a_stand_in(watch, seeds_map, geomap_resources):
    """Incidents known only to a country or a whole border are no points: not in
    events.geojson's geometry, not a marker, not heat."""
    path, events = seeds_map
    areas = [f for f in events if f["properties"]["location_area"]]
    assert areas, "the seeds have country-level incidents"
    assert all(f["geometry"] is None for f in areas)
    stand_ins = {(round(z.place.lat, 4), round(z.place.lon, 4)) for z in geomap_resources.border_zones}
    import csv

    with (ROOT / "data" / "gazetteer" / "countries.csv").open(encoding="utf-8") as stream:
        stand_ins |= {(round(float(r["lat"]), 4), round(float(r["lon"]), 4)) for r in csv.DictReader(stream)}
    page = watch.page
    watch.open(path)
    points = page.evaluate(
        "(v) => window[v].geomap.events.geomapShown().map(i => { const s = window[v].geomap.events.geomapStore;"
        " return [s.lat[i], s.lng[i], s.get('location_area', i)]; })",
        watch.map_var)
    assert points and all(not area for _, _, area in points)
    assert not {(round(a, 4), round(b, 4)) for a, b, _ in points} & stand_ins
    drawn_areas = page.evaluate(
        "(v) => { const out = []; window[v].eachLayer(l => { if (l.geomapIndex !== undefined)"
        " out.push(l.feature.properties.location_area || ''); }); return out; }", watch.map_var)
    assert len(drawn_areas) == len(points) and not any(drawn_areas), "a marker stands for an area-level incident"
    _overlay_checkbox(page, "Event heat map").click()
    drawn = page.evaluate("(v) => { const h = window[v].geomap.heat; return h._count; }", watch.map_var)
    assert drawn <= len(points)
    assert watch.page_errors == []


def test_country_level_panel_lists_and_highlights(watch, seeds_map):
    path, events = seeds_map
    areas = [f for f in events if f["properties"]["location_area"]]
    page = watch.page
    watch.open(path)
    toggle = page.locator(".geomap-areas-toggle")
    assert toggle.inner_text().strip() == f"Known only to country or region level ({len(areas)})"
    toggle.click()
    items = page.locator(".geomap-area-item button")
    assert items.count() == len(areas)
    assert page.locator("path.geomap-area-highlight").count() == 0
    # a country-level item: its country's outline is highlighted (a whole border's is its line)
    country = items.nth([f["properties"]["location_area"] for f in areas].index("country"))
    country.hover()
    assert page.locator("path.geomap-area-highlight").count() >= 1
    page.mouse.move(640, 700)
    assert page.locator("path.geomap-area-highlight").count() == 0
    country.click()
    popup = page.locator(".leaflet-popup-content .geomap-event-popup")
    popup.wait_for(state="visible")
    text = _squash(popup.inner_text())
    assert "not meaningful" in text and "no site" in text
    assert page.locator("path.geomap-area-highlight").count() >= 1
    assert watch.page_errors == []


def test_filters_by_class_actor_modality_precision(watch, seeds_map):
    path, events = seeds_map
    located = _located(events)
    page = watch.page
    watch.open(path)
    page.locator(".geomap-filters-toggle").click()
    api = "(v) => window[v].geomap.events.geomapShown().length"
    assert page.evaluate(api, watch.map_var) == len(located)
    first_class = located[0]["properties"]["event_type"]
    page.locator(f".geomap-filter-choice input[value='{first_class}']").uncheck()
    assert page.evaluate(api, watch.map_var) == sum(1 for f in located if f["properties"]["event_type"] != first_class)
    page.locator(".geomap-filter-reset").click()
    actor = next(a for f in located for a in f["properties"]["actors"])
    page.locator(".geomap-filter-actor").select_option(actor)
    assert page.evaluate(api, watch.map_var) == sum(1 for f in located if actor in f["properties"]["actors"])
    page.locator(".geomap-filter-reset").click()
    page.locator(".geomap-filter-choice input[value='reported']").uncheck()
    assert page.evaluate(api, watch.map_var) == sum(1 for f in located if f["properties"]["modality"] != "reported")
    page.locator(".geomap-filter-reset").click()
    page.locator(".geomap-filter-choice input[value='area']").uncheck()
    assert page.locator(".geomap-areas-toggle").inner_text().strip() == "Known only to country or region level (0)"
    assert page.evaluate(api, watch.map_var) == len(located)
    page.locator(".geomap-filter-reset").click()
    assert _event_count(page) == len(located)
    assert watch.page_errors == []


def test_borders_styled_by_pair_with_a_legend_entry_each(watch, seeds_map, site_root):
    path, _ = seeds_map
    lines = json.loads((site_root / "seeds" / "border.geojson").read_text(encoding="utf-8"))["features"]
    assert len(lines) > 1
    page = watch.page
    watch.open(path)
    entries = [_squash(t) for t in page.locator(".geomap-legend-border").all_inner_texts()]
    assert entries[0] == f"{lines[0]['properties']['pair']} (primary)"
    assert [e.split(" ")[0] for e in entries] == [f["properties"]["pair"] for f in lines]
    assert page.locator("path.geomap-border-primary").count() >= 1
    colours = page.evaluate("() => [...document.querySelectorAll('.geomap-legend-border line')].map(l => l.getAttribute('stroke'))")
    assert len(set(colours)) == len(colours)
    widths = page.evaluate("() => [...document.querySelectorAll('path.geomap-border')].map(p => Number(p.getAttribute('stroke-width')))")
    primary = page.evaluate("() => Number(document.querySelector('path.geomap-border-primary').getAttribute('stroke-width'))")
    assert primary == max(widths)
    _overlay_checkbox(page, "Events").click()
    assert page.locator(".geomap-legend-events").is_hidden(), "the events legend hides with its layer"
    _overlay_checkbox(page, "Events").click()
    assert page.locator(".geomap-legend-events").is_visible()
    assert page.locator(".geomap-legend-place").count() > 0
    assert watch.page_errors == []


def test_uncertainty_circles_only_on_hover(watch, seeds_map):
    path, _ = seeds_map
    page = watch.page
    watch.open(path)
    assert page.locator("path.geomap-uncertainty").count() == 0, "no circle until a symbol is hovered"
    place = page.evaluate("""() => { for (const e of document.querySelectorAll('path.geomap-place')) {
        const r = e.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
        if (x > 260 && x < 1000 && y > 60 && y < 740 && document.elementFromPoint(x, y) === e) return {x, y}; } return null; }""")
    assert place, "no place symbol free to hover"
    page.mouse.move(place["x"], place["y"])
    page.wait_for_timeout(200)
    assert page.locator("path.geomap-uncertainty").count() == 1
    page.mouse.move(640, 790)
    page.wait_for_timeout(200)
    assert page.locator("path.geomap-uncertainty").count() == 0
    assert watch.page_errors == []


def test_fifty_identical_reports_are_one_listing_bubble(watch, site_root):
    """Issue 13: 50 reports at one point are one bubble that lists them, not a ring the size of a country."""
    from geomap.events.lexicon import load_lexicon
    from geomap.render.map import render_map, save_map

    same = [_clash(i, 69.0, 37.5) for i in range(50)]
    out = site_root / "fifty"
    out.mkdir(exist_ok=True)
    save_map(render_map(same, [], [], None, load_lexicon(), ["test"], offline=True), out / "map.html")
    page = watch.page
    watch.open("/fifty/map.html")
    assert page.locator(".geomap-cluster", has_text=re.compile(r"^50$")).count() == 1
    assert _event_count(page) == 0
    page.locator(".geomap-cluster").click()
    page.locator(".geomap-bubble-list").wait_for(state="visible")
    assert page.locator(".geomap-bubble-list li").count() == 50
    assert watch.page_errors == []


def test_a_map_that_leaves_incidents_out_says_so_in_its_legend(watch, site_root):
    """Issue 14: a map capped at map_max_events tells the reader, as text, above the classes."""
    from geomap.events.lexicon import load_lexicon
    from geomap.render.map import render_map, save_map

    notice = "Shows the 2 most recent of 5 incidents <img src=x onerror=window.__xss=9>"
    out = site_root / "capped"
    out.mkdir(exist_ok=True)
    page_events = [_clash(i, 69.0 + i, 37.5) for i in range(2)]
    save_map(render_map(page_events, [], [], None, load_lexicon(), ["test"], offline=True, events_notice=notice), out / "map.html")
    page = watch.page
    watch.open("/capped/map.html")
    shown = page.locator(".geomap-legend-events .geomap-legend-notice")
    assert shown.count() == 1 and shown.inner_text() == notice
    assert page.evaluate("window.__xss") is None
    assert watch.page_errors == []


# ---------------------------------------------------------------- large maps: event columns, viewport-only layout

LARGE_EVENTS = 3000
LARGE_SENTENCE = "<img src=x onerror=window.__xss=1> report {i} – naïve 😀 {{ 7*7 }}"


def _large_event(i: int, lon: float, lat: float) -> dict:
    kind = ("armed_clash", "Armed clash", "#d62728", "C") if i % 3 else ("attack", "Attack / strike", "#7f0000", "A")
    return {"type": "Feature", "id": f"e{i}", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"event_type": kind[0], "event_label": kind[1], "color": kind[2], "glyph": kind[3],
                           "modality": "reported" if i % 5 else "planned", "date": f"2021-05-{1 + i % 28:02d}",
                           "date_end": f"2021-05-{1 + i % 28:02d}", "date_precision": "day", "precision": 1 + i % 3,
                           "actors": [["Taliban", "Tajik border guards"][i % 2]], "place_name": f"Place <b>{i % 40}</b>",
                           "sentence": LARGE_SENTENCE.format(i=i), "uncertainty_km": 2.0,
                           "quantities": [{"raw_text": f"{i} troops", "best": i}] if i % 7 == 0 else []}}


@pytest.fixture(scope="session")
def large_map(site_root):
    """3,000 events spread over a 3° × 2° box (a dense map at zoom 6, a sparse one at zoom 12)."""
    import random

    from geomap.events.lexicon import load_lexicon
    from geomap.render.map import render_map, save_map

    rng = random.Random(5)
    features = [_large_event(i, round(rng.uniform(68, 71), 5), round(rng.uniform(36.5, 38.5), 5)) for i in range(LARGE_EVENTS)]
    out = site_root / "large"
    out.mkdir(exist_ok=True)
    save_map(render_map(features, [], [], None, load_lexicon(), ["test"], offline=True), out / "map.html")
    return "/large/map.html", features


# Per event: its true point in container pixels; and the events whose marker is in the DOM.
JS_EVENT_SCREEN = """
(v) => {
  const map = window[v], layer = map.geomap.events, store = layer.geomapStore, points = [], dom = [];
  for (let i = 0; i < store.count; i++) {
    const p = map.latLngToContainerPoint([store.lat[i], store.lng[i]]);
    points.push([p.x, p.y]);
  }
  map.eachLayer((l) => { if (l.geomapIndex !== undefined && l.getElement()) dom.push(l.geomapIndex); });
  return {points: points, dom: dom, bubbles: document.querySelectorAll('.geomap-cluster').length,
          stats: layer.geomapLayoutStats.slice(-1)[0], layouts: layer.geomapLayoutStats.length};
}
"""


def _check_dom_follows_view(page, map_var: str) -> dict:
    """Every event well inside the 1280 × 800 view has its marker in the DOM; no marker is
    far outside it; and far fewer markers than events were made or laid out."""
    screen = page.evaluate(JS_EVENT_SCREEN, map_var)
    inside = {i for i, (x, y) in enumerate(screen["points"]) if 40 < x < 1240 and 40 < y < 760}
    dom = set(screen["dom"])
    assert len(dom) == len(screen["dom"]), "an event has two markers"
    assert inside and inside <= dom, f"{len(inside - dom)} events in view have no marker"
    far = [i for i in dom if not (-400 < screen["points"][i][0] < 1680 and -300 < screen["points"][i][1] < 1100)]
    assert far == [], f"{len(far)} markers far outside the view are in the DOM"
    assert screen["bubbles"] == 0 and len(dom) < LARGE_EVENTS / 5
    assert screen["stats"]["markers"] < LARGE_EVENTS / 2, "the layout covered the whole map, not the region around the view"
    return screen


def test_a_large_map_keeps_only_events_near_the_view_in_the_dom(watch, large_map):
    path, features = large_map
    page = watch.page
    watch.open(path)
    # zoom 6: one dense cluster of bubbles; every event is counted once
    counts = [int(t) for t in page.locator(".geomap-cluster").all_text_contents()]
    assert counts and sum(counts) + _event_count(page) == LARGE_EVENTS

    page.evaluate("(v) => window[v].setView([37.5, 69.5], 12, {animate: false})", watch.map_var)
    before = _check_dom_follows_view(page, watch.map_var)

    # a real drag far enough to leave the laid-out region: laid out again around the new view
    start = _free_map_point(page, [(700, 450), (600, 500), (800, 350)])
    page.evaluate("(v) => { window.__panned = false; window[v].once('moveend', () => { window.__panned = true; }); }",
                  watch.map_var)
    page.mouse.move(*start)
    page.mouse.down()
    for step in range(1, 21):
        page.mouse.move(start[0] - 40 * step, start[1] - 20 * step)
    page.mouse.up()
    page.wait_for_function("() => window.__panned")  # after the inertia
    after = _check_dom_follows_view(page, watch.map_var)
    assert after["layouts"] > before["layouts"], "panning out of the laid-out region did not lay it out again"
    assert set(after["dom"]) != set(before["dom"])

    # the class filter takes its markers off the map at once
    page.locator(".geomap-filters-toggle").click()
    page.locator(".geomap-filter-choice input[value='attack']").uncheck()
    shown = page.evaluate(JS_EVENT_SCREEN, watch.map_var)["dom"]
    assert shown and all(features[i]["properties"]["event_type"] == "armed_clash" for i in shown)
    assert watch.page_errors == [] and watch.real_console_errors() == []


def test_a_popup_opened_after_panning_shows_its_own_event_as_text(watch, large_map):
    path, features = large_map
    page = watch.page
    watch.open(path)
    page.evaluate("(v) => window[v].setView([37.3, 69.2], 12, {animate: false})", watch.map_var)
    page.evaluate("(v) => window[v].panBy([1500, 900], {animate: false})", watch.map_var)
    _check_dom_follows_view(page, watch.map_var)
    target = next(m for m in page.evaluate(JS_EVENT_MARKERS_INDEXED, watch.map_var)
                  if m["topmost"] and 80 < m["x"] < 1000 and 80 < m["y"] < 720)
    p = features[target["index"]]["properties"]
    # hover: its tooltip (as text) and its uncertainty circle, gone when the pointer leaves
    page.mouse.move(target["x"], target["y"])
    page.locator(".leaflet-tooltip").wait_for(state="visible")
    assert p["place_name"] in page.locator(".leaflet-tooltip").inner_text()
    assert page.locator("path.geomap-uncertainty").count() == 1
    page.mouse.move(*_free_map_point(page, [(1200, 700), (1100, 150), (300, 700)]))
    page.wait_for_timeout(100)
    assert page.locator("path.geomap-uncertainty").count() == 0
    page.mouse.click(target["x"], target["y"])
    popup = page.locator(".leaflet-popup-content .geomap-event-popup")
    popup.wait_for(state="visible")
    assert page.locator("path.geomap-uncertainty").count() == 1, "an open popup shows its event's uncertainty"
    text = popup.inner_text()
    assert LARGE_SENTENCE.format(i=target["index"]) in text  # the markup, the braces and the emoji as written
    assert p["place_name"] in text and p["actors"][0] in text
    if p["quantities"]:
        assert p["quantities"][0]["raw_text"] in text
    tags = set(page.evaluate("() => [...document.querySelectorAll('.leaflet-popup-content *')].map(e => e.localName)"))
    assert "img" not in tags and "b" not in tags
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__xss") == "undefined"
    page.evaluate("(v) => window[v].closePopup()", watch.map_var)
    page.locator(".leaflet-popup").wait_for(state="detached")
    assert page.locator("path.geomap-uncertainty").count() == 0
    # keyboard focus on a marker shows what hovering shows
    page.mouse.move(*_free_map_point(page, [(1200, 700), (1100, 150), (300, 700)]))
    page.evaluate("() => document.activeElement.blur()")  # the click focused the marker
    page.locator(".leaflet-tooltip").wait_for(state="detached")
    page.evaluate("([v, i]) => window[v].eachLayer((l) => { if (l.geomapIndex === i) l.getElement().focus(); })",
                  [watch.map_var, target["index"]])
    page.locator(".leaflet-tooltip").wait_for(state="visible")
    assert p["place_name"] in page.locator(".leaflet-tooltip").inner_text()
    page.evaluate("() => document.activeElement.blur()")
    page.locator(".leaflet-tooltip").wait_for(state="detached")
    assert watch.page_errors == [] and watch.real_console_errors() == []


# Markers in the DOM with their event index and (when topmost at their centre) where to click.
JS_EVENT_MARKERS_INDEXED = """
(v) => {
  const out = [];
  window[v].eachLayer((l) => {
    const el = l.getElement ? l.getElement() : null;
    if (l.geomapIndex === undefined || !el) return;
    const r = el.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
    out.push({index: l.geomapIndex, x: x, y: y, topmost: document.elementFromPoint(x, y) === el});
  });
  return out;
}
"""


def test_the_page_reads_every_event_property_as_written(watch, hostile_map, large_map, site_root):
    """The page's reader of the event columns gives back each event's page properties."""
    from test_event_table import without_nulls

    from geomap.render.map import page_event_properties

    for (path, features), root in ((hostile_map, site_root / "hostile"), (large_map, None)):
        watch.open(path)
        got = watch.page.evaluate(
            "(v) => { const s = window[v].geomap.events.geomapStore, out = [];"
            " for (let i = 0; i < s.count; i++) out.push(s.properties(i)); return out; }", watch.map_var)
        expected = [without_nulls(p) for p in page_event_properties(features, root)]
        assert len(got) == len(expected) and got == expected
    assert watch.page_errors == []

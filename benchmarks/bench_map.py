"""Map benchmark: a 10,000-event ``map.html`` becomes interactive in ≤ 3 s.

* Data: N synthetic located events (uniform in lat 35–40, lon 66–75, fixed seed) with
  every property of ``geomap.export.event_record`` (classes, labels, colours and codes
  from the shipped lexicon; border distance, side and nearest point measured with
  ``BorderIndex.measure``; dates in 2021, 15 % undated; 1–2 actors; quantities; a
  150–250 character sentence), plus 300 synthetic places with the properties of
  ``place_features``.  The TJK-AFG line, its buffer bands and the country outlines are
  the real ones.
* Page: ``geomap.render.map.render_map(..., offline=True)`` (Leaflet inlined, no tiles: the
  page makes no network request at all) saved with ``save_map`` to ``map.html``; its size
  is reported.
* Browser: Debian's ``/usr/bin/chromium`` through Playwright, headless, 1280 × 800, a new
  context per load, the page opened from a ``file://`` URL.
* Times are ``performance.now()`` in the page, i.e. milliseconds since navigation start:

  - ``load``: the window ``load`` event ended;
  - ``ready``: ``geomap.controls`` finished (``window.geomapReadyAt``): every layer is
    built, every shown event is either a marker on the map or counted in a bubble, and
    every control exists;
  - ``interactive`` (the target): an event popup is open.  As soon as ``ready`` is seen,
    the benchmark clicks (real mouse click) the first event marker that is the topmost
    element at its centre; where the view shows only count bubbles (dense maps), it
    clicks a bubble and waits until the map has zoomed in and laid the markers out, as
    often as needed (at most ``MAX_BUBBLE_ZOOMS``), then clicks a marker.  The time is
    taken in the page's ``popupopen`` handler.

* Median of 3 loads per size; the 1,000-event map is the baseline of the same run.
* Panning (one more load per size, not part of the medians): at zoom 12 over the middle of
  the events, ``PAN_DRAGS`` real mouse drags of ``PAN_STEP_PX`` × ``PAN_STEPS`` px (each
  waited out to its ``moveend``, inertia included); reported: the longest and the 95th
  percentile gap between animation frames while dragging, the layouts a drag set off and
  their time, and the event markers in the DOM.
* One more, separate load of the 10,000-event map wraps the ``geomap.*`` factories (an init
  script) to time each step of page start-up (profile); it is not part of the medians.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (shared with the browser tests)

PAIR = "TJK-AFG"
BOX = {"lat": (35.0, 40.0), "lon": (66.0, 75.0)}
TARGET_S = 3.0
VIEWPORT = {"width": 1280, "height": 800}

ACTORS = ["Russia", "Tajikistan", "Taliban", "CSTO", "Afghanistan", "China", "Uzbekistan", "ISIS-K",
          "Tajik border guards", "Afghan National Army"]
MODALITIES = ["reported"] * 15 + ["planned", "planned", "denied", "hypothetical", "historical"]
PLACE_TYPES = ["village", "town", "city", "military_base", "training_ground", "border_crossing", "bridge",
               "river_port", "airfield", "admin2", "valley", "river"]
FILLER = ("officials said on condition of anonymity, adding that the situation along the frontier remained tense "
          "and that further movements were expected in the coming days as winter approached")


def synthetic_features(events: int, places: int, seed: int = 42) -> tuple[list[dict], list[dict], object, object]:
    """``events`` event features and ``places`` place features (GeoJSON), plus borders and lexicon."""
    from geomap.border import load_borders
    from geomap.events.lexicon import load_lexicon

    rng = np.random.default_rng(seed)
    borders = load_borders()
    lexicon = load_lexicon()
    classes = list(lexicon.classes.values())

    p_lats = rng.uniform(*BOX["lat"], places)
    p_lons = rng.uniform(*BOX["lon"], places)
    p_metrics = borders.measure(p_lats, p_lons, PAIR)
    place_features = []
    for i in range(places):
        name = f"Synthetic place {i:03d}"
        place_features.append({
            "type": "Feature",
            "id": f"syn:{i}",
            "geometry": {"type": "Point", "coordinates": [round(float(p_lons[i]), 6), round(float(p_lats[i]), 6)]},
            "properties": {
                "place_id": f"syn:{i}", "name": name, "feature_type": PLACE_TYPES[i % len(PLACE_TYPES)],
                "country": "TJK" if p_metrics["side"][i] == "TJK" else "AFG", "admin1": "", "uncertainty_km":
                float(rng.choice([1.0, 2.0, 5.0, 10.0, 25.0])), "population": int(rng.integers(0, 50_000)),
                "source": "synthetic", "citation": "benchmark", "mention_count": int(rng.integers(1, 40)),
                "adjectival_count": 0, "articles": [f"article_{j:05d}" for j in rng.integers(0, 5000, 3)],
                "surface_forms": [name, name.replace("place", "Place")], "confidence": 0.9,
                "reasons": ["synthetic benchmark place"],
                "distance_to_border_km": round(float(p_metrics["distance_km"][i]), 3),
                "border_side": str(p_metrics["side"][i]), "side_uncertain": bool(p_metrics["side_uncertain"][i]),
                "border": PAIR, "distances_km": {},
            },
        })

    lats = rng.uniform(*BOX["lat"], events)
    lons = rng.uniform(*BOX["lon"], events)
    metrics = borders.measure(lats, lons, PAIR)
    event_features = []
    for i in range(events):
        cls = classes[int(rng.integers(0, len(classes)))]
        modality = MODALITIES[int(rng.integers(0, len(MODALITIES)))]
        dated = rng.random() >= 0.15
        day = np.datetime64("2021-01-01") + int(rng.integers(0, 365))
        end = day + int(rng.choice([0, 0, 0, 1, 3]))
        actors = sorted({ACTORS[int(k)] for k in rng.integers(0, len(ACTORS), int(rng.integers(1, 3)))})
        place = place_features[int(rng.integers(0, places))]["properties"]["name"]
        count = int(rng.integers(10, 5000))
        sentence = (f"{actors[0]} forces took part in a {cls.label.lower()} near {place} with about {count:,} troops, "
                    + FILLER[: int(rng.integers(40, len(FILLER)))] + ".")
        event_id = f"gm-{i:012x}"
        properties = {
            "event_id": event_id, "event_type": cls.name, "event_label": cls.label, "modality": modality,
            "date": str(day) if dated else None, "date_end": str(end) if dated else None,
            "date_precision": "day" if dated else None, "date_basis": "text" if dated else None,
            "date_text": "on Monday" if dated else None, "actors": actors, "recipients": [],
            "place_name": place, "place_id": f"syn:{i % places}", "place_relation": "near", "geo_level": "point",
            "uncertainty_km": 5.0, "distance_to_border_km": round(float(metrics["distance_km"][i]), 3),
            "border_side": str(metrics["side"][i]), "side_uncertain": bool(metrics["side_uncertain"][i]),
            "border": PAIR, "nearest_border_lat": round(float(metrics["nearest_lat"][i]), 5),
            "nearest_border_lon": round(float(metrics["nearest_lon"][i]), 5), "borders": [],
            "quantities": [{"category": "personnel", "best": count, "raw_text": f"about {count:,} troops",
                            "low": None, "high": None, "approximate": True, "item": "troops"}],
            "trigger": "took part", "confidence": round(float(rng.uniform(0.5, 1.0)), 3),
            "group_id": f"gmg-{i:012x}", "group_size": 1, "acled_event_type": cls.acled_event_type,
            "acled_sub_event_type": cls.acled_sub_event_type, "cameo_code": cls.cameo_code,
            "plover_event": cls.plover_event, "plover_mode": cls.plover_mode, "color": cls.color,
            "source_file": f"synthetic/article_{i // 5:05d}.txt", "article_id": f"article_{i // 5:05d}",
            "sentence": sentence, "sentence_start": 100, "sentence_end": 100 + len(sentence),
            "group_sources": [f"synthetic/article_{i // 5:05d}.txt"], "group_reason": "",
        }
        event_features.append({
            "type": "Feature", "id": event_id,
            "geometry": {"type": "Point", "coordinates": [round(float(lons[i]), 6), round(float(lats[i]), 6)]},
            "properties": properties,
        })
    return event_features, place_features, borders, lexicon


def write_map(events: int, places: int, out_dir: Path) -> dict:
    """Render the synthetic map offline into ``out_dir/map.html``; its path, size and render time."""
    from geomap.export import border_features
    from geomap.render.map import render_map, save_map

    event_features, place_features, borders, lexicon = synthetic_features(events, places)
    started = time.perf_counter()
    page = render_map(
        event_features, place_features, border_features(borders, (PAIR,)), borders.outline_features(), lexicon,
        borders.attributions(), buffers=borders.buffer_bands(PAIR), offline=True,
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "map.html"
    save_map(page, path)
    return {"path": path, "bytes": path.stat().st_size, "render_s": time.perf_counter() - started,
            "events": events, "places": places}


MAX_BUBBLE_ZOOMS = 6  # bubble clicks allowed before a marker must be clickable

# Finds the main L.Map (folium's variable has a random name; the overview map is not global).
JS_MAP = """() => { for (const k of Object.keys(window)) { try { if (window[k] instanceof L.Map) return k; } catch (e) {} }
  return null; }"""

# The centre of the first element of `selector` that is the topmost element at its centre
# inside the viewport (so a real click lands on it), or null.
JS_TARGET = """(selector) => {
  for (const el of document.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (x <= 0 || y <= 0 || x >= innerWidth || y >= innerHeight) continue;
    if (document.elementFromPoint(x, y) === el) return {x: x, y: y};
  }
  return null;
}"""

JS_TIMES = """(v) => {
  const nav = performance.getEntriesByType("navigation")[0] || {};
  const map = window[v], layer = map.geomap && map.geomap.events;
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  return {
    response_end: nav.responseEnd, dom_content_loaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
    fcp: fcp ? fcp.startTime : null, ready: window.geomapReadyAt, bubble_click: window.__bubbleClickAt || null,
    interactive: window.__popupAt, layouts: layer ? layer.geomapLayoutStats : [],
    dom_markers: document.querySelectorAll(".geomap-event").length,
    bubbles: document.querySelectorAll(".geomap-cluster").length,
  };
}"""

JS_ARM = """(v) => {
  const map = window[v];
  map.on("popupopen", () => { if (!window.__popupAt) window.__popupAt = performance.now(); });
}"""

# Wraps every geomap.* factory and the addTo of what it returns: per-step durations (profile run only).
JS_PROFILE = """(() => {
  const steps = window.__geomapSteps = [];
  let real;
  Object.defineProperty(window, "geomap", {
    configurable: true,
    get() { return real; },
    set(value) {
      steps.push({step: "page script starts (geomap.js evaluated)", start: performance.now(), ms: 0});
      for (const name of Object.keys(value)) {
        const f = value[name];
        value[name] = function () {
          const t = performance.now(), out = f.apply(this, arguments);
          steps.push({step: "geomap." + name + "()", start: t, ms: performance.now() - t});
          if (out && typeof out.addTo === "function") {
            const addTo = out.addTo;
            out.addTo = function (m) {
              const a = performance.now(), r = addTo.call(this, m);
              steps.push({step: "geomap." + name + "(…).addTo(map)", start: a, ms: performance.now() - a});
              return r;
            };
          }
          return out;
        };
      }
      real = value;
    }
  });
})();"""


def load_once(browser, path: Path, profile: bool = False) -> dict:
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    if profile:
        page.add_init_script(JS_PROFILE)
    try:
        page.goto(path.as_uri(), wait_until="commit")
        page.wait_for_function("() => window.geomapReadyAt !== undefined", polling=10)
        map_var = page.evaluate(JS_MAP)
        page.evaluate(JS_ARM, map_var)
        path_taken = "marker"
        target = page.evaluate(JS_TARGET, ".geomap-event")
        zooms = 0
        while target is None:
            # dense maps: click a count bubble (it zooms to its bounds), as a user would, until
            # markers are spread; 100,000 events need more than one step
            if zooms == MAX_BUBBLE_ZOOMS:
                raise RuntimeError(f"no event marker is clickable after zooming into {zooms} bubbles")
            bubble = page.evaluate(JS_TARGET, ".geomap-cluster")
            if bubble is None:
                raise RuntimeError("neither an event marker nor a bubble is clickable")
            page.evaluate("(v) => { const m = window[v]; window.__zoomed = false;"
                          " m.once('zoomend', () => setTimeout(() => { window.__zoomed = true; }, 0));"
                          " window.__bubbleClickAt = window.__bubbleClickAt || performance.now(); }", map_var)
            page.mouse.click(bubble["x"], bubble["y"])
            page.wait_for_function("() => window.__zoomed", polling=10)
            zooms += 1
            target = page.evaluate(JS_TARGET, ".geomap-event")
        if zooms:
            path_taken = f"bubble ({zooms} zoom{'s' if zooms > 1 else ''}), then marker"
        page.mouse.click(target["x"], target["y"])
        page.wait_for_function("() => window.__popupAt !== undefined", polling=10)
        page.locator(".leaflet-popup-content .geomap-event-popup").wait_for(state="visible")
        times = page.evaluate(JS_TIMES, map_var)
        times["path"] = path_taken
        if profile:
            times["steps"] = page.evaluate("() => window.__geomapSteps")
        times["errors"] = errors
        return times
    finally:
        context.close()


PAN_ZOOM = 12
PAN_DRAGS = 8
PAN_STEPS = 20
PAN_STEP_PX = 20  # a 400 px drag: half a view across, so some drags leave the laid-out region
PAN_DIRECTIONS = ((1, 0), (0, 1), (-1, 0), (0, -1), (1, 1), (-1, -1), (1, -1), (-1, 1))

# Records the gaps between animation frames until window.__panDone is set.
JS_FRAME_GAPS = """() => {
  const gaps = window.__frameGaps = [];
  let last = performance.now();
  const frame = (now) => { gaps.push(now - last); last = now; if (!window.__panDone) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
}"""


def pan_once(browser, path: Path) -> dict:
    """Drag the map around at zoom PAN_ZOOM (see the module docstring); frame gaps and layouts."""
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function("() => window.geomapReadyAt !== undefined", polling=10)
        map_var = page.evaluate(JS_MAP)
        lat, lon = sum(BOX["lat"]) / 2, sum(BOX["lon"]) / 2
        page.evaluate("([v, lat, lon, z]) => window[v].setView([lat, lon], z, {animate: false})", [map_var, lat, lon, PAN_ZOOM])
        page.wait_for_timeout(300)
        layouts_before = page.evaluate("(v) => window[v].geomap.events.geomapLayoutStats.length", map_var)
        page.evaluate(JS_FRAME_GAPS)
        dom = []
        x0, y0 = VIEWPORT["width"] / 2, VIEWPORT["height"] / 2
        for dx, dy in PAN_DIRECTIONS[:PAN_DRAGS]:
            page.evaluate("(v) => { window.__moved = false; window[v].once('moveend', () => { window.__moved = true; }); }", map_var)
            page.mouse.move(x0, y0)
            page.mouse.down()
            for step in range(1, PAN_STEPS + 1):
                page.mouse.move(x0 + dx * PAN_STEP_PX * step, y0 + dy * PAN_STEP_PX * step)
            page.mouse.up()
            page.wait_for_function("() => window.__moved", polling=10)
            dom.append(page.evaluate("() => document.querySelectorAll('.geomap-event').length"))
        page.evaluate("() => { window.__panDone = true; }")
        gaps = sorted(page.evaluate("() => window.__frameGaps")[1:])
        layouts = page.evaluate("([v, n]) => window[v].geomap.events.geomapLayoutStats.slice(n)", [map_var, layouts_before])
        return {"zoom": PAN_ZOOM, "drags": PAN_DRAGS, "drag_px": PAN_STEPS * PAN_STEP_PX, "frames": len(gaps),
                "longest_frame_ms": gaps[-1] if gaps else None,
                "p95_frame_ms": gaps[int(0.95 * (len(gaps) - 1))] if gaps else None,
                "layouts": len(layouts), "layout_ms": [stats["ms"] for stats in layouts], "dom_markers": dom}
    finally:
        context.close()


def run(quick: bool = False, workdir: Path | None = None, events: int = 10_000, repeats: int = 3) -> dict:
    """Build the ``events``-event (10,000 by default; ``--events 100000`` for issue 13's
    scale row) and 1,000-event maps and time them; every number in a dict."""
    import tempfile

    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} not installed (apt-get install chromium)")
    sizes = {"big": events, "baseline": 1_000}
    out: dict = {"target_s": TARGET_S, "repeats": repeats, "viewport": VIEWPORT, "quick": quick}
    with tempfile.TemporaryDirectory(prefix="geomap-map-bench-") as tmp:
        root = Path(workdir or tmp)
        pages = {key: write_map(n, 300, root / key) for key, n in sizes.items()}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            try:
                load_once(browser, pages["baseline"]["path"])  # warm-up (browser caches, V8 code cache)
                for key, info in pages.items():
                    runs = [load_once(browser, info["path"]) for _ in range(repeats)]
                    errors = sorted({e for r in runs for e in r["errors"]})
                    if errors:
                        raise RuntimeError(f"page errors on the {key} map: {errors}")
                    out[key] = {
                        "pan": pan_once(browser, info["path"]),
                        "events": info["events"], "places": info["places"], "html_bytes": info["bytes"],
                        "render_s": info["render_s"], "runs": runs,
                        **{f"{k}_ms": statistics.median(r[k] for r in runs)
                           for k in ("response_end", "dom_content_loaded", "load", "ready", "interactive")},
                        "fcp_ms": statistics.median(r["fcp"] for r in runs) if all(r["fcp"] for r in runs) else None,
                        "path": runs[0]["path"], "dom_markers": runs[0]["dom_markers"], "bubbles": runs[0]["bubbles"],
                        "initial_layout": runs[0]["layouts"][0] if runs[0]["layouts"] else None,
                        "zoom_layout": runs[0]["layouts"][-1] if len(runs[0]["layouts"]) > 1 else None,
                    }
                if not quick:
                    out["profile"] = load_once(browser, pages["big"]["path"], profile=True)
            finally:
                browser.close()
    out["ratio"] = out["big"]["interactive_ms"] / out["baseline"]["interactive_ms"]
    out["interactive_s"] = out["big"]["interactive_ms"] / 1000
    return out


def markdown_rows(result: dict) -> list[str]:
    """Table row(s) for the benchmarks report (same columns as run.py's table)."""
    big, base = result["big"], result["baseline"]
    met = result["interactive_s"] <= result["target_s"]
    verdict = "met" if met else f"**missed** ({result['interactive_s'] / result['target_s']:.1f}× off)"
    return [
        f"| map.html with {big['events']:,} events + {big['places']} places, offline, headless Chromium: navigation start → "
        f"event popup open (median of {result['repeats']}) | {big['interactive_ms'] / 1000:.2f} s (ready {big['ready_ms'] / 1000:.2f} s, "
        f"load {big['load_ms'] / 1000:.2f} s; {big['html_bytes'] / 1e6:.1f} MB HTML) "
        f"| same map with {base['events']:,} events: {base['interactive_ms'] / 1000:.2f} s (ready {base['ready_ms'] / 1000:.2f} s; "
        f"{base['html_bytes'] / 1e6:.1f} MB) | {result['ratio']:.2f}× (ready {big['ready_ms'] / base['ready_ms']:.2f}×) "
        f"| ≤ {result['target_s']:.0f} s | {verdict} |"
    ]


def markdown_details(result: dict) -> list[str]:
    lines = []
    add = lines.append
    for key in ("big", "baseline"):
        r = result[key]
        init, zoom = r["initial_layout"], r["zoom_layout"]
        text = (
            f"- {r['events']:,} events: HTML {r['html_bytes']:,} bytes (rendered in {r['render_s']:.1f} s); median ms since "
            f"navigation start: response end {r['response_end_ms']:.0f}, DOMContentLoaded {r['dom_content_loaded_ms']:.0f}, "
            f"load {r['load_ms']:.0f}, ready {r['ready_ms']:.0f}, popup open {r['interactive_ms']:.0f}"
            + (f", first contentful paint {r['fcp_ms']:.0f}" if r["fcp_ms"] else "")
            + f". Click path: {r['path']}; in the DOM when the popup opened: {r['dom_markers']:,} event markers, "
            f"{r['bubbles']} count bubbles."
        )
        for label, stats in (("Initial layout", init), ("Layout after zooming into a bubble", zoom)):
            if stats:
                text += (f" {label} (zoom {stats['zoom']}): {stats['markers']:,} events spread and {stats['bubbles']} bubbles "
                         f"in the laid-out region, {stats['dom']:,} markers put in the DOM (near the view); {stats['ms']:.0f} ms "
                         f"({stats['layout_ms']:.0f} ms layout, the rest adding/removing markers and bubbles).")
        pan = r.get("pan")
        if pan:
            text += (f" Panning at zoom {pan['zoom']} ({pan['drags']} drags of {pan['drag_px']} px): longest frame "
                     f"{pan['longest_frame_ms']:.0f} ms, 95th percentile {pan['p95_frame_ms']:.0f} ms over {pan['frames']} frames; "
                     f"{pan['layouts']} drags laid the region out again ("
                     + (", ".join(f"{ms:.0f}" for ms in pan["layout_ms"]) or "–")
                     + f" ms); {min(pan['dom_markers']):,}–{max(pan['dom_markers']):,} markers in the DOM.")
        text += " Runs (interactive ms): " + ", ".join(f"{run['interactive']:.0f}" for run in r["runs"]) + "."
        add(text)
    if "profile" in result:
        prof = result["profile"]
        add("")
        add(f"Start-up profile of the {result['big']['events']:,}-event page (one extra load with the `geomap.*` factories "
            "wrapped; ms since navigation start):")
        add("")
        add("| step | starts at ms | takes ms |")
        add("|---|---|---|")
        add(f"| HTML received (responseEnd) | {prof['response_end']:.0f} | – |")
        seen = set()
        for step in prof.get("steps", []):
            if step["step"] in seen:  # folium's template calls addTo twice; the second is a no-op
                continue
            seen.add(step["step"])
            add(f"| `{step['step']}` | {step['start']:.0f} | {step['ms']:.0f} |")
        add(f"| ready (`window.geomapReadyAt`) | {prof['ready']:.0f} | – |")
        if prof.get("bubble_click"):
            add(f"| bubble clicked (zoom-in animation and layout follow) | {prof['bubble_click']:.0f} | – |")
        add(f"| event popup open | {prof['interactive']:.0f} | – |")
    return lines


if __name__ == "__main__":
    import json

    def _option(name: str, default: int) -> int:
        return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default

    result = run("--quick" in sys.argv, events=_option("--events", 10_000), repeats=_option("--repeats", 3))
    print("\n".join(markdown_rows(result) + [""] + markdown_details(result)))
    print(json.dumps({k: v for k, v in result.items() if k not in ("big", "baseline", "profile")}, default=str))

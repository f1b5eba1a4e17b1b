"""The interactive map: a folium (Leaflet) page with toggleable layers.

Overlays are built in the browser by ``geomap.js`` from data embedded in the page (GeoJSON;
the events as columns, ``geomap.render.event_table``, so that a page of 100,000 events stays
small and quick to start), with popups assembled through ``textContent`` so hostile article
text cannot run.  The same script adds the legend, a place search box, a time filter (date
range, undated events, events per week), a collapsible summary panel, an event heat map
(canvas), a distance tool, a full-screen button and an overview map, spreads co-located
event markers in screen space so each one stays visible, and summarises dense areas by
count bubbles; on a large map only the events near the view are laid out and drawn.  The
page needs only Leaflet itself (folium's jQuery/Bootstrap/Font Awesome defaults are
dropped), and Leaflet is inlined: every page renders without a network.  Online tile
layers are offered unless ``offline``; the offline base map (``data/basemap/``) lies under
them and shows wherever they do not load.
"""

from __future__ import annotations

import base64
import html
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources as package_files
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from geomap.config import DATA_DIR
from geomap.events.lexicon import Lexicon
from geomap.render.event_table import event_table

LEAFLET_VERSION = "1.9.4"  # the version shipped by django-js-lib-leaflet, inlined into every page
DATA_ATTRIBUTION = (
    "Places: GeoNames (CC-BY 4.0), Natural Earth (public domain), geomap regional gazetteer; "
    "borders: {borders}"
)
# Event properties the page never reads (identifiers, offsets, codes the popup does not
# show). They stay in events.geojson and the other exports; leaving them out of the page
# makes a 10,000-event map.html about a quarter smaller and quicker to start.
MAP_EVENT_OMIT = frozenset({
    "event_id", "date_text", "recipients", "place_id", "nearest_border_lat", "nearest_border_lon",
    "borders", "trigger", "group_id", "group_size", "acled_sub_event_type", "plover_mode", "article_id",
    "sentence_start", "sentence_end", "reasons", "group_reason", "lat", "lon",
})
# One colour per border pair (the primary border is drawn widest and solid, the others
# thinner and dashed, each in its own colour, so a legend entry tells them apart).
PRIMARY_BORDER_STYLE = {"map_color": "#c00000", "map_weight": 4.5, "map_dash": None}
BORDER_COLOURS = ("#7b3294", "#e66101", "#1b7837", "#2166ac", "#8c510a", "#01665e", "#c51b7d", "#4d4d4d", "#35978f", "#6a51a3")
BORDER_DASHES = ("8 4", "2 4", "10 3 2 3", "6 3", "1 3")
BASEMAP_FILE = DATA_DIR / "basemap" / "basemap.json"  # scripts/build_basemap.py
BASEMAP_ATTRIBUTION = (
    "Offline base map: Natural Earth (public domain), GeoNames (CC-BY 4.0), © OpenStreetMap contributors (ODbL)"
)
TILE_LAYERS = (
    ("OpenStreetMap", "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
     '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors', 19, True),
    ("Terrain (OpenTopoMap)", "https://{s}.tile.opentopomap.org/{z}/{x}/{y}.png",
     "Map data: © OpenStreetMap contributors, SRTM | style: © OpenTopoMap (CC-BY-SA)", 17, False),
    ("Satellite (Esri World Imagery)",
     "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
     "Tiles © Esri — Source: Esri, Maxar, Earthstar Geographics, and the GIS User Community", 18, False),
)
_STYLE = """
<style>
  .folium-map.leaflet-container { font-size: 12px; }  /* Leaflet's own size (folium sets 1rem) */
  .folium-map .leaflet-control-attribution { max-width: calc(100vw - 260px); }  /* clear of the scale bar */
  .geomap-popup h4 { margin: 0 0 4px; font-size: 14px; }
  .geomap-popup table { border-collapse: collapse; font-size: 12px; }
  .geomap-popup th { text-align: left; padding-right: 6px; vertical-align: top; color: #555; }
  .geomap-sentence { margin: 6px 0 0; padding-left: 6px; border-left: 3px solid #999; font-size: 12px; }
  .geomap-legend, .geomap-panel { background: rgba(255,255,255,0.94); padding: 6px 8px; font: 12px sans-serif;
                   border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3); }
  .geomap-legend > div { line-height: 18px; }
  .geomap-glyph { display: inline-block; width: 14px; height: 14px; border-radius: 50%; margin-right: 5px;
                  box-shadow: 0 0 0 1px #222; font: bold 9px/14px sans-serif; text-align: center; vertical-align: middle; }
  .geomap-event { border-radius: 50%; box-shadow: 0 0 0 1px #222, 0 1px 3px rgba(0,0,0,0.4);
                  font: bold 10px/18px sans-serif; text-align: center; cursor: pointer; }
  .geomap-event-unconfirmed { opacity: 0.6; box-shadow: 0 0 0 1px #fff, 0 0 0 2px #222; }
  .geomap-event:hover { box-shadow: 0 0 0 2px #000, 0 1px 4px rgba(0,0,0,0.5); }
  .geomap-leader { position: absolute; left: 9px; top: 8.5px; height: 1px; background: rgba(30,30,30,0.55);
                   transform-origin: 0 50%; pointer-events: none; display: none; }
  .geomap-muted { color: #666; font-size: 11px; }
  .geomap-search input { width: 190px; font: 12px sans-serif; padding: 3px 4px; }
  .geomap-search-message { color: #b00; font-size: 11px; }
  .geomap-search-message:empty { display: none; }
  .geomap-time { width: 226px; }
  .geomap-time-inputs { display: flex; gap: 6px; margin: 4px 0 2px; }
  .geomap-time-inputs label { display: flex; flex-direction: column; font-size: 11px; color: #444; }
  .geomap-time-inputs input { width: 104px; font: 11px sans-serif; }
  .geomap-time-undated-label { display: block; margin: 2px 0 4px; }
  .geomap-time-foot { display: flex; justify-content: space-between; align-items: center; margin-top: 3px; }
  .geomap-time-foot button, .geomap-summary-toggle { font: 11px sans-serif; cursor: pointer; }
  .geomap-summary-toggle { font-weight: bold; padding: 3px 8px; }
  .geomap-summary-body { width: 360px; max-height: calc(100vh - 230px); overflow-y: auto; margin-top: 4px; }
  .geomap-summary-body h4 { margin: 8px 0 3px; font-size: 13px; }
  .geomap-summary-body table { border-collapse: collapse; width: 100%; font-size: 11px; }
  .geomap-summary-body th { text-align: left; color: #555; font-weight: normal; border-bottom: 1px solid #ccc; }
  .geomap-summary-body td { padding: 1px 4px 1px 0; vertical-align: top; }
  .geomap-summary-body td.geomap-count, .geomap-num { text-align: right; }
  .geomap-summary-total th { border-top: 1px solid #ccc; border-bottom: none; }
  .geomap-verdict { font-weight: bold; white-space: nowrap; }
  .geomap-link { border: none; background: none; padding: 0; color: #0645ad; cursor: pointer; font: 11px sans-serif;
                 text-align: left; }
  .geomap-link:hover { text-decoration: underline; }
  .geomap-bars { display: flex; align-items: flex-end; gap: 1px; height: 36px; border-bottom: 1px solid #999; }
  .geomap-bar { flex: 1 1 0; height: 100%; display: flex; align-items: flex-end; cursor: pointer; min-width: 1px; }
  .geomap-bar:hover { background: #eee; }
  .geomap-bar-fill { width: 100%; background: #3b6ea5; }
  .geomap-bar-out .geomap-bar-fill { background: #c8c8c8; }
  .geomap-axis { display: flex; justify-content: space-between; font-size: 10px; color: #666; }
  .geomap-cluster { border-radius: 50%; background: rgba(52,73,94,0.85); color: #fff; text-align: center;
                    font: bold 11px sans-serif; display: flex; align-items: center; justify-content: center;
                    box-shadow: 0 0 0 3px rgba(255,255,255,0.8), 0 1px 4px rgba(0,0,0,0.5); cursor: zoom-in; }
  .geomap-cluster:hover { background: rgba(30,45,60,0.95); }
  .geomap-tools { position: relative; }
  .geomap-tools-bar a { display: flex; align-items: center; justify-content: center; color: #222; }
  .geomap-tools-bar a svg { fill: none; stroke: currentColor; stroke-width: 1.8; stroke-linecap: round; stroke-linejoin: round; }
  .geomap-tools-bar a[aria-pressed="true"] { background: #dbe7f5; color: #0645ad; }
  .geomap-measure-box { position: absolute; left: 216px; top: 0; width: 250px; }  /* right of search/summary */
  .geomap-measure-box[hidden] { display: none; }
  .geomap-measure-total { font-weight: bold; font-size: 13px; }
  .geomap-measure-actions { display: flex; gap: 6px; margin-top: 4px; }
  .geomap-measure-actions button { font: 11px sans-serif; cursor: pointer; }
  .geomap-measure-actions button[hidden] { display: none; }
  .geomap-measuring, .geomap-measuring .leaflet-interactive { cursor: crosshair !important; }
  .geomap-measuring .leaflet-interactive { pointer-events: none !important; }
  .folium-map.geomap-fullscreen-pseudo { position: fixed !important; left: 0 !important; top: 0 !important;
                   width: 100vw !important; height: 100vh !important; z-index: 10000; }
  .folium-map:fullscreen { width: 100% !important; height: 100% !important; }
  .geomap-minimap { position: relative; padding: 0; overflow: hidden; }
  .geomap-minimap-map { width: 242px; height: 140px; background: #cfdbe6; }
  .geomap-minimap .geomap-minimap-map.leaflet-container { cursor: pointer; background: #cfdbe6; }
  .geomap-minimap-toggle { position: absolute; top: 3px; right: 3px; z-index: 1000; font: 11px sans-serif;
                   padding: 0 5px; cursor: pointer; background: rgba(255,255,255,0.9); border: 1px solid #999; border-radius: 3px; }
  .geomap-minimap-folded .geomap-minimap-map { display: none; }
  .geomap-minimap-folded .geomap-minimap-toggle { position: static; margin: 4px; }
  .geomap-summary { background: #fff; }  /* opaque: it opens over the legend */
  .geomap-legend { max-height: calc(100vh - 330px); overflow-y: auto; width: 250px; box-sizing: border-box; }
  .geomap-legend-section + .geomap-legend-section { margin-top: 5px; border-top: 1px solid #ddd; padding-top: 3px; }
  .geomap-legend-section[hidden] { display: none; }
  .geomap-legend-section > b { display: block; }
  .geomap-legend-notice { color: #8a4b00; font-weight: bold; white-space: normal; margin: 2px 0; }
  .geomap-legend-section > div { line-height: 17px; white-space: nowrap; }
  .geomap-line-sample { vertical-align: middle; margin-right: 3px; }
  .geomap-legend-section > div.geomap-legend-place { display: inline-block; width: 50%; font-size: 11px;
                   overflow: hidden; text-overflow: ellipsis; vertical-align: top; }
  .geomap-legend-section > div.geomap-legend-border { display: inline-block; width: 50%; font-size: 11px; }
  .geomap-legend-section > div.geomap-legend-primary { width: 100%; font-weight: bold; }
  .geomap-place-swatch { display: inline-block; width: 8px; height: 8px; border-radius: 50%; border: 2px solid;
                   background: #fff; margin: 0 6px 0 2px; vertical-align: middle; }
  .geomap-filters, .geomap-areas { position: relative; width: 242px; box-sizing: border-box; }  /* as wide as the minimap */
  .geomap-filters-toggle, .geomap-areas-toggle { font: bold 11px sans-serif; cursor: pointer; padding: 3px 8px; width: 100%; }
  /* opened panels unfold to the left over the map, clear of the right-hand column of controls */
  .geomap-filters-body, .geomap-areas-body { position: absolute; right: calc(100% + 8px); top: 0; width: 290px;
                   max-height: calc(100vh - 420px); overflow-y: auto; background: #fff; padding: 6px 8px;
                   border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.35); }
  .geomap-filters-body[hidden], .geomap-areas-body[hidden] { display: none; }
  .geomap-filter-group { border: none; border-top: 1px solid #ddd; margin: 4px 0 0; padding: 2px 0 0; }
  .geomap-filter-group legend { font-weight: bold; font-size: 11px; padding: 0; }
  .geomap-filter-choice { display: block; line-height: 18px; white-space: nowrap; }
  .geomap-filter-choice .geomap-glyph { width: 12px; height: 12px; font-size: 8px; line-height: 12px; margin: 0 2px; }
  .geomap-filter-actor { max-width: 260px; font: 11px sans-serif; }
  .geomap-areas-list { margin: 4px 0 0; padding-left: 20px; }
  .geomap-areas-list li { margin: 1px 0; }
  .geomap-reports h5 { margin: 6px 0 2px; font-size: 12px; }
  .geomap-reports ol { margin: 0; padding-left: 18px; max-height: 220px; overflow-y: auto; }
  .geomap-report .geomap-sentence { margin-top: 1px; }
  .geomap-town { white-space: nowrap; pointer-events: none; }
  .geomap-town-dot { display: inline-block; width: 5px; height: 5px; border-radius: 50%; background: #333;
                   margin: 0 3px 0 -2.5px; vertical-align: middle; }
  .geomap-town-name { font: 11px sans-serif; color: #222; vertical-align: middle;
                   text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; }
  .geomap-place-label { font-weight: bold; }
</style>
"""


def _json_for_script(data: Any) -> str:
    """JSON that is safe as the content of a <script> element: "</script>" in text cannot
    close it, and U+2028/U+2029 cannot end a line of the surrounding script."""
    return (
        json.dumps(data, ensure_ascii=False, sort_keys=False, allow_nan=False)  # NaN is not JSON: JSON.parse would fail
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


_DATA_MARKER = "<!--geomap-data-blocks-->"


class PageData:
    """The page's datasets, kept out of the templates.

    folium renders every element through Jinja, and branca renders a macro's output a second
    time, so a ``{{ … }}`` in article text would run as template code.  Datasets therefore
    never enter a template: each one gets an element id here, templates refer to that id
    only, and :func:`save_map` adds the JSON as ``<script type="application/json">`` blocks
    to the page after it was rendered.
    """

    def __init__(self) -> None:
        self.blocks: dict[str, str] = {}

    def add(self, data: Any) -> str:
        """Register ``data``; the element id the page reads it from (``geomap.data(id)``)."""
        element_id = f"geomap-data-{len(self.blocks)}"
        self.blocks[element_id] = _json_for_script(data)
        return element_id

    def html(self) -> str:
        return "".join(
            f'<script type="application/json" id="{element_id}">{payload}</script>\n'
            for element_id, payload in self.blocks.items()
        )


@dataclass
class MapPage:
    """A built map: the folium element tree and the datasets :func:`save_map` adds to it."""

    map: folium.Map
    data: PageData


class GeoJsonOverlay(folium.map.Layer):
    """An overlay built by a ``geomap.*Layer`` JS factory from embedded data (GeoJSON, or the events' columns)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = geomap.{{ this.factory }}(geomap.data("{{ this.data_id }}"));
        {% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
        {% endmacro %}
        """
    )

    def __init__(self, factory: str, data: dict[str, Any], name: str, page_data: PageData, show: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "GeoJsonOverlay"
        self.factory = factory
        self.data_id = page_data.add(data)


class BaseMapOverlay(folium.map.Layer):
    """The offline base map (``geomap.baseLayer``): country polygons, lakes, rivers,
    first-level boundaries and town labels, drawn under the tiles."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = geomap.baseLayer(geomap.data("{{ this.outlines_id }}"), geomap.data("{{ this.basemap_id }}"));
        {% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
        {% endmacro %}
        """
    )

    def __init__(self, outlines: dict[str, Any] | None, basemap: dict[str, Any] | None, name: str, page_data: PageData) -> None:
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "BaseMapOverlay"
        self.outlines_id = page_data.add(outlines)
        self.basemap_id = page_data.add(basemap)


class NoTiles(folium.map.Layer):
    """The base-layer choice "no tiles": only the offline base map shows (and where tiles
    cannot be reached, the page switches to it by itself)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.layerGroup();
        {% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
        {% endmacro %}
        """
    )

    def __init__(self, name: str, show: bool = False) -> None:
        super().__init__(name=name, overlay=False, control=True, show=show)
        self._name = "NoTiles"


class HeatOverlay(folium.map.Layer):
    """The "Event heat map" overlay: ``geomap.heatLayer`` drawing the shown events on a canvas."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = geomap.heatLayer({{ this.events.get_name() }}, {radius: {{ this.radius }}});
        {% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
        {% endmacro %}
        """
    )

    def __init__(self, events: GeoJsonOverlay, name: str, show: bool = False, radius: int = 36) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "HeatOverlay"
        self.events = events
        self.radius = int(radius)


class _Controls(MacroElement):
    """Legend, tools, place search, summary panel, time filter and overview map (``geomap.controls``)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        geomap.controls({{ this._parent.get_name() }}, {{ this.events.get_name() }}, {{ this.places.get_name() }},
                        geomap.data("{{ this.options_id }}"),
                        { {% for key, layer in this.layers.items() %}{{ key }}: {{ layer.get_name() }}, {% endfor %}
                          tiles: [{% for layer in this.tiles %}{{ layer.get_name() }}, {% endfor %}] });
        {% endmacro %}
        """
    )

    def __init__(
        self,
        events: GeoJsonOverlay,
        places: GeoJsonOverlay,
        options_id: str,
        layers: Mapping[str, Element | None] | None = None,
        tiles: Sequence[Element] | None = None,
    ) -> None:
        super().__init__()
        self.events = events
        self.places = places
        self.options_id = options_id
        self.layers = {key: layer for key, layer in (layers or {}).items() if layer is not None}
        self.tiles = list(tiles or [])


class _Attribution(MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution(geomap.data("{{ this.text_id }}"));
        {% endmacro %}
        """
    )

    def __init__(self, text_id: str) -> None:
        super().__init__()
        self.text_id = text_id


def render_map(  # noqa: PLR0913 (every layer and option of the page is a keyword)
    events: list[dict[str, Any]],
    places: list[dict[str, Any]],
    borders: list[dict[str, Any]],
    outlines: dict[str, Any] | None,
    lexicon: Lexicon,
    attributions: list[str],
    center: tuple[float, float] = (37.5, 69.5),
    zoom: int = 6,
    claims: list[dict[str, Any]] | None = None,
    buffers: list[dict[str, Any]] | None = None,
    offline: bool = False,
    source_root: Path | None = None,
    basemap: dict[str, Any] | None = None,
    events_notice: str = "",
) -> MapPage:
    """Build the folium map (not yet saved).

    The page is self-contained either way: Leaflet's JS and CSS are inlined and the
    offline base map (country polygons, lakes, rivers, first-level boundaries, towns) is
    embedded, so it renders without a network.

    Parameters
    ----------
    events, places, borders : list of GeoJSON features
        As written to ``events.geojson``, ``places.geojson``, ``border.geojson`` (the page
        embeds the events as columns, ``page_events``, without the properties in
        ``MAP_EVENT_OMIT``, which it never reads).  The first border is the primary one.
    outlines : GeoJSON FeatureCollection or None
        Country polygons of the offline base map.
    lexicon : Lexicon
        Event classes (labels, colours) for the legend.
    attributions : list of str
        Licence notices of the boundary data.
    claims : list of GeoJSON features, optional
        Checked numeric claims (``claims.csv`` rows with a location).
    buffers : list of GeoJSON features, optional
        Distance bands around the border (``from_km``/``to_km`` properties).
    offline : bool
        Leave out the online tile layers: the page then makes no network request at all
        (air-gapped use).  Without it, tile layers are offered and the page falls back to
        the offline base map by itself when they cannot be reached.
    source_root : Path, optional
        The folder ``map.html`` is written to: each event links to its source file by a
        path relative to it.
    basemap : dict, optional
        The offline base map layers (``data/basemap/basemap.json`` when omitted).
    events_notice : str
        Shown at the top of the legend's events: what the map leaves out, for example
        that it shows only the most recent incidents of a large corpus (escaped as text).
    """
    data = PageData()
    page = folium.Map(location=list(center), zoom_start=zoom, tiles=None, control_scale=True, prefer_canvas=False)
    page.default_js, page.default_css = [], []
    root = cast(Figure, page.get_root())  # a folium map's root is its page
    root.header.add_child(Element(_inline_leaflet()), name="leaflet_inline", index=0)
    tiles = [] if offline else _add_tile_layers(page)
    none = None if offline else NoTiles("Offline base map only", show=False).add_to(page)
    root.header.add_child(Element(_STYLE))
    script = package_files.files("geomap.render").joinpath("geomap.js").read_text(encoding="utf-8")
    root.script.add_child(Element(script), name="geomap_js", index=0)

    base_layer = BaseMapOverlay(outlines, basemap if basemap is not None else load_basemap(), "Offline base map", data)
    base_layer.add_to(page)
    if buffers:
        GeoJsonOverlay("bufferLayer", {"type": "FeatureCollection", "features": buffers}, "Border buffers", data, show=False).add_to(page)
    border_layer = GeoJsonOverlay("borderLayer", {"type": "FeatureCollection", "features": styled_borders(borders)}, "Borders", data, show=True)
    border_layer.add_to(page)
    place_layer = GeoJsonOverlay("placeLayer", {"type": "FeatureCollection", "features": places}, "Places", data, show=True)
    place_layer.add_to(page)
    event_layer = GeoJsonOverlay("eventLayer", page_events(events, source_root), "Events", data, show=True)
    event_layer.add_to(page)
    heat_layer = HeatOverlay(event_layer, "Event heat map", show=False)
    heat_layer.add_to(page)
    if claims:
        located = [c for c in claims if c["geometry"]]
        GeoJsonOverlay("claimLayer", {"type": "FeatureCollection", "features": located}, "Claims", data, show=False).add_to(page)

    attribution = DATA_ATTRIBUTION.format(borders="; ".join(attributions)) + "; " + BASEMAP_ATTRIBUTION
    _Attribution(data.add(html.escape(attribution))).add_to(page)
    folium.LayerControl(collapsed=False).add_to(page)
    options = {
        "legend": legend_entries(events, lexicon),
        "legend_note": "faded = planned/denied/hypothetical",
        "events_notice": events_notice,
        "claims": [claim["properties"] for claim in claims or []],
    }
    layers = {"outlines": base_layer, "border": border_layer, "heat": heat_layer, "none": none}
    _Controls(event_layer, place_layer, data.add(options), layers, tiles).add_to(page)
    root.html.add_child(Element(_DATA_MARKER), name="geomap_data", index=0)
    _stable_ids(root)
    return MapPage(page, data)


def _add_tile_layers(page: folium.Map) -> list[folium.TileLayer]:
    """The online base layers (OpenStreetMap shown first)."""
    layers = []
    for name, url, attribution, max_zoom, show in TILE_LAYERS:
        layer = folium.TileLayer(url, name=name, attr=attribution, max_zoom=max_zoom, show=show)
        layer.add_to(page)
        layers.append(layer)
    return layers


def legend_entries(events: list[dict[str, Any]], lexicon: Lexicon) -> list[dict[str, Any]]:
    """One legend entry per event class drawn on the map (incidents with a site), by priority."""
    counts: dict[str, int] = {}
    for feature in events:
        if feature["geometry"] and not feature["properties"].get("location_area"):
            counts[feature["properties"]["event_type"]] = counts.get(feature["properties"]["event_type"], 0) + 1
    return [
        {"type": name, "label": cls.label, "color": cls.color, "glyph": cls.glyph, "count": counts[name]}
        for name, cls in sorted(lexicon.classes.items(), key=lambda item: -item[1].priority)
        if name in counts
    ]


def styled_borders(borders: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The border features with their map style: the first (primary) border widest and
    solid, every other pair its own colour and dash."""
    out = []
    for index, feature in enumerate(borders):
        if index == 0:
            style = {**PRIMARY_BORDER_STYLE, "primary": True}
        else:
            style = {
                "map_color": BORDER_COLOURS[(index - 1) % len(BORDER_COLOURS)],
                "map_weight": 2.5,
                "map_dash": BORDER_DASHES[(index - 1) % len(BORDER_DASHES)],
                "primary": False,
            }
        out.append({**feature, "properties": {**feature["properties"], **style}})
    return out


def page_events(events: list[dict[str, Any]], source_root: Path | None) -> dict[str, Any]:
    """The events as the page embeds them: columns (``event_table``) of the properties it
    reads (not those in ``MAP_EVENT_OMIT``), with a relative link to each source file."""
    return event_table(events, page_event_properties(events, source_root))


def page_event_properties(events: list[dict[str, Any]], source_root: Path | None) -> Iterator[dict[str, Any]]:
    """Each event's properties as the page reads them."""
    links: dict[str, str] = {}
    for feature in events:
        properties = {k: v for k, v in feature["properties"].items() if k not in MAP_EVENT_OMIT}
        source = properties.get("source_file")
        if source_root is not None and source:
            if source not in links:
                links[source] = source_href(source, source_root)
            properties["source_href"] = links[source]
        yield properties


def source_href(source_file: str, root: Path) -> str:
    """A percent-encoded relative link from ``root`` to a source file ("" when there is no file)."""
    path = Path(source_file)
    if not path.exists():
        return ""
    try:
        relative = os.path.relpath(path.resolve(), Path(root).resolve())
    except ValueError:  # another drive (Windows): no relative path
        return ""
    return quote(Path(relative).as_posix())


def load_basemap(path: Path = BASEMAP_FILE) -> dict[str, Any] | None:
    """The offline base map layers (``scripts/build_basemap.py``), or None when missing."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def _stable_ids(root: Element) -> None:
    """Element ids numbered in tree order instead of branca's random ones, so that two
    builds of the same corpus write the same page."""
    counter = 0
    stack = [root]
    while stack:
        element = stack.pop()
        element._id = f"{counter:08x}"
        counter += 1
        stack.extend(reversed(list(element._children.values())))


def _inline_leaflet() -> str:
    """Leaflet's CSS and JS from the django-js-lib-leaflet package, as inline elements."""
    root = package_files.files("js_lib_leaflet").joinpath("static", "js_lib_leaflet")
    css = root.joinpath("leaflet.css").read_text(encoding="utf-8")
    for image in ("layers.png", "layers-2x.png", "marker-icon.png", "marker-icon-2x.png", "marker-shadow.png"):
        data = base64.b64encode(root.joinpath("images", image).read_bytes()).decode("ascii")
        css = css.replace(f"images/{image}", f"data:image/png;base64,{data}")
    script = root.joinpath("leaflet.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    return f"<style>{css}</style>\n<script>{script}</script>"


def page_html(page: MapPage) -> str:
    """The page as HTML: the rendered template with the datasets added as JSON blocks."""
    rendered = page.map.get_root().render()
    if rendered.count(_DATA_MARKER) != 1:
        raise RuntimeError("map template lost its data marker")
    return rendered.replace(_DATA_MARKER, page.data.html())


def save_map(page: MapPage, destination: Path) -> None:
    """Render the map to HTML and write it atomically."""
    from geomap.export import write_text

    write_text(destination, page_html(page))

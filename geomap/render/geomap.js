/* geomap map helpers: build layers from the embedded data with DOM-built popups.
 *
 * Article text is untrusted. Every value reaches the page through textContent on
 * elements created here, never through innerHTML: popups and tooltips get DOM nodes,
 * never strings (Leaflet parses string content as HTML), so markup in an article
 * ("<img onerror=...>", "<script>") is shown as text and never runs.
 *
 * Needs only Leaflet: event symbols (spread when co-located, summarised by count bubbles
 * where dense), the heat map, the time filter, the place search, the summary panel, the
 * distance tool, full screen and the overview map are all built here from the embedded
 * data (no plugins, no icon fonts). Events come as columns (geomap.render.event_table),
 * read per event only when needed: a page of 100,000 events lays out and puts in the DOM
 * only those near the view, and builds a popup only when it opens.
 */
(function (global) {
  "use strict";

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function row(table, label, value) {
    if (value === undefined || value === null || value === "" ||
        (Array.isArray(value) && value.length === 0)) return;
    var tr = document.createElement("tr");
    tr.appendChild(el("th", label));
    tr.appendChild(el("td", Array.isArray(value) ? value.join("; ") : value));
    table.appendChild(tr);
  }

  function km(value) {
    return (value === null || value === undefined) ? null : Number(value).toFixed(1) + " km";
  }

  // A link to an article's source file: only the relative path the page was given
  // (made by geomap from the file's path, percent-encoded), never a URL with a scheme.
  function sourceLink(p) {
    var href = String(p.source_href || "");
    if (!href || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.indexOf("//") === 0) return el("span", p.source_file);
    var a = el("a", p.source_file, "geomap-source-link");
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function nodeRow(table, label, node) {
    var tr = document.createElement("tr");
    tr.appendChild(el("th", label));
    var td = el("td");
    td.appendChild(node);
    tr.appendChild(td);
    table.appendChild(tr);
  }

  var REPORTS_SHOWN = 3;  // reports shown open in a popup; the rest fold into "more"

  function reportItem(r) {
    var item = el("li", null, "geomap-report");
    var head = [r.event_type ? String(r.event_type).replace(/_/g, " ") : "", r.modality !== "reported" ? r.modality : "",
      r.date || "undated"].filter(Boolean).join(" · ");
    item.appendChild(el("div", head, "geomap-muted"));
    item.appendChild(el("blockquote", r.sentence, "geomap-sentence"));
    return item;
  }

  function reportList(p) {
    var reports = p.reports || [];
    var box = el("div", null, "geomap-reports");
    var count = p.report_count || reports.length;
    box.appendChild(el("h5", count === 1 ? "1 report" : count + " reports of this incident"));
    var list = el("ol");
    reports.slice(0, REPORTS_SHOWN).forEach(function (r) { list.appendChild(reportItem(r)); });
    box.appendChild(list);
    if (reports.length > REPORTS_SHOWN) {
      var more = el("details"), rest = el("ol");
      rest.start = REPORTS_SHOWN + 1;
      more.appendChild(el("summary", (reports.length - REPORTS_SHOWN) + " more"));
      reports.slice(REPORTS_SHOWN).forEach(function (r) { rest.appendChild(reportItem(r)); });
      more.appendChild(rest);
      box.appendChild(more);
    }
    if (count > reports.length) box.appendChild(el("div", (count - reports.length) + " further reports in events.geojson", "geomap-muted"));
    return box;
  }

  var PRECISION_LABELS = { 1: "1 · site or town", 2: "2 · near a town, district", 3: "3 · region" };

  function precisionText(p) {
    if (p.location_area === "country") return "country only (no site)";
    if (p.location_area === "border") return "a whole border (no site)";
    if (p.location_area === "region") return "a wide region (no site)";
    return PRECISION_LABELS[p.precision] || "–";
  }

  function eventPopup(p) {
    var box = el("div", null, "geomap-popup geomap-event-popup");
    box.appendChild(el("h4", p.event_label + (p.modality !== "reported" ? " (" + p.modality + ")" : "")));
    var table = el("table");
    var when = p.date ? (p.date === p.date_end ? p.date : p.date + " – " + p.date_end) +
      " (" + p.date_precision + (p.date_basis === "article" ? ", article date" : "") + ")" : "undated";
    row(table, "When", when);
    row(table, "Who", p.actors);
    row(table, "Where", p.place_name ? (p.place_relation ? p.place_relation + " " : "") + p.place_name +
      " [" + p.geo_level + "]" : null);
    row(table, "Precision", precisionText(p));
    row(table, "Border", p.border_text);
    row(table, "How many", (p.quantities || []).map(function (q) { return q.raw_text; }));
    if (p.fatalities !== null && p.fatalities !== undefined) row(table, "Killed", p.fatalities);
    if (p.injured !== null && p.injured !== undefined) row(table, "Injured", p.injured);
    row(table, "Codes", ["ACLED " + (p.acled_event_type || "–"), "CAMEO " + (p.cameo_code || "–"),
      "PLOVER " + (p.plover_event || "–")].join(" · "));
    row(table, "Confidence", p.confidence);
    if (p.source_file) nodeRow(table, "Source", sourceLink(p));
    if (p.group_source_count > 1) row(table, "Also in", (p.group_sources || []).filter(function (s) { return s !== p.source_file; }));
    box.appendChild(table);
    if (p.reports && p.reports.length) box.appendChild(reportList(p));
    else box.appendChild(el("blockquote", p.sentence, "geomap-sentence"));
    return box;
  }

  function placePopup(p) {
    var box = el("div", null, "geomap-popup geomap-place-popup");
    box.appendChild(el("h4", p.name));
    var table = el("table");
    row(table, "Type", String(p.feature_type).replace(/_/g, " ") + (p.country ? ", " + p.country : ""));
    row(table, "Uncertainty", p.uncertainty_km ? "±" + km(p.uncertainty_km) : null);
    row(table, "Border", p.border_text);
    row(table, "Mentions", p.mention_count + " in " + (p.articles || []).length + " article(s)");
    row(table, "Articles", p.articles);
    row(table, "Written as", p.surface_forms);
    row(table, "Why", p.reasons);
    row(table, "Source", p.citation);
    box.appendChild(table);
    return box;
  }

  var VERDICT_COLOURS = { consistent: "#1a9641", inconsistent: "#d7191c", "cannot check": "#999999" };

  function claimPopup(p) {
    var box = el("div", null, "geomap-popup geomap-claim-popup");
    box.appendChild(el("h4", "Claim: " + p.text));
    var table = el("table");
    row(table, "Kind", p.kind.replace(/_/g, " "));
    row(table, "Stated", p.stated_value + " " + p.stated_unit + (p.stated_unit !== "km" ? " (" + km(p.stated_km) + ")" : ""));
    row(table, "Measured", km(p.computed_km));
    row(table, "Verdict", p.verdict + (p.tolerance_km !== null && p.tolerance_km !== undefined ? " (±" + km(p.tolerance_km) + ")" : ""));
    row(table, "Why", p.reason);
    row(table, "About", [p.subject, p.reference].filter(Boolean).join(" → "));
    row(table, "Source", p.source_file);
    box.appendChild(table);
    box.appendChild(el("blockquote", p.sentence, "geomap-sentence"));
    return box;
  }

  var PLACE_COLOURS = {
    country: "#636363", admin1: "#756bb1", admin2: "#9e9ac8", city: "#08519c", town: "#3182bd",
    village: "#6baed6", military_base: "#a50f15", training_ground: "#de2d26", border_crossing: "#e6550d",
    bridge: "#fd8d3c", river_port: "#31a354", airfield: "#54278f", region: "#969696", valley: "#74c476",
    river: "#4292c6"
  };

  /* ------------------------------------------------------------ event symbols */

  // One short glyph per event class, from the `glyph` column of event_classes.csv (plain
  // letters: no icon font, works offline); else the label's first letter.
  function glyphFor(glyph, label) {
    var given = String(glyph || "").trim();
    if (given) return given.charAt(0);
    var text = String(label || "?").replace(/[^A-Za-z0-9]/g, "");
    return (text.charAt(0) || "?").toUpperCase();
  }

  function safeColour(value) {
    return /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(String(value)) ? String(value) : "#555555";
  }

  function inkFor(colour) {
    var hex = safeColour(colour).slice(1);
    if (hex.length === 3) hex = hex.replace(/(.)/g, "$1$1");
    var r = parseInt(hex.slice(0, 2), 16), g = parseInt(hex.slice(2, 4), 16), b = parseInt(hex.slice(4, 6), 16);
    return (0.299 * r + 0.587 * g + 0.114 * b) > 150 ? "#111" : "#fff";
  }

  function safeClass(value) {
    return String(value || "").replace(/[^A-Za-z0-9_-]/g, "_");
  }

  // A coloured disc with the class glyph, as a DOM node (legend, summary).
  function swatch(glyph, label, colour) {
    var node = el("span", glyphFor(glyph, label), "geomap-glyph");
    node.style.background = safeColour(colour);
    node.style.color = inkFor(colour);
    return node;
  }

  var MARKER_SIZE = 18;            // px, diameter of an event marker
  var SPACING = MARKER_SIZE + 2;   // px between marker centres in a ring
  var MIN_GAP = MARKER_SIZE + 1;   // two markers closer than this overlap

  // Event marker icon: a div (glyph as its own text, so the div is what the mouse hits)
  // drawn at a pixel offset from the true point, with a thin leader line back to it.
  var EventIcon = L.DivIcon.extend({
    options: { iconSize: [MARKER_SIZE, MARKER_SIZE], offset: [0, 0], glyph: "?", colour: "#555555" },
    createIcon: function (oldIcon) {
      var div = (oldIcon && oldIcon.tagName === "DIV") ? oldIcon : document.createElement("div");
      div.textContent = this.options.glyph;
      div.appendChild(el("span", null, "geomap-leader"));
      this._setIconStyles(div, "icon");
      div.style.background = this.options.colour;
      div.style.color = inkFor(this.options.colour);
      placeIcon(div, this.options.offset);
      return div;
    },
    createShadow: function () { return null; }
  });

  function placeIcon(div, offset) {
    var half = MARKER_SIZE / 2, dx = offset[0], dy = offset[1];
    div.style.marginLeft = (dx - half) + "px";
    div.style.marginTop = (dy - half) + "px";
    var leader = div.querySelector(".geomap-leader");
    if (!leader) return;
    var length = Math.sqrt(dx * dx + dy * dy);
    if (length <= half + 1) { leader.style.display = "none"; return; }
    leader.style.display = "block";
    leader.style.width = (length - half) + "px";
    leader.style.transform = "rotate(" + Math.atan2(-dy, -dx) + "rad) translateX(" + half + "px)";
  }

  function setOffset(marker, dx, dy) {
    var options = marker.options.icon.options;
    if (options.offset[0] === dx && options.offset[1] === dy) return;
    options.offset = [dx, dy];
    options.popupAnchor = [dx, dy - MARKER_SIZE / 2];
    options.tooltipAnchor = [dx + MARKER_SIZE / 2, dy];
    if (marker._icon) placeIcon(marker._icon, options.offset);
    if (marker.isPopupOpen && marker.isPopupOpen()) marker.getPopup().update();
  }

  // Ideal positions (relative to the cluster centre) for n markers: concentric rings.
  function ringSlots(n) {
    if (n <= 1) return [[0, 0]];
    var slots = [], left = n, ring = 1;
    while (left > 0) {
      var capacity = Math.floor(2 * Math.PI * ring);
      var count = Math.min(capacity, left);
      var radius = ring * SPACING;
      if (ring === 1) radius = Math.max(0.8 * SPACING, SPACING / (2 * Math.sin(Math.PI / Math.max(count, 2))));
      var start = -Math.PI / 2 + (ring % 2 ? 0 : Math.PI / count);
      for (var i = 0; i < count; i++) {
        var angle = start + 2 * Math.PI * i / count;
        slots.push([radius * Math.cos(angle), radius * Math.sin(angle)]);
      }
      left -= count;
      ring += 1;
    }
    return slots;
  }

  // Grid cells get numeric keys, column * CELL_ROW + row (no string made per lookup): 2^22
  // rows are more than the 20 px cells of a 2^26 px high world (zoom 18) need.
  var CELL_ROW = 4194304;

  // Items by the square cell of `cell` px they fall in, for lookups of what is near a point.
  function Grid(cell) { this.cell = cell; this.cells = new Map(); }
  Grid.prototype.add = function (x, y, item) {
    var k = Math.floor(x / this.cell) * CELL_ROW + Math.floor(y / this.cell), list = this.cells.get(k);
    if (list) list.push(item); else this.cells.set(k, [item]);
  };
  Grid.prototype.near = function (x, y) {
    var cx = Math.floor(x / this.cell), cy = Math.floor(y / this.cell), out = [];
    for (var i = -1; i <= 1; i++) {
      for (var j = -1; j <= 1; j++) {
        var list = this.cells.get((cx + i) * CELL_ROW + cy + j);
        if (list) out.push.apply(out, list);
      }
    }
    return out;
  };

  var DENSE_CELL = 4 * SPACING;  // px, grid cell of the density test
  var DENSE_LIMIT = 100;         // events within a 3×3 block of cells (240 px) beyond which a cell is summarised


  // Which shown events become count bubbles at this zoom. Spreading needs about one
  // marker-sized square (20 × 20 px) per event; a 240 × 240 px block holds 144 of them.
  // Where more than DENSE_LIMIT events fall within the 3 × 3 cells around a cell of at
  // least two events, that cell's events are summarised by one bubble (at their mean
  // position) that zooms in when clicked. Linear in the number of events (one grid pass,
  // numeric cell keys). Never at the map's maximum zoom, and never when at most
  // DENSE_LIMIT events are shown in all, so small maps always show (and spread) every event.
  // Cells are fixed to the pixel grid of the zoom, so the points of any region whose edges
  // lie on cell edges fill whole cells: a bubble counts the same in every layout.
  function denseCells(xs, ys, zoom, maxZoom, shownTotal) {
    var cells = new Map(), dense = [];
    if (shownTotal <= DENSE_LIMIT || zoom >= maxZoom) return dense;
    for (var i = 0; i < xs.length; i++) {
      var cx = Math.floor(xs[i] / DENSE_CELL), cy = Math.floor(ys[i] / DENSE_CELL), k = cx * CELL_ROW + cy;
      var cell = cells.get(k);
      if (!cell) cells.set(k, cell = { x: cx, y: cy, members: [] });
      cell.members.push(i);
    }
    cells.forEach(function (c) {
      var around = 0;
      if (c.members.length < 2) return;
      for (var i = -1; i <= 1; i++) {
        for (var j = -1; j <= 1; j++) {
          var n = cells.get((c.x + i) * CELL_ROW + c.y + j);
          if (n) around += n.members.length;
        }
      }
      if (around > DENSE_LIMIT) dense.push(c);
    });
    return dense;
  }

  var RING_MAX = 12;  // co-located events spread into a ring up to this many; more become a listing bubble

  // Groups of more than RING_MAX points lying within one marker width of their first
  // point, as lists of point indices.
  function crowdedGroups(points) {
    var seeds = new Grid(SPACING), groups = [];
    points.forEach(function (p, i) {
      var found = null;
      seeds.near(p.x, p.y).some(function (g) {
        var dx = g.seed.x - p.x, dy = g.seed.y - p.y;
        if (dx * dx + dy * dy < MIN_GAP * MIN_GAP) { found = g; return true; }
        return false;
      });
      if (!found) {
        found = { seed: p, members: [] };
        groups.push(found);
        seeds.add(p.x, p.y, found);
      }
      found.members.push(i);
    });
    return groups.filter(function (g) { return g.members.length > RING_MAX; }).map(function (g) { return g.members; });
  }

  // Ring layout: points closer than one marker width form a cluster laid out in rings
  // around the cluster centre (in screen pixels); a ring slot taken by another cluster
  // moves to the nearest free spot. Returns one [dx, dy] icon offset per point.
  function ringLayout(points) {
    var offsets = new Array(points.length);
    var seeds = new Grid(SPACING), clusters = [];
    points.forEach(function (p, i) {
      var found = null;
      seeds.near(p.x, p.y).some(function (c) {
        var dx = c.seed.x - p.x, dy = c.seed.y - p.y;
        if (dx * dx + dy * dy < MIN_GAP * MIN_GAP) { found = c; return true; }
        return false;
      });
      if (!found) {
        found = { seed: p, members: [] };
        clusters.push(found);
        seeds.add(p.x, p.y, found);
      }
      found.members.push(i);
    });
    clusters.sort(function (a, b) { return b.members.length - a.members.length; });

    var taken = new Grid(SPACING);
    function free(x, y) {
      return taken.near(x, y).every(function (q) {
        var dx = q[0] - x, dy = q[1] - y;
        return dx * dx + dy * dy >= MIN_GAP * MIN_GAP;
      });
    }
    clusters.forEach(function (cluster) {
      var cx = 0, cy = 0;
      cluster.members.forEach(function (i) { cx += points[i].x; cy += points[i].y; });
      cx /= cluster.members.length;
      cy /= cluster.members.length;
      var order = cluster.members.length === 1 ? cluster.members : cluster.members.slice().sort(function (a, b) {
        var ta = Math.atan2(points[a].y - cy, points[a].x - cx), tb = Math.atan2(points[b].y - cy, points[b].x - cx);
        return ta - tb || a - b;
      });
      var slots = ringSlots(order.length);
      order.forEach(function (i, n) {
        var x = Math.round(cx + slots[n][0]), y = Math.round(cy + slots[n][1]);
        if (!free(x, y)) {
          var spot = null;
          for (var step = 1; step <= 80 && !spot; step++) {
            var radius = step * SPACING / 2, count = Math.max(6, Math.ceil(2 * Math.PI * radius / (SPACING / 2)));
            for (var k = 0; k < count; k++) {
              var sx = Math.round(x + radius * Math.cos(2 * Math.PI * k / count));
              var sy = Math.round(y + radius * Math.sin(2 * Math.PI * k / count));
              if (free(sx, sy)) { spot = [sx, sy]; break; }
            }
          }
          if (spot) { x = spot[0]; y = spot[1]; }
        }
        taken.add(x, y, [x, y]);
        offsets[i] = [Math.round(x - points[i].x), Math.round(y - points[i].y)];
      });
    });
    return offsets;
  }

  // A count bubble standing for the events of a dense cell (the number is ours, set as text).
  var BubbleIcon = L.DivIcon.extend({
    options: { count: 0, className: "geomap-cluster" },
    createIcon: function (oldIcon) {
      var div = (oldIcon && oldIcon.tagName === "DIV") ? oldIcon : document.createElement("div");
      div.textContent = String(this.options.count);
      this._setIconStyles(div, "icon");
      return div;
    },
    createShadow: function () { return null; }
  });

  function bubbleSize(count) {
    return Math.round(Math.min(52, 24 + 8 * Math.log(count) / Math.LN10));
  }

  var MAX_ZOOM = 18;        // OpenStreetMap's deepest tiles; also the limit of maps without tiles (--offline)
  var BUBBLE_LIST_MAX = 100;  // events listed in a bubble's popup

  // Where a click on a bubble of these members leads: the zoom that shows their bounds,
  // or null when zooming cannot separate them (they share one point, or the map is
  // already as deep as it goes). Never Infinity: a zero-size bounds has an infinite
  // bounds zoom, which Leaflet would turn into an invalid LatLng (NaN, NaN).
  function bubbleZoom(map, bounds) {
    var maxZoom = map.getMaxZoom(), zoom = map.getZoom();
    if (!isFinite(maxZoom) || zoom >= maxZoom || bounds.getNorthEast().equals(bounds.getSouthWest())) return null;
    var fit = map.getBoundsZoom(bounds, false, L.point(80, 80));
    return isFinite(fit) ? Math.min(maxZoom, Math.max(zoom + 1, fit)) : null;
  }

  function eventTitle(store, i) {
    var place = store.get("place_name", i), reports = store.get("report_count", i);
    return store.get("event_label", i) + (place ? " – " + place : "") + (reports > 1 ? " (" + reports + " reports)" : "");
  }

  // The events of a bubble as a list (built with textContent): each line opens the event's
  // popup; a button zooms to the deepest level, where every event is spread around its point.
  function bubbleList(map, store, members, at) {
    var box = el("div", null, "geomap-popup geomap-bubble-list");
    box.appendChild(el("h4", members.length + " events at this point"));
    var list = el("ol");
    list.style.cssText = "max-height: 260px; overflow-y: auto; margin: 0; padding-left: 22px;";
    members.slice(0, BUBBLE_LIST_MAX).forEach(function (i) {
      var date = store.get("date", i), place = store.get("place_name", i), item = el("li");
      var link = el("button", store.get("event_label", i) + (date ? " · " + date : "") + (place ? " · " + place : ""), "geomap-link");
      link.type = "button";
      link.addEventListener("click", function () {
        L.popup({ maxWidth: 420 }).setLatLng(store.latLng(i)).setContent(eventPopup(store.properties(i))).openOn(map);
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(list);
    if (members.length > BUBBLE_LIST_MAX) box.appendChild(el("div", "… and " + (members.length - BUBBLE_LIST_MAX) + " more", "geomap-muted"));
    if (map.getZoom() < map.getMaxZoom()) {
      var spread = el("button", "Zoom in to spread them", "geomap-link geomap-bubble-spread");
      spread.type = "button";
      spread.addEventListener("click", function () { map.closePopup(); map.setView(at, map.getMaxZoom()); });
      box.appendChild(spread);
    }
    return box;
  }

  // The marker of a count bubble: at its members' mean position; a click zooms to their
  // bounds or, where zooming cannot separate them, lists them.
  function bubbleMarker(map, store, members) {
    var lat = 0, lng = 0, south = Infinity, west = Infinity, north = -Infinity, east = -Infinity;
    members.forEach(function (i) {
      lat += store.lat[i];
      lng += store.lng[i];
      south = Math.min(south, store.lat[i]);
      north = Math.max(north, store.lat[i]);
      west = Math.min(west, store.lng[i]);
      east = Math.max(east, store.lng[i]);
    });
    var size = bubbleSize(members.length);
    var centre = L.latLng(lat / members.length, lng / members.length);
    var bounds = L.latLngBounds([south, west], [north, east]);
    var bubble = new FlatMarker(centre, {
      icon: new BubbleIcon({ count: members.length, iconSize: [size, size] }),
      riseOnHover: true,
      keyboard: true
    });
    bubble.geomapMembers = members;
    bubble.bindTooltip(function () {
      return el("span", members.length + " events here – click to " + (bubbleZoom(map, bounds) === null ? "list them" : "zoom in"));
    }, { direction: "top", offset: [0, -size / 2] });
    bubble.on("click", function () {
      var zoom = bubbleZoom(map, bounds);
      if (zoom === null) {
        L.popup({ maxWidth: 420, offset: [0, -size / 2] }).setLatLng(centre)
          .setContent(bubbleList(map, store, members, centre)).openOn(map);
      } else {
        map.setView(bounds.getCenter(), zoom);
      }
    });
    return bubble;
  }

  function isArea(area) {
    return area === "country" || area === "border" || area === "region";
  }

  // The markers of the event layer (events and count bubbles), a Leaflet 1.9 marker with three
  // differences that matter when there are thousands of them:
  // - placed by left/top, not by Leaflet's translate3d, which makes every marker a compositing
  //   layer of its own (without a GPU, most of the time after a zoom into 2,000 markers);
  // - hidden during a zoom animation (Leaflet's leaflet-zoom-hide) rather than animated: the
  //   zoom lays them out again anyway;
  // - no map listeners of their own (Leaflet checks each new one against all others of its
  //   kind): their layer moves them on zoom (EventLayer._updateMarkers).
  var FlatMarker = L.Marker.extend({
    getEvents: function () { return {}; },
    onAdd: function (map) {
      this._zoomAnimated = false;  // no zoomanim listener; the icon gets leaflet-zoom-hide
      L.Marker.prototype.onAdd.call(this, map);
    },
    _setPos: function (pos) {
      var icon = this._icon;
      if (icon) {
        icon._leaflet_pos = pos;  // where L.DomUtil.getPosition looks
        icon.style.left = pos.x + "px";
        icon.style.top = pos.y + "px";
      }
      this._zIndex = pos.y + this.options.zIndexOffset;
      this._resetZIndex();
    }
  });

  // The marker of event i, made when it enters the DOM. Its popup, tooltip and uncertainty
  // circle belong to the event layer (eventOverlays), which shows them for the marker they
  // open on: binding them to every marker would cost more than making the marker.
  function eventMarker(store, i) {
    var label = store.get("event_label", i), colour = safeColour(store.get("color", i));
    var marker = new FlatMarker(store.latLng(i), {
      riseOnHover: true,
      icon: new EventIcon({
        glyph: glyphFor(store.get("glyph", i), label), colour: colour,
        className: "geomap-event geomap-event-" + safeClass(store.get("event_type", i)) +
          (store.get("modality", i) === "reported" ? "" : " geomap-event-unconfirmed")
      })
    });
    marker.geomapIndex = i;
    // The GeoJSON feature, for scripts that look at the map's layers (decoded when read).
    Object.defineProperty(marker, "feature", { get: function () { return store.feature(i); } });
    return marker;
  }

  // Keyboard focus on a marker (markers are tab stops) shows what the pointer shows: the
  // layer's tooltip and uncertainty circle, which listen to the marker's mouse events.
  function focusLikeHover(marker) {
    var icon = marker.getElement();
    if (!icon) return;
    L.DomEvent.on(icon, "focus", function () { marker.fire("mouseover", {}, true); });
    L.DomEvent.on(icon, "blur", function () { marker.fire("mouseout", {}, true); });
  }

  // The popup and tooltip of the event layer's markers (built, as DOM nodes, from the
  // event's columns when they open), and the uncertainty circle of the marker under the
  // pointer and of the one whose popup is open.
  function eventOverlays(layer, store) {
    layer.bindPopup(function (marker) { return eventPopup(store.properties(marker.geomapIndex)); }, { maxWidth: 440 });
    layer.bindTooltip(function (marker) { return el("span", eventTitle(store, marker.geomapIndex)); }, { sticky: true });
    var circles = { hover: null, popup: null };
    function show(slot, marker) {
      if (circles[slot]) circles[slot].remove();
      circles[slot] = null;
      var km = marker ? store.get("uncertainty_km", marker.geomapIndex) : null;
      if (!marker || !(km >= 1) || !layer._map) return;
      circles[slot] = L.circle(marker.getLatLng(), { radius: km * 1000, color: safeColour(store.get("color", marker.geomapIndex)),
        weight: 1.5, dashArray: "4 4", fillOpacity: 0.06, interactive: false, className: "geomap-uncertainty" }).addTo(layer._map);
      circles[slot].geomapMarker = marker;
    }
    function source(e) { return e.propagatedFrom || e.layer || null; }
    layer.on("mouseover", function (e) {
      var marker = source(e);
      show("hover", circles.popup && circles.popup.geomapMarker === marker ? null : marker);
    });
    layer.on("mouseout", function () { show("hover", null); });
    layer.on("popupopen", function (e) { show("hover", null); show("popup", source(e)); });
    layer.on("popupclose remove", function () { show("hover", null); show("popup", null); });
  }

  // The uncertainty circle of a place or event, drawn only while the pointer is on its
  // symbol or its popup is open: all at once they would hide the map.
  function uncertaintyOnHover(layer, latlng, km, colour) {
    if (!(km >= 1)) return;
    var circle = null, hover = false, open = false;
    function sync() {
      var want = hover || open;
      if (want && !circle && layer._map) {
        circle = L.circle(latlng(), { radius: km * 1000, color: colour, weight: 1.5, dashArray: "4 4",
          fillOpacity: 0.06, interactive: false, className: "geomap-uncertainty" }).addTo(layer._map);
      } else if (!want && circle) {
        circle.remove();
        circle = null;
      }
    }
    layer.on("mouseover", function () { hover = true; sync(); });
    layer.on("mouseout", function () { hover = false; sync(); });
    layer.on("popupopen", function () { open = true; sync(); });
    layer.on("popupclose remove", function () { open = false; hover = false; sync(); });
  }

  /* ------------------------------------------------------------ event table */

  // Unsigned integers as fixed-width base-64 digits (geomap.render.event_table.ints).
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT_VALUES = (function () {
    var values = new Int8Array(128);
    for (var k = 0; k < DIGITS.length; k++) values[DIGITS.charCodeAt(k)] = k;
    return values;
  })();

  function intReader(spec) {
    var digits = (spec && spec.digits) || "", width = (spec && spec.width) || 1;
    var read = function (i) {
      var value = 0;
      for (var k = i * width, end = k + width; k < end; k++) value = value * 64 + DIGIT_VALUES[digits.charCodeAt(k)];
      return value;
    };
    read.count = digits.length / width;
    return read;
  }

  // Where the items of row i start and how many it has (-1: none), from SIZES (0 for
  // none, n + 1 for n items). The starts are summed once, on first use.
  function spansReader(spec) {
    var code = intReader(spec), starts = null;
    return {
      size: function (i) { return code(i) - 1; },
      start: function (i) {
        if (!starts) {
          starts = new Float64Array(code.count + 1);
          for (var r = 0; r < code.count; r++) starts[r + 1] = starts[r] + Math.max(0, code(r) - 1);
        }
        return starts[i];
      }
    };
  }

  // A reader of one column (geomap.render.event_table): read(i) is the value of row i,
  // null where it has none. `tables` are the tables of the column's level, by column name.
  function columnReader(spec, tables) {
    var table = spec.table || tables[spec.table_of] || [];
    if (spec.index) return tableReader(table, intReader(spec.index));
    if (spec.items) return listReader(table, intReader(spec.items), spansReader(spec.sizes));
    if (spec.columns) return recordReader(spansReader(spec.sizes), readers(spec.columns));
    if (typeof spec.text === "string") return textReader(spec.text, spansReader(spec.sizes));
    var values = spec.values || [];
    return function (i) { return values[i]; };
  }

  function tableReader(table, index) {
    var read = function (i) { return table[index(i)]; };
    read.table = table;
    read.index = index;
    return read;
  }

  function listReader(table, items, spans) {
    var read = function (i) {
      var size = spans.size(i), start = size > 0 ? spans.start(i) : 0, out = [];
      if (size < 0) return null;
      for (var k = start; k < start + size; k++) out.push(table[items(k)]);
      return out;
    };
    read.table = table;
    read.items = items;
    read.spans = spans;
    return read;
  }

  function recordReader(spans, fields) {
    return function (i) {
      var size = spans.size(i), start = size > 0 ? spans.start(i) : 0, out = [];
      if (size < 0) return null;
      for (var k = start; k < start + size; k++) out.push(record(fields, k));
      return out;
    };
  }

  function textReader(text, spans) {
    return function (i) {
      var size = spans.size(i), start = size > 0 ? spans.start(i) : 0;
      return size < 0 ? null : text.slice(start, start + size);
    };
  }

  function readers(columns) {
    var tables = {};
    Object.keys(columns).forEach(function (name) { if (columns[name].table) tables[name] = columns[name].table; });
    return Object.keys(columns).map(function (name) { return { name: name, read: columnReader(columns[name], tables) }; });
  }

  // Row i of some columns as an object, with the properties that have a value.
  function record(fields, i) {
    var out = {};
    for (var k = 0; k < fields.length; k++) {
      var value = fields[k].read(i);
      if (value !== null && value !== undefined) out[fields[k].name] = value;
    }
    return out;
  }

  // Web Mercator (EPSG:3857, Leaflet's and folium's default) at zoom 0 as a unit square:
  // times the CRS scale of a zoom, the projected pixel position of a point at that zoom.
  var MAX_LATITUDE = 85.0511287798;

  function mercatorY(lat) {
    var s = Math.sin(Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * Math.PI / 180);
    return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
  }

  // The page's events, by index: positions in typed arrays (a layout at any zoom is one
  // multiplication per event), every other property read from its column when asked for.
  // An event is mapped when it has a point and is not known only to a country, a border
  // or a region: those are no sites (the area panel lists them).
  function EventStore(data) {
    data = data || {};
    var n = this.count = data.count || 0, lats = data.lat || [], lngs = data.lon || [];
    var fields = this.fields = readers(data.columns || {}), read = this.read = {};
    fields.forEach(function (f) { read[f.name] = f.read; });
    this.lat = new Float64Array(n);
    this.lng = new Float64Array(n);
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    this.mapped = new Uint8Array(n);
    this.areas = [];
    for (var i = 0; i < n; i++) {
      var located = typeof lats[i] === "number" && typeof lngs[i] === "number", area = isArea(this.get("location_area", i));
      this.lat[i] = located ? lats[i] : NaN;
      this.lng[i] = located ? lngs[i] : NaN;
      this.x[i] = located ? 0.5 + lngs[i] / 360 : NaN;
      this.y[i] = located ? mercatorY(lats[i]) : NaN;
      this.mapped[i] = located && !area ? 1 : 0;
      if (area) this.areas.push(i);
    }
  }
  EventStore.prototype.get = function (name, i) {
    var read = this.read[name], value = read ? read(i) : null;
    return value === null ? undefined : value;
  };
  // Whether the list property `name` of event i holds `value` (no list is built).
  EventStore.prototype.includes = function (name, i, value) {
    var read = this.read[name];
    if (!read || !read.items) return [].concat(this.get(name, i) || []).indexOf(value) >= 0;
    var size = read.spans.size(i), start = size > 0 ? read.spans.start(i) : 0;
    for (var k = start; k < start + size; k++) if (read.table[read.items(k)] === value) return true;
    return false;
  };
  EventStore.prototype.properties = function (i) { return record(this.fields, i); };
  EventStore.prototype.latLng = function (i) { return L.latLng(this.lat[i], this.lng[i]); };
  EventStore.prototype.feature = function (i) {
    var point = isNaN(this.lat[i]) ? null : { type: "Point", coordinates: [this.lng[i], this.lat[i]] };
    return { type: "Feature", geometry: point, properties: this.properties(i) };
  };
  // The indices of the events `test` keeps (every event without one).
  EventStore.prototype.ids = function (test) {
    var out = [];
    for (var i = 0; i < this.count; i++) if (!test || test(i)) out.push(i);
    return out;
  };
  // The values of `name` among the events `ids` (all by default), each item of a list
  // separately, with how often each occurs: [value, count] pairs (null for none). Tabled
  // columns are counted by table position, without reading any value.
  EventStore.prototype.distinct = function (name, ids) {
    var read = this.read[name], n = ids ? ids.length : this.count, k, i;
    if (read && (read.index || read.items)) {
      var tally = new Array(read.table.length).fill(0), missing = 0;
      for (k = 0; k < n; k++) {
        i = ids ? ids[k] : k;
        if (read.index) {
          tally[read.index(i)] += 1;
          continue;
        }
        var size = read.spans.size(i), start = size > 0 ? read.spans.start(i) : 0;
        if (size < 0) missing += 1;
        for (var item = start; item < start + size; item++) tally[read.items(item)] += 1;
      }
      var pairs = [];
      read.table.forEach(function (value, position) { if (tally[position]) pairs.push([value, tally[position]]); });
      if (missing) pairs.push([null, missing]);
      return pairs;
    }
    var counts = new Map();
    for (k = 0; k < n; k++) {
      var value = read ? read(ids ? ids[k] : k) : null;
      [].concat(value === undefined ? null : value).forEach(function (v) { counts.set(v, (counts.get(v) || 0) + 1); });
    }
    return Array.from(counts);
  };
  // How many of the events `ids` (all by default) have each value of `name` (each item of
  // a list), by value as text; empty values are not counted.
  EventStore.prototype.countBy = function (name, ids) {
    var counts = {};
    this.distinct(name, ids).forEach(function (pair) {
      var value = pair[0];
      if (value === undefined || value === null || value === "") return;
      counts[value] = (counts[value] || 0) + pair[1];
    });
    return counts;
  };
  // A reader of fn(value of `name`) for event i: for a tabled column fn runs once per
  // table entry, however many events share it.
  EventStore.prototype.derived = function (name, fn) {
    var read = this.read[name], self = this;
    if (read && read.index) {
      var values = read.table.map(function (value) { return fn(value === null ? undefined : value); });
      return function (i) { return values[read.index(i)]; };
    }
    return function (i) { return fn(self.get(name, i)); };
  };
  // The first of the events `ids` whose `name` is `value` (as text), or -1.
  EventStore.prototype.first = function (name, value, ids) {
    var all = ids || this.ids();
    for (var k = 0; k < all.length; k++) if (String(this.get(name, all[k])) === String(value)) return all[k];
    return -1;
  };

  /* ------------------------------------------------------------ event layout */

  var CULL_LIMIT = 500;  // with more shown events than this, only those near the view are laid out and in the DOM
  var LAYOUT_PAD = 0.5;  // the laid-out region reaches this many view sizes beyond the view on every side

  // Whether projected pixel (x, y) lies in `box` (half-open, as cells are: a point on an
  // edge between two regions belongs to one of them).
  function inside(box, x, y) {
    return x >= box.min.x && x < box.max.x && y >= box.min.y && y < box.max.y;
  }

  // The region laid out for the current view: the view and LAYOUT_PAD views around it,
  // its edges on cell edges (projected pixels of the current zoom).
  function layoutRegion(map) {
    var view = map.getPixelBounds(), pad = view.getSize().multiplyBy(LAYOUT_PAD);
    return L.bounds(
      L.point(Math.floor((view.min.x - pad.x) / DENSE_CELL) * DENSE_CELL, Math.floor((view.min.y - pad.y) / DENSE_CELL) * DENSE_CELL),
      L.point(Math.ceil((view.max.x + pad.x) / DENSE_CELL) * DENSE_CELL, Math.ceil((view.max.y + pad.y) / DENSE_CELL) * DENSE_CELL));
  }

  // Where markers and bubbles are put in the DOM: the view and an eighth of it on every side.
  function cullBox(map) {
    var view = map.getPixelBounds(), pad = view.getSize().divideBy(8).add([MARKER_SIZE, MARKER_SIZE]);
    return L.bounds(view.min.subtract(pad), view.max.add(pad));
  }

  // The shown events with a site inside `box` (all of them without one), and their
  // projected pixel positions at `scale`.
  function pickEvents(store, kept, scale, box) {
    var ids = [], xs = [], ys = [];
    for (var i = 0; i < store.count; i++) {
      if (!kept[i] || !store.mapped[i]) continue;
      var x = store.x[i] * scale, y = store.y[i] * scale;
      if (box && !inside(box, x, y)) continue;
      ids.push(i);
      xs.push(x);
      ys.push(y);
    }
    return { ids: ids, xs: xs, ys: ys };
  }

  function meanPoint(picked, members) {
    var x = 0, y = 0;
    members.forEach(function (k) { x += picked.xs[k]; y += picked.ys[k]; });
    return { x: x / members.length, y: y / members.length };
  }

  // The layout of the shown events in `region` (everywhere when null) at the map's zoom:
  // bubbles for dense cells and for crowds of more than RING_MAX events at one spot, and
  // every other event spread so that none hides another. The events of the cells around
  // the region are read too, so that a cell at its edge is judged by its whole neighbourhood.
  function layOut(map, store, kept, region, shownTotal) {
    var zoom = map.getZoom(), maxZoom = map.getMaxZoom();
    var margin = region && L.bounds(region.min.subtract([DENSE_CELL, DENSE_CELL]), region.max.add([DENSE_CELL, DENSE_CELL]));
    var picked = pickEvents(store, kept, map.options.crs.scale(zoom), margin);
    var skip = picked.ids.map(function (i, k) { return !!region && !inside(region, picked.xs[k], picked.ys[k]); });
    var bubbles = [];
    function bubble(members) {
      members.forEach(function (k) { skip[k] = true; });
      bubbles.push({ members: members.map(function (k) { return picked.ids[k]; }), at: meanPoint(picked, members) });
    }
    denseCells(picked.xs, picked.ys, zoom, maxZoom, shownTotal).forEach(function (cell) {
      if (!skip[cell.members[0]]) bubble(cell.members);  // a cell beyond the region is not laid out
    });
    var rest = [];
    skip.forEach(function (skipped, k) { if (!skipped) rest.push(k); });
    var points = rest.map(function (k) { return { x: picked.xs[k], y: picked.ys[k] }; }), crowded = [];
    // Crowds: more than RING_MAX events within one marker width (50 reports of one place)
    // would make a ring wider than a country; they become a bubble that lists them.
    // (At the deepest zoom they are spread: the list's "Zoom in to spread them" leads there.)
    if (zoom < maxZoom) {
      crowdedGroups(points).forEach(function (members) {
        members.forEach(function (n) { crowded[n] = true; });
        bubble(members.map(function (n) { return rest[n]; }));
      });
    }
    var spread = [];
    points.forEach(function (p, n) { if (!crowded[n]) spread.push(n); });
    var offsets = ringLayout(spread.map(function (n) { return points[n]; }));
    var markers = spread.map(function (n, m) {
      var dx = offsets[m][0], dy = offsets[m][1];
      return { index: picked.ids[rest[n]], offset: [dx, dy], at: { x: points[n].x + dx, y: points[n].y + dy } };
    });
    return { zoom: zoom, region: region, markers: markers, bubbles: bubbles };
  }

  // The event overlay. Each shown event with a site is a marker or counted in a bubble;
  // with more than CULL_LIMIT shown, only those in and around the view are laid out (again
  // when the view leaves that region) and only those near the view are in the DOM, so a
  // 100,000-event page makes a few hundred markers, not 100,000. Layout runs after a zoom
  // and when a filter changes what is shown; panning within the region only culls.
  var EventLayer = L.FeatureGroup.extend({
    initialize: function (data) {
      L.FeatureGroup.prototype.initialize.call(this);
      this.geomapStore = new EventStore(data);
      this.geomapKept = new Uint8Array(this.geomapStore.count).fill(1);
      eventOverlays(this, this.geomapStore);
      this.geomapAreas = this.geomapStore.areas;
      this.geomapBubbles = L.layerGroup();
      this.geomapLayoutStats = [];  // the last layouts: zoom, markers, bubbles, ms
      this.geomapInDom = 0;
      this._filters = {};
      this._layout = null;
      this._markers = {};  // event index → its marker while it is in the DOM
    },
    onAdd: function (map) {
      L.FeatureGroup.prototype.onAdd.call(this, map);
      map.addLayer(this.geomapBubbles);
      this.geomapRelayout();
    },
    onRemove: function (map) {
      this.clearLayers();
      this.geomapBubbles.clearLayers();
      map.removeLayer(this.geomapBubbles);
      this._markers = {};
      this._layout = null;
      L.FeatureGroup.prototype.onRemove.call(this, map);
    },
    getEvents: function () {
      return { zoomend: this.geomapRelayout, moveend: this._moved, zoom: this._updateMarkers, viewreset: this._updateMarkers };
    },
    // What a Leaflet marker does on its own on a zoom or a view reset (see FlatMarker).
    _updateMarkers: function () {
      for (var index in this._markers) this._markers[index].update();
      this.geomapBubbles.eachLayer(function (bubble) { bubble.update(); });
    },
    // The indices of the events the filters keep that have a site (on the map or in a bubble).
    geomapShown: function () {
      var store = this.geomapStore, kept = this.geomapKept;
      return store.ids(function (i) { return kept[i] && store.mapped[i]; });
    },
    // Whether every filter (time, class, actor, modality, precision) keeps event i.
    geomapKeeps: function (i) {
      return !!this.geomapKept[i];
    },
    // Sets the filter `name` to keep(i) for event i, or drops it when `keep` is null (a
    // filter that keeps everything is best dropped: nothing to evaluate). Each filter's
    // verdicts are kept, so changing one filter evaluates that one only.
    geomapSetFilter: function (name, keep) {
      if (keep) {
        var verdicts = new Uint8Array(this.geomapStore.count);
        for (var i = 0; i < verdicts.length; i++) verdicts[i] = keep(i) ? 1 : 0;
        this._filters[name] = verdicts;
      } else {
        delete this._filters[name];
      }
      return this.geomapFilter();
    },
    geomapFilter: function () {
      var store = this.geomapStore, kept = this.geomapKept, shown = 0, changed = false, filters = this._filters;
      var verdicts = Object.keys(filters).map(function (name) { return filters[name]; });
      for (var i = 0; i < store.count; i++) {
        var on = 1;
        for (var k = 0; k < verdicts.length && on; k++) on = verdicts[k][i];
        if (on && store.mapped[i]) shown += 1;
        if (on !== kept[i]) { kept[i] = on; changed = true; }
      }
      this._shownTotal = shown;
      if (changed) this.geomapRelayout();
      this.fire("geomapfilter", { shown: shown });
      return shown;
    },
    geomapRelayout: function () {
      var map = this._map;
      if (!map) return;
      var started = Date.now(), store = this.geomapStore;
      if (this._shownTotal === undefined) this._shownTotal = this.geomapShown().length;
      var region = this._shownTotal > CULL_LIMIT ? layoutRegion(map) : null;
      this._layout = layOut(map, store, this.geomapKept, region, this._shownTotal);
      this.geomapBubbles.clearLayers();
      var laidOut = Date.now();
      this._cull();
      var stats = { zoom: this._layout.zoom, markers: this._layout.markers.length, bubbles: this._layout.bubbles.length,
                    dom: this.geomapInDom, layout_ms: laidOut - started, ms: Date.now() - started };
      this.geomapLayoutStats.push(stats);
      if (this.geomapLayoutStats.length > 20) this.geomapLayoutStats.shift();
      this.fire("geomaplayout", stats);
    },
    // After a pan: lay out again once the view nears the edge of the laid-out region.
    _moved: function () {
      var layout = this._layout;
      if (!layout) return;
      if (layout.zoom !== this._map.getZoom() || (layout.region && !layout.region.contains(cullBox(this._map)))) {
        this.geomapRelayout();
      } else {
        this._cull();
      }
    },
    // Puts in the DOM the markers and bubbles of the layout that should be there (all of
    // them when the whole map is laid out, else those near the view), and takes out the rest.
    _cull: function () {
      var map = this._map, layout = this._layout, store = this.geomapStore;
      if (!map || !layout) return;
      var box = layout.region ? cullBox(map) : null, wanted = {}, count = 0, self = this;
      layout.markers.forEach(function (item) {
        if (box && !box.contains([item.at.x, item.at.y])) return;
        wanted[item.index] = item;
        count += 1;
      });
      Object.keys(this._markers).forEach(function (index) {
        if (!wanted[index]) {
          self.removeLayer(self._markers[index]);
          delete self._markers[index];
        }
      });
      Object.keys(wanted).forEach(function (index) {
        var item = wanted[index], marker = self._markers[index];
        if (!marker) {
          marker = self._markers[index] = eventMarker(store, item.index);
          setOffset(marker, item.offset[0], item.offset[1]);
          self.addLayer(marker);
          focusLikeHover(marker);
        } else {
          setOffset(marker, item.offset[0], item.offset[1]);
          if (self._popup && self._popup._source === marker && self.isPopupOpen()) self._popup.update();
        }
      });
      layout.bubbles.forEach(function (item) {
        var want = !box || box.contains([item.at.x, item.at.y]);
        if (want && !item.marker) self.geomapBubbles.addLayer(item.marker = bubbleMarker(map, store, item.members));
        else if (!want && item.marker) {
          self.geomapBubbles.removeLayer(item.marker);
          item.marker = null;
        }
      });
      this.geomapInDom = count;
    }
  });

  /* ------------------------------------------------------------ dates and weeks */

  function dayNumber(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(text || ""));
    return m ? Math.round(Date.UTC(+m[1], +m[2] - 1, +m[3]) / 864e5) : null;
  }

  function isoDay(day) {
    return new Date(day * 864e5).toISOString().slice(0, 10);
  }

  // The Monday on or before a day (day 0, 1970-01-01, was a Thursday: three days after one).
  function weekStart(day) {
    return day - (((day + 3) % 7) + 7) % 7;
  }

  function isoDate(value) {
    return value ? String(value).slice(0, 10) : null;
  }

  // The dates of the events: first(i) and last(i), the first and last day of event i (ISO
  // dates, null when it is undated), each worked out once per distinct date.
  function eventDates(store) {
    if (store.dates) return store.dates;
    var first = store.derived("date", isoDate), end = store.derived("date_end", isoDate);
    store.dates = { first: first, last: function (i) { return first(i) && (end(i) || first(i)); } };
    return store.dates;
  }

  // How many of the events `ids` start on each day: [day number, count] pairs, and how
  // many are undated.
  function startDays(store, ids) {
    var days = [], undated = 0;
    store.distinct("date", ids).forEach(function (pair) {
      var day = dayNumber(pair[0]);
      if (day === null) undated += pair[1]; else days.push([day, pair[1]]);
    });
    return { days: days, undated: undated };
  }

  // The first and last day (ISO dates) of the events `ids`, from their first and last
  // days (an event's last day is never before its first).
  function dateSpan(store, ids) {
    var span = { first: null, last: null };
    store.distinct("date", ids).concat(store.distinct("date_end", ids)).forEach(function (pair) {
      var day = isoDate(pair[0]);
      if (!day) return;
      if (!span.first || day < span.first) span.first = day;
      if (!span.last || day > span.last) span.last = day;
    });
    return span;
  }

  // Bar chart of events per week (from [start day number, count] pairs), built from divs.
  // onPick(from, to) is called with the ISO dates of a clicked bar; highlight(from, to)
  // greys bars outside.
  function weekChart(days, onPick) {
    var box = el("div", null, "geomap-weeks");
    if (!days.length) {
      box.appendChild(el("div", "no dated events", "geomap-muted"));
      return { node: box, highlight: function () {} };
    }
    var earliest = days[0][0], latest = days[0][0];
    days.forEach(function (d) { earliest = Math.min(earliest, d[0]); latest = Math.max(latest, d[0]); });
    var first = weekStart(earliest), last = weekStart(latest);
    var weeks = (last - first) / 7 + 1, step = Math.max(1, Math.ceil(weeks / 80));
    var counts = [], i;
    for (i = 0; i < Math.ceil(weeks / step); i++) counts.push(0);
    days.forEach(function (d) { counts[Math.floor((weekStart(d[0]) - first) / 7 / step)] += d[1]; });
    var top = counts.reduce(function (a, b) { return Math.max(a, b); }, 0);
    var chart = el("div", null, "geomap-bars"), bars = [];
    counts.forEach(function (count, index) {
      var from = first + index * 7 * step, to = from + 7 * step - 1;
      var bar = el("div", null, "geomap-bar" + (count ? "" : " geomap-bar-empty"));
      var fill = el("div", null, "geomap-bar-fill");
      fill.style.height = (count ? Math.max(8, 100 * count / top) : 0) + "%";
      bar.appendChild(fill);
      bar.title = isoDay(from) + " – " + isoDay(to) + ": " + count + " event" + (count === 1 ? "" : "s");
      bar.setAttribute("data-from", isoDay(from));
      bar.setAttribute("data-to", isoDay(to));
      bar.setAttribute("data-count", String(count));
      if (onPick) {
        bar.addEventListener("click", function () { onPick(isoDay(from), isoDay(to)); });
      }
      chart.appendChild(bar);
      bars.push(bar);
    });
    box.appendChild(chart);
    var axis = el("div", null, "geomap-axis");
    axis.appendChild(el("span", isoDay(first)));
    axis.appendChild(el("span", (step === 1 ? "per week" : "per " + step + " weeks")));
    axis.appendChild(el("span", isoDay(last + 7 * step - 1 - ((weeks - 1) % step) * 7)));
    box.appendChild(axis);
    return {
      node: box,
      highlight: function (from, to) {
        bars.forEach(function (bar) {
          var out = (from && bar.getAttribute("data-to") < from) || (to && bar.getAttribute("data-from") > to);
          bar.classList.toggle("geomap-bar-out", !!out);
        });
      }
    };
  }

  /* ------------------------------------------------------------ controls */

  function panel(className) {
    var div = el("div", null, "geomap-panel leaflet-control " + className);
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    div.addEventListener("keydown", function (e) { e.stopPropagation(); });
    return div;
  }

  function labelled(text, input) {
    var label = el("label");
    label.appendChild(el("span", text));
    label.appendChild(input);
    return label;
  }

  function control(position, build) {
    var ctl = L.control({ position: position });
    ctl.onAdd = build;
    return ctl;
  }

  var PLACE_LABELS = {
    admin1: "province / region", admin2: "district", city: "city", town: "town", village: "village",
    military_base: "military base", training_ground: "training ground", border_crossing: "border crossing",
    bridge: "bridge", river_port: "river port", airfield: "airfield", region: "region", valley: "valley", river: "river"
  };

  // A short line sample of a border style (an inline SVG built as DOM).
  function lineSample(style) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "10");
    svg.setAttribute("class", "geomap-line-sample");
    var line = document.createElementNS(SVG_NS, "line");
    line.setAttribute("x1", "1");
    line.setAttribute("y1", "5");
    line.setAttribute("x2", "27");
    line.setAttribute("y2", "5");
    line.setAttribute("stroke", safeColour(style.color));
    line.setAttribute("stroke-width", String(Math.min(5, Number(style.weight) || 2)));
    if (style.dashArray) line.setAttribute("stroke-dasharray", String(style.dashArray).replace(/[^0-9 .]/g, ""));
    svg.appendChild(line);
    return svg;
  }

  function legendSection(div, title, className) {
    var section = el("div", null, "geomap-legend-section " + className);
    section.appendChild(el("b", title));
    div.appendChild(section);
    return section;
  }

  // One legend for the borders (one line per pair, the primary first), the places (one
  // entry per type on the map) and the events (one per class); a section hides while its
  // layer is off.
  function addLegend(map, entries, note, layers, notice) {
    var api = {};
    control("bottomleft", function () {
      var div = el("div", null, "geomap-legend leaflet-control");
      L.DomEvent.disableScrollPropagation(div);
      var ev = legendSection(div, "Events", "geomap-legend-events");
      // what the map leaves out (a corpus larger than the map shows), before the classes
      if (notice) ev.appendChild(el("div", notice, "geomap-legend-notice"));
      entries.forEach(function (e) {
        var line = el("div", null, "geomap-legend-event");
        line.appendChild(swatch(e.glyph, e.label, e.color));
        line.appendChild(document.createTextNode(e.label + " (" + e.count + ")"));
        ev.appendChild(line);
      });
      ev.appendChild(el("small", note, "geomap-muted"));
      api.events = ev;
      var borders = (layers.border && layers.border.geomapData && layers.border.geomapData.features) || [];
      if (borders.length) {
        var b = legendSection(div, "Borders", "geomap-legend-borders");
        borders.forEach(function (f) {
          var p = f.properties, line = el("div", null, "geomap-legend-border" + (p.primary ? " geomap-legend-primary" : ""));
          line.appendChild(lineSample(borderStyle(p)));
          line.appendChild(document.createTextNode(" " + p.pair + (p.primary ? " (primary)" : "")));
          line.setAttribute("data-pair", String(p.pair));
          b.appendChild(line);
        });
        api.borders = b;
      }
      var types = {};
      ((layers.places && layers.places.geomapPlaces) || []).forEach(function (entry) {
        var t = entry.feature.properties.feature_type;
        types[t] = (types[t] || 0) + 1;
      });
      var typeNames = Object.keys(types).sort(function (a, b) { return types[b] - types[a]; });
      if (typeNames.length) {
        var pl = legendSection(div, "Places", "geomap-legend-places");
        typeNames.forEach(function (t) {
          var line = el("div", null, "geomap-legend-place");
          var dot = el("span", null, "geomap-place-swatch");
          dot.style.borderColor = PLACE_COLOURS[t] || "#3182bd";
          line.appendChild(dot);
          line.appendChild(document.createTextNode((PLACE_LABELS[t] || String(t).replace(/_/g, " ")) + " (" + types[t] + ")"));
          pl.appendChild(line);
        });
        pl.appendChild(el("small", "hover a place for its name and uncertainty", "geomap-muted"));
        api.places = pl;
      }
      return div;
    }).addTo(map);
    function follow(layer, section) {
      if (!layer || !section) return;
      var sync = function () { section.hidden = !map.hasLayer(layer); };
      map.on("layeradd layerremove", function (e) { if (e.layer === layer) sync(); });
      sync();
    }
    follow(layers.events, api.events);
    follow(layers.places, api.places);
    follow(layers.border, api.borders);
    return api;
  }

  /* ------------------------------------------------------------ filters and areas */

  function precisionKey(store, i) {
    if (isArea(store.get("location_area", i))) return "area";
    var precision = store.get("precision", i);
    return precision >= 1 && precision <= 3 ? String(precision) : "other";
  }

  var PRECISION_CHOICES = [["1", "1 · site or town"], ["2", "2 · near a town, district"], ["3", "3 · region"],
    ["other", "unknown"], ["area", "country or whole border (listed, not mapped)"]];

  function countWith(store, key) {
    var counts = {};
    for (var i = 0; i < store.count; i++) {
      var k = key(i);
      counts[k] = (counts[k] || 0) + 1;
    }
    return counts;
  }

  function checkboxGroup(title, choices, counts, onChange) {
    var box = el("fieldset", null, "geomap-filter-group");
    box.appendChild(el("legend", title));
    var inputs = {};
    choices.forEach(function (choice) {
      if (!counts[choice[0]]) return;
      var label = el("label", null, "geomap-filter-choice"), input = el("input");
      input.type = "checkbox";
      input.checked = true;
      input.value = choice[0];
      input.addEventListener("change", onChange);
      label.appendChild(input);
      if (choice[2]) label.appendChild(choice[2]);
      label.appendChild(document.createTextNode(" " + choice[1] + " (" + counts[choice[0]] + ")"));
      box.appendChild(label);
      inputs[choice[0]] = input;
    });
    return { node: box, inputs: inputs, on: function (key) { return !inputs[key] || inputs[key].checked; } };
  }

  // Filters by class, actor, modality and precision (the time filter has its own panel);
  // they apply to the map, the heat map and the list of country-level events alike.
  function addFilterControl(map, eventLayer, legend) {
    var store = eventLayer.geomapStore;
    var api = {};
    control("topright", function () {
      var div = panel("geomap-filters");
      var button = el("button", "Filter events", "geomap-filters-toggle");
      button.type = "button";
      button.setAttribute("aria-expanded", "false");
      var body = el("div", null, "geomap-filters-body");
      body.hidden = true;
      button.addEventListener("click", function () {
        body.hidden = !body.hidden;
        button.setAttribute("aria-expanded", body.hidden ? "false" : "true");
      });
      div.appendChild(button);
      div.appendChild(body);
      var classCounts = store.countBy("event_type");
      var classChoices = (legend || []).map(function (e) { return [e.type, e.label, swatch(e.glyph, e.label, e.color)]; });
      Object.keys(classCounts).forEach(function (t) {
        if (!classChoices.some(function (c) { return c[0] === t; })) {
          var i = store.first("event_type", t), label = store.get("event_label", i);
          classChoices.push([t, label || t, swatch(store.get("glyph", i), label, store.get("color", i))]);
        }
      });
      var classes = checkboxGroup("Class", classChoices, classCounts, apply);
      var modalityCounts = store.countBy("modality");
      var modalities = checkboxGroup("Modality", Object.keys(modalityCounts).sort().map(function (m) { return [m, m]; }),
        modalityCounts, apply);
      var precisions = checkboxGroup("Location precision", PRECISION_CHOICES,
        countWith(store, function (i) { return precisionKey(store, i); }), apply);
      var actorCounts = store.countBy("actors");
      var actor = el("select", null, "geomap-filter-actor");
      actor.setAttribute("aria-label", "Actor");
      var any = el("option", "any actor");
      any.value = "";
      actor.appendChild(any);
      Object.keys(actorCounts).sort(function (a, b) { return actorCounts[b] - actorCounts[a] || a.localeCompare(b); })
        .slice(0, 300).forEach(function (name) {
          var option = el("option", name + " (" + actorCounts[name] + ")");
          option.value = name;
          actor.appendChild(option);
        });
      actor.addEventListener("change", apply);
      var actorBox = el("fieldset", null, "geomap-filter-group");
      actorBox.appendChild(el("legend", "Actor"));
      actorBox.appendChild(actor);
      var status = el("div", null, "geomap-filter-status geomap-muted");
      var reset = el("button", "Show all", "geomap-filter-reset");
      reset.type = "button";
      reset.addEventListener("click", function () {
        [classes, modalities, precisions].forEach(function (g) {
          Object.keys(g.inputs).forEach(function (k) { g.inputs[k].checked = true; });
        });
        actor.value = "";
        apply();
      });
      [classes, actorBox, modalities, precisions].forEach(function (g) { body.appendChild(g.node || g); });
      var foot = el("div", null, "geomap-time-foot");
      foot.appendChild(status);
      foot.appendChild(reset);
      body.appendChild(foot);

      function keep(i) {
        return classes.on(store.get("event_type", i)) && modalities.on(store.get("modality", i)) &&
          precisions.on(precisionKey(store, i)) && (!actor.value || store.includes("actors", i, actor.value));
      }
      function keepsAll() {
        return !actor.value && [classes, modalities, precisions].every(function (g) {
          return Object.keys(g.inputs).every(function (k) { return g.inputs[k].checked; });
        });
      }
      function apply() {
        eventLayer.geomapSetFilter("attributes", keepsAll() ? null : keep);
        var kept = eventLayer.geomapKept.reduce(function (sum, on) { return sum + on; }, 0);
        status.textContent = kept + " of " + store.count + " incidents pass";
      }
      api.apply = apply;
      api.keep = keep;
      api.classes = classes.inputs;
      api.modalities = modalities.inputs;
      api.precisions = precisions.inputs;
      api.actor = actor;
      api.div = div;
      return div;
    }).addTo(map);
    api.apply();
    return api;
  }

  var AREA_STYLE = { color: "#ff7f00", weight: 4, opacity: 0.95, fillColor: "#ff7f00", fillOpacity: 0.18,
    dashArray: null, interactive: false, className: "geomap-area-highlight" };

  // The geometry an area-level incident stands for: its country's polygon (from the offline
  // outlines) or its whole border line.
  function areaGeometry(p, outlines, border) {
    if (p.location_area === "region") return null;  // no outline to show: the panel names it
    var source = p.location_area === "country" ? outlines : border, id = String(p.area_id || "");
    var features = (source && source.geomapData && source.geomapData.features) || [];
    for (var i = 0; i < features.length; i++) {
      var q = features[i].properties;
      if (p.location_area === "country" ? (q.iso2 === id || q.iso3 === id) : q.pair === id) return features[i];
    }
    return null;
  }

  // Incidents known only to a country or a whole border: listed, never drawn as points or
  // heat; hovering an entry highlights the area, clicking opens its popup over the area.
  function addAreaControl(map, eventLayer, layers) {
    var store = eventLayer.geomapStore, areas = eventLayer.geomapAreas || [];
    var api = { highlight: null };
    control("topright", function () {
      var div = panel("geomap-areas");
      var button = el("button", null, "geomap-areas-toggle");
      button.type = "button";
      button.setAttribute("aria-expanded", "false");
      var body = el("div", null, "geomap-areas-body");
      body.hidden = true;
      body.appendChild(el("div", "Located only to a country or a whole border: not drawn as a site.", "geomap-muted"));
      var list = el("ol", null, "geomap-areas-list");
      body.appendChild(list);
      div.appendChild(button);
      div.appendChild(body);
      button.addEventListener("click", function () {
        body.hidden = !body.hidden;
        button.setAttribute("aria-expanded", body.hidden ? "false" : "true");
      });
      function unhighlight() {
        if (api.highlight) { api.highlight.remove(); api.highlight = null; }
      }
      function highlight(p) {
        unhighlight();
        var feature = areaGeometry(p, layers.outlines, layers.border);
        if (feature) api.highlight = L.geoJSON(feature, { style: AREA_STYLE, interactive: false }).addTo(map);
        return api.highlight;
      }
      function render() {
        list.textContent = "";
        var shown = areas.filter(function (i) { return eventLayer.geomapKept[i]; });
        button.textContent = "Known only to country or region level (" + shown.length + ")";
        shown.forEach(function (i) {
          var p = store.properties(i), item = el("li", null, "geomap-area-item");
          var link = el("button", p.event_label + (p.date ? " · " + p.date : "") + " · " +
            (p.location_area === "border" ? p.area_id + " border" : (p.place_name || p.area_id)), "geomap-link");
          link.type = "button";
          link.setAttribute("data-area", String(p.area_id || ""));
          link.addEventListener("mouseenter", function () { highlight(p); });
          link.addEventListener("focus", function () { highlight(p); });
          link.addEventListener("mouseleave", unhighlight);
          link.addEventListener("click", function () {
            var shape = highlight(p), at = shape ? shape.getBounds().getCenter() : map.getCenter();
            L.popup({ maxWidth: 440 }).setLatLng(at).setContent(eventPopup(p)).openOn(map);
            highlight(p);  // opening the popup closed the previous one, which cleared the highlight
          });
          item.appendChild(link);
          list.appendChild(item);
        });
        api.count = shown.length;
      }
      eventLayer.on("geomapfilter", render);
      map.on("popupclose", unhighlight);
      render();
      api.div = div;
      api.render = render;
      return div;
    }).addTo(map);
    return api;
  }

  function addTimeControl(map, eventLayer, onChange) {
    var store = eventLayer.geomapStore, located = store.ids(function (i) { return store.mapped[i]; });
    var starts = startDays(store, located), undated = starts.undated, dates = eventDates(store);
    // the full range covers the listed country-level incidents too, so "All dates" keeps them all
    var span = dateSpan(store, located.concat(eventLayer.geomapAreas || [])), minDate = span.first, maxDate = span.last;
    var state = { from: minDate, to: maxDate, undated: true };
    var api = {};

    control("bottomright", function () {
      var div = panel("geomap-time");
      div.appendChild(el("b", "Event dates"));
      var from = el("input"), to = el("input"), box = el("input"), reset = el("button", "All dates");
      from.type = to.type = "date";
      from.className = "geomap-time-from";
      to.className = "geomap-time-to";
      [from, to].forEach(function (input) {
        if (minDate) { input.min = minDate; input.max = maxDate; } else { input.disabled = true; }
      });
      from.value = minDate || "";
      to.value = maxDate || "";
      box.type = "checkbox";
      box.checked = true;
      box.className = "geomap-time-undated";
      reset.type = "button";
      reset.className = "geomap-time-reset";
      var inputs = el("div", null, "geomap-time-inputs");
      inputs.appendChild(labelled("from", from));
      inputs.appendChild(labelled("to", to));
      div.appendChild(inputs);
      var undatedLabel = el("label", null, "geomap-time-undated-label");
      undatedLabel.appendChild(box);
      undatedLabel.appendChild(document.createTextNode(" show undated (" + undated + ")"));
      div.appendChild(undatedLabel);
      var chart = weekChart(starts.days, function (a, b) { api.setRange(a, b); });
      div.appendChild(chart.node);
      var status = el("div", null, "geomap-time-status");
      var foot = el("div", null, "geomap-time-foot");
      foot.appendChild(status);
      foot.appendChild(reset);
      div.appendChild(foot);

      function apply() {
        state.from = from.value || null;
        state.to = to.value || null;
        state.undated = box.checked;
        var everything = state.undated && (!state.from || !minDate || state.from <= minDate) &&
          (!state.to || !maxDate || state.to >= maxDate);
        var shown = eventLayer.geomapSetFilter("time", everything ? null : function (i) {
          var first = dates.first(i);
          if (!first) return state.undated;
          return !(state.from && dates.last(i) < state.from) && !(state.to && first > state.to);
        });
        status.textContent = shown + " of " + located.length + " events shown";
        chart.highlight(state.from, state.to);
        if (onChange) onChange(state);
      }
      api.setRange = function (a, b) {
        from.value = a || "";
        to.value = b || "";
        apply();
      };
      from.addEventListener("input", apply);
      from.addEventListener("change", apply);
      to.addEventListener("input", apply);
      to.addEventListener("change", apply);
      box.addEventListener("change", apply);
      reset.addEventListener("click", function () { box.checked = true; api.setRange(minDate, maxDate); });
      apply();
      return div;
    }).addTo(map);
    return api;
  }

  function placeIndex(placeLayer) {
    return (placeLayer.geomapPlaces || []).map(function (entry) {
      var p = entry.feature.properties;
      return {
        entry: entry, name: String(p.name || ""), key: String(p.name || "").toLowerCase(),
        forms: (p.surface_forms || []).map(function (s) { return String(s).toLowerCase(); })
      };
    });
  }

  function findPlace(index, query) {
    var q = String(query || "").trim().toLowerCase().replace(/\s+/g, " ");
    if (!q) return null;
    var tests = [
      function (x) { return x.key === q; },
      function (x) { return x.forms.indexOf(q) >= 0; },
      function (x) { return x.key.indexOf(q) === 0; },
      function (x) { return x.key.indexOf(q) >= 0 || x.forms.some(function (f) { return f.indexOf(q) >= 0; }); }
    ];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < index.length; i++) if (tests[t](index[i])) return index[i].entry;
    }
    return null;
  }

  function showPlace(map, placeLayer, entry) {
    if (!map.hasLayer(placeLayer)) map.addLayer(placeLayer);
    var layer = entry.layer, p = entry.feature.properties, zoom;
    var centre = layer.getLatLng ? layer.getLatLng() : layer.getBounds().getCenter();
    if (layer.getLatLng) {
      var km = Math.max(5, Math.min(Number(p.uncertainty_km) || 5, 1500));
      zoom = map.getBoundsZoom(centre.toBounds(km * 2000));
    } else {
      zoom = map.getBoundsZoom(layer.getBounds());
    }
    map.setView(centre, Math.max(3, Math.min(11, zoom)), { animate: false });
    layer.openPopup();
  }

  var searchCounter = 0;

  function addSearchControl(map, placeLayer) {
    var index = placeIndex(placeLayer);
    control("topleft", function () {
      var div = panel("geomap-search");
      var listId = "geomap-place-list-" + (++searchCounter);
      var input = el("input"), list = el("datalist"), message = el("div", null, "geomap-search-message");
      input.type = "search";
      input.className = "geomap-search-input";
      input.placeholder = "Find a place…";
      input.setAttribute("aria-label", "Find a place by name");
      input.setAttribute("list", listId);
      input.autocomplete = "off";
      list.id = listId;
      index.slice().sort(function (a, b) { return a.name.localeCompare(b.name); }).forEach(function (x) {
        var option = el("option");
        option.value = x.name;
        list.appendChild(option);
      });
      function go() {
        var entry = findPlace(index, input.value);
        message.textContent = entry || !input.value.trim() ? "" : "no place called “" + input.value.trim() + "”";
        if (entry) showPlace(map, placeLayer, entry);
      }
      input.addEventListener("keydown", function (e) {
        if (e.key === "Enter") { e.preventDefault(); go(); }
      });
      input.addEventListener("input", function (e) {
        message.textContent = "";
        // Picking an entry of the datalist: go straight there.
        if (!e.inputType || e.inputType === "insertReplacementText") {
          var q = input.value.trim().toLowerCase();
          if (index.some(function (x) { return x.key === q; })) go();
        }
      });
      div.appendChild(input);
      div.appendChild(list);
      div.appendChild(message);
      return div;
    }).addTo(map);
  }

  function table(headers) {
    var t = el("table"), head = el("tr");
    headers.forEach(function (h) { head.appendChild(el("th", h)); });
    t.appendChild(head);
    return t;
  }

  // Events by class, in legend order, and what is not on the map.
  function summaryClasses(body, eventLayer, options) {
    var store = eventLayer.geomapStore, located = store.ids(function (i) { return store.mapped[i]; });
    var counts = store.countBy("event_type", located), classes = {}, order = [];
    (options.legend || []).forEach(function (e) { order.push(e.type); });
    Object.keys(counts).forEach(function (type) {
      var i = store.first("event_type", type, located), label = store.get("event_label", i);
      classes[type] = { label: label || type, color: store.get("color", i), glyph: store.get("glyph", i), count: counts[type] };
      if (order.indexOf(type) < 0) order.push(type);
    });
    body.appendChild(el("h4", "Events by class"));
    var t = table(["", "class", "events"]);
    order.forEach(function (type) {
      var c = classes[type];
      if (!c) return;
      var tr = el("tr", null, "geomap-summary-class");
      var cell = el("td");
      cell.appendChild(swatch(c.glyph, c.label, c.color));
      tr.appendChild(cell);
      tr.appendChild(el("td", c.label));
      var count = el("td", c.count, "geomap-count");
      count.setAttribute("data-count", String(c.count));
      tr.appendChild(count);
      t.appendChild(tr);
    });
    var total = el("tr", null, "geomap-summary-total");
    total.appendChild(el("td"));
    total.appendChild(el("th", "on the map"));
    total.appendChild(el("th", located.length));
    t.appendChild(total);
    body.appendChild(t);
    var areaCount = (eventLayer.geomapAreas || []).length, unplaced = store.count - located.length - areaCount;
    if (areaCount) {
      body.appendChild(el("div", areaCount + " more incident(s) are known only to a country or a whole border: " +
        "listed under “Known only to country or region level”, not drawn.", "geomap-muted"));
    }
    if (unplaced > 0) {
      body.appendChild(el("div", unplaced + " more incident(s) have no place and are not on the map.", "geomap-muted"));
    }
    return located;
  }

  function summaryWeeks(body, store, located, timeApi) {
    body.appendChild(el("h4", "Events by week"));
    var starts = startDays(store, located);
    var chart = weekChart(starts.days, timeApi && timeApi.setRange ? function (a, b) { timeApi.setRange(a, b); } : null);
    body.appendChild(chart.node);
    body.appendChild(el("div", starts.undated + " undated; click a bar to show only that week.",
      "geomap-muted"));
  }

  // Places nearest a border: only those whose uncertainty leaves the distance meaningful,
  // each with the border it was measured to.
  function summaryPlaces(body, map, placeLayer) {
    body.appendChild(el("h4", "Places nearest a border"));
    var nearest = (placeLayer.geomapPlaces || []).filter(function (entry) {
      var p = entry.feature.properties;
      return p.feature_type !== "country" && p.distance_to_border_km !== null && p.distance_to_border_km !== undefined;
    }).sort(function (a, b) {
      return a.feature.properties.distance_to_border_km - b.feature.properties.distance_to_border_km;
    }).slice(0, 10);
    if (!nearest.length) {
      body.appendChild(el("div", "no place with a meaningful distance", "geomap-muted"));
      return;
    }
    var places = table(["place", "km", "border", "side"]);
    nearest.forEach(function (entry) {
      var p = entry.feature.properties, tr = el("tr", null, "geomap-summary-place");
      var cell = el("td"), link = el("button", p.name, "geomap-link");
      link.type = "button";
      link.addEventListener("click", function () { showPlace(map, placeLayer, entry); });
      cell.appendChild(link);
      tr.appendChild(cell);
      tr.appendChild(el("td", Number(p.distance_to_border_km).toFixed(1), "geomap-num"));
      tr.appendChild(el("td", p.border || "", "geomap-summary-border"));
      tr.appendChild(el("td", (p.border_side || "outside") + (p.side_uncertain ? "?" : "")));
      tr.title = p.border_text || "";
      places.appendChild(tr);
    });
    body.appendChild(places);
    body.appendChild(el("div", "left out: countries, and places whose uncertainty exceeds their distance", "geomap-muted"));
  }

  function summaryClaims(body, claims) {
    body.appendChild(el("h4", "Claims"));
    if (!claims.length) {
      body.appendChild(el("div", "no numeric claims found", "geomap-muted"));
      return;
    }
    var ct = table(["claim", "stated", "measured", "verdict"]);
    claims.forEach(function (p) {
      var tr = el("tr", null, "geomap-summary-claim");
      tr.appendChild(el("td", p.text));
      var stated = (p.stated_value !== null && p.stated_value !== undefined ? p.stated_value : "?") + " " + (p.stated_unit || "");
      if (p.stated_unit && p.stated_unit !== "km" && p.stated_km !== null && p.stated_km !== undefined) {
        stated += " (" + km(p.stated_km) + ")";
      }
      tr.appendChild(el("td", stated));
      tr.appendChild(el("td", km(p.computed_km) || "–"));
      var verdict = el("td", p.verdict, "geomap-verdict");
      verdict.style.color = VERDICT_COLOURS[p.verdict] || "#555";
      tr.appendChild(verdict);
      tr.title = p.reason ? String(p.reason) : "";
      ct.appendChild(tr);
    });
    body.appendChild(ct);
  }

  // The summary panel: collapsed at first, its tables made when it is first opened (on a
  // large map they cost a pass over every event, which the start of the page need not wait for).
  function addSummaryControl(map, eventLayer, placeLayer, options, timeApi) {
    control("topleft", function () {
      var div = panel("geomap-summary");
      var button = el("button", "Summary", "geomap-summary-toggle");
      button.type = "button";
      button.setAttribute("aria-expanded", "false");
      var body = el("div", null, "geomap-summary-body"), filled = false;
      body.hidden = true;
      button.addEventListener("click", function () {
        if (!filled) {
          var located = summaryClasses(body, eventLayer, options);
          summaryWeeks(body, eventLayer.geomapStore, located, timeApi);
          summaryPlaces(body, map, placeLayer);
          summaryClaims(body, options.claims || []);
          filled = true;
        }
        body.hidden = !body.hidden;
        button.setAttribute("aria-expanded", body.hidden ? "false" : "true");
        div.classList.toggle("geomap-summary-open", !body.hidden);
        // Above the bottom-left corner (legend) while open.
        if (div.parentNode) div.parentNode.style.zIndex = body.hidden ? "" : "1001";
      });
      div.appendChild(button);
      div.appendChild(body);
      return div;
    }).addTo(map);
  }

  /* ------------------------------------------------------------ heat map */

  // Colour ramp of the heat map: 256 RGBA entries from transparent blue to red.
  function heatPalette() {
    var canvas = document.createElement("canvas"), ctx = canvas.getContext("2d");
    canvas.width = 256;
    canvas.height = 1;
    var ramp = ctx.createLinearGradient(0, 0, 256, 0);
    ramp.addColorStop(0.0, "#2c7bb6");
    ramp.addColorStop(0.3, "#00a6ca");
    ramp.addColorStop(0.5, "#90eb9d");
    ramp.addColorStop(0.7, "#f9d057");
    ramp.addColorStop(0.85, "#f29e2e");
    ramp.addColorStop(1.0, "#d7191c");
    ctx.fillStyle = ramp;
    ctx.fillRect(0, 0, 256, 1);
    return ctx.getImageData(0, 0, 256, 1).data;
  }

  // Events closer than HEAT_BIN px are stamped together, at their mean position (at most
  // half a bin from where each is, against a 36 px stamp), by at most HEAT_REPEAT stamps:
  // 100,000 events in view are ~10,000 stamps instead of 100,000.
  var HEAT_BIN = 6;
  var HEAT_REPEAT = 4;

  // A canvas covering the map, redrawn after every move or zoom and
  // whenever the time filter changes which events are shown. Each located event adds a
  // radial gradient of alpha; the summed alpha is then coloured through the palette.
  var HeatLayer = L.Layer.extend({
    options: { radius: 36, pane: "geomapHeat", opacity: 0.75 },

    initialize: function (events, options) {
      L.setOptions(this, options);
      this._eventLayer = events;
    },

    onAdd: function (map) {
      // Its own pane: above the outlines, buffers and places (overlay pane, 400), under the
      // event markers (600).
      if (this.options.pane === "geomapHeat" && !map.getPane("geomapHeat")) {
        var pane = map.createPane("geomapHeat");
        pane.style.zIndex = 450;
        pane.style.pointerEvents = "none";
      }
      var canvas = this._canvas = L.DomUtil.create("canvas", "geomap-heat leaflet-zoom-hide");
      canvas.style.position = "absolute";
      canvas.style.pointerEvents = "none";
      canvas.style.opacity = String(this.options.opacity);
      this.getPane().appendChild(canvas);
      this._eventLayer.on("geomapfilter", this._redraw, this);
      this._redraw();
    },

    onRemove: function () {
      this._eventLayer.off("geomapfilter", this._redraw, this);
      L.DomUtil.remove(this._canvas);
      this._canvas = null;
    },

    getEvents: function () {
      return { moveend: this._redraw, resize: this._redraw, viewreset: this._redraw };
    },

    _stamp: function () {
      if (this._stampCanvas) return this._stampCanvas;
      var r = this.options.radius, canvas = document.createElement("canvas"), ctx = canvas.getContext("2d");
      canvas.width = canvas.height = 2 * r;
      var gradient = ctx.createRadialGradient(r, r, 0, r, r, r);
      gradient.addColorStop(0, "rgba(0,0,0,1)");
      gradient.addColorStop(0.45, "rgba(0,0,0,0.55)");
      gradient.addColorStop(1, "rgba(0,0,0,0)");
      ctx.fillStyle = gradient;
      ctx.fillRect(0, 0, 2 * r, 2 * r);
      this._stampCanvas = canvas;
      return canvas;
    },

    _redraw: function () {
      var map = this._map, canvas = this._canvas;
      if (!map || !canvas) return;
      var size = map.getSize(), r = this.options.radius;
      if (!size.x || !size.y) return;
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      canvas.width = size.x;
      canvas.height = size.y;
      var ctx = canvas.getContext("2d");
      ctx.clearRect(0, 0, size.x, size.y);
      var bins = new Map(), cells = new Map(), densest = 1, drawn = 0;
      var store = this._eventLayer.geomapStore, kept = this._eventLayer.geomapKept;
      // projected pixel position of the canvas's top left corner: a container point is a
      // projected one less this (no LatLng or Point made per event)
      var scale = map.options.crs.scale(map.getZoom()), corner = map.containerPointToLayerPoint([0, 0]).add(map.getPixelOrigin());
      for (var e = 0; e < store.count; e++) {
        if (!kept[e] || !store.mapped[e]) continue;
        var x = store.x[e] * scale - corner.x, y = store.y[e] * scale - corner.y;
        if (x < -r || y < -r || x > size.x + r || y > size.y + r) continue;
        drawn += 1;
        var key = Math.floor(x / HEAT_BIN) * CELL_ROW + Math.floor(y / HEAT_BIN), bin = bins.get(key);
        if (!bin) bins.set(key, bin = { x: 0, y: 0, n: 0 });
        bin.x += x;
        bin.y += y;
        bin.n += 1;
        var k = Math.floor(x / r) * CELL_ROW + Math.floor(y / r), count = (cells.get(k) || 0) + 1;
        cells.set(k, count);
        if (count > densest) densest = count;
      }
      this._count = drawn;
      if (!drawn) return;
      // Alpha per event such that the densest cell comes out near-opaque (alpha composes as
      // 1 - (1 - a)^n); the colouring below lifts faint values so single events show.
      var alpha = Math.max(0.04, Math.min(0.9, 1 - Math.pow(0.05, 1 / densest))), stamp = this._stamp();
      bins.forEach(function (bin) {
        // n stamps of alpha a give 1 - (1 - a)^n where they overlap fully; k of alpha
        // 1 - (1 - a)^(n / k) give the same there (and the same everywhere when k = n)
        var repeat = Math.min(bin.n, HEAT_REPEAT);
        var x = Math.round(bin.x / bin.n) - r, y = Math.round(bin.y / bin.n) - r;
        ctx.globalAlpha = 1 - Math.pow(1 - alpha, bin.n / repeat);
        for (var k = 0; k < repeat; k++) ctx.drawImage(stamp, x, y);
      });
      var image = ctx.getImageData(0, 0, size.x, size.y), pixels = image.data;
      var palette = this._palette || (this._palette = heatPalette());
      for (var i = 3; i < pixels.length; i += 4) {
        var a = pixels[i];
        if (!a) continue;
        var j = a * 4;
        pixels[i - 3] = palette[j];
        pixels[i - 2] = palette[j + 1];
        pixels[i - 1] = palette[j + 2];
        pixels[i] = Math.round(255 * Math.sqrt(a / 255));
      }
      ctx.putImageData(image, 0, 0);
    }
  });

  /* ------------------------------------------------------------ tools */

  var SVG_NS = "http://www.w3.org/2000/svg";

  // A small line icon (constant path data of ours, built as DOM).
  function icon(paths) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("aria-hidden", "true");
    paths.forEach(function (d) {
      var path = document.createElementNS(SVG_NS, "path");
      path.setAttribute("d", d);
      svg.appendChild(path);
    });
    return svg;
  }

  var ICON_FULLSCREEN = ["M3 8V3h5", "M12 3h5v5", "M17 12v5h-5", "M8 17H3v-5"];
  var ICON_EXIT_FULLSCREEN = ["M8 3v5H3", "M12 3v5h5", "M12 17v-5h5", "M8 17v-5H3"];
  var ICON_RULER = ["M2.5 13.5l11-11 4 4-11 11z", "M6 10l1.6 1.6", "M8.5 7.5l2.2 2.2", "M11 5l1.6 1.6"];

  function toolButton(title, className, paths) {
    var a = el("a", null, className);
    a.href = "#";
    a.title = title;
    a.setAttribute("role", "button");
    a.setAttribute("aria-label", title);
    a.setAttribute("aria-pressed", "false");
    a.appendChild(icon(paths));
    return a;
  }

  function onButton(button, handler) {
    L.DomEvent.on(button, "click", function (e) {
      L.DomEvent.preventDefault(e);
      handler();
    });
  }

  var EARTH_RADIUS_KM = 6371.0088;  // mean radius (IUGG)

  // Great-circle distance (haversine on the mean sphere; within 0.5 % of the ellipsoid).
  function haversineKm(a, b) {
    var rad = Math.PI / 180, dLat = (b.lat - a.lat) * rad, dLng = (b.lng - a.lng) * rad;
    var h = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  function pathKm(points) {
    var total = 0;
    for (var i = 1; i < points.length; i++) total += haversineKm(points[i - 1], points[i]);
    return total;
  }

  function formatKm(value) {
    return value.toFixed(value < 10 ? 2 : 1) + " km";
  }

  // Full screen: the Fullscreen API on the map container; where it is missing or refused,
  // the container is fixed over the whole viewport instead. The container carries the
  // class geomap-fullscreen-on in both cases.
  function fullscreenTool(map, button) {
    var container = map.getContainer(), mode = null;
    function current() { return document.fullscreenElement || document.webkitFullscreenElement || null; }
    function set(next) {
      mode = next;
      container.classList.toggle("geomap-fullscreen-on", !!mode);
      container.classList.toggle("geomap-fullscreen-pseudo", mode === "pseudo");
      button.setAttribute("aria-pressed", mode ? "true" : "false");
      button.title = mode ? "Exit full screen" : "Full screen";
      button.setAttribute("aria-label", button.title);
      button.replaceChild(icon(mode ? ICON_EXIT_FULLSCREEN : ICON_FULLSCREEN), button.firstChild);
      map.invalidateSize({ pan: false });
      map.fire("geomapfullscreen", { on: !!mode, mode: mode });
    }
    function enter() {
      var request = container.requestFullscreen || container.webkitRequestFullscreen;
      var enabled = document.fullscreenEnabled || document.webkitFullscreenEnabled;
      if (!request || !enabled) { set("pseudo"); return; }
      try {
        var result = request.call(container);
        if (result && result.then) result.then(null, function () { if (!current()) set("pseudo"); });
      } catch (err) {
        set("pseudo");
      }
    }
    function exit() {
      if (current() === container) {
        (document.exitFullscreen || document.webkitExitFullscreen).call(document);
      } else {
        set(null);
      }
    }
    function changed() {
      if (current() === container) set("api");
      else if (mode === "api") set(null);
    }
    document.addEventListener("fullscreenchange", changed);
    document.addEventListener("webkitfullscreenchange", changed);
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && mode === "pseudo") set(null);
    });
    onButton(button, function () { if (mode) exit(); else enter(); });
    return { isOn: function () { return !!mode; }, enter: enter, exit: exit };
  }

  // Distance measurement: while on, clicks on the map add points (markers and shapes let
  // the clicks through); a line joins them and the panel shows the great-circle length.
  // Double-click, Esc or "Finish" ends it (the line stays until "Clear" or the next measure).
  function measureTool(map, button, box) {
    var pane = map.getPane("geomapMeasure") || map.createPane("geomapMeasure");
    pane.style.zIndex = 650;
    pane.style.pointerEvents = "none";
    var style = { pane: "geomapMeasure", interactive: false, color: "#111", weight: 3, dashArray: "6 5" };
    var group = L.layerGroup().addTo(map);
    var line = L.polyline([], L.extend({ className: "geomap-measure-line" }, style)).addTo(group);
    var rubber = L.polyline([], L.extend({}, style, { weight: 2, opacity: 0.6, className: "geomap-measure-rubber" }));
    var vertices = L.layerGroup().addTo(group);
    var points = [], on = false, zoomOnDblClick = false;

    var total = el("span", "0.00 km", "geomap-measure-total");
    var extra = el("div", "", "geomap-muted geomap-measure-extra");
    var hint = el("div", "Click the map to add points; double-click, Esc or Finish to end.", "geomap-muted geomap-measure-hint");
    var finishButton = el("button", "Finish", "geomap-measure-finish");
    var clearButton = el("button", "Clear", "geomap-measure-clear");
    finishButton.type = clearButton.type = "button";
    var head = el("div");
    head.appendChild(el("b", "Distance "));
    head.appendChild(total);
    var actions = el("div", null, "geomap-measure-actions");
    actions.appendChild(finishButton);
    actions.appendChild(clearButton);
    box.appendChild(head);
    box.appendChild(extra);
    box.appendChild(hint);
    box.appendChild(actions);
    box.hidden = true;

    function update(cursor) {
      var km = pathKm(points);
      total.textContent = formatKm(km);
      total.setAttribute("data-km", String(km));
      total.setAttribute("data-points", String(points.length));
      var text = points.length + " point" + (points.length === 1 ? "" : "s");
      if (points.length > 1) text += " · last leg " + formatKm(haversineKm(points[points.length - 2], points[points.length - 1]));
      if (cursor && points.length) text += " · to cursor +" + formatKm(haversineKm(points[points.length - 1], cursor));
      extra.textContent = text;
      hint.hidden = !on;
      finishButton.hidden = !on;
    }
    function click(e) {
      if (points.length) {
        var last = map.latLngToContainerPoint(points[points.length - 1]);
        if (last.distanceTo(e.containerPoint) < 4) return;  // the second click of a double-click
      }
      points.push(e.latlng);
      line.setLatLngs(points);
      L.circleMarker(e.latlng, { pane: "geomapMeasure", interactive: false, radius: 4, weight: 2, color: "#111",
        fillColor: "#fff", fillOpacity: 1, className: "geomap-measure-vertex" }).addTo(vertices);
      update();
    }
    function move(e) {
      if (!points.length) return;
      rubber.setLatLngs([points[points.length - 1], e.latlng]);
      if (!group.hasLayer(rubber)) rubber.addTo(group);
      update(e.latlng);
    }
    function key(e) { if (e.key === "Escape") finish(); }
    function clear() {
      points = [];
      line.setLatLngs([]);
      vertices.clearLayers();
      rubber.remove();
      update();
      if (!on) box.hidden = true;
    }
    function start() {
      clear();
      on = true;
      map.closePopup();
      zoomOnDblClick = map.doubleClickZoom.enabled();
      map.doubleClickZoom.disable();
      map.getContainer().classList.add("geomap-measuring");
      map.on("click", click);
      map.on("mousemove", move);
      map.on("dblclick", finish);
      document.addEventListener("keydown", key);
      button.setAttribute("aria-pressed", "true");
      box.hidden = false;
      update();
    }
    function finish() {
      if (!on) return;
      on = false;
      map.off("click", click);
      map.off("mousemove", move);
      map.off("dblclick", finish);
      document.removeEventListener("keydown", key);
      if (zoomOnDblClick) map.doubleClickZoom.enable();
      map.getContainer().classList.remove("geomap-measuring");
      button.setAttribute("aria-pressed", "false");
      rubber.remove();
      update();
      if (points.length < 2) clear();
    }
    onButton(button, function () { if (on) finish(); else start(); });
    onButton(finishButton, finish);
    onButton(clearButton, clear);
    return { start: start, finish: finish, clear: clear, km: function () { return pathKm(points); } };
  }

  function addTools(map) {
    var api = {};
    control("topleft", function () {
      var div = el("div", null, "leaflet-control geomap-tools");
      var bar = el("div", null, "leaflet-bar geomap-tools-bar");
      var full = toolButton("Full screen", "geomap-fullscreen-button", ICON_FULLSCREEN);
      var ruler = toolButton("Measure distance", "geomap-measure-button", ICON_RULER);
      var box = el("div", null, "geomap-panel geomap-measure-box");
      bar.appendChild(full);
      bar.appendChild(ruler);
      div.appendChild(bar);
      div.appendChild(box);
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      api.fullscreen = fullscreenTool(map, full);
      api.measure = measureTool(map, ruler, box);
      return div;
    }).addTo(map);
    return api;
  }

  /* ------------------------------------------------------------ minimap */

  // Overview map: a second, non-interactive L.map showing the country outlines (and the
  // border line) around the main view, with a rectangle for the main view. Clicking it
  // centres the main map there; a button folds it away.
  var MINIMAP_ZOOM_OFFSET = 4;

  function addMinimap(map, outlines, border) {
    var api = {};
    var ctl = control("bottomright", function () {
      var div = panel("geomap-minimap");
      var holder = el("div", null, "geomap-minimap-map");
      var toggle = el("button", "–", "geomap-minimap-toggle");
      toggle.type = "button";
      toggle.title = "Hide the overview map";
      toggle.setAttribute("aria-label", toggle.title);
      toggle.setAttribute("aria-expanded", "true");
      div.appendChild(holder);
      div.appendChild(toggle);
      api.div = div;
      api.holder = holder;
      api.toggle = toggle;
      return div;
    });
    ctl.addTo(map);

    var mini = L.map(api.holder, {
      attributionControl: false, zoomControl: false, dragging: false, touchZoom: false, scrollWheelZoom: false,
      doubleClickZoom: false, boxZoom: false, keyboard: false, tap: false, zoomAnimation: false,
      fadeAnimation: false, markerZoomAnimation: false, inertia: false, zoomSnap: 1
    });
    function zoomFor() { return Math.max(0, map.getZoom() - MINIMAP_ZOOM_OFFSET); }
    mini.setView(map.getCenter(), zoomFor(), { animate: false });
    if (outlines && outlines.geomapData) {
      L.geoJSON(outlines.geomapData, { interactive: false,
        style: { color: "#777", weight: 0.6, fillColor: "#f2efe9", fillOpacity: 1, className: "geomap-minimap-outline" }
      }).addTo(mini);
    }
    if (border && border.geomapData) {
      L.geoJSON(border.geomapData, { interactive: false, style: { color: "#d7191c", weight: 1.5 } }).addTo(mini);
    }
    var rect = L.rectangle(map.getBounds(), { interactive: false, color: "#0645ad", weight: 1.5, fillOpacity: 0.12,
      className: "geomap-minimap-view" }).addTo(mini);
    function sync() {
      if (api.div.classList.contains("geomap-minimap-folded")) return;
      mini.setView(map.getCenter(), zoomFor(), { animate: false });
      rect.setBounds(map.getBounds());
    }
    map.on("move zoomend resize", sync);
    mini.on("click", function (e) { map.panTo(e.latlng); });
    api.toggle.addEventListener("click", function () {
      var folded = api.div.classList.toggle("geomap-minimap-folded");
      api.toggle.textContent = folded ? "Overview" : "–";
      api.toggle.title = folded ? "Show the overview map" : "Hide the overview map";
      api.toggle.setAttribute("aria-label", api.toggle.title);
      api.toggle.setAttribute("aria-expanded", folded ? "false" : "true");
      if (!folded) { mini.invalidateSize({ pan: false }); sync(); }
    });
    api.map = mini;
    api.rectangle = rect;
    api.sync = sync;
    return api;
  }

  /* ------------------------------------------------------------ base map and borders */

  // Border line style from the page data (geomap.render.map gives each pair its colour,
  // width and dash; the primary border is the widest, solid).
  function borderStyle(p) {
    return {
      color: safeColour(p.map_color || "#d7191c"), weight: Number(p.map_weight) || 3, opacity: 0.9,
      dashArray: p.map_dash ? String(p.map_dash).replace(/[^0-9 .]/g, "") : null,
      className: "geomap-border geomap-border-" + safeClass(p.pair) + (p.primary ? " geomap-border-primary" : "")
    };
  }

  var RIVER_WEIGHTS = { 1: 2.6, 2: 1.6, 3: 1.0 };
  var BASE_COLOURS = { land: "#f2efe9", edge: "#8a8a8a", water: "#a9c9e4", river: "#5b93c7", admin1: "#a49fb5" };

  function basePane(map, name, z) {
    var pane = map.getPane(name) || map.createPane(name);
    pane.style.zIndex = z;  // under the tile pane (200): tiles cover it wherever they load
    pane.style.pointerEvents = "none";
    return name;
  }

  var TownIcon = L.DivIcon.extend({
    options: { name: "", className: "geomap-town", iconSize: null },
    createIcon: function (oldIcon) {
      var div = (oldIcon && oldIcon.tagName === "DIV") ? oldIcon : document.createElement("div");
      div.textContent = "";
      div.appendChild(el("span", null, "geomap-town-dot"));
      div.appendChild(el("span", this.options.name, "geomap-town-name"));
      this._setIconStyles(div, "icon");
      return div;
    },
    createShadow: function () { return null; }
  });

  var BaseMap = L.Layer.extend({
    initialize: function (outlines, basemap) {
      this.geomapData = outlines;
      this._basemap = (basemap && basemap.layers) || {};
      this._towns = [];
    },
    onAdd: function (map) {
      var shapes = basePane(map, "geomapBase", 150), labels = basePane(map, "geomapBaseLabels", 160);
      var layers = this._basemap, group = this._group = L.layerGroup();
      if (this.geomapData) {
        L.geoJSON(this.geomapData, { pane: shapes, interactive: false, style: { color: BASE_COLOURS.edge, weight: 1,
          fillColor: BASE_COLOURS.land, fillOpacity: 1, className: "geomap-outline" } }).addTo(group);
      }
      if (layers.admin1) {
        L.geoJSON(layers.admin1, { pane: shapes, interactive: false, style: { color: BASE_COLOURS.admin1, weight: 0.8,
          dashArray: "4 3", className: "geomap-admin1" } }).addTo(group);
      }
      if (layers.lakes) {
        L.geoJSON(layers.lakes, { pane: shapes, interactive: false, style: { color: BASE_COLOURS.river, weight: 0.6,
          fillColor: BASE_COLOURS.water, fillOpacity: 1, className: "geomap-lake" } }).addTo(group);
      }
      if (layers.rivers) {
        L.geoJSON(layers.rivers, { pane: shapes, interactive: false, style: function (f) {
          return { color: BASE_COLOURS.river, weight: RIVER_WEIGHTS[f.properties.rank] || 1, opacity: 0.9,
            className: "geomap-river geomap-river-rank" + (f.properties.rank || 3) };
        } }).addTo(group);
      }
      this._towns = ((layers.towns && layers.towns.features) || []).map(function (f) {
        var c = f.geometry.coordinates;
        return { latlng: L.latLng(c[1], c[0]), minzoom: f.properties.minzoom || 8, name: f.properties.name, marker: null };
      });
      this._labels = L.layerGroup().addTo(group);
      this._labelPane = labels;
      group.addTo(map);
      this._cull();
    },
    onRemove: function () {
      if (this._group) this._group.remove();
      this._towns.forEach(function (t) { t.marker = null; });
    },
    getEvents: function () { return { zoomend: this._cull, moveend: this._cull }; },
    // Town labels from their zoom on (bigger towns earlier; the data is sorted by
    // population), only those in view, and none over a bigger town's label.
    _cull: function () {
      var map = this._map;
      if (!map) return;
      var zoom = map.getZoom(), view = map.getBounds().pad(0.2), labels = this._labels, pane = this._labelPane;
      var taken = new Grid(128), boxes = [];
      function free(t) {
        var p = map.latLngToLayerPoint(t.latlng), w = 8 + 6 * t.name.length, box = [p.x - 4, p.y - 8, p.x + w, p.y + 8];
        var clear = taken.near(p.x, p.y).every(function (b) {
          return box[2] < b[0] || b[2] < box[0] || box[3] < b[1] || b[3] < box[1];
        });
        if (clear) { taken.add(p.x, p.y, box); boxes.push(box); }
        return clear;
      }
      this._towns.forEach(function (t) {
        var want = zoom >= t.minzoom && view.contains(t.latlng) && free(t);
        if (want && !t.marker) {
          t.marker = L.marker(t.latlng, { pane: pane, interactive: false, keyboard: false,
            icon: new TownIcon({ name: t.name }) }).addTo(labels);
        } else if (!want && t.marker) {
          labels.removeLayer(t.marker);
          t.marker = null;
        }
      });
    },
    townsShown: function () { return this._towns.filter(function (t) { return !!t.marker; }).length; }
  });

  var TILE_FAILURES = 2;  // failed tiles, with none loaded, after which a tile layer counts as unreachable

  // Online tile layers are offered; one that cannot load a single tile (no network, a
  // proxy, a blocked host) is replaced, silently, by the offline base map ("none").
  function tileFallback(map, tiles, none) {
    var api = { failed: [] };
    tiles.forEach(function (tile) {
      var loaded = 0, failed = 0;
      tile.on("tileload", function () { loaded += 1; });
      tile.on("tileerror", function () {
        failed += 1;
        if (loaded || failed < TILE_FAILURES || !map.hasLayer(tile)) return;
        if (api.failed.indexOf(tile) < 0) api.failed.push(tile);
        map.removeLayer(tile);
        if (none && !map.hasLayer(none)) map.addLayer(none);
        map.fire("geomaptilefallback", { layer: tile });
      });
    });
    return api;
  }

  /* ------------------------------------------------------------ layers */

  global.geomap = {
    // Every dataset of the page sits in its own <script type="application/json"> block,
    // added after the page template was rendered: no article text ever passes through
    // a template engine, and JSON.parse never executes anything.
    data: function (id) {
      var node = document.getElementById(id);
      return node ? JSON.parse(node.textContent) : null;
    },
    eventLayer: function (data) {
      return new EventLayer(data);
    },
    placeLayer: function (data) {
      // Countries are not drawn: their point is a stand-in, not a place on the ground.
      // Uncertainty circles appear on hover or with the popup only.
      var group = L.featureGroup(), places = [];
      L.geoJSON(data, {
        filter: function (f) { return f.properties.feature_type !== "country" && !f.properties.location_area; },
        pointToLayer: function (f, latlng) {
          var p = f.properties;
          var radius = 4 + Math.min(8, 2 * Math.log2(1 + (p.mention_count || 1)));
          var colour = PLACE_COLOURS[p.feature_type] || "#3182bd";
          var marker = L.circleMarker(latlng, { radius: radius, color: colour, weight: 2, fillColor: "#fff",
            fillOpacity: 0.9, className: "geomap-place" });
          uncertaintyOnHover(marker, function () { return latlng; }, p.uncertainty_km, colour);
          return marker;
        },
        onEachFeature: function (f, layer) {
          var p = f.properties;
          layer.bindPopup(function () { return placePopup(p); }, { maxWidth: 380 });
          layer.bindTooltip(el("span", p.name + (p.uncertainty_km >= 1 ? " (±" + Math.round(p.uncertainty_km) + " km)" : "")),
            { className: "geomap-place-label", direction: "right", offset: [6, 0] });
          places.push({ feature: f, layer: layer });
        }
      }).addTo(group);
      group.geomapPlaces = places;
      return group;
    },
    borderLayer: function (data) {
      var layer = L.geoJSON(data, {
        style: function (f) { return borderStyle(f.properties); },
        onEachFeature: function (f, layer) {
          var p = f.properties;
          layer.bindTooltip(el("span", p.pair + " border" + (p.primary ? " (primary)" : "") + " · " +
            Number(p.length_km).toFixed(0) + " km · " + p.source));
        }
      });
      layer.geomapData = data;
      return layer;
    },
    // The offline base map: land, lakes, rivers (width by rank), first-level boundaries and
    // town labels, drawn in a pane under the tiles, so that wherever a tile does not load
    // (no network, a proxy, --offline) the map underneath is still readable.
    baseLayer: function (outlines, basemap) {
      return new BaseMap(outlines, basemap);
    },
    // Tile layers that fail fall back, silently, to the offline base map.
    tileFallback: function (map, tiles, none) {
      return tileFallback(map, tiles, none);
    },
    claimLayer: function (data) {
      return L.geoJSON(data, {
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: 9, color: VERDICT_COLOURS[f.properties.verdict] || "#999",
            weight: 3, fill: false, dashArray: "2 3", className: "geomap-claim" });
        },
        onEachFeature: function (f, layer) {
          layer.bindPopup(function () { return claimPopup(f.properties); }, { maxWidth: 420 });
          layer.bindTooltip(el("span", f.properties.text + " → " + f.properties.verdict));
        }
      });
    },
    bufferLayer: function (data) {
      var shades = ["#fee5d9", "#fcbba1", "#fc9272", "#fb6a4a", "#de2d26"];
      return L.geoJSON(data, {
        style: function (f) {
          var index = Math.min(shades.length - 1, data.features.length - 1 - data.features.indexOf(f));
          return { color: "#de2d26", weight: 0.5, fillColor: shades[index], fillOpacity: 0.35, className: "geomap-buffer" };
        },
        onEachFeature: function (f, layer) {
          layer.bindTooltip(el("span", f.properties.border + ": " + f.properties.from_km + "–" + f.properties.to_km + " km"));
        }
      });
    },
    outlineLayer: function (data) {
      var layer = L.geoJSON(data, {
        style: { color: "#555", weight: 1, fillColor: "#f2efe9", fillOpacity: 0.9, className: "geomap-outline" },
        interactive: false
      });
      layer.geomapData = data;
      return layer;
    },
    // Heat map of the events the time filter keeps (drawn on a canvas of our own).
    heatLayer: function (eventLayer, options) {
      return new HeatLayer(eventLayer, options || {});
    },
    // Legend, tools (full screen, distance), search box, summary panel, time filter and
    // overview map; called once all layers exist. Sets window.geomapReadyAt (ms since
    // navigation start) when done: every layer and control is built and laid out.
    controls: function (map, eventLayer, placeLayer, options, layers) {
      options = options || {};
      layers = layers || {};
      // Without tile layers (--offline, or after a fallback) Leaflet's maximum zoom is
      // Infinity: one fixed maximum for every base map.
      map.setMaxZoom(MAX_ZOOM);
      var fallback = tileFallback(map, layers.tiles || [], layers.none || null);
      var legend = addLegend(map, options.legend || [], options.legend_note || "",
        { events: eventLayer, places: placeLayer, border: layers.border }, options.events_notice || "");
      var tools = addTools(map);
      addSearchControl(map, placeLayer);
      var filters = addFilterControl(map, eventLayer, options.legend || []);
      var areas = addAreaControl(map, eventLayer, layers);
      var time = addTimeControl(map, eventLayer);
      addSummaryControl(map, eventLayer, placeLayer, options, time);
      var minimap = options.minimap === false ? null : addMinimap(map, layers.outlines, layers.border);
      var api = { events: eventLayer, places: placeLayer, time: time, tools: tools, minimap: minimap,
                  heat: layers.heat || null, filters: filters, areas: areas, legend: legend, fallback: fallback,
                  base: layers.outlines || null };
      map.geomap = api;
      if (global.performance && performance.now) global.geomapReadyAt = performance.now();
      map.fire("geomapready");
      return api;
    }
  };
})(window);

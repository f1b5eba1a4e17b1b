/* geomap map helpers: build layers from embedded GeoJSON with DOM-built popups.
 *
 * Article text is untrusted. Every value reaches the page through textContent on
 * elements created here, never through innerHTML: popups and tooltips get DOM nodes,
 * never strings (Leaflet parses string content as HTML), so markup in an article
 * ("<img onerror=...>", "<script>") is shown as text and never runs.
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
    if (p.distance_to_border_km !== null && p.distance_to_border_km !== undefined) {
      row(table, "Border", km(p.distance_to_border_km) + " from " + p.border + ", " + (p.border_side || "?") +
        " side" + (p.side_uncertain ? " (side uncertain)" : ""));
    }
    row(table, "How many", (p.quantities || []).map(function (q) { return q.raw_text; }));
    row(table, "Codes", ["ACLED " + (p.acled_event_type || "–"), "CAMEO " + (p.cameo_code || "–"),
      "PLOVER " + (p.plover_event || "–")].join(" · "));
    row(table, "Confidence", p.confidence);
    row(table, "Source", p.source_file);
    box.appendChild(table);
    box.appendChild(el("blockquote", p.sentence, "geomap-sentence"));
    return box;
  }

  function placePopup(p) {
    var box = el("div", null, "geomap-popup geomap-place-popup");
    box.appendChild(el("h4", p.name));
    var table = el("table");
    row(table, "Type", p.feature_type + (p.country ? ", " + p.country : ""));
    row(table, "Uncertainty", km(p.uncertainty_km));
    row(table, "Border", km(p.distance_to_border_km) + " from " + p.border + ", " + (p.border_side || "?") +
      " side" + (p.side_uncertain ? " (side uncertain)" : ""));
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

  global.geomap = {
    eventLayer: function (data) {
      return L.geoJSON(data, {
        filter: function (f) { return !!f.geometry; },
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, {
            radius: 7, color: "#222", weight: 1, fillColor: f.properties.color || "#555",
            fillOpacity: f.properties.modality === "reported" ? 0.85 : 0.35,
            className: "geomap-event geomap-event-" + f.properties.event_type
          });
        },
        onEachFeature: function (f, layer) {
          layer.bindPopup(function () { return eventPopup(f.properties); }, { maxWidth: 420 });
          layer.bindTooltip(el("span", f.properties.event_label +
            (f.properties.place_name ? " – " + f.properties.place_name : "")), { sticky: true });
        }
      });
    },
    placeLayer: function (data) {
      var group = L.featureGroup();
      L.geoJSON(data, {
        pointToLayer: function (f, latlng) {
          var p = f.properties;
          var radius = 4 + Math.min(8, 2 * Math.log2(1 + (p.mention_count || 1)));
          var colour = PLACE_COLOURS[p.feature_type] || "#3182bd";
          if (p.uncertainty_km >= 5 && p.uncertainty_km <= 300 && p.feature_type !== "country") {
            L.circle(latlng, { radius: p.uncertainty_km * 1000, color: colour, weight: 1, dashArray: "4 4",
              fill: false, interactive: false, className: "geomap-uncertainty" }).addTo(group);
          }
          return L.circleMarker(latlng, { radius: radius, color: colour, weight: 2, fillColor: "#fff",
            fillOpacity: 0.9, className: "geomap-place" });
        },
        onEachFeature: function (f, layer) {
          layer.bindPopup(function () { return placePopup(f.properties); }, { maxWidth: 380 });
          layer.bindTooltip(el("span", f.properties.name));
        }
      }).addTo(group);
      return group;
    },
    borderLayer: function (data) {
      return L.geoJSON(data, {
        style: { color: "#d7191c", weight: 3, dashArray: "8 4", className: "geomap-border" },
        onEachFeature: function (f, layer) {
          var p = f.properties;
          layer.bindTooltip(el("span", p.pair + " border · " + Number(p.length_km).toFixed(0) + " km · " + p.source));
        }
      });
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
      return L.geoJSON(data, {
        style: { color: "#555", weight: 1, fillColor: "#f2efe9", fillOpacity: 0.9, className: "geomap-outline" },
        interactive: false
      });
    }
  };
})(window);

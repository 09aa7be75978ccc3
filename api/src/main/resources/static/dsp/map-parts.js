// Pieces of the live map: the tile layer with its fallback, and the legend.
import {h} from "./dom.js";

/** The configured tiles; when they cannot load (offline, blocked), the layer goes and the plain map stays. */
export function tiles(map, config) {
  if (!config.tileUrl) { return; }
  let failed = 0;
  const layer = L.tileLayer(config.tileUrl, {maxZoom: 19, attribution: config.tileAttribution || "",
    referrerPolicy: "no-referrer"});
  layer.on("tileerror", () => {
    if (++failed === 4) {
      map.removeLayer(layer);
      map.getContainer().classList.add("tiles-unavailable");
      map.attributionControl.addAttribution("Map tiles unavailable");
    }
  });
  layer.addTo(map);
}

/** A legend control: [kind, text] pairs, each with its swatch (CSS class legend-<kind>). */
export function legend(items) {
  const control = L.control({position: "bottomleft"});
  control.onAdd = () => h("div", {class: "map-legend", id: "map-legend"},
    ...items.map(([kind, text]) => h("div", {}, h("span", {class: "swatch legend-" + kind}), text)));
  return control;
}

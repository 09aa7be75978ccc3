// Live map: the DSP's drivers moving (GET /v1/dsp/live), and a selected route's remaining stops.
import {api, stream} from "./api.js";
import {h, time, errorBox, zoneNote} from "./dom.js";
import {fleet} from "./fleet-data.js";
import {profile} from "./profile.js";
import {chosenDay, chooseDay, dayName, progress, routeName} from "./day.js";
import {tiles, legend} from "./map-parts.js";

const CONFIG = window.PORTAL_CONFIG || {};
const REMAINING = new Set(["PENDING", "ARRIVED"]);
/** Leaflet writes string tooltips as HTML; names and addresses go in as text. */
const label = text => h("span", {}, text);

export function mount(root, params) {
  let alive = true, stop = () => {};
  profile().then(me => { if (alive) { stop = show(root, params, me); } })
    .catch(e => { if (alive) { root.append(h("h1", {}, "Live map"), errorBox(e.message)); } });
  return () => { alive = false; stop(); };
}

function show(root, params, me) {
  const zone = me.zone;
  const date = chosenDay(params, zone);
  const mapEl = h("div", {id: "map", role: "region", "aria-label": "Map of the DSP's drivers"});
  const status = h("span", {class: "muted", id: "live-status"}, "Connecting…");
  const routeSelect = h("select", {id: "route", "aria-label": "Route"}, h("option", {value: ""}, "Show a route's stops…"));
  const driverList = h("ul", {id: "drivers-live"});
  const stopList = h("ol", {id: "stops"});
  const message = h("div");
  root.append(h("h1", {id: "day-heading"}, "Live map for " + dayName(date, zone)),
    h("div", {class: "toolbar"}, h("label", {for: "day"}, "Day"),
      h("input", {type: "date", id: "day", value: date, onchange: e => e.target.value && chooseDay("live", e.target.value)}),
      routeSelect, status, zoneNote(zone)),
    message,
    h("div", {class: "live"}, mapEl, h("aside", {class: "card side"},
      h("h2", {}, "Drivers"), driverList, h("h2", {}, "Remaining stops"), stopList)));

  if (typeof L === "undefined") {
    message.append(errorBox("The map library did not load"));
    return () => {};
  }
  const map = L.map(mapEl, {zoomControl: true});
  tiles(map, CONFIG);
  legend([["station", "Station"], ["driver", "Driver (live)"], ["stop", "Remaining stop, in order"],
    ["path", "Selected route's way ahead"]]).addTo(map);
  map.setView([47.6, -122.33], 11);
  const stationsLayer = L.layerGroup().addTo(map);
  const markers = new Map();
  const stopsLayer = L.layerGroup().addTo(map);
  let known = {driver: new Map(), van: new Map(), drivers: [], vans: []};
  let routes = [];
  let fitted = false;

  const nameOf = id => known.driver.get(id)?.name || id;
  function renderDrivers() {
    driverList.replaceChildren(...[...markers.entries()].map(([id, m]) => {
      const p = m.position;
      return h("li", {"data-driver-id": id, "data-lat": p.lat, "data-lon": p.lon},
        h("strong", {}, nameOf(id)), h("div", {class: "muted"}, "seen " + time(p.ts, zone)
          + (p.battery !== null && p.battery !== undefined ? " · battery " + Math.round(p.battery * 100) + " %" : "")));
    }));
  }
  function moved(p) {
    let m = markers.get(p.driverId);
    if (!m) {
      m = L.circleMarker([p.lat, p.lon], {radius: 9, color: "#fff", weight: 2, fillColor: "#d9480f", fillOpacity: 1,
        className: "driver-marker"}).addTo(map)
        .bindTooltip(label(nameOf(p.driverId)), {permanent: true, direction: "right", offset: [8, 0], className: "driver-label"});
      m.getElement().setAttribute("data-driver-id", p.driverId);
      markers.set(p.driverId, m);
    } else {
      m.setLatLng([p.lat, p.lon]);
    }
    m.position = p;
    if (!fitted) {
      fitted = true;
      map.setView([p.lat, p.lon], 14, {animate: false});
    }
    renderDrivers();
  }
  function showRoute(id) {
    stopsLayer.clearLayers();
    stopList.replaceChildren();
    const route = routes.find(r => r.id === id);
    if (!route) { return; }
    const remaining = route.stops.filter(s => REMAINING.has(s.status));
    const points = remaining.map(s => [s.location.lat, s.location.lon]);
    const driver = route.driverId && markers.get(route.driverId);
    if (points.length) {
      L.polyline(driver ? [driver.getLatLng(), ...points] : points, {color: "#1f6feb", weight: 3, opacity: .7,
        dashArray: "6 6"}).addTo(stopsLayer);
    }
    remaining.forEach(s => {
      const n = s.seq + 1;
      L.circleMarker([s.location.lat, s.location.lon], {radius: 9, color: "#1f6feb", fillColor: "#fff", fillOpacity: 1,
        className: "stop-marker"}).addTo(stopsLayer)
        .bindTooltip(String(n), {permanent: true, direction: "center", className: "stop-number"});
      stopList.append(h("li", {"data-stop-id": s.id, value: n}, s.address, " ", h("span", {class: "muted"},
        time(s.plannedArrival, me.zoneOf(route.stationId)) + (s.status === "ARRIVED" ? " · arrived" : ""))));
    });
    if (!remaining.length) { stopList.append(h("li", {class: "muted"}, "No stops left")); }
    const bounds = L.latLngBounds(driver ? [driver.getLatLng(), ...points] : points);
    if (bounds.isValid()) { map.fitBounds(bounds.pad(0.2), {animate: false}); }
  }
  /** The stations the DSP's drivers work from, each once. */
  async function showStations(drivers) {
    const ids = [...new Set(drivers.map(d => d.homeStationId).filter(Boolean))];
    const stations = await Promise.all(ids.map(id => api("/v1/stations/" + encodeURIComponent(id)).catch(() => null)));
    stations.filter(Boolean).forEach(st => {
      const marker = L.marker([st.location.lat, st.location.lon], {icon: L.divIcon({className: "station-marker",
        iconSize: [18, 18]}), keyboard: false}).addTo(stationsLayer)
        .bindTooltip(label(st.name), {permanent: true, direction: "bottom", offset: [0, 10], className: "station-label"});
      marker.getElement().setAttribute("data-station-id", st.id);
      if (!fitted && !markers.size) { map.setView([st.location.lat, st.location.lon], 12, {animate: false}); }
    });
  }
  routeSelect.addEventListener("change", () => showRoute(routeSelect.value));

  (async () => {
    try {
      const [r, f] = await Promise.all([api("/v1/dsp/routes?date=" + date), fleet()]);
      routes = r.items;
      known = f;
      showStations(f.drivers);
      routes.forEach(route => {
        const {done, total} = progress(route);
        routeSelect.append(h("option", {value: route.id}, routeName(route) + " · "
          + (route.driverId ? nameOf(route.driverId) : "unassigned") + " · " + done + "/" + total + " stops"));
      });
      markers.forEach((m, id) => m.setTooltipContent(label(nameOf(id))));
      const asked = params.get("route");
      if (asked && routes.some(route => route.id === asked)) {
        routeSelect.value = asked;
        showRoute(asked);
      }
      renderDrivers();
    } catch (e) {
      message.replaceChildren(errorBox(e.message));
    }
  })();

  const close = stream("/v1/dsp/live", (name, data) => { if (name === "position") { moved(data); } },
    state => { status.textContent = state === "live" ? "Live" : state === "unavailable" ? "Live map unavailable"
      : "Reconnecting…"; });
  return () => { close(); map.remove(); };
}

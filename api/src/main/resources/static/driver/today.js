// Today: the route of the day (or the next one), its map, its stops in order, starting and finishing it, and
// what goes back to the station afterwards.
import {api} from "./api.js";
import {t, when, longDate} from "./i18n.js";
import {h, errorBox, notice, navigationLinks, localDate} from "./ui.js";
import * as tracker from "./tracker.js";

const CONFIG = window.DRIVER_CONFIG || {};

/** Today's route, else tomorrow's (a driver may start early): {route, next}. */
export async function itinerary() {
  const today = await api("/v1/driver/itinerary");
  if (today.route) { return {route: today.route, next: false}; }
  const tomorrow = new Date();
  tomorrow.setDate(tomorrow.getDate() + 1);
  const next = await api("/v1/driver/itinerary?date=" + localDate(tomorrow));
  return {route: next.route, next: true};
}

export function mount(view, params, flash) {
  let map = null;
  let gone = false;
  view.append(h("p", {class: "loading"}, "…"));
  itinerary().then(({route, next}) => {
    if (gone) { return; }
    view.replaceChildren();
    if (flash) { view.append(notice(flash)); }
    if (!route) { view.append(h("h1", {}, t("todayRoute")), h("p", {id: "no-route"}, t("noRoute"))); return; }
    map = render(view, route, next);
  }).catch(e => { if (!gone) { view.replaceChildren(errorBox(e)); } });
  return () => { gone = true; if (map) { map.remove(); } };
}

function render(view, route, next) {
  if (route.status === "IN_PROGRESS") { tracker.start(); } else { tracker.stop(); }
  const open = route.stops.filter(s => s.status === "PENDING" || s.status === "ARRIVED");
  view.append(h("h1", {id: "route-heading"}, next ? t("nextRoute", longDate(route.date)) : t("todayRoute")),
    h("p", {class: "summary", id: "route-summary", "data-status": route.status},
      h("span", {class: "badge route-" + route.status}, t("route" + route.status)), " ",
      t("stopsDone", route.stopsDone, route.stopsTotal)),
    actions(view, route, open));
  if (route.status === "IN_PROGRESS" && open.length) { view.append(nextStop(open[0], route)); }
  if (route.status === "IN_PROGRESS") { view.append(h("p", {class: "hint"}, t("tracking"))); }
  if (route.status === "FINISHED") { view.append(bringBack(route)); }
  const mapEl = h("div", {id: "map", role: "region", "aria-label": t("map")});
  view.append(mapEl, h("p", {class: "legend", id: "map-legend"},
    h("span", {class: "dot todo"}), t("legendTodo"), h("span", {class: "dot done"}), t("legendDone"),
    h("span", {class: "dot me"}), t("legendMe")), stopList(route));
  return drawMap(mapEl, route);
}

function actions(view, route, open) {
  const box = h("div", {class: "actions"});
  const act = async (path, confirmText) => {
    if (confirmText && !window.confirm(confirmText)) { return; }
    box.querySelectorAll("button").forEach(b => { b.disabled = true; });
    try {
      await api(path, {method: "POST"});
      if (path.endsWith("/finish")) { tracker.upload(); }
      window.dispatchEvent(new Event("hashchange"));
    } catch (e) {
      box.append(errorBox(e));
      box.querySelectorAll("button").forEach(b => { b.disabled = false; });
    }
  };
  if (route.status === "ASSIGNED") {
    box.append(h("button", {type: "button", id: "start-route", onclick: () => act("/v1/driver/routes/" + route.id + "/start")},
      t("startRoute")));
  }
  if (route.status === "IN_PROGRESS") {
    box.append(h("button", {type: "button", id: "finish-route", class: open.length ? "secondary" : "",
      onclick: () => act("/v1/driver/routes/" + route.id + "/finish", open.length ? t("finishOpen", open.length) : null)},
    t("finishRoute")));
  }
  return box;
}

function windowText(stop) {
  return stop.window ? when(stop.window.from) + "–" + when(stop.window.to) : "";
}

function nextStop(stop, route) {
  const index = route.stops.indexOf(stop) + 1;
  return h("section", {class: "card next-stop", id: "next-stop", "data-stop-id": stop.id},
    h("h2", {}, t("nextStop"), " · ", t("stop", index)),
    h("p", {class: "address"}, stop.address),
    h("p", {class: "window"}, t("window"), ": ", windowText(stop)),
    stop.notes ? h("p", {class: "notes"}, stop.notes) : null,
    h("div", {class: "actions"}, navigationLinks(stop),
      h("a", {class: "button", href: "#stop?id=" + encodeURIComponent(stop.id)}, t("open"))));
}

function stopList(route) {
  return h("ol", {id: "stops", class: "stops"}, route.stops.map((stop, i) =>
    h("li", {"data-stop-id": stop.id, "data-status": stop.status, class: "status-" + stop.status},
      h("a", {href: "#stop?id=" + encodeURIComponent(stop.id)},
        h("span", {class: "seq", "aria-hidden": "true"}, String(i + 1)),
        h("span", {class: "what"}, h("span", {class: "address"}, stop.address),
          h("small", {}, (stop.kind === "PICKUP" ? t("pickup") + " · " : "") + windowText(stop) + " · "
            + stop.packages.length + " × " + t("packages").toLowerCase())),
        h("span", {class: "badge status-" + stop.status}, t("status" + stop.status))))));
}

/** Deliveries not delivered and returns picked up: what the driver hands in at the station. */
function bringBack(route) {
  const items = route.stops.flatMap(stop => stop.packages
    .filter(p => stop.kind === "PICKUP" ? p.status === "PICKED_UP" : p.status !== "DELIVERED")
    .map(p => h("li", {"data-tracking-id": p.trackingId}, p.trackingId, " · ", p.recipientName,
      stop.kind === "PICKUP" ? " · " + t("pickup") : "")));
  return h("section", {class: "card", id: "bring-back"}, h("h2", {}, t("bringBack")),
    items.length ? h("ul", {}, items) : h("p", {}, t("nothingBack")));
}

function drawMap(el, route) {
  if (!window.L) { return null; }
  const map = L.map(el, {attributionControl: Boolean(CONFIG.tileAttribution)});
  if (CONFIG.tileUrl) {
    L.tileLayer(CONFIG.tileUrl, {maxZoom: 19, attribution: CONFIG.tileAttribution || "", referrerPolicy: "no-referrer"})
      .addTo(map);
  }
  const me = tracker.lastPosition();
  if (me) {
    L.circleMarker([me.lat, me.lon], {radius: 8, weight: 3, color: "#ffffff", fillColor: "#d9480f", fillOpacity: 1,
      className: "me-marker"}).addTo(map);
  }
  // Drawn after the driver's mark, so that stop numbers stay on top.
  const points = route.stops.map((stop, i) => {
    const at = [stop.location.lat, stop.location.lon];
    const done = stop.status === "COMPLETED" || stop.status === "SKIPPED";
    L.circleMarker(at, {radius: 11, weight: 2, color: "#ffffff", fillOpacity: 1, fillColor: done ? "#6b7280" : "#0b4f8a",
      className: "stop-marker"})
      .bindTooltip(String(i + 1), {permanent: true, direction: "center", className: "stop-number"}).addTo(map);
    return at;
  });
  if (me) { points.push([me.lat, me.lon]); }
  if (points.length) { map.fitBounds(points, {padding: [28, 28], maxZoom: 16}); } else { map.setView([0, 0], 2); }
  return map;
}

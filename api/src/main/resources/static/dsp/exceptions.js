// Exceptions: open ones from GET /v1/dsp/exceptions, then live from its event stream (opened, cleared).
// Watched for the whole session so that the count in the menu stays true on every view.
import {api, stream} from "./api.js";
import {h, dateTime, time, errorBox, zoneNote, cardTable} from "./dom.js";
import {chosenDay, routeName} from "./day.js";
import {profile} from "./profile.js";

const KINDS = {
  NO_PINGS: "No pings for 5 min",
  NOT_MOVING: "Not moving for 15 min",
  BEHIND_PLAN: "More than 30 min behind plan",
  OFF_PATH: "More than 500 m off the route",
  FAR_FROM_ADDRESS: "Delivery flagged far from the address",
  LOW_BATTERY: "Phone battery below 15 %",
  UNASSIGNED_ROUTE: "Route unassigned 1 h before its start"
};

const items = new Map();
const listeners = new Set();
let close = null;
let state = "connecting";
let failure = null;

function changed() {
  const open = [...items.values()].filter(x => !x.clearedAt).length;
  const badge = document.getElementById("exception-count");
  if (badge) { badge.hidden = open === 0; badge.textContent = String(open); }
  listeners.forEach(l => l());
}

async function resync(which = "open") {
  try {
    const me = await profile();
    const answer = await api("/v1/dsp/exceptions?state=" + which
      + (which === "all" ? "&date=" + chosenDay(null, me.zone) : ""));
    if (which === "open") {
      items.forEach((x, id) => { if (!x.clearedAt) { items.delete(id); } });
    }
    answer.items.forEach(x => items.set(x.id, x));
    failure = null;
  } catch (e) {
    failure = e.message;
  }
  changed();
}

export function watch() {
  if (close) { return; }
  close = stream("/v1/dsp/exceptions/events", (name, data) => {
    if (name === "exception" && data && data.id) { items.set(data.id, data); changed(); }
  }, s => {
    state = s;
    if (s === "live") { resync(); } else { changed(); }
  });
}

export function unwatch() {
  if (close) { close(); close = null; }
  items.clear();
}

export function mount(root) {
  let alive = true, stop = () => {};
  profile().then(me => { if (alive) { stop = show(root, me); } })
    .catch(e => { if (alive) { root.append(h("h1", {}, "Exceptions"), errorBox(e.message)); } });
  return () => { alive = false; stop(); };
}

/** The routes of yesterday, today and tomorrow at the station, to say "Route 3" and link its day's map. */
async function routeNames(me) {
  const today = new Date(chosenDay(null, me.zone) + "T12:00:00Z");
  const days = [-1, 0, 1].map(n => new Date(today.getTime() + n * 86400000).toISOString().slice(0, 10));
  const answers = await Promise.all(days.map(d => api("/v1/dsp/routes?date=" + d).catch(() => ({items: []}))));
  return new Map(answers.flatMap(a => a.items).map(r => [r.id, r]));
}

function show(root, me) {
  const zone = me.zone;
  let routes = new Map();
  const body = h("tbody");
  const message = h("div");
  const status = h("span", {class: "muted", id: "exceptions-status"});
  const cleared = h("input", {type: "checkbox", id: "show-cleared",
    onchange: () => cleared.checked ? resync("all") : render()});
  root.append(h("h1", {}, "Exceptions"),
    h("div", {class: "toolbar"}, h("label", {}, cleared, " Show cleared ones"), status, zoneNote(zone)),
    message,
    cardTable({id: "exceptions"}, ["Exception", "Driver", "Route", "Since", "Detail", "Cleared"]
      .map(t => h("th", {}, t)), body));
  function render() {
    status.textContent = state === "live" ? "Live" : state === "unavailable" ? "Not available" : "Reconnecting…";
    message.replaceChildren(...(failure ? [errorBox(failure)] : []));
    const shown = [...items.values()].filter(x => cleared.checked || !x.clearedAt || recently(x.clearedAt))
      .sort((a, b) => (a.clearedAt ? 1 : 0) - (b.clearedAt ? 1 : 0) || b.startedAt.localeCompare(a.startedAt));
    body.replaceChildren(...shown.map(x => h("tr", {"data-exception-id": x.id, "data-kind": x.kind,
      class: x.clearedAt ? "cleared" : ""},
    h("td", {}, KINDS[x.kind] || x.kind), h("td", {}, x.driverName || x.driverId || "—"),
    h("td", {}, x.routeId ? h("a", {href: "#live?route=" + encodeURIComponent(x.routeId)
      + (routes.has(x.routeId) ? "&date=" + routes.get(x.routeId).date : ""), title: "Show on the map"},
      routes.has(x.routeId) ? routeName(routes.get(x.routeId)) : "Show on the map") : "—"),
    h("td", {}, dateTime(x.startedAt, zone)), h("td", {class: "detail"}, atStation(x.detail, zone)),
    h("td", {}, x.clearedAt ? time(x.clearedAt, zone) : ""))));
    if (!shown.length) {
      body.append(h("tr", {}, h("td", {colspan: 6, class: "muted"}, "No open exceptions")));
    }
  }
  listeners.add(render);
  render();
  routeNames(me).then(found => { routes = found; render(); });
  return () => listeners.delete(render);
}

/** The detail's instants ("No ping since 2026-12-03T15:02:11Z") as times at the station, like the rest of the page. */
export function atStation(detail, zone) {
  return (detail || "").replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/g,
    iso => time(iso, zone));
}

/** A cleared exception stays on the list, greyed, for a while after it ends. */
function recently(iso) {
  return Date.now() - new Date(iso).getTime() < 30 * 60 * 1000;
}

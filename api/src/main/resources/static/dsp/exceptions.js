// Exceptions: open ones from GET /v1/dsp/exceptions, then live from its event stream (opened, cleared).
// Watched for the whole session so that the count in the menu stays true on every view.
import {api, stream} from "./api.js";
import {h, dateTime, time, errorBox} from "./dom.js";
import {chosenDay} from "./day.js";

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
    const answer = await api("/v1/dsp/exceptions?state=" + which
      + (which === "all" ? "&date=" + chosenDay(null) : ""));
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
  const body = h("tbody");
  const message = h("div");
  const status = h("span", {class: "muted", id: "exceptions-status"});
  const cleared = h("input", {type: "checkbox", id: "show-cleared",
    onchange: () => cleared.checked ? resync("all") : render()});
  root.append(h("h1", {}, "Exceptions"),
    h("div", {class: "toolbar"}, h("label", {}, cleared, " Show cleared ones"), status),
    message,
    h("table", {id: "exceptions"}, h("thead", {}, h("tr", {}, h("th", {}, "Exception"), h("th", {}, "Driver"),
      h("th", {}, "Route"), h("th", {}, "Since"), h("th", {}, "Detail"), h("th", {}, "Cleared"))), body));
  function render() {
    status.textContent = state === "live" ? "Live" : state === "unavailable" ? "Not available" : "Reconnecting…";
    message.replaceChildren(...(failure ? [errorBox(failure)] : []));
    const shown = [...items.values()].filter(x => cleared.checked || !x.clearedAt || recently(x.clearedAt))
      .sort((a, b) => (a.clearedAt ? 1 : 0) - (b.clearedAt ? 1 : 0) || b.startedAt.localeCompare(a.startedAt));
    body.replaceChildren(...shown.map(x => h("tr", {"data-exception-id": x.id, "data-kind": x.kind,
      class: x.clearedAt ? "cleared" : ""},
    h("td", {}, KINDS[x.kind] || x.kind), h("td", {}, x.driverName || x.driverId || "—"),
    h("td", {}, x.routeId ? h("a", {href: "#live?route=" + encodeURIComponent(x.routeId), title: "Show on the map"},
      x.routeId) : "—"), h("td", {}, dateTime(x.startedAt)), h("td", {}, x.detail || ""),
    h("td", {}, x.clearedAt ? time(x.clearedAt) : ""))));
    if (!shown.length) {
      body.append(h("tr", {}, h("td", {colspan: 6, class: "muted"}, "No open exceptions")));
    }
  }
  listeners.add(render);
  render();
  return () => listeners.delete(render);
}

/** A cleared exception stays on the list, greyed, for a while after it ends. */
function recently(iso) {
  return Date.now() - new Date(iso).getTime() < 30 * 60 * 1000;
}

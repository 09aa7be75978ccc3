// Routes of a day (today at the station unless another day is chosen): driver, van, progress and finish times in the
// station's zone; assign and reassign with only the drivers free that day and the vans big enough for the route.
import {api} from "./api.js";
import {h, time, errorBox, zoneNote, cardTable} from "./dom.js";
import {fleet} from "./fleet-data.js";
import {profile} from "./profile.js";
import {chosenDay, chooseDay, dayName, progress, routeName} from "./day.js";

const ASSIGNABLE = new Set(["PLANNED", "ASSIGNED"]);

export function mount(root, params) {
  const body = h("tbody");
  const message = h("div");
  const heading = h("h1", {id: "day-heading"}, "Routes");
  const toolbar = h("div", {class: "toolbar"});
  root.append(heading, toolbar, message,
    cardTable({id: "routes"}, ["Route", "Status", "Driver", "Van", "Progress", "Start", "Planned finish",
      "Expected finish", ""].map(t => h("th", {}, t)), body));

  let alive = true, date = null, zone;
  async function load() {
    try {
      const [routes, known, me] = await Promise.all([api("/v1/dsp/routes?date=" + date), fleet(), profile()]);
      if (!alive) { return; }
      message.replaceChildren();
      const context = {known, me, routes: routes.items, reload: load};
      body.replaceChildren(...routes.items.map(r => row(r, context)));
      if (!routes.items.length) {
        body.append(h("tr", {}, h("td", {colspan: 9, class: "muted"}, "No routes for your DSP on " + dayName(date, zone))));
      }
    } catch (e) {
      if (alive) { message.replaceChildren(errorBox(e.message)); }
    }
  }
  profile().then(me => {
    if (!alive) { return; }
    zone = me.zone;
    date = chosenDay(params, zone);
    heading.textContent = "Routes for " + dayName(date, zone);
    toolbar.append(h("label", {for: "day"}, "Day"),
      h("input", {type: "date", id: "day", value: date, onchange: e => e.target.value && chooseDay("today", e.target.value)}),
      h("button", {type: "button", class: "secondary", onclick: () => load()}, "Refresh"), zoneNote(zone));
    load();
  }).catch(e => { if (alive) { message.replaceChildren(errorBox(e.message)); } });
  // Progress and expected finish move all day: read them again every half minute while the view is open.
  const timer = setInterval(() => { if (date && !document.querySelector(".assign-row")) { load(); } }, 30000);
  return () => { alive = false; clearInterval(timer); };
}

function row(route, context) {
  const {known, me} = context;
  const zone = me.zoneOf(route.stationId);
  const {done, total} = progress(route);
  const driver = route.driverId ? (known.driver.get(route.driverId)?.name || "a driver of another DSP") : null;
  const van = route.vanId ? (known.van.get(route.vanId)?.plate || "a van") : null;
  const plannedFinish = route.plannedFinish ?? route.plannedEnd;
  const behind = route.minutesBehind;
  const tr = h("tr", {"data-route-id": route.id},
    h("td", {class: "route-name"}, h("strong", {}, routeName(route)), " ",
      h("span", {class: "muted"}, me.stationName(route.stationId))),
    h("td", {}, h("span", {class: "status " + route.status}, route.status.replace("_", " ").toLowerCase())),
    h("td", {class: "driver"}, driver || h("span", {class: "muted"}, "unassigned")),
    h("td", {class: "van"}, van || h("span", {class: "muted"}, "—")),
    h("td", {class: "progress-cell"}, h("span", {class: "progress", role: "img", "aria-label": done + " of " + total
      + " stops done"}, h("span", {style: "width:" + (total ? Math.round(100 * done / total) : 0) + "%"})),
    done + " / " + total),
    h("td", {class: "start"}, time(route.plannedStart, zone)),
    h("td", {}, time(plannedFinish, zone)),
    h("td", {class: behind > 0 ? "late" : ""}, route.expectedFinish ? time(route.expectedFinish, zone)
      + (behind > 0 ? " (+" + behind + " min)" : "") : "—"),
    h("td", {}, ASSIGNABLE.has(route.status)
      ? h("button", {type: "button", class: "assign", "aria-label": (route.driverId ? "Reassign " : "Assign ")
        + routeName(route), onclick: () => openForm(tr, route, context)}, route.driverId ? "Reassign" : "Assign")
      : ""));
  return tr;
}

/** Drivers on no other route that day (this route's own driver stays on the list). */
function freeDrivers(route, context) {
  const busy = new Set(context.routes.filter(r => r.id !== route.id && r.status !== "CANCELLED" && r.driverId)
    .map(r => r.driverId));
  return context.known.drivers.filter(d => d.active !== false && !busy.has(d.id));
}

/** Vans that carry the route's whole load: packages, volume and weight. */
function bigEnoughVans(route, context) {
  const load = route.load || {packages: 0, volumeLiters: 0, weightKg: 0};
  return context.known.vans.filter(v => v.active !== false && v.capacityPackages >= load.packages
    && v.volumeLiters >= load.volumeLiters && v.weightKg >= load.weightKg);
}

function openForm(tr, route, context) {
  if (tr.nextSibling && tr.nextSibling.classList?.contains("assign-row")) { return; }
  const drivers = freeDrivers(route, context);
  const vans = bigEnoughVans(route, context);
  const load = route.load;
  const driver = h("select", {name: "driverId", "aria-label": "Driver"},
    h("option", {value: ""}, drivers.length ? "Driver…" : "No driver is free that day"),
    drivers.map(d => h("option", {value: d.id, selected: d.id === route.driverId}, d.name)));
  const van = h("select", {name: "vanId", "aria-label": "Van"},
    h("option", {value: ""}, vans.length ? "Van…" : "No van is big enough"),
    vans.map(v => h("option", {value: v.id, selected: v.id === route.vanId},
      v.plate + " (" + v.capacityPackages + " pkgs)")));
  const problem = h("div");
  const formRow = h("tr", {class: "assign-row"}, h("td", {colspan: 9},
    h("form", {class: "inline", onsubmit: async e => {
      e.preventDefault();
      if (!driver.value || !van.value) { problem.replaceChildren(errorBox("Pick a driver and a van")); return; }
      try {
        await api("/v1/dsp/routes/" + encodeURIComponent(route.id) + "/assignment",
          {method: "PUT", body: {driverId: driver.value, vanId: van.value}});
        await context.reload();
      } catch (err) {
        problem.replaceChildren(errorBox(err.message));
      }
    }}, h("strong", {}, routeName(route)), driver, van, h("button", {type: "submit"}, "Save"),
    h("button", {type: "button", class: "secondary", onclick: () => formRow.remove()}, "Cancel")),
    load ? h("div", {class: "muted"}, "Only drivers free that day and vans for " + load.packages + " packages, "
      + Math.round(load.volumeLiters) + " L, " + Math.round(load.weightKg) + " kg are offered.") : "", problem));
  tr.after(formRow);
}

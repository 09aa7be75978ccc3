// Today: the DSP's routes of a day with driver, van, progress and finish times; assign and reassign.
import {api} from "./api.js";
import {h, time, errorBox} from "./dom.js";
import {fleet} from "./fleet-data.js";
import {chosenDay, chooseDay, progress} from "./day.js";

const ASSIGNABLE = new Set(["PLANNED", "ASSIGNED"]);

export function mount(root, params) {
  const date = chosenDay(params);
  const body = h("tbody");
  const message = h("div");
  root.append(
    h("h1", {}, "Today"),
    h("div", {class: "toolbar"},
      h("label", {for: "day"}, "Day"),
      h("input", {type: "date", id: "day", value: date, onchange: e => e.target.value && chooseDay("today", e.target.value)}),
      h("button", {type: "button", class: "secondary", onclick: () => load()}, "Refresh")),
    message,
    h("table", {id: "routes"},
      h("thead", {}, h("tr", {},
        h("th", {}, "Route"), h("th", {}, "Status"), h("th", {}, "Driver"), h("th", {}, "Van"),
        h("th", {}, "Progress"), h("th", {}, "Start"), h("th", {}, "Planned finish"), h("th", {}, "Expected finish"),
        h("th", {}, ""))),
      body));

  let alive = true;
  async function load() {
    try {
      const [routes, known] = await Promise.all([api("/v1/dsp/routes?date=" + date), fleet()]);
      if (!alive) { return; }
      message.replaceChildren();
      body.replaceChildren(...routes.items.map(r => row(r, known, load)));
      if (!routes.items.length) {
        body.append(h("tr", {}, h("td", {colspan: 9, class: "muted"}, "No routes for your DSP on " + date)));
      }
    } catch (e) {
      if (alive) { message.replaceChildren(errorBox(e.message)); }
    }
  }
  load();
  // Progress and expected finish move all day: read them again every half minute while the view is open.
  const timer = setInterval(() => { if (!document.querySelector(".assign-row")) { load(); } }, 30000);
  return () => { alive = false; clearInterval(timer); };
}

function row(route, known, reload) {
  const {done, total} = progress(route);
  const driver = route.driverId ? (known.driver.get(route.driverId)?.name || route.driverId) : null;
  const van = route.vanId ? (known.van.get(route.vanId)?.plate || route.vanId) : null;
  const plannedFinish = route.plannedFinish ?? route.plannedEnd;
  const behind = route.minutesBehind;
  const tr = h("tr", {"data-route-id": route.id},
    h("td", {}, "#" + ((route.seq ?? 0) + 1) + " ", h("span", {class: "muted"}, route.id)),
    h("td", {}, h("span", {class: "status " + route.status}, route.status.replace("_", " "))),
    h("td", {class: "driver"}, driver || h("span", {class: "muted"}, "unassigned")),
    h("td", {class: "van"}, van || h("span", {class: "muted"}, "—")),
    h("td", {class: "progress-cell"}, h("span", {class: "progress"},
      h("span", {style: "width:" + (total ? Math.round(100 * done / total) : 0) + "%"})), done + " / " + total),
    h("td", {}, time(route.plannedStart)),
    h("td", {}, time(plannedFinish)),
    h("td", {class: behind > 0 ? "late" : ""}, route.expectedFinish ? time(route.expectedFinish)
      + (behind > 0 ? " (+" + behind + " min)" : "") : "—"),
    h("td", {}, ASSIGNABLE.has(route.status)
      ? h("button", {type: "button", class: "assign", onclick: () => openForm(tr, route, known, reload)},
        route.driverId ? "Reassign" : "Assign")
      : ""));
  return tr;
}

function openForm(tr, route, known, reload) {
  if (tr.nextSibling && tr.nextSibling.classList?.contains("assign-row")) { return; }
  const activeDrivers = known.drivers.filter(d => d.active !== false);
  const activeVans = known.vans.filter(v => v.active !== false);
  const driver = h("select", {name: "driverId", "aria-label": "Driver"},
    h("option", {value: ""}, "Driver…"),
    activeDrivers.map(d => h("option", {value: d.id, selected: d.id === route.driverId}, d.name)));
  const van = h("select", {name: "vanId", "aria-label": "Van"},
    h("option", {value: ""}, "Van…"),
    activeVans.map(v => h("option", {value: v.id, selected: v.id === route.vanId},
      v.plate + " (" + v.capacityPackages + " pkgs)")));
  const problem = h("div");
  const formRow = h("tr", {class: "assign-row"}, h("td", {colspan: 9},
    h("form", {class: "inline", onsubmit: async e => {
      e.preventDefault();
      if (!driver.value || !van.value) { problem.replaceChildren(errorBox("Pick a driver and a van")); return; }
      try {
        await api("/v1/dsp/routes/" + encodeURIComponent(route.id) + "/assignment",
          {method: "PUT", body: {driverId: driver.value, vanId: van.value}});
        await reload();
      } catch (err) {
        problem.replaceChildren(errorBox(err.message));
      }
    }}, driver, van, h("button", {type: "submit"}, "Save"),
    h("button", {type: "button", class: "secondary", onclick: () => formRow.remove()}, "Cancel")), problem));
  tr.after(formRow);
}

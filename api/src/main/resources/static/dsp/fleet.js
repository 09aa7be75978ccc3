// Drivers & vans of the DSP: add, edit, deactivate (and reactivate).
import {api} from "./api.js";
import {session} from "./auth.js";
import {h, errorBox, cardTable} from "./dom.js";
import {drivers, vans} from "./fleet-data.js";
import {profile} from "./profile.js";

export function mount(root) {
  const message = h("div");
  const driverBody = h("tbody");
  const vanBody = h("tbody");
  const stations = h("select", {id: "new-driver-station", "aria-label": "New driver's home station", required: true});
  root.append(h("h1", {}, "Drivers & vans"), message,
    h("h2", {}, "Drivers"),
    cardTable({id: "drivers"}, ["Name", "Phone", "Home station", "Status", ""].map(t => h("th", {}, t)), driverBody),
    addDriverForm(() => load(), message, stations),
    h("h2", {}, "Vans"),
    cardTable({id: "vans"}, [h("th", {}, "Plate"), h("th", {class: "num"}, "Packages"), h("th", {class: "num"}, "Litres"),
      h("th", {class: "num"}, "kg"), h("th", {}, "Status"), h("th", {}, "")], vanBody),
    addVanForm(() => load(), message));

  let alive = true;
  async function load() {
    const [d, v, p] = await Promise.allSettled([drivers(), vans(), profile()]);
    if (!alive) { return; }
    message.replaceChildren(...[d, v, p].filter(r => r.status === "rejected").map(r => errorBox(r.reason.message)));
    const me = p.status === "fulfilled" ? p.value : {stations: [], stationName: id => id};
    if (!stations.options.length) {
      // The station most of the DSP's drivers work from comes first.
      stations.replaceChildren(...me.stations.map(st => h("option", {value: st.id,
        selected: me.homeStation && st.id === me.homeStation.id}, st.name)));
    }
    const ds = d.status === "fulfilled" ? d.value : [];
    driverBody.replaceChildren(...ds.map(x => driverRow(x, load, message, me)));
    vanBody.replaceChildren(...(v.status === "fulfilled" ? v.value : []).map(x => vanRow(x, load, message)));
  }
  load();
  return () => { alive = false; };
}

async function change(message, reload, call) {
  try {
    await call();
    message.replaceChildren();
    await reload();
  } catch (e) {
    message.replaceChildren(errorBox(e.message));
  }
}

function activeToggle(item, path, reload, message) {
  return h("button", {type: "button", class: item.active ? "danger" : "secondary",
    onclick: () => change(message, reload, () => api(path, {method: "PATCH", body: {active: !item.active}}))},
  item.active ? "Deactivate" : "Activate");
}

function driverRow(d, reload, message, me) {
  const path = "/v1/drivers/" + encodeURIComponent(d.id);
  const tr = h("tr", {class: d.active ? "" : "inactive", "data-driver-id": d.id});
  const station = me.stationName(d.homeStationId);
  const show = () => tr.replaceChildren(h("td", {}, d.name), h("td", {}, d.phone), h("td", {class: "station"}, station),
    h("td", {}, d.active ? "active" : "inactive"),
    h("td", {}, h("button", {type: "button", class: "secondary", onclick: edit}, "Edit"), " ",
      activeToggle(d, path, reload, message)));
  const edit = () => {
    const name = h("input", {value: d.name, "aria-label": "Name", maxlength: 200});
    const phone = h("input", {value: d.phone, "aria-label": "Phone"});
    tr.replaceChildren(h("td", {}, name), h("td", {}, phone), h("td", {}, station),
      h("td", {}, d.active ? "active" : "inactive"),
      h("td", {}, h("button", {type: "button", onclick: () => change(message, reload,
        () => api(path, {method: "PATCH", body: {name: name.value.trim(), phone: phone.value.trim()}}))}, "Save"), " ",
      h("button", {type: "button", class: "secondary", onclick: show}, "Cancel")));
  };
  show();
  return tr;
}

function vanRow(v, reload, message) {
  const path = "/v1/dsps/" + encodeURIComponent(v.dspId) + "/vans/" + encodeURIComponent(v.id);
  const tr = h("tr", {class: v.active ? "" : "inactive", "data-van-id": v.id});
  const show = () => tr.replaceChildren(h("td", {}, v.plate), h("td", {class: "num"}, v.capacityPackages),
    h("td", {class: "num"}, v.volumeLiters), h("td", {class: "num"}, v.weightKg),
    h("td", {}, v.active ? "active" : "inactive"),
    h("td", {}, h("button", {type: "button", class: "secondary", onclick: edit}, "Edit"), " ",
      activeToggle(v, path, reload, message)));
  const edit = () => {
    const field = (value, label) => h("input", {value: String(value), "aria-label": label, size: 8});
    const plate = field(v.plate, "Plate"), cap = field(v.capacityPackages, "Packages");
    const vol = field(v.volumeLiters, "Litres"), kg = field(v.weightKg, "kg");
    tr.replaceChildren(h("td", {}, plate), h("td", {}, cap), h("td", {}, vol), h("td", {}, kg),
      h("td", {}, v.active ? "active" : "inactive"),
      h("td", {}, h("button", {type: "button", onclick: () => change(message, reload, () => api(path, {method: "PATCH",
        body: {plate: plate.value.trim(), capacityPackages: Number(cap.value), volumeLiters: Number(vol.value),
          weightKg: Number(kg.value)}}))}, "Save"), " ",
      h("button", {type: "button", class: "secondary", onclick: show}, "Cancel")));
  };
  show();
  return tr;
}

function addDriverForm(reload, message, station) {
  const name = h("input", {placeholder: "Name", "aria-label": "New driver's name", required: true, maxlength: 200});
  const phone = h("input", {placeholder: "+12065550100", "aria-label": "New driver's phone", required: true});
  return h("form", {class: "inline card", id: "add-driver", onsubmit: e => {
    e.preventDefault();
    change(message, reload, async () => {
      await api("/v1/drivers", {method: "POST", body: {name: name.value.trim(), phone: phone.value.trim(),
        kind: "DSP", dspId: session().dsp, homeStationId: station.value}});
      name.value = "";
      phone.value = "";
    });
  }}, h("strong", {}, "Add a driver"), name, phone, station, h("button", {type: "submit"}, "Add driver"));
}

function addVanForm(reload, message) {
  const field = (placeholder, label, type = "number") => h("input", {placeholder, "aria-label": label, type,
    required: true, size: 8, step: "any"});
  const plate = field("Plate", "New van's plate", "text"), cap = field("Packages", "New van's package capacity");
  const vol = field("Litres", "New van's volume"), kg = field("kg", "New van's payload");
  return h("form", {class: "inline card", id: "add-van", onsubmit: e => {
    e.preventDefault();
    change(message, reload, async () => {
      await api("/v1/dsps/" + encodeURIComponent(session().dsp) + "/vans", {method: "POST", body: {
        plate: plate.value.trim(), capacityPackages: Number(cap.value), volumeLiters: Number(vol.value),
        weightKg: Number(kg.value)}});
      e.target.reset();
    });
  }}, h("strong", {}, "Add a van"), plate, cap, vol, kg, h("button", {type: "submit"}, "Add van"));
}

// One stop: its packages and notes, navigation, arriving, and completing it at the door with a photo from the
// phone's camera: each package delivered (or picked up, for a customer's return) or attempted with a reason.
import {api} from "./api.js";
import {t, code, when, ATTEMPT_REASONS, PLACES} from "./i18n.js";
import {h, errorBox, navigationLinks} from "./ui.js";
import {itinerary} from "./today.js";
import * as tracker from "./tracker.js";

/** One Idempotency-Key per stop until its upload is answered: a retry after a lost answer is the same upload. */
const keys = new Map();

export function mount(view, params, flash, go) {
  let gone = false;
  itinerary().then(({route}) => {
    if (gone) { return; }
    const index = route ? route.stops.findIndex(s => s.id === params.get("id")) : -1;
    if (index < 0) { go("today"); return; }
    view.replaceChildren(render(route, route.stops[index], index + 1, go));
  }).catch(e => { if (!gone) { view.replaceChildren(errorBox(e)); } });
  return () => { gone = true; };
}

function render(route, stop, number, go) {
  const section = h("section", {class: "stop", id: "stop", "data-stop-id": stop.id, "data-status": stop.status},
    h("p", {}, h("a", {href: "#today", class: "back"}, "← " + t("back"))),
    h("h1", {}, t("stop", number), " · ", stop.kind === "PICKUP" ? t("pickup") : t("delivery")),
    h("p", {class: "address"}, stop.address),
    h("p", {}, t("window"), ": ", when(stop.window.from), "–", when(stop.window.to),
      " · ", h("span", {class: "badge status-" + stop.status}, t("status" + stop.status))),
    stop.notes ? h("p", {class: "notes"}, h("strong", {}, t("notes") + ": "), stop.notes) : null,
    h("h2", {}, t("packages")),
    h("ul", {class: "packages"}, stop.packages.map(p => h("li", {}, h("strong", {}, p.trackingId), " · ",
      p.recipientName, p.note ? h("small", {}, " · " + p.note) : null))),
    h("div", {class: "actions"}, navigationLinks(stop)));
  if (route.status === "IN_PROGRESS" && stop.status === "PENDING") {
    const errors = h("div");
    section.append(h("div", {class: "actions"}, h("button", {type: "button", id: "arrive", onclick: async e => {
      e.target.disabled = true;
      try {
        await api("/v1/driver/stops/" + stop.id + "/arrive", {method: "POST"});
        window.dispatchEvent(new Event("hashchange"));
      } catch (err) {
        e.target.disabled = false;
        errors.replaceChildren(errorBox(err));
      }
    }}, t("arrive"))), errors);
  }
  if (route.status === "IN_PROGRESS" && stop.status === "ARRIVED") {
    section.append(doorForm(stop, go));
  }
  return section;
}

function outcomeSelect(stop, pkg, i) {
  const done = stop.kind === "PICKUP" ? ["PICKED_UP", t("pickedUp")] : ["DELIVERED", t("delivered")];
  return h("div", {class: "field"},
    h("label", {for: "outcome-" + i}, t("outcome"), " · ", pkg.trackingId),
    h("select", {id: "outcome-" + i, name: "outcome", "data-tracking-id": pkg.trackingId},
      h("option", {value: done[0]}, done[1]),
      ATTEMPT_REASONS.map(r => h("option", {value: "ATTEMPTED:" + r}, t("failed", code("attempt", r))))));
}

function doorForm(stop, go) {
  let capturedAt = null;
  const errors = h("div");
  const preview = h("img", {id: "photo-preview", alt: t("photo"), hidden: true});
  const photo = h("input", {type: "file", id: "photo", name: "photo", accept: "image/*", capture: "environment",
    onchange: () => {
      capturedAt = new Date().toISOString();
      const file = photo.files[0];
      if (file) { preview.src = URL.createObjectURL(file); preview.hidden = false; }
    }});
  const place = h("select", {id: "place", name: "place"}, PLACES.map(p => h("option", {value: p}, code("places", p))));
  const recipient = h("input", {id: "recipient", name: "recipient", autocomplete: "off", maxlength: 200});
  const send = h("button", {type: "submit", id: "send"}, t("send"));
  const form = h("form", {id: "door", class: "card"},
    stop.packages.map((p, i) => outcomeSelect(stop, p, i)),
    h("div", {class: "field"}, h("label", {for: "place"}, t("place")), place),
    h("div", {class: "field"}, h("label", {for: "recipient"}, t("recipientName")), recipient),
    h("div", {class: "field"}, h("label", {for: "photo"}, t("takePhoto")), photo, preview),
    errors, send);
  form.addEventListener("submit", async e => {
    e.preventDefault();
    const file = photo.files[0];
    if (!file) { errors.replaceChildren(errorBox(t("photoNeeded"))); return; }
    send.disabled = true;
    send.textContent = t("sending");
    try {
      await upload(stop, file, capturedAt, form, place.value, recipient.value.trim());
      go("today", {}, t("stopCompleted"));
    } catch (err) {
      errors.replaceChildren(errorBox(err));
      send.disabled = false;
      send.textContent = t("send");
    }
  });
  return form;
}

async function upload(stop, file, capturedAt, form, place, recipientName) {
  const here = await tracker.currentPosition();
  const packages = [...form.querySelectorAll("select[name=outcome]")].map(select => {
    const [outcome, reason] = select.value.split(":");
    return reason ? {trackingId: select.dataset.trackingId, outcome, reason} : {trackingId: select.dataset.trackingId, outcome};
  });
  const draft = {packages, place, capturedAt: capturedAt || new Date().toISOString(),
    position: here ? {lat: here.lat, lon: here.lon} : null, accuracyMeters: here ? here.accuracy : null,
    recipientName: recipientName || null};
  const body = new FormData();
  body.append("attempt", new Blob([JSON.stringify(draft)], {type: "application/json"}), "attempt.json");
  body.append("photo", file, file.name || "photo.jpg");
  const key = keys.get(stop.id) || crypto.randomUUID();
  keys.set(stop.id, key);
  try {
    await api("/v1/driver/stops/" + stop.id + "/deliveries", {method: "POST", form: body, headers: {"Idempotency-Key": key}});
    keys.delete(stop.id);
  } catch (e) {
    // Refused by the server: nothing was stored, the next try is a new upload. Offline: the same one again.
    if (!e.offline) { keys.delete(stop.id); }
    throw e;
  }
}

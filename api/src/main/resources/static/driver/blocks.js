// My blocks: the driver's claimed blocks with check-in at the station (the phone's position, judged against the
// station's geofence by the server) and forfeit; a checked-in block leads to its route.
import {api} from "./api.js";
import {t} from "./i18n.js";
import {h, errorBox, notice} from "./ui.js";
import {blockCard} from "./offers.js";
import * as tracker from "./tracker.js";

export function mount(view, params, flash) {
  let gone = false;
  const messages = h("div", {id: "messages"}, flash ? notice(flash) : null);
  const list = h("ul", {id: "blocks", class: "cards"});
  view.append(h("h1", {}, t("myBlocks")), messages, list);
  const say = node => { if (!gone) { messages.replaceChildren(node); } };

  const load = () => api("/v1/driver/blocks").then(answer => {
    if (gone) { return; }
    const now = Date.now();
    const shown = answer.items.filter(b => Date.parse(b.endsAt) > now - 12 * 3600 * 1000);
    list.replaceChildren(...shown.map(block => blockCard(block, ...actions(block))));
    if (!shown.length) { list.append(h("li", {class: "empty"}, t("noBlocks"))); }
  }).catch(e => say(errorBox(e)));

  function actions(block) {
    if (block.status === "CHECKED_IN" && block.routeId) {
      return [h("a", {class: "button", href: "#today"}, t("openRoute"))];
    }
    if (block.status !== "CLAIMED") { return []; }
    const confirmBox = h("span", {class: "confirm", hidden: true}, t("reallyForfeit"), " ",
      h("button", {type: "button", class: "danger yes-forfeit", onclick: () => post(block, "forfeit", t("forfeited"))},
        t("yesForfeit")), " ",
      h("button", {type: "button", class: "secondary", onclick: () => { confirmBox.hidden = true; }}, t("keep")));
    return [
      h("button", {type: "button", class: "check-in", onclick: () => checkIn(block)}, t("checkIn")),
      h("button", {type: "button", class: "secondary forfeit", onclick: () => { confirmBox.hidden = false; }}, t("forfeit")),
      confirmBox];
  }

  async function checkIn(block) {
    say(notice(t("locating")));
    const here = await tracker.currentPosition();
    if (!here) { say(errorBox(t("noPosition"))); return; }
    await post(block, "check-in", t("checkedIn"), {lat: here.lat, lon: here.lon, accuracy: here.accuracy});
  }

  async function post(block, action, done, body) {
    try {
      await api("/v1/driver/blocks/" + block.id + "/" + action, {method: "POST", body});
      say(notice(done));
    } catch (e) {
      say(errorBox(e));
    }
    load();
  }

  load();
  return () => { gone = true; };
}

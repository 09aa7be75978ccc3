// Offers: the Flex blocks this driver may claim now; one tap claims (exactly one driver wins a block).
import {api} from "./api.js";
import {t, when, money} from "./i18n.js";
import {h, errorBox, notice} from "./ui.js";

export function blockCard(block, ...actions) {
  return h("li", {class: "card block", "data-block-id": block.id, "data-status": block.status},
    h("p", {class: "when"}, h("strong", {}, when(block.startsAt, block.timeZone, {day: true})), "–",
      when(block.endsAt, block.timeZone), " · ", t("hours", block.durationMinutes)),
    h("p", {}, money(block.pay), " · ", t("station"), " ", h("span", {class: "station"}, block.stationId),
      " · ", h("span", {class: "badge block-" + block.status}, t("block" + block.status))),
    actions.length ? h("div", {class: "actions"}, actions) : null);
}

export function mount(view, params, flash) {
  let gone = false;
  const messages = h("div", {id: "messages"}, flash ? notice(flash) : null);
  const list = h("ul", {id: "offers", class: "cards"});
  view.append(h("h1", {}, t("offers")), messages, list);
  const load = () => api("/v1/driver/offers?limit=50").then(page => {
    if (gone) { return; }
    list.replaceChildren(...page.items.map(block => blockCard(block, h("button", {type: "button", class: "claim",
      onclick: e => claim(block, e.target)}, t("claim")))));
    if (!page.items.length) { list.append(h("li", {class: "empty"}, t("noOffers"))); }
  }).catch(e => { if (!gone) { messages.replaceChildren(errorBox(e)); } });
  async function claim(block, button) {
    button.disabled = true;
    try {
      await api("/v1/driver/offers/" + block.id + "/claim", {method: "POST",
        headers: {"Idempotency-Key": "claim-" + block.id}});
      messages.replaceChildren(notice(t("claimed")));
    } catch (e) {
      messages.replaceChildren(errorBox(e));
    }
    load();
  }
  load();
  return () => { gone = true; };
}

// More: who is signed in, positions waiting for upload, push notifications, sign-out.
import {t} from "./i18n.js";
import {h, errorBox} from "./ui.js";
import {session} from "./auth.js";
import * as tracker from "./tracker.js";
import * as push from "./push.js";

export function mount(view, params, flash, go, signOut) {
  const s = session();
  const queued = h("p", {id: "queued"});
  const pushBox = h("div", {id: "push"});
  const drawPush = () => {
    const state = push.state();
    const text = {unavailable: t("pushUnavailable"), unsupported: t("pushUnsupported"), denied: t("pushDenied"),
      on: t("pushOn")}[state];
    pushBox.replaceChildren(text ? h("p", {"data-state": state}, text)
      : h("button", {type: "button", id: "push-enable", onclick: () => push.enable().then(drawPush)
        .catch(e => pushBox.append(errorBox(e)))}, t("pushEnable")));
  };
  drawPush();
  view.append(h("h1", {}, t("more")),
    h("p", {id: "who"}, t("signedInAs", s.name)),
    h("h2", {}, t("positions")), queued,
    h("button", {type: "button", class: "secondary", id: "send-now", onclick: () => tracker.upload()}, t("sendNow")),
    h("h2", {}, t("push")), pushBox,
    h("h2", {}, t("signOut")),
    h("button", {type: "button", class: "secondary", id: "sign-out", onclick: signOut}, t("signOut")));
  return tracker.onStatus(({queued: n}) => { queued.textContent = t("waiting", n); });
}

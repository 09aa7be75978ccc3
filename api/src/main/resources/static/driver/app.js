// The driver app: sign-in, then one view per hash (#today, #stop?id=, #offers, #blocks, #more).
import {session, note, forget, signInLocally, beginExternalSignIn, finishExternalSignIn} from "./auth.js";
import {api, ApiError} from "./api.js";
import {t, translatePage, setLanguage} from "./i18n.js";
import {h, errorBox} from "./ui.js";
import * as tracker from "./tracker.js";
import * as push from "./push.js";
import * as today from "./today.js";
import * as stop from "./stop.js";
import * as offers from "./offers.js";
import * as blocks from "./blocks.js";
import * as more from "./more.js";

const CONFIG = window.DRIVER_CONFIG || {};
const VIEWS = {today, stop, offers, blocks, more};
const TABS = {stop: "today"};
const view = document.getElementById("view");
let unmount = null;
let flash = null;

function route() {
  const [name, query] = (location.hash.slice(1) || "today").split("?");
  return {name: VIEWS[name] ? name : "today", params: new URLSearchParams(query || "")};
}

/** Shows a view, with a one-time message on it. */
function go(name, params = {}, message = null) {
  flash = message;
  const query = new URLSearchParams(params).toString();
  const hash = "#" + name + (query ? "?" + query : "");
  if (location.hash === hash) { show(); } else { location.hash = hash; }
}

function show() {
  if (unmount) { unmount(); unmount = null; }
  translatePage();
  const s = session();
  document.getElementById("tabs").hidden = !s;
  view.replaceChildren();
  if (!s) { tracker.stop(); showSignIn(); return; }
  const {name, params} = route();
  document.querySelectorAll("#tabs a").forEach(a => {
    a.hidden = s.flex === false && (a.dataset.view === "offers" || a.dataset.view === "blocks");
    const active = a.dataset.view === (TABS[name] || name);
    a.classList.toggle("active", active);
    if (active) { a.setAttribute("aria-current", "page"); } else { a.removeAttribute("aria-current"); }
  });
  const message = flash;
  flash = null;
  unmount = VIEWS[name].mount(view, params, message, go, signOut) || null;
}

async function signOut() {
  await tracker.upload();
  await push.disable();
  tracker.stop();
  forget();
  go("today");
}

/** Flex drivers take blocks; a DSP's driver gets routes from its dispatcher (403 on blocks). Unknown: 404. */
async function learnKind() {
  try {
    await api("/v1/driver/blocks");
    note({flex: true});
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 403) { throw e; }
    note({flex: false});
  }
}

function showSignIn(message) {
  const error = h("div", {}, message ? errorBox(message) : null);
  const card = h("section", {class: "card signin"}, h("h1", {}, t("signInTitle")), error);
  if (CONFIG.issuer === "external") {
    card.append(h("button", {type: "button", id: "sign-in-external", onclick: () => beginExternalSignIn(CONFIG)
      .catch(() => error.replaceChildren(errorBox(t("issuerDown"))))}, t("signInWith", CONFIG.issuerName)));
  } else {
    const id = h("input", {id: "driver-id", name: "driverId", autocomplete: "username", required: true,
      autocapitalize: "off", spellcheck: false});
    const submit = h("button", {type: "submit", id: "sign-in"}, t("signIn"));
    card.append(h("p", {class: "hint"}, t("signInLocalHelp")), h("form", {onsubmit: async e => {
      e.preventDefault();
      submit.disabled = true;
      try {
        await signInLocally(id.value.trim());
        await learnKind();
        go(route().name);
      } catch (err) {
        forget();
        submit.disabled = false;
        error.replaceChildren(errorBox(err instanceof ApiError && err.status === 404 ? t("noDriver") : err));
      }
    }}, h("div", {class: "field"}, h("label", {for: "driver-id"}, t("driverId")), id), submit));
  }
  view.replaceChildren(card);
}

function networkStatus({queued, online}) {
  const net = document.getElementById("net");
  net.dataset.online = String(online);
  net.dataset.queued = String(queued);
  net.textContent = (online ? t("online") : t("offline")) + (queued ? " · " + t("waiting", queued) : "");
}

document.getElementById("language").addEventListener("change", e => { setLanguage(e.target.value); show(); });
window.addEventListener("hashchange", show);
window.addEventListener("driver:signed-out", () => go("today"));
tracker.onStatus(networkStatus);

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/driver/sw.js", {scope: "/driver/"}).catch(() => null);
}

if (location.pathname === "/driver/callback") {
  finishExternalSignIn(CONFIG).then(learnKind).then(() => go("today")).catch(e => { translatePage(); showSignIn(e.message); });
} else {
  show();
  tracker.upload();
}

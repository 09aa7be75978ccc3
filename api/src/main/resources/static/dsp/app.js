// The dispatcher portal: sign-in, then one view per hash (#today, #fleet, #live, #exceptions, #scorecard).
import {session, signOut, signInWithPassword, beginExternalSignIn, finishExternalSignIn} from "./auth.js";
import {h, errorBox} from "./dom.js";
import {profile, forget} from "./profile.js";
import * as today from "./today.js";
import * as fleet from "./fleet.js";
import * as live from "./live.js";
import * as exceptions from "./exceptions.js";
import * as scorecard from "./scorecard.js";

const CONFIG = window.PORTAL_CONFIG || {};
const VIEWS = {today, fleet, live, exceptions, scorecard};
const view = document.getElementById("view");
let unmount = null;

/** "#today?date=2026-12-01" -> {name: "today", params}. */
function route() {
  const [name, query] = (location.hash.slice(1) || "today").split("?");
  return {name: VIEWS[name] ? name : "today", params: new URLSearchParams(query || "")};
}

export function navigate(name, params = {}) {
  const query = new URLSearchParams(params).toString();
  location.hash = name + (query ? "?" + query : "");
}

function show() {
  if (unmount) { unmount(); unmount = null; }
  const s = session();
  document.getElementById("top").hidden = !s;
  if (!s) { showSignIn(); return; }
  exceptions.watch();
  const who = document.getElementById("who");
  who.textContent = s.name;
  profile().then(me => { who.textContent = s.name + " · " + me.name; }).catch(() => {});
  const {name, params} = route();
  document.querySelectorAll("header nav a").forEach(a => a.classList.toggle("active", a.dataset.view === name));
  view.replaceChildren();
  unmount = VIEWS[name].mount(view, params) || null;
}

function showSignIn(message) {
  exceptions.unwatch();
  const error = h("div");
  if (message) { error.append(errorBox(message)); }
  const card = h("section", {class: "card signin"}, h("h1", {}, "Dispatcher sign-in"), error);
  if (CONFIG.issuer === "external") {
    if (CONFIG.authorizationEndpoint && CONFIG.tokenEndpoint) {
      card.append(h("button", {type: "button", id: "sign-in-external", onclick: () => beginExternalSignIn(CONFIG)
        .catch(e => error.replaceChildren(errorBox(e.message)))}, "Sign in with " + CONFIG.issuerName));
    } else {
      card.append(errorBox("The sign-in service cannot be reached right now. Reload the page in a moment."));
    }
  } else {
    const username = h("input", {id: "username", name: "username", autocomplete: "username", required: true});
    const password = h("input", {id: "password", name: "password", type: "password",
      autocomplete: "current-password", required: true});
    const submit = h("button", {type: "submit", id: "sign-in"}, "Sign in");
    card.append(h("form", {onsubmit: async e => {
      e.preventDefault();
      submit.disabled = true;
      try {
        await signInWithPassword(username.value.trim(), password.value);
        show();
      } catch (err) {
        error.replaceChildren(errorBox(err.message));
      } finally {
        submit.disabled = false;
      }
    }}, h("label", {for: "username"}, "Username"), username, h("label", {for: "password"}, "Password"), password,
    submit));
  }
  document.getElementById("top").hidden = true;
  view.replaceChildren(card);
}

async function start() {
  if (location.pathname === "/dsp/callback") {
    try {
      const returnTo = await finishExternalSignIn(CONFIG);
      history.replaceState(null, "", "/dsp" + returnTo);
    } catch (e) {
      history.replaceState(null, "", "/dsp");
      showSignIn(e.message);
      return;
    }
  }
  show();
}

document.getElementById("sign-out").addEventListener("click", () => {
  signOut();
  forget();
  location.hash = "";
  show();
});
window.addEventListener("hashchange", show);
window.addEventListener("portal:signed-out", () => {
  if (unmount) { unmount(); unmount = null; }
  forget();
  showSignIn("Your session has ended. Please sign in again.");
});
start();

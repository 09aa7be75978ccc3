// What every view shows the same way: errors in the driver's words, short notices, the route's stop links.
import {h} from "/dsp/dom.js";
import {t, code} from "./i18n.js";

export {h};

/** An ApiError (or any error) as a sentence for the driver: the API's reason code translated when known. */
export function explain(error) {
  if (error && error.offline) { return t("sendFailedOffline"); }
  const known = error && error.reason && code("reasons", error.reason);
  return known && known !== error.reason ? known : (error && error.message) || String(error);
}

export function errorBox(error) {
  return h("p", {class: "error", role: "alert"}, typeof error === "string" ? error : explain(error));
}

export function notice(text) {
  return h("p", {class: "notice", role: "status"}, text);
}

/** Turn-by-turn navigation to a stop: Google Maps (web and apps), and any map app through a geo: URI. */
export function navigationLinks(stop) {
  const {lat, lon} = stop.location;
  const google = "https://www.google.com/maps/dir/?api=1&travelmode=driving&destination=" + lat + "," + lon;
  const geo = "geo:" + lat + "," + lon + "?q=" + lat + "," + lon + "(" + encodeURIComponent(stop.address) + ")";
  return h("span", {class: "navigation"},
    h("a", {class: "button navigate", href: google, target: "_blank", rel: "noopener"}, t("navigate")),
    h("a", {class: "geo", href: geo}, t("otherMapApp")));
}

/** The phone's date (its zone is the station's), as the API's dates read: 2026-12-04. */
export function localDate(d) {
  const pad = n => String(n).padStart(2, "0");
  return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
}

// The day the dispatcher looks at: the one in the view's address when chosen, else today at the station. Nothing is
// remembered across views, so a past day never stays selected by accident.
import {localDate} from "./dom.js";

export function chosenDay(params, zone) {
  const asked = params && params.get("date");
  return asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : localDate(new Date(), zone);
}

export function chooseDay(view, date) {
  location.hash = view + "?date=" + date;
}

/** "Thursday, December 3, 2026", and whether that is today, tomorrow or yesterday at the station. */
export function dayName(date, zone) {
  const [y, m, d] = date.split("-").map(Number);
  const noon = new Date(Date.UTC(y, m - 1, d, 12));
  const name = noon.toLocaleDateString("en-US", {weekday: "long", year: "numeric", month: "long", day: "numeric",
    timeZone: "UTC"});
  const today = localDate(new Date(), zone);
  const offset = Math.round((noon - new Date(today + "T12:00:00Z")) / 86400000);
  const relative = {"-1": "yesterday", 0: "today", 1: "tomorrow"}[offset];
  return relative ? name + " (" + relative + ")" : name;
}

/** Stops done of total, from the API's counts when it sends them, else from the stops' statuses. */
export function progress(route) {
  const total = route.stopsTotal ?? route.stops.length;
  const done = route.stopsDone ?? route.stops.filter(s => s.status === "COMPLETED" || s.status === "SKIPPED").length;
  return {done, total};
}

/** A route by its number in the station's plan: "Route 3". */
export function routeName(route) {
  return route && route.seq !== null && route.seq !== undefined ? "Route " + (route.seq + 1) : "Route";
}

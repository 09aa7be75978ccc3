// The day the dispatcher looks at, shared by Today and the live map (kept for the tab's life).
import {localDate} from "./dom.js";

const KEY = "doorstep.dsp.date";

export function chosenDay(params) {
  const asked = params && params.get("date");
  if (asked && /^\d{4}-\d{2}-\d{2}$/.test(asked)) { sessionStorage.setItem(KEY, asked); return asked; }
  return sessionStorage.getItem(KEY) || localDate();
}

export function chooseDay(view, date) {
  sessionStorage.setItem(KEY, date);
  location.hash = view + "?date=" + date;
}

/** Stops done of total, from the API's counts when it sends them, else from the stops' statuses. */
export function progress(route) {
  const total = route.stopsTotal ?? route.stops.length;
  const done = route.stopsDone ?? route.stops.filter(s => s.status === "COMPLETED" || s.status === "SKIPPED").length;
  return {done, total};
}

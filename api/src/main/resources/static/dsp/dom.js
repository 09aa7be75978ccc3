// Small DOM and formatting helpers shared by the views.

/** h("td", {class: "num"}, "12") builds an element; attributes starting with "on" are listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) { continue; }
    if (key.startsWith("on")) { el.addEventListener(key.slice(2), value); }
    else if (key === "class") { el.className = value; }
    // Through the CSSOM: the Content-Security-Policy refuses style attributes written as markup.
    else if (key === "style") { el.style.cssText = value; }
    else if (key in el && typeof value !== "string") { el[key] = value; }
    else { el.setAttribute(key, value === true ? "" : value); }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return el;
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString([], {hour: "2-digit", minute: "2-digit"}) : "—";
}

export function dateTime(iso) {
  return iso ? new Date(iso).toLocaleString([], {month: "short", day: "numeric", hour: "2-digit", minute: "2-digit"})
    : "—";
}

export function percent(rate) {
  return rate === null || rate === undefined ? "—" : Math.round(rate * 1000) / 10 + " %";
}

export function localDate(d = new Date()) {
  const pad = n => String(n).padStart(2, "0");
  return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
}

/** The ISO week of a date, as <input type=week> and the scorecard want it: 2026-W48. */
export function isoWeek(d = new Date()) {
  const day = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((day - yearStart) / 86400000 + 1) / 7);
  return day.getUTCFullYear() + "-W" + String(week).padStart(2, "0");
}

export function errorBox(message) {
  return h("div", {class: "error", role: "alert"}, message);
}

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

/** A time of day in {@code zone} (the station's IANA zone); the browser's zone only when none is known. */
export function time(iso, zone) {
  return iso ? new Date(iso).toLocaleTimeString("en-US", {hour: "numeric", minute: "2-digit", timeZone: zone}) : "—";
}

export function dateTime(iso, zone) {
  return iso ? new Date(iso).toLocaleString("en-US", {month: "short", day: "numeric", hour: "numeric",
    minute: "2-digit", timeZone: zone}) : "—";
}

/** "Times in America/Los_Angeles (PST)": the zone every time of the view is shown in. */
export function zoneNote(zone) {
  const short = new Intl.DateTimeFormat("en-US", {timeZone: zone, timeZoneName: "short"}).formatToParts(new Date())
    .find(p => p.type === "timeZoneName");
  return h("span", {class: "muted zone", id: "zone"}, "Times in " + zone + (short ? " (" + short.value + ")" : ""));
}

export function percent(rate) {
  return rate === null || rate === undefined ? "—" : Math.round(rate * 1000) / 10 + " %";
}

/** The date (YYYY-MM-DD) of {@code d} in {@code zone}. */
export function localDate(d = new Date(), zone) {
  return new Intl.DateTimeFormat("en-CA", {year: "numeric", month: "2-digit", day: "2-digit", timeZone: zone}).format(d);
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

/**
 * A table whose cells carry their column's name (data-label), so that at phone width each row shows as a card of
 * "name: value" lines instead of scrolling sideways. Rows added later get their labels too.
 */
export function cardTable(attrs, headers, body) {
  const names = headers.map(th => th.textContent);
  const label = () => body.querySelectorAll("tr").forEach(tr => {
    [...tr.children].forEach((td, i) => {
      if (!td.hasAttribute("colspan") && names[i]) { td.dataset.label = names[i]; }
    });
  });
  new MutationObserver(label).observe(body, {childList: true, subtree: true});
  label();
  return h("table", {...attrs, class: ((attrs && attrs.class) || "") + " cards"}, h("thead", {}, h("tr", {}, headers)),
    body);
}

export function errorBox(message) {
  return h("div", {class: "error", role: "alert"}, message);
}

// Scorecard: a week's numbers for the DSP and each driver, and the same numbers over six weeks.
import {api} from "./api.js";
import {h, percent, isoWeek, errorBox, cardTable} from "./dom.js";

const RATES = [["completionRate", "Completion"], ["onTimeRate", "On time"], ["photoCompliance", "Photo compliance"],
  ["firstAttemptSuccess", "First-attempt success"], ["defectRate", "Defects"]];
const SVG = "http://www.w3.org/2000/svg";

export function mount(root, params) {
  const asked = params.get("week");
  const week = asked && /^\d{4}-W\d{2}$/.test(asked) ? asked : isoWeek();
  const content = h("div", {id: "scorecard"}, h("p", {class: "muted"}, "Loading…"));
  root.append(h("h1", {}, "Scorecard"),
    h("div", {class: "toolbar"}, h("label", {for: "week"}, "Week"),
      h("input", {type: "week", id: "week", value: week,
        onchange: e => { if (e.target.value) { location.hash = "scorecard?week=" + e.target.value; } }})),
    content);
  let alive = true;
  api("/v1/dsp/scorecard?week=" + encodeURIComponent(week))
    .then(card => { if (alive) { content.replaceChildren(...render(card)); } })
    .catch(e => { if (alive) { content.replaceChildren(errorBox(e.message)); } });
  return () => { alive = false; };
}

function render(card) {
  const t = card.totals;
  const weeks = card.history.map(w => w.week);
  const tiles = [
    tile("Packages", t.packages, card.history.map(w => w.packages), null, weeks),
    ...RATES.map(([key, label]) => tile(label, percent(t[key]), card.history.map(w => w[key]), 1, weeks)),
    tile("Stops per hour", number(t.stopsPerHour), card.history.map(w => w.stopsPerHour), null, weeks)
  ];
  return [
    h("p", {class: "muted"}, "Week " + card.week + " · " + card.from + " to " + card.to
      + " · delivered " + t.delivered + ", attempted " + t.attempted + ", returned " + t.returned
      + ", flagged far " + t.flaggedFar + (t.defects !== undefined ? " · packages with a defect " + t.defects : "")),
    h("div", {class: "tiles", id: "totals"}, tiles),
    h("h2", {}, "Drivers"),
    cardTable({id: "driver-scores"}, [h("th", {}, "Driver"),
      h("th", {class: "num"}, "Packages"), h("th", {class: "num"}, "Delivered"), h("th", {class: "num"}, "Attempted"),
      h("th", {class: "num"}, "Returned"), h("th", {class: "num"}, "Flagged far"),
      ...RATES.map(([, label]) => h("th", {class: "num"}, label)), h("th", {class: "num"}, "Stops/h")],
    h("tbody", {}, card.drivers.map(d => h("tr", {"data-driver-id": d.driverId}, h("td", {}, d.name || d.driverId),
      h("td", {class: "num"}, d.packages), h("td", {class: "num"}, d.delivered), h("td", {class: "num"}, d.attempted),
      h("td", {class: "num"}, d.returned), h("td", {class: "num"}, d.flaggedFar),
      ...RATES.map(([key]) => h("td", {class: "num"}, percent(d[key]))),
      h("td", {class: "num"}, number(d.stopsPerHour))))))
  ].concat(card.drivers.length ? [] : [h("p", {class: "muted"}, "No driver worked for the DSP that week")]);
}

function number(x) {
  return x === null || x === undefined ? "—" : (Math.round(x * 10) / 10).toString();
}

function tile(label, value, series, max, weeks) {
  return h("div", {class: "tile"}, h("div", {class: "muted"}, label), h("div", {class: "value"}, value),
    spark(series, max, label, weeks));
}

/** Six weeks as a small line chart in inline SVG; a week without data (null) leaves a gap. */
function spark(series, max, label, weeks) {
  // Drawn in its own units and scaled to the tile's width (CSS), so nothing is cut off however narrow the tile.
  const w = 160, hgt = 44, pad = 6;
  const values = series.filter(v => v !== null && v !== undefined);
  const top = max ?? Math.max(1, ...values);
  const x = i => pad + i * (w - 2 * pad) / Math.max(1, series.length - 1);
  const y = v => hgt - pad - (v / top) * (hgt - 2 * pad);
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 " + w + " " + (hgt + 12));
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label + " over the last " + series.length + " weeks");
  svg.setAttribute("class", "history");
  const add = (tag, attrs) => {
    const el = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, v));
    svg.append(el);
    return el;
  };
  add("line", {x1: pad, y1: hgt - pad, x2: w - pad, y2: hgt - pad, stroke: "#e3e6ea"});
  let d = "", pen = false;
  series.forEach((v, i) => {
    if (v === null || v === undefined) { pen = false; return; }
    d += (pen ? " L" : " M") + x(i).toFixed(1) + "," + y(v).toFixed(1);
    pen = true;
  });
  add("path", {d: d.trim() || "M0,0", fill: "none", stroke: "#1f6feb", "stroke-width": 2});
  series.forEach((v, i) => {
    if (v !== null && v !== undefined) { add("circle", {cx: x(i), cy: y(v), r: 2.5, fill: "#1f6feb"}); }
  });
  add("text", {x: 1, y: hgt + 10, class: "axis"}).textContent = weeks[0] || "";
  add("text", {x: w - 1, y: hgt + 10, class: "axis", "text-anchor": "end"}).textContent = weeks[weeks.length - 1] || "";
  series.forEach((v, i) => {
    const title = document.createElementNS(SVG, "title");
    title.textContent = weeks[i] + ": " + (v === null || v === undefined ? "no data" : max === 1 ? percent(v) : number(v));
    add("rect", {x: x(i) - 6, y: 0, width: 12, height: hgt, fill: "transparent"}).append(title);
  });
  return svg;
}

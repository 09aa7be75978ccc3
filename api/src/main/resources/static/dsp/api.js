// The /v1 API with the dispatcher's token: JSON calls with RFC 9457 problems as errors, paging, and
// Server-Sent Events read with fetch (EventSource cannot send a bearer token), reconnecting with backoff.
import {session, signOut} from "./auth.js";

export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function describe(status, problem) {
  if (!problem) { return "HTTP " + status; }
  // The detail names drivers, vans and routes as the dispatcher knows them; the reason code stays on the error.
  const fields = Array.isArray(problem.errors) && problem.errors.length
    ? ": " + problem.errors.map(e => e.field + " " + e.reason).join(", ") : "";
  return (problem.detail || problem.title || "HTTP " + status) + fields;
}

function expired() {
  signOut();
  window.dispatchEvent(new Event("portal:signed-out"));
}

function authorization() {
  const s = session();
  if (!s) { expired(); throw new ApiError(401, {detail: "Please sign in again"}); }
  return "Bearer " + s.token;
}

export async function api(path, {method = "GET", body} = {}) {
  const headers = {Authorization: authorization(), Accept: "application/json"};
  if (body !== undefined) { headers["Content-Type"] = "application/json"; }
  const res = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  if (res.status === 401) { expired(); }
  if (!res.ok) {
    throw new ApiError(res.status, await res.json().catch(() => null));
  }
  return res.status === 204 ? null : res.json();
}

/** Every item of a paged list (items + next cursor). */
export async function all(path) {
  const items = [];
  let after = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const page = await api(path + sep + "limit=500" + (after ? "&after=" + encodeURIComponent(after) : ""));
    items.push(...page.items);
    after = page.next;
  } while (after);
  return items;
}

/**
 * Follows an SSE stream: onEvent(name, data) per event; onStatus("live" | "reconnecting" | "unavailable").
 * Returns a function that closes it for good.
 */
export function stream(path, onEvent, onStatus = () => {}) {
  let closed = false, controller = null, delay = 1000;
  async function connect() {
    controller = new AbortController();
    try {
      const res = await fetch(path, {headers: {Authorization: authorization(), Accept: "text/event-stream"},
        signal: controller.signal});
      if (res.status === 401) { expired(); return; }
      if (!res.ok || !res.body) {
        onStatus(res.status === 404 ? "unavailable" : "reconnecting");
        throw new Error("HTTP " + res.status);
      }
      onStatus("live");
      delay = 1000;
      await read(res.body.getReader(), onEvent);
    } catch (e) {
      if (closed || e instanceof ApiError) { return; }
    }
    if (!closed) {
      onStatus("reconnecting");
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    }
  }
  connect();
  return () => { closed = true; if (controller) { controller.abort(); } };
}

async function read(reader, onEvent) {
  const decoder = new TextDecoder();
  let buffer = "", name = "", data = [];
  for (;;) {
    const {value, done} = await reader.read();
    if (done) { return; }
    buffer += decoder.decode(value, {stream: true});
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop();
    for (const line of lines) {
      if (line === "") {
        if (data.length) { dispatch(onEvent, name || "message", data.join("\n")); }
        name = ""; data = [];
      } else if (!line.startsWith(":")) {
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? "" : line.slice(colon + 1);
        if (value.startsWith(" ")) { value = value.slice(1); }
        if (field === "event") { name = value; } else if (field === "data") { data.push(value); }
      }
    }
  }
}

function dispatch(onEvent, name, text) {
  let data;
  try { data = JSON.parse(text); } catch (e) { data = text; }
  onEvent(name, data);
}

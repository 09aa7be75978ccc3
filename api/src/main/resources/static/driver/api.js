// The /v1 API with the driver's token: JSON (or multipart) in, JSON out, RFC 9457 problems as ApiError.
import {session, forget} from "./auth.js";

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && (problem.detail || problem.title) || (status ? "HTTP " + status : "offline"));
    this.status = status;
    this.problem = problem || {};
    this.reason = this.problem.reason || (status === 429 ? "RATE_LIMITED" : null);
  }

  /** No answer at all: the phone is offline or the server unreachable. */
  get offline() { return this.status === 0; }
}

export async function api(path, {method = "GET", body, form, headers = {}} = {}) {
  const s = session();
  if (!s) { window.dispatchEvent(new Event("driver:signed-out")); throw new ApiError(401, {}); }
  const all = {Authorization: "Bearer " + s.token, Accept: "application/json", ...headers};
  if (body !== undefined) { all["Content-Type"] = "application/json"; }
  let res;
  try {
    res = await fetch(path, {method, headers: all, body: form || (body === undefined ? undefined : JSON.stringify(body))});
  } catch (e) {
    throw new ApiError(0, null);
  }
  if (res.status === 401) { forget(); window.dispatchEvent(new Event("driver:signed-out")); }
  if (!res.ok) { throw new ApiError(res.status, await res.json().catch(() => null)); }
  return res.status === 204 ? null : res.json();
}

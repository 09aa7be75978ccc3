// The dispatcher's session: a bearer token in sessionStorage (gone with the tab), from the local issuer's
// password grant or from the external issuer by the authorization code flow with PKCE (S256).
const SESSION = "doorstep.dsp.session";
const PENDING = "doorstep.dsp.pkce";

export function session() {
  const raw = sessionStorage.getItem(SESSION);
  if (!raw) { return null; }
  const s = JSON.parse(raw);
  if (s.expiresAt && Date.now() >= s.expiresAt) { signOut(); return null; }
  return s;
}

export function signOut() {
  sessionStorage.removeItem(SESSION);
}

export function claimsOf(jwt) {
  const part = jwt.split(".")[1] || "";
  const bytes = Uint8Array.from(atob(part.replace(/-/g, "+").replace(/_/g, "/")), c => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** Keeps the token if it is a dispatcher's; the DSP comes from the token, never from the page. */
function keep(answer) {
  const claims = claimsOf(answer.access_token);
  const roles = Array.isArray(claims.roles) ? claims.roles : [];
  if (!roles.includes("DISPATCHER") || !claims.dsp) {
    throw new Error("This account is not a DSP dispatcher");
  }
  const expiresAt = claims.exp ? claims.exp * 1000 : Date.now() + (answer.expires_in || 3600) * 1000;
  const s = {token: answer.access_token, dsp: claims.dsp, name: claims.name || claims.preferred_username || claims.sub,
    expiresAt};
  sessionStorage.setItem(SESSION, JSON.stringify(s));
  return s;
}

async function postForm(url, fields) {
  return fetch(url, {method: "POST", body: new URLSearchParams(fields),
    headers: {"Content-Type": "application/x-www-form-urlencoded", Accept: "application/json"}});
}

/** The local issuer's password grant for a dispatcher account made by station ops. */
export async function signInWithPassword(username, password) {
  const res = await postForm("/oauth2/token", {grant_type: "password", username, password, client_id: "dsp-portal"});
  if (res.status === 429) {
    const wait = res.headers.get("Retry-After");
    throw new Error("Too many attempts. Try again" + (wait ? " in " + wait + " s" : " later") + ".");
  }
  if (res.status === 400 || res.status === 401) {
    const body = await res.json().catch(() => ({}));
    throw new Error(body.error === "invalid_grant" || res.status === 401 ? "Wrong username or password"
      : body.error_description || body.detail || "Sign-in refused");
  }
  if (!res.ok) { throw new Error("Sign-in failed (HTTP " + res.status + ")"); }
  return keep(await res.json());
}

function base64url(bytes) {
  let text = "";
  new Uint8Array(bytes).forEach(b => { text += String.fromCharCode(b); });
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomText() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

function redirectUri() {
  return location.origin + "/dsp/callback";
}

/** Sends the browser to the external issuer; it comes back to /dsp/callback with a code and our state. */
export async function beginExternalSignIn(config) {
  const verifier = randomText();
  const state = randomText();
  const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({verifier, state, returnTo: location.hash || "#today"}));
  const url = new URL(config.authorizationEndpoint);
  url.search = new URLSearchParams({response_type: "code", client_id: config.clientId, redirect_uri: redirectUri(),
    scope: config.scopes, state, code_challenge: challenge, code_challenge_method: "S256"}).toString();
  location.assign(url.toString());
}

/** On /dsp/callback: checks the state, exchanges the code with the verifier, and returns where to go next. */
export async function finishExternalSignIn(config) {
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || "null");
  sessionStorage.removeItem(PENDING);
  if (params.get("error")) {
    throw new Error("The issuer refused the sign-in: " + (params.get("error_description") || params.get("error")));
  }
  if (!pending || !params.get("state") || params.get("state") !== pending.state) {
    throw new Error("This sign-in was not started here (state mismatch). Please sign in again.");
  }
  const res = await postForm(config.tokenEndpoint, {grant_type: "authorization_code", code: params.get("code"),
    redirect_uri: redirectUri(), client_id: config.clientId, code_verifier: pending.verifier});
  if (!res.ok) { throw new Error("The issuer did not give a token (HTTP " + res.status + ")"); }
  keep(await res.json());
  return pending.returnTo;
}

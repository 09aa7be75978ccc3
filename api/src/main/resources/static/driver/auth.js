// The driver's session: a bearer token kept on the phone (localStorage) until it expires or the driver signs out,
// so that the installed app opens signed in. Tokens come from the local issuer's persona endpoint (development
// mode only) or from the external OIDC issuer by the authorization code flow with PKCE (S256).
const SESSION = "doorstep.driver.session";
const PENDING = "doorstep.driver.pkce";

export function session() {
  const s = JSON.parse(localStorage.getItem(SESSION) || "null");
  if (s && s.expiresAt && Date.now() >= s.expiresAt) { localStorage.removeItem(SESSION); return null; }
  return s;
}

/** Adds what the app learnt about the driver (a Flex driver or a DSP's) to the session. */
export function note(facts) {
  const s = session();
  if (s) { localStorage.setItem(SESSION, JSON.stringify({...s, ...facts})); }
}

export function forget() {
  localStorage.removeItem(SESSION);
}

function claimsOf(jwt) {
  const part = (jwt.split(".")[1] || "").replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), c => c.charCodeAt(0))));
}

/** Keeps the token if it is a driver's; the driver id is the token's subject, never typed into a request. */
function keep(accessToken, expiresIn) {
  const claims = claimsOf(accessToken);
  if (!Array.isArray(claims.roles) || !claims.roles.includes("DRIVER")) {
    throw new Error("This account is not a driver's");
  }
  const s = {token: accessToken, driverId: claims.sub, name: claims.name || claims.preferred_username || claims.sub,
    expiresAt: claims.exp ? claims.exp * 1000 : Date.now() + (expiresIn || 3600) * 1000};
  localStorage.setItem(SESSION, JSON.stringify(s));
  return s;
}

/** Development mode: the local issuer signs a DRIVER token for the id typed in (POST /local/tokens). */
export async function signInLocally(driverId) {
  const res = await fetch("/local/tokens", {method: "POST", headers: {"Content-Type": "application/json",
    Accept: "application/json"}, body: JSON.stringify({sub: driverId, roles: ["DRIVER"]})});
  if (!res.ok) { throw new Error("HTTP " + res.status); }
  const answer = await res.json();
  return keep(answer.access_token, answer.expires_in);
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function discovery(config) {
  const res = await fetch(config.issuerUri.replace(/\/$/, "") + "/.well-known/openid-configuration");
  if (!res.ok) { throw new Error("HTTP " + res.status); }
  return res.json();
}

const redirectUri = () => location.origin + "/driver/callback";

/** Sends the browser to the external issuer; it comes back to /driver/callback with a code and our state. */
export async function beginExternalSignIn(config) {
  const issuer = await discovery(config);
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({verifier, state, token: issuer.token_endpoint}));
  const url = new URL(issuer.authorization_endpoint);
  url.search = new URLSearchParams({response_type: "code", client_id: config.clientId, redirect_uri: redirectUri(),
    scope: config.scopes, state, code_challenge: challenge, code_challenge_method: "S256"}).toString();
  location.assign(url.toString());
}

/** On /driver/callback: checks the state and exchanges the code for the driver's token. */
export async function finishExternalSignIn(config) {
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || "null");
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, "", "/driver/#today");
  if (params.get("error")) { throw new Error(params.get("error_description") || params.get("error")); }
  if (!pending || params.get("state") !== pending.state) { throw new Error("State mismatch: please sign in again."); }
  const res = await fetch(pending.token, {method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded"},
    body: new URLSearchParams({grant_type: "authorization_code", code: params.get("code"), redirect_uri: redirectUri(),
      client_id: config.clientId, code_verifier: pending.verifier})});
  if (!res.ok) { throw new Error("HTTP " + res.status); }
  const answer = await res.json();
  return keep(answer.access_token, answer.expires_in);
}

// Push for new offers and assignments: Firebase Cloud Messaging's web SDK when the server is configured for it
// (DOORSTEP_FCM_WEB_CONFIG), the token registered at POST /v1/driver/devices and removed at sign-out. Without
// that configuration, or in a browser without push, the app says so and works without.
import {api} from "./api.js";
import {language} from "./i18n.js";

const CONFIG = window.DRIVER_CONFIG || {};
const KEY = "doorstep.driver.push-token";
const SDK = "https://www.gstatic.com/firebasejs/10.14.1/";

/** "unavailable" (not configured), "unsupported", "denied", "on" or "off". */
export function state() {
  if (!CONFIG.fcmWebConfig) { return "unavailable"; }
  if (!("Notification" in window) || !("serviceWorker" in navigator) || !("PushManager" in window)) {
    return "unsupported";
  }
  if (Notification.permission === "denied") { return "denied"; }
  return localStorage.getItem(KEY) ? "on" : "off";
}

/** Asks for permission (call from a tap), gets the FCM token and registers it for the signed-in driver. */
export async function enable() {
  if (await Notification.requestPermission() !== "granted") { return state(); }
  const {initializeApp} = await import(SDK + "firebase-app.js");
  const {getMessaging, getToken} = await import(SDK + "firebase-messaging.js");
  // Firebase's own worker, in a scope of its own: the app's worker keeps /driver/.
  const worker = await navigator.serviceWorker.register("/firebase-messaging-sw.js?config="
    + encodeURIComponent(JSON.stringify(CONFIG.fcmWebConfig)), {scope: "/firebase-cloud-messaging-push-scope"});
  const token = await getToken(getMessaging(initializeApp(CONFIG.fcmWebConfig)),
    {vapidKey: CONFIG.fcmVapidKey, serviceWorkerRegistration: worker});
  await api("/v1/driver/devices", {method: "POST", body: {token, platform: "WEB", locale: language()}});
  localStorage.setItem(KEY, token);
  return state();
}

/** At sign-out: the phone stops getting this driver's pushes. */
export async function disable() {
  const token = localStorage.getItem(KEY);
  localStorage.removeItem(KEY);
  if (token) {
    await api("/v1/driver/devices/" + encodeURIComponent(token), {method: "DELETE"}).catch(() => null);
  }
}

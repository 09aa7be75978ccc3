// The phone's positions while the route is in progress: from the Geolocation API into the IndexedDB queue, and
// from there to POST /v1/driver/pings in batches whenever the connection allows. A batch leaves the queue only
// after a 2xx answer; a retry of a batch whose answer was lost is harmless (the server counts the same ts as a
// duplicate). One upload at a time, across tabs too (Web Locks).
import {api} from "./api.js";
import {session} from "./auth.js";
import {enqueue, oldest, remove, count} from "./queue.js";

const BATCH = 100;
const SEND_AFTER_MS = 3000;
const RESEND_EVERY_MS = 30000;
const MIN_MOVE_METERS = 10;
const MIN_INTERVAL_MS = 30000;

let watch = null;
let last = null;
let recorded = null;
let timer = null;
let uploading = null;
const listeners = new Set();

/** The latest position the phone gave, or null: {lat, lon, accuracy, at}. */
export function lastPosition() {
  return last;
}

/** Calls listener({queued, online}) now and after every change. */
export function onStatus(listener) {
  listeners.add(listener);
  announce();
  return () => listeners.delete(listener);
}

async function announce() {
  const s = session();
  const queued = s ? await count(s.driverId).catch(() => 0) : 0;
  listeners.forEach(l => l({queued, online: navigator.onLine, tracking: watch !== null}));
}

function meters(a, b) {
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos((a.lat + b.lat) / 2 * rad);
  const y = (b.lat - a.lat) * rad;
  return Math.sqrt(x * x + y * y) * 6371000;
}

function remember(position) {
  const c = position.coords;
  last = {lat: c.latitude, lon: c.longitude, accuracy: c.accuracy, at: position.timestamp};
  return last;
}

/** A fresh position for check-in or the door, or the last one known when the phone gives none in time. */
export function currentPosition() {
  return new Promise(resolve => {
    if (!("geolocation" in navigator)) { resolve(last); return; }
    navigator.geolocation.getCurrentPosition(p => resolve(remember(p)), () => resolve(last),
      {enableHighAccuracy: true, timeout: 10000, maximumAge: 0});
  });
}

async function record(position) {
  const s = session();
  const here = remember(position);
  if (!s) { return; }
  if (recorded && meters(recorded, here) < MIN_MOVE_METERS && here.at - recorded.at < MIN_INTERVAL_MS) { return; }
  recorded = here;
  const c = position.coords;
  const ping = {ts: new Date(position.timestamp).toISOString(), lat: c.latitude, lon: c.longitude,
    accuracy: c.accuracy ?? null, speed: c.speed ?? null, heading: Number.isFinite(c.heading) ? c.heading : null,
    altitude: c.altitude ?? null};
  const battery = navigator.getBattery ? await navigator.getBattery().catch(() => null) : null;
  if (battery) { ping.battery = battery.level; }
  await enqueue(s.driverId, ping);
  announce();
  schedule(SEND_AFTER_MS);
}

function schedule(ms) {
  if (timer === null) {
    timer = setTimeout(() => { timer = null; upload(); }, ms);
  }
}

/** Starts following the phone's position (idempotent). */
export function start() {
  if (watch !== null || !("geolocation" in navigator)) { return; }
  watch = navigator.geolocation.watchPosition(p => { record(p); }, () => announce(),
    {enableHighAccuracy: true, maximumAge: 0, timeout: 60000});
  announce();
}

export function stop() {
  if (watch !== null) { navigator.geolocation.clearWatch(watch); watch = null; }
  announce();
}

/** Sends every waiting ping of the signed-in driver, batch by batch; resolves when done or when it cannot go on. */
export function upload() {
  if (!uploading) {
    const send = () => sendAll().catch(() => schedule(RESEND_EVERY_MS));
    uploading = (navigator.locks ? navigator.locks.request("doorstep-driver-pings", send) : send())
      .finally(() => { uploading = null; announce(); });
  }
  return uploading;
}

async function sendAll() {
  const s = session();
  if (!s) { return; }
  for (;;) {
    const batch = await oldest(s.driverId, BATCH);
    if (!batch.length) { return; }
    // Throws when offline or refused: the batch stays queued for the next try.
    await api("/v1/driver/pings", {method: "POST", body: {pings: batch.map(e => e.ping)}});
    await remove(batch);
    announce();
  }
}

window.addEventListener("online", () => { announce(); upload(); });
window.addEventListener("offline", () => announce());
document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") { upload(); } });
setInterval(() => upload(), RESEND_EVERY_MS);

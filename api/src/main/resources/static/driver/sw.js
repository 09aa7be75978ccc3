// The driver app's service worker: keeps the app's own files so that it opens without a connection, and
// fetches them fresh whenever it can (network first). API calls are never cached: the app queues what it must
// send (positions in IndexedDB) and says when it is offline.
const CACHE = "doorstep-driver-1";
const SHELL = ["/driver/", "/driver/app.js", "/driver/api.js", "/driver/auth.js", "/driver/i18n.js", "/driver/ui.js",
  "/driver/queue.js", "/driver/tracker.js", "/driver/push.js", "/driver/today.js", "/driver/stop.js",
  "/driver/offers.js", "/driver/blocks.js", "/driver/more.js", "/driver/driver.css", "/driver/manifest.json",
  "/driver/icons/icon.svg", "/driver/icons/icon-192.png", "/driver/icons/icon-512.png", "/dsp/dom.js",
  "/webjars/leaflet/1.9.4/dist/leaflet.js", "/webjars/leaflet/1.9.4/dist/leaflet.css"];

self.addEventListener("install", event => {
  event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", event => {
  event.waitUntil(caches.keys()
    .then(names => Promise.all(names.filter(n => n.startsWith("doorstep-driver-") && n !== CACHE).map(n => caches.delete(n))))
    .then(() => self.clients.claim()));
});

function kept(url) {
  return url.origin === self.location.origin && (url.pathname.startsWith("/driver/") || url.pathname === "/dsp/dom.js"
    || url.pathname.startsWith("/webjars/leaflet/"));
}

self.addEventListener("fetch", event => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || !kept(url)) { return; }
  // Every page of the app is the same page; the callback keeps its query for the sign-in to read.
  const key = request.mode === "navigate" ? "/driver/" : request;
  event.respondWith(fetch(request).then(response => {
    if (response.ok && url.pathname !== "/driver/callback") {
      const copy = response.clone();
      caches.open(CACHE).then(cache => cache.put(key, copy));
    }
    return response;
  }).catch(() => caches.match(key).then(hit => hit || Response.error())));
});

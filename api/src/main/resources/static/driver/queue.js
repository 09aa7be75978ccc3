// Positions waiting for upload, in IndexedDB: they survive a closed app, a reload and a dead connection. A ping is
// keyed by driver and its ts, the same identity the server dedupes on, so queueing it twice keeps one.
const DB = "doorstep-driver";
const STORE = "pings";

let opened = null;

function db() {
  if (!opened) {
    opened = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, {keyPath: ["driverId", "ping.ts"]});
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }
  return opened;
}

async function run(mode, work) {
  const tx = (await db()).transaction(STORE, mode);
  const result = work(tx.objectStore(STORE));
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve(result instanceof IDBRequest ? result.result : undefined);
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

const ofDriver = driverId => IDBKeyRange.bound([driverId, ""], [driverId, "\uffff"]);

export function enqueue(driverId, ping) {
  return run("readwrite", store => store.put({driverId, ping}));
}

/** The driver's oldest waiting pings, at most limit, as {driverId, ping}. */
export function oldest(driverId, limit) {
  return run("readonly", store => store.getAll(ofDriver(driverId), limit));
}

/** Forgets exactly these pings (after the server answered 2xx for them). */
export function remove(entries) {
  return run("readwrite", store => entries.forEach(e => store.delete([e.driverId, e.ping.ts])));
}

export function count(driverId) {
  return run("readonly", store => store.count(ofDriver(driverId)));
}

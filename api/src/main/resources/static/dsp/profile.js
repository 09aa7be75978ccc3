// The DSP and the stations by name (GET /v1/dsp/profile), read once per sign-in; the home time zone is the one of
// the station most of the DSP's drivers work from, so "today" and every time shown are the station's, not the
// browser's.
import {api} from "./api.js";
import {drivers} from "./fleet-data.js";

let loaded = null;

export function profile() {
  if (!loaded) {
    loaded = Promise.all([api("/v1/dsp/profile"), drivers().catch(() => [])]).then(([p, ds]) => {
      const station = new Map(p.stations.map(s => [s.id, s]));
      const counts = new Map();
      ds.forEach(d => counts.set(d.homeStationId, (counts.get(d.homeStationId) || 0) + 1));
      const home = [...counts.entries()].filter(([id]) => station.has(id)).sort((a, b) => b[1] - a[1])[0];
      const homeStation = home ? station.get(home[0]) : p.stations[0];
      return {...p, station, homeStation,
        zone: homeStation ? homeStation.timeZone : Intl.DateTimeFormat().resolvedOptions().timeZone,
        stationName: id => station.get(id)?.name || id,
        zoneOf: id => station.get(id)?.timeZone || (homeStation ? homeStation.timeZone : undefined)};
    });
    loaded.catch(() => { loaded = null; });
  }
  return loaded;
}

export function forget() {
  loaded = null;
}

// The DSP's drivers and vans, read through the same API as every client (the DSP id is the token's).
import {all} from "./api.js";
import {session} from "./auth.js";

export async function drivers() {
  return all("/v1/drivers?dspId=" + encodeURIComponent(session().dsp));
}

export async function vans() {
  return all("/v1/dsps/" + encodeURIComponent(session().dsp) + "/vans");
}

/** Drivers and vans by id; a list the API refuses is empty, so the other views still work. */
export async function fleet() {
  const [d, v] = await Promise.all([drivers().catch(() => []), vans().catch(() => [])]);
  return {drivers: d, vans: v, driver: new Map(d.map(x => [x.id, x])), van: new Map(v.map(x => [x.id, x]))};
}

// English and Spanish: the browser's language first, then the driver's choice (kept on the phone).
const KEY = "doorstep.driver.language";

const TEXT = {
  en: {
    language: "Language", tabToday: "Today", tabOffers: "Offers", tabBlocks: "My blocks", tabMore: "More",
    online: "Online", offline: "Offline", waiting: n => n === 1 ? "1 position waiting" : n + " positions waiting",
    signInTitle: "Driver sign-in", signInLocalHelp: "Development mode: the local issuer signs a token for any driver id.",
    driverId: "Driver id", signIn: "Sign in", signInWith: name => "Sign in with " + name,
    noDriver: "No driver has this id.", issuerDown: "The sign-in service cannot be reached right now. Try again in a moment.",
    signOut: "Sign out", signedInAs: id => "Signed in as " + id,
    todayRoute: "Today's route", nextRoute: date => "Next route · " + date, noRoute: "No route today or tomorrow.",
    stopsDone: (done, total) => done + " of " + total + " stops done",
    startRoute: "Start route", finishRoute: "Finish route",
    finishOpen: n => n + " stops are still open: their packages go back to the station. Finish anyway?",
    routeFinished: "Route finished", bringBack: "Bring back to the station", nothingBack: "Nothing to bring back.",
    nextStop: "Next stop", stop: n => "Stop " + n, open: "Open", arrive: "Arrive", navigate: "Navigate",
    otherMapApp: "Other map app", window: "Window", notes: "Notes", packages: "Packages",
    statusPENDING: "To do", statusARRIVED: "Arrived", statusCOMPLETED: "Done", statusSKIPPED: "Skipped",
    routeASSIGNED: "Ready to start", routeIN_PROGRESS: "In progress", routeFINISHED: "Finished", routePLANNED: "Planned",
    routeCANCELLED: "Cancelled", pickup: "Pick-up (return)", delivery: "Delivery",
    outcome: "Outcome", delivered: "Delivered", pickedUp: "Picked up", failed: reason => "Not done: " + reason,
    place: "Where", recipientName: "Received by (optional)", photo: "Photo", takePhoto: "Take a photo of the door or the parcel",
    photoNeeded: "Take a photo first.", send: "Send", sending: "Sending…", stopCompleted: "Stop completed.",
    sendFailedOffline: "No connection. Nothing was lost: tap Send again when you are back online.",
    back: "Back to the route", map: "Map of the route", legendTodo: "Stop to do", legendDone: "Stop done",
    legendMe: "You",
    offers: "Offers", noOffers: "No blocks on offer right now.", claim: "Claim", claimed: "Claimed: it is in My blocks.",
    hours: m => (m % 60 ? (m / 60).toFixed(1) : m / 60) + " h", station: "Station",
    myBlocks: "My blocks", noBlocks: "No blocks.", checkIn: "Check in", forfeit: "Forfeit",
    reallyForfeit: "Give this block back?", yesForfeit: "Yes, give it back", keep: "Keep it",
    checkedIn: "Checked in.", forfeited: "Given back.", locating: "Finding your position…",
    noPosition: "Your position is not available. Allow location for this site and try again.",
    blockOFFERED: "On offer", blockCLAIMED: "Claimed", blockCHECKED_IN: "Checked in", blockCOMPLETED: "Completed",
    blockCANCELLED: "Cancelled", blockNO_SHOW: "No-show", openRoute: "Open the route",
    more: "More", push: "Notifications", pushOn: "Notifications are on for this phone.",
    pushEnable: "Turn on notifications", pushUnavailable: "Notifications are not set up on this server.",
    pushUnsupported: "This browser cannot receive notifications.", pushDenied: "Notifications are blocked for this site.",
    positions: "Positions", sendNow: "Send now", tracking: "Your position is shared while your route is in progress.",
    reasons: {
      OUTSIDE_GEOFENCE: "You are not inside the station's area yet.", TOO_EARLY: "Check-in has not opened yet (15 minutes before the start).",
      TOO_LATE: "Check-in has closed.", ALREADY_CLAIMED: "Someone else got this block.",
      OVERLAP: "It overlaps another of your blocks (with travel time).", DAILY_CAP: "It would pass your daily limit.",
      WEEKLY_CAP: "It would pass your weekly limit.", ALREADY_DELIVERED: "This package is already delivered.",
      ILLEGAL_TRANSITION: "That is not possible in the route's current state.", RATE_LIMITED: "Too many requests: wait a moment."
    },
    attempt: {
      NO_ACCESS: "No access", CUSTOMER_UNAVAILABLE: "Customer unavailable", UNSAFE_LOCATION: "Unsafe location",
      BUSINESS_CLOSED: "Business closed", DAMAGED: "Damaged", WRONG_ADDRESS: "Wrong address", REFUSED: "Refused",
      NO_SAFE_PLACE: "No safe place", OUT_OF_TIME: "Out of time", OTHER: "Other"
    },
    places: {
      FRONT_DOOR: "Front door", BACK_DOOR: "Back door", SIDE_DOOR: "Side door", PORCH: "Porch", MAILROOM: "Mail room",
      RECEPTIONIST: "Receptionist", HANDED_TO_RESIDENT: "Handed to resident", LOCKER: "Locker", GARAGE: "Garage",
      LOADING_DOCK: "Loading dock", NEIGHBOR: "Neighbour", OTHER: "Other"
    }
  },
  es: {
    language: "Idioma", tabToday: "Hoy", tabOffers: "Ofertas", tabBlocks: "Mis bloques", tabMore: "Más",
    online: "En línea", offline: "Sin conexión", waiting: n => n === 1 ? "1 posición en espera" : n + " posiciones en espera",
    signInTitle: "Acceso de conductor", signInLocalHelp: "Modo de desarrollo: el emisor local firma un token para cualquier id de conductor.",
    driverId: "Id de conductor", signIn: "Entrar", signInWith: name => "Entrar con " + name,
    noDriver: "No hay ningún conductor con este id.", issuerDown: "El servicio de acceso no responde. Inténtalo de nuevo en un momento.",
    signOut: "Salir", signedInAs: id => "Conectado como " + id,
    todayRoute: "Ruta de hoy", nextRoute: date => "Próxima ruta · " + date, noRoute: "No hay ruta hoy ni mañana.",
    stopsDone: (done, total) => done + " de " + total + " paradas hechas",
    startRoute: "Empezar la ruta", finishRoute: "Terminar la ruta",
    finishOpen: n => "Quedan " + n + " paradas abiertas: sus paquetes vuelven a la estación. ¿Terminar igualmente?",
    routeFinished: "Ruta terminada", bringBack: "Devolver a la estación", nothingBack: "Nada que devolver.",
    nextStop: "Próxima parada", stop: n => "Parada " + n, open: "Abrir", arrive: "He llegado", navigate: "Navegar",
    otherMapApp: "Otra app de mapas", window: "Franja", notes: "Notas", packages: "Paquetes",
    statusPENDING: "Pendiente", statusARRIVED: "En la parada", statusCOMPLETED: "Hecha", statusSKIPPED: "Omitida",
    routeASSIGNED: "Lista para empezar", routeIN_PROGRESS: "En curso", routeFINISHED: "Terminada", routePLANNED: "Planificada",
    routeCANCELLED: "Cancelada", pickup: "Recogida (devolución)", delivery: "Entrega",
    outcome: "Resultado", delivered: "Entregado", pickedUp: "Recogido", failed: reason => "No hecho: " + reason,
    place: "Dónde", recipientName: "Recibido por (opcional)", photo: "Foto", takePhoto: "Haz una foto de la puerta o del paquete",
    photoNeeded: "Primero haz una foto.", send: "Enviar", sending: "Enviando…", stopCompleted: "Parada hecha.",
    sendFailedOffline: "Sin conexión. No se ha perdido nada: pulsa Enviar de nuevo cuando vuelvas a tener conexión.",
    back: "Volver a la ruta", map: "Mapa de la ruta", legendTodo: "Parada pendiente", legendDone: "Parada hecha",
    legendMe: "Tú",
    offers: "Ofertas", noOffers: "No hay bloques en oferta ahora.", claim: "Reservar", claimed: "Reservado: está en Mis bloques.",
    hours: m => (m % 60 ? (m / 60).toFixed(1).replace(".", ",") : m / 60) + " h", station: "Estación",
    myBlocks: "Mis bloques", noBlocks: "No hay bloques.", checkIn: "Registrar llegada", forfeit: "Renunciar",
    reallyForfeit: "¿Devolver este bloque?", yesForfeit: "Sí, devolverlo", keep: "Quedármelo",
    checkedIn: "Llegada registrada.", forfeited: "Devuelto.", locating: "Buscando tu posición…",
    noPosition: "Tu posición no está disponible. Permite la ubicación para este sitio e inténtalo de nuevo.",
    blockOFFERED: "En oferta", blockCLAIMED: "Reservado", blockCHECKED_IN: "Llegada registrada", blockCOMPLETED: "Completado",
    blockCANCELLED: "Cancelado", blockNO_SHOW: "No presentado", openRoute: "Abrir la ruta",
    more: "Más", push: "Notificaciones", pushOn: "Las notificaciones están activadas en este teléfono.",
    pushEnable: "Activar notificaciones", pushUnavailable: "Las notificaciones no están configuradas en este servidor.",
    pushUnsupported: "Este navegador no puede recibir notificaciones.", pushDenied: "Las notificaciones están bloqueadas para este sitio.",
    positions: "Posiciones", sendNow: "Enviar ahora", tracking: "Tu posición se comparte mientras tu ruta está en curso.",
    reasons: {
      OUTSIDE_GEOFENCE: "Todavía no estás dentro del recinto de la estación.", TOO_EARLY: "El registro aún no está abierto (15 minutos antes del inicio).",
      TOO_LATE: "El registro ya está cerrado.", ALREADY_CLAIMED: "Otra persona ha reservado este bloque.",
      OVERLAP: "Se solapa con otro de tus bloques (con el tiempo de viaje).", DAILY_CAP: "Superaría tu límite diario.",
      WEEKLY_CAP: "Superaría tu límite semanal.", ALREADY_DELIVERED: "Este paquete ya está entregado.",
      ILLEGAL_TRANSITION: "Eso no es posible en el estado actual de la ruta.", RATE_LIMITED: "Demasiadas peticiones: espera un momento."
    },
    attempt: {
      NO_ACCESS: "Sin acceso", CUSTOMER_UNAVAILABLE: "Cliente ausente", UNSAFE_LOCATION: "Lugar inseguro",
      BUSINESS_CLOSED: "Negocio cerrado", DAMAGED: "Dañado", WRONG_ADDRESS: "Dirección incorrecta", REFUSED: "Rechazado",
      NO_SAFE_PLACE: "Ningún lugar seguro", OUT_OF_TIME: "Sin tiempo", OTHER: "Otro"
    },
    places: {
      FRONT_DOOR: "Puerta principal", BACK_DOOR: "Puerta trasera", SIDE_DOOR: "Puerta lateral", PORCH: "Porche",
      MAILROOM: "Sala de correo", RECEPTIONIST: "Recepción", HANDED_TO_RESIDENT: "En mano al residente", LOCKER: "Taquilla",
      GARAGE: "Garaje", LOADING_DOCK: "Muelle de carga", NEIGHBOR: "Vecino", OTHER: "Otro"
    }
  }
};

export const ATTEMPT_REASONS = Object.keys(TEXT.en.attempt);
export const PLACES = Object.keys(TEXT.en.places);

function supported(tag) {
  const base = (tag || "").toLowerCase().split("-")[0];
  return TEXT[base] ? base : null;
}

export function language() {
  const chosen = supported(localStorage.getItem(KEY));
  if (chosen) { return chosen; }
  for (const tag of navigator.languages || [navigator.language]) {
    if (supported(tag)) { return supported(tag); }
  }
  return "en";
}

export function setLanguage(lang) {
  localStorage.setItem(KEY, supported(lang) || "en");
  document.documentElement.lang = language();
}

/** The text of key in the current language; a function entry is called with args. */
export function t(key, ...args) {
  const entry = TEXT[language()][key] ?? TEXT.en[key] ?? key;
  return typeof entry === "function" ? entry(...args) : entry;
}

/** The text of a stable code (a problem's reason, an attempt reason, a place). */
export function code(group, value) {
  return TEXT[language()][group][value] || TEXT.en[group][value] || value;
}

/** Fills every [data-i18n] element of the static page. */
export function translatePage() {
  document.documentElement.lang = language();
  document.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.dataset.i18n); });
  const select = document.getElementById("language");
  if (select) { select.value = language(); }
}

/** A time (and the day, with day: true) in the zone the API named, in the driver's language. */
export function when(iso, zone, {day = false} = {}) {
  if (!iso) { return "—"; }
  const options = {hour: "2-digit", minute: "2-digit", timeZone: zone || undefined};
  if (day) { Object.assign(options, {weekday: "short", month: "short", day: "numeric"}); }
  return new Intl.DateTimeFormat(language(), options).format(new Date(iso));
}

export function longDate(isoDate) {
  return new Intl.DateTimeFormat(language(), {weekday: "long", month: "long", day: "numeric", timeZone: "UTC"})
    .format(new Date(isoDate + "T12:00:00Z"));
}

export function money(pay) {
  return new Intl.NumberFormat(language(), {style: "currency", currency: pay.currency}).format(pay.amount);
}

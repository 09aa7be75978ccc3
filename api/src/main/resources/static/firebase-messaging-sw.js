// Service worker of the tracking page's web push: Firebase shows notifications that arrive in the background.
// The page registers it with its Firebase web config in the query string.
// A click opens the package's tracking page: FCM does so itself for HTTPS links (fcm_options.link); a plain HTTP
// link (a local install) comes only in the data, and is opened here.
self.addEventListener("notificationclick", (event) => {
  const url = event.notification && event.notification.data && event.notification.data.FCM_MSG
      && event.notification.data.FCM_MSG.data && event.notification.data.FCM_MSG.data.trackingUrl;
  if (url && !url.startsWith("https://")) {
    event.notification.close();
    event.waitUntil(clients.openWindow(url));
  }
});
importScripts("https://www.gstatic.com/firebasejs/10.14.1/firebase-app-compat.js");
importScripts("https://www.gstatic.com/firebasejs/10.14.1/firebase-messaging-compat.js");
firebase.initializeApp(JSON.parse(new URL(self.location).searchParams.get("config")));
firebase.messaging();

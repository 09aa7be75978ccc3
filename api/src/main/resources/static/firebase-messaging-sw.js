// Service worker of the tracking page's web push: Firebase shows notifications that arrive in the background.
// The page registers it with its Firebase web config in the query string.
importScripts("https://www.gstatic.com/firebasejs/10.14.1/firebase-app-compat.js");
importScripts("https://www.gstatic.com/firebasejs/10.14.1/firebase-messaging-compat.js");
firebase.initializeApp(JSON.parse(new URL(self.location).searchParams.get("config")));
firebase.messaging();

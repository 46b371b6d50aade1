// AeThex LIVE service worker. Precaches the app shell (the offline page, the
// stylesheet, the scripts it needs, the icons) under a name that changes with
// the assets, answers navigations from the network and, offline, with the
// offline page. It never caches HLS, the API, sockets or any page a person
// is signed in to: only the precached shell is ever served from the cache.
// Push: shows the go-live notification; a click opens the channel.
"use strict";
const SHELL = "aethex-shell-__VERSION__";
const PRECACHE = ["/offline", "/static/app.css", "/static/app.js", "/static/offline.js",
  "/static/icons/icon-192.png", "/static/icons/icon-512.png", "/manifest.webmanifest"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith("aethex-shell-") && n !== SHELL).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === "navigate") {
    event.respondWith(fetch(req).catch(() => caches.match("/offline")));
    return;
  }
  if (PRECACHE.includes(url.pathname) && url.pathname !== "/offline") {
    event.respondWith(caches.match(req).then((hit) => hit || fetch(req)));
  }
  // Everything else (HLS, /api, sockets, other assets) goes to the network untouched.
});

self.addEventListener("push", (event) => {
  let d = {};
  try { d = event.data ? event.data.json() : {}; } catch (e) { d = { title: event.data ? event.data.text() : "" }; }
  const url = typeof d.url === "string" && d.url.startsWith("/") ? d.url : "/";
  event.waitUntil(self.registration.showNotification(d.title || "AeThex LIVE", {
    body: d.body || "",
    icon: "/static/icons/icon-192.png",
    badge: "/static/icons/icon-192.png",
    tag: d.tag || url,
    lang: typeof d.lang === "string" ? d.lang : "",
    dir: d.dir === "rtl" ? "rtl" : "auto",
    data: { url: url },
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || "/";
  event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((wins) => {
    const win = wins.find((w) => new URL(w.url).origin === self.location.origin);
    if (win) return win.navigate(url).then((w) => (w || win).focus()).catch(() => self.clients.openWindow(url));
    return self.clients.openWindow(url);
  }));
});

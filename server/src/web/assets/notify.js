// "Notify me" on a followed channel: ask for permission, subscribe this
// browser for Web Push (the server's VAPID key from /push/key), register the
// subscription, and turn the channel's go-live push on (or off again). The
// preference is kept even where this browser cannot receive pushes, so the
// viewer's other devices still get them.
"use strict";
(function () {
  const button = document.getElementById("notify");
  if (!button) return;
  const status = document.getElementById("notify-status");
  const headers = { "X-CSRF-Token": button.dataset.csrf, "Content-Type": "application/json" };
  const call = (method, url, body) =>
    fetch(url, { method: method, headers: headers, credentials: "same-origin", body: body ? JSON.stringify(body) : undefined });
  function show(on) {
    button.dataset.on = String(on);
    button.setAttribute("aria-pressed", String(on));
    button.textContent = on ? button.dataset.msgOn : button.dataset.msgOff;
  }
  function key(b64) {
    const s = atob(b64.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((b64.length + 3) % 4));
    return Uint8Array.from(s, (c) => c.charCodeAt(0));
  }
  async function subscribeBrowser() {
    if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return "unavailable";
    const permission = await Notification.requestPermission();
    if (permission !== "granted") return "denied";
    try {
      const reg = await navigator.serviceWorker.ready;
      const { public_key } = await (await fetch("/push/key")).json();
      const sub = (await reg.pushManager.getSubscription()) ||
        (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(public_key) }));
      const r = await call("POST", "/push/subscriptions", sub.toJSON());
      return r.ok ? "ok" : "unavailable";
    } catch (e) {
      return "unavailable";
    }
  }
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = "";
    const login = encodeURIComponent(button.dataset.login);
    try {
      if (button.dataset.on === "true") {
        if ((await call("DELETE", "/push/notify/" + login)).ok) show(false);
      } else {
        const browser = await subscribeBrowser();
        if (browser === "denied") status.textContent = button.dataset.msgDenied;
        else if (browser === "unavailable") status.textContent = button.dataset.msgUnavailable;
        if (browser !== "denied" && (await call("PUT", "/push/notify/" + login)).ok) show(true);
      }
    } finally {
      button.disabled = false;
    }
  });
})();

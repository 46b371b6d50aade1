// Every page's small script: installs the service worker (offline page, push
// notifications) and keeps the signed-in viewer's followed channels in
// IndexedDB, which is what the offline page lists.
"use strict";
(function () {
  // The language picker: changing it is choosing (the button stays for no-JS).
  const pick = document.getElementById("lang-pick");
  if (pick) {
    pick.form.querySelector("button").hidden = true;
    pick.addEventListener("change", () => {
      const next = document.createElement("input");
      next.type = "hidden"; next.name = "next"; next.value = location.pathname + location.search;
      pick.form.appendChild(next);
      pick.form.submit();
    });
  }
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  }
  const DB = "aethex", STORE = "follows";
  function db() {
    return new Promise((ok, fail) => {
      if (!("indexedDB" in window)) return fail(new Error("no IndexedDB"));
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "login" });
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
  }
  // Replace the stored list with `list` ([{login, name}]), or update one entry.
  function save(list) {
    return db().then((d) => new Promise((ok) => {
      const tx = d.transaction(STORE, "readwrite");
      const store = tx.objectStore(STORE);
      store.clear();
      for (const f of list) store.put({ login: f.login, name: f.name });
      tx.oncomplete = ok; tx.onerror = ok;
    }));
  }
  function update(login, name, following) {
    return db().then((d) => {
      const store = d.transaction(STORE, "readwrite").objectStore(STORE);
      if (following) store.put({ login: login, name: name }); else store.delete(login);
    }).catch(() => {});
  }
  window.aethexFollows = { update: update };
  const data = document.getElementById("follows-data");
  if (data) {
    try { save(JSON.parse(data.dataset.follows || "[]")).catch(() => {}); } catch (e) { /* keep the old list */ }
  }
})();

// The offline page: lists the followed channels kept in IndexedDB by app.js.
"use strict";
(function () {
  const list = document.getElementById("offline-follows");
  const none = document.getElementById("offline-none");
  if (!list || !("indexedDB" in window)) return;
  const req = indexedDB.open("aethex", 1);
  req.onupgradeneeded = () => req.result.createObjectStore("follows", { keyPath: "login" });
  req.onsuccess = () => {
    const all = req.result.transaction("follows").objectStore("follows").getAll();
    all.onsuccess = () => {
      const rows = (all.result || []).sort((a, b) => a.name.localeCompare(b.name));
      for (const f of rows) {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = "/" + encodeURIComponent(f.login);
        a.textContent = f.name;
        li.appendChild(a);
        list.appendChild(li);
      }
      if (none) none.hidden = rows.length > 0;
    };
  };
})();

// Forms that should not leave the page (follow, subscribe, donate: the
// player keeps playing): sent in the background. Follow flips its button
// (and "Notify me" with it); the others show the server's sentence beside
// them. Without this script the forms post normally and come back.
"use strict";
(function () {
  function send(form, done) {
    const button = form.querySelector("button[type=submit], button:not([type])");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      headers: { Accept: "application/json" },
      body: new URLSearchParams(new FormData(form)),
      credentials: "same-origin",
    })
      .then((r) => r.json().then((d) => ({ ok: r.ok, d: d })))
      .then(({ ok, d }) => done(ok, d, button))
      .catch(() => form.submit())
      .finally(() => { button.disabled = false; });
  }

  function followed(form, ok, d, button) {
    if (!ok) { form.submit(); return; }
    const base = form.action.replace(/\/(un)?follow$/, "");
    form.action = base + (d.following ? "/unfollow" : "/follow");
    button.textContent = d.following ? form.dataset.msgUnfollow : form.dataset.msgFollow;
    button.classList.toggle("secondary", d.following);
    if (window.aethexFollows) window.aethexFollows.update(form.dataset.login, form.dataset.name, d.following);
    // "Notify me" belongs to followed channels; unfollowing turns it off.
    const notify = document.getElementById("notify");
    if (notify) {
      notify.hidden = !d.following;
      if (!d.following) { notify.dataset.on = "false"; notify.textContent = notify.dataset.msgOff; notify.setAttribute("aria-pressed", "false"); }
    }
  }

  for (const form of document.querySelectorAll("form.follow-form, form.bg-form")) {
    form.dataset.enhanced = "1";
    const status = form.querySelector(".form-status");
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      send(form, (ok, d, button) => {
        if (form.classList.contains("follow-form")) return followed(form, ok, d, button);
        if (status) { status.textContent = d.message || ""; status.classList.toggle("err", !ok); }
      });
    });
  }
})();

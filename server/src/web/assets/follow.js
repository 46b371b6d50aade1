// Follow and unfollow without leaving the page (the player keeps playing):
// the form posts in the background and the button flips. Without this
// script the form posts normally and the page reloads.
"use strict";
(function () {
  for (const form of document.querySelectorAll("form.follow-form")) {
    form.dataset.enhanced = "1";
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const button = form.querySelector("button");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        headers: { Accept: "application/json" },
        body: new URLSearchParams(new FormData(form)),
        credentials: "same-origin",
      })
        .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
        .then((d) => {
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
        })
        .catch(() => form.submit())
        .finally(() => { button.disabled = false; });
    });
  }
})();

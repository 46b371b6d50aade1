// The channel page's chat: the JSON chat socket (docs/chat-socket.md). A
// signed-in viewer's socket is signed in by their session cookie, so the
// form can talk; notices (slow mode, bans) show as system lines. Users' text
// only ever becomes text nodes, never markup. A moderator gets buttons on
// each line that send Twitch's chat commands (/delete, /timeout, /ban) over
// the same socket; the server checks their standing on every one. A
// signed-in viewer can report others' lines; a moderator sees what AutoMod
// holds, with Allow and Deny. Both post with the session's CSRF token. When
// the channel raids, viewers are taken to the raided channel unless they stay.
"use strict";
(function () {
  const box = document.getElementById("chat");
  const list = document.getElementById("chat-lines");
  const status = document.getElementById("chat-status");
  if (!box || !list) return;
  const room = box.dataset.channel;
  const MAX = 150;
  const say = (key) => { status.textContent = key ? box.dataset[key] || "" : ""; };

  function line(cls) {
    const li = document.createElement("li");
    if (cls) li.className = cls;
    list.appendChild(li);
    while (list.children.length > MAX) list.removeChild(list.firstChild);
    return li;
  }
  function stickToBottom(fn) {
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    fn();
    if (atBottom) list.scrollTop = list.scrollHeight;
  }
  function add(m) {
    stickToBottom(() => {
      const li = line(m.action ? "action" : "");
      li.dir = "auto"; // a chatter's own script decides the line's direction
      li.dataset.id = m.id; li.dataset.user = m.user_login;
      const name = document.createElement("bdi");
      name.className = "name"; name.textContent = m.user_name;
      li.appendChild(name);
      li.appendChild(document.createTextNode(m.action ? " " + m.text : ": " + m.text));
      if (box.dataset.modBan && m.user_login !== room) modButtons(li, m);
      else if (box.dataset.csrf && m.user_login !== box.dataset.me) reportButton(li, m);
    });
  }
  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin", body: JSON.stringify(body),
      headers: { "Content-Type": "application/json", "X-CSRF-Token": box.dataset.csrf },
    }).then((r) => r.ok);
  }
  function reportButton(li, m) {
    const b = document.createElement("button");
    b.type = "button"; b.className = "mod report"; b.textContent = "\u2691";
    b.title = box.dataset.report; b.setAttribute("aria-label", box.dataset.report + ": " + m.user_name);
    b.addEventListener("click", () => {
      b.disabled = true;
      post("/chat/reports", { broadcaster_login: room, message_id: m.id, reason: "" }).then((ok) => {
        b.title = ok ? box.dataset.msgReported : box.dataset.msgReportFailed;
        b.textContent = ok ? "\u2713" : "!";
      }, () => { b.disabled = false; });
    });
    const tools = document.createElement("span");
    tools.className = "mod-tools";
    tools.appendChild(b);
    li.insertBefore(tools, li.firstChild);
  }
  function held(h) {
    stickToBottom(() => {
      const li = line("held");
      li.dir = "auto"; li.dataset.held = h.message_id;
      const head = document.createElement("span");
      head.className = "held-head";
      head.textContent = (box.dataset.msgHeld || "").replace("@NAME@", h.user_name) + " ";
      const cat = document.createElement("code");
      cat.textContent = h.category + " " + h.level;
      head.appendChild(cat);
      li.appendChild(head);
      li.appendChild(document.createTextNode(" " + h.text + " "));
      [["ALLOW", box.dataset.allow], ["DENY", box.dataset.deny]].forEach(([action, label]) => {
        const b = document.createElement("button");
        b.type = "button"; b.className = action === "ALLOW" ? "" : "secondary"; b.textContent = label;
        b.addEventListener("click", () => {
          li.querySelectorAll("button").forEach((x) => { x.disabled = true; });
          post("/chat/automod", { user_id: box.dataset.myId, msg_id: h.message_id, action: action })
            .then((ok) => { if (!ok) li.querySelectorAll("button").forEach((x) => { x.disabled = false; }); });
        });
        li.appendChild(b);
      });
    });
  }
  function heldUpdate(f) {
    const key = { Approved: "msgApproved", Denied: "msgDenied", Expired: "msgExpired" }[f.status];
    for (const li of list.querySelectorAll("li.held")) {
      if (li.dataset.held !== f.message_id) continue;
      li.querySelectorAll("button").forEach((b) => b.remove());
      const done = document.createElement("em");
      done.textContent = key ? box.dataset[key] || f.status : f.status;
      li.appendChild(done);
      li.className = "held resolved";
    }
  }
  function modButtons(li, m) {
    const tools = document.createElement("span");
    tools.className = "mod-tools";
    [["modDelete", "\u2715", "/delete " + m.id], ["modTimeout", "\u23F1", "/timeout " + m.user_login + " 600"],
     ["modBan", "\u26D4", "/ban " + m.user_login]].forEach(([key, icon, cmd]) => {
      const b = document.createElement("button");
      b.type = "button"; b.className = "mod " + key; b.textContent = icon;
      b.title = box.dataset[key]; b.setAttribute("aria-label", box.dataset[key] + ": " + m.user_name);
      b.addEventListener("click", () => command(cmd));
      tools.appendChild(b);
    });
    li.insertBefore(tools, li.firstChild);
  }
  function command(text) {
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: "send", channel: room, text: text }));
  }
  function raid(f) {
    if (!/^[a-z0-9_]{1,25}$/.test(f.to_login)) return;
    const li = line("system");
    li.textContent = (box.dataset.msgRaid || "").replace("@NAME@", f.to_name) + " ";
    const stay = document.createElement("button");
    stay.type = "button"; stay.className = "secondary"; stay.textContent = box.dataset.msgStay || "";
    const go = setTimeout(() => { location.assign("/" + f.to_login + "?ref=raid"); }, 5000);
    stay.addEventListener("click", () => { clearTimeout(go); stay.remove(); });
    li.appendChild(stay);
    list.scrollTop = list.scrollHeight;
  }
  function system(text) { stickToBottom(() => { line("system").textContent = text; }); }
  function remove(pred) {
    for (const li of [...list.children]) {
      if (pred(li)) { li.className = "deleted"; li.textContent = box.dataset.msgDeleted || ""; }
    }
  }

  let ws = null;
  const form = document.getElementById("chat-form");
  if (form) {
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const text = form.elements.text.value.trim();
      if (!text || !ws || ws.readyState !== WebSocket.OPEN) return;
      command(text);
      form.elements.text.value = "";
    });
  }

  function connect(delay) {
    say("msgConnecting");
    ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/chat/ws");
    ws.onopen = () => { delay = 1000; ws.send(JSON.stringify({ type: "join", channel: room })); };
    ws.onmessage = (e) => {
      let f; try { f = JSON.parse(e.data); } catch { return; }
      if (f.type === "history") { say(""); list.textContent = ""; (f.messages || []).forEach(add); }
      else if (f.type === "message" && f.message) add(f.message);
      else if (f.type === "delete") remove((li) => li.dataset.id === f.message_id);
      else if (f.type === "clear_user") remove((li) => li.dataset.user === f.user_login);
      else if (f.type === "clear") { list.textContent = ""; system(box.dataset.msgCleared || ""); }
      else if (f.type === "raid") raid(f);
      else if (f.type === "automod_hold" && f.held && box.dataset.modBan) held(f.held);
      else if (f.type === "automod_update") heldUpdate(f);
      else if (f.type === "usernotice") system(f.system_msg + (f.text ? " " + f.text : ""));
      else if (f.type === "notice" && f.text) system(f.text);
      else if (f.type === "error" && f.message) system(f.message);
    };
    ws.onclose = () => { say("msgReconnecting"); setTimeout(() => connect(Math.min(delay * 2, 30000)), delay); };
  }
  connect(1000);
})();

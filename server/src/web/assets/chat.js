// The channel page's chat: the JSON chat socket (docs/chat-socket.md). A
// signed-in viewer's socket is signed in by their session cookie, so the
// form can talk; notices (slow mode, bans) show as system lines. Users' text
// only ever becomes text nodes, never markup.
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
      li.dataset.id = m.id; li.dataset.user = m.user_login;
      const name = document.createElement("span");
      name.className = "name"; name.textContent = m.user_name;
      li.appendChild(name);
      li.appendChild(document.createTextNode(m.action ? " " + m.text : ": " + m.text));
    });
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
      ws.send(JSON.stringify({ type: "send", channel: room, text: text }));
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
      else if (f.type === "usernotice") system(f.system_msg + (f.text ? " " + f.text : ""));
      else if (f.type === "notice" && f.text) system(f.text);
      else if (f.type === "error" && f.message) system(f.message);
    };
    ws.onclose = () => { say("msgReconnecting"); setTimeout(() => connect(Math.min(delay * 2, 30000)), delay); };
  }
  connect(1000);
})();

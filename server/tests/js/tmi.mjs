// Judge: tmi.js 1.8.5, unpatched, against a real AeThex server.
//
// tmi.js speaks IRC over WebSocket to `ws://<server>:<port>/` with the `irc`
// subprotocol, lowercases the token, and turns Twitch's lines into events.
// Each step below is something a bot or overlay built on tmi.js does on day
// one; what it checks is what tmi.js needs from the server (see the report's
// details and docs/twitch-clients.md). Run by server/tests/clients_js.rs.

import tmi from 'tmi.js';

import { Judge, Ring, UUID, check, env, equal, on, validate, waitFor, wsHandshake } from './lib.mjs';

const host = env('AETHEX_HOST');
const port = Number(env('AETHEX_HTTP_PORT'));
const base = env('AETHEX_BASE');
const room = env('AETHEX_CHANNEL');
const chan = `#${room}`;
const streamerToken = env('STREAMER_TOKEN');
const viewerToken = env('VIEWER_TOKEN');

const J = new Judge('tmi.js 1.8.5');
const clients = [];
const warnings = [];

/** A tmi.js client aimed at AeThex; its recent wire lines and log lines feed failure details. */
function client(label, identity) {
  const wire = new Ring(10);
  const log = new Ring(6);
  const c = new tmi.Client({
    options: { skipUpdatingEmotesets: true, joinInterval: 300 },
    connection: { server: host, port, secure: false, reconnect: false, timeout: 3000 },
    identity,
    logger: {
      info: () => {},
      warn: m => {
        const line = `${label} warn: ${m.replace(/\s+/g, ' ').slice(0, 300)}`;
        log.push(line);
        warnings.push(line.replace(/"(tmi-sent-ts|id|target-msg-id)": "[^"]*"/g, '"$1": …'));
      },
      error: m => log.push(`error: ${String(m).slice(0, 200)}`),
    },
  });
  c.on('raw_message', (_copy, m) => wire.push(m.raw.slice(0, 300)));
  c.on('disconnected', reason => log.push(`disconnected: ${reason}`));
  c.label = label;
  c.why = () => `${label} received [${wire}] log [${log}]`;
  clients.push(c);
  return c;
}

const ids = {};
await J.step('setup: /oauth/validate names both test users (Authorization: OAuth <token>)', async () => {
  const s = await validate(base, streamerToken);
  const v = await validate(base, viewerToken);
  equal(s.login, room, 'streamer login');
  Object.assign(ids, { streamer: s.user_id, viewer: v.user_id, viewerLogin: v.login });
  return `streamer ${s.login}=${s.user_id}, viewer ${v.login}=${v.user_id}`;
});
const viewerLogin = ids.viewerLogin ?? 'viewer';

await J.step('websocket: GET / upgrades to IRC with the "irc" subprotocol tmi.js offers', async () => {
  const r = await wsHandshake(host, port, '/', 'irc');
  check(r.status === 101, `GET / answered ${r.status}${r.type ? ` (${r.type})` : ''} instead of 101 Switching Protocols`);
  equal(r.protocol, 'irc', 'Sec-WebSocket-Protocol in the 101 answer');
});

const streamer = client('streamer', { username: room, password: streamerToken });
const viewer = client('viewer', { username: viewerLogin, password: viewerToken });
const anon = client('anonymous');

const connected = c => async () => {
  const [server, p] = await c.connect();
  return `connected to ${server}:${p} as ${c.getUsername()}`;
};
const CONNECT_STREAMER = 'connect with an identity (broadcaster; tmi.js lowercases the token)';
const CONNECT_VIEWER = 'connect with an identity (viewer)';
const CONNECT_ANON = 'connect anonymously (justinfan)';
await J.step(CONNECT_STREAMER, connected(streamer), { why: streamer.why });
await J.step(CONNECT_VIEWER, connected(viewer), { why: viewer.why });
await J.step(CONNECT_ANON, connected(anon), { why: anon.why });

await J.step('a bad token is refused: connect() rejects with "Login authentication failed"', async () => {
  const bad = client('bad-token', { username: viewerLogin, password: 'oauth:notarealtoken' });
  const outcome = await bad.connect().then(
    () => 'connected',
    e => String(e),
  );
  check(/Login authentication failed|Login unsuccessful/.test(outcome), `connect() ended with: ${outcome}`);
});

const JOIN = 'join the channel (all three clients)';
await J.step(
  JOIN,
  async () => {
    for (const c of [streamer, viewer, anon]) {
      const [joined] = await c.join(room).catch(e => {
        throw new Error(`${c.label}: join rejected with ${JSON.stringify(e)}; ${c.why()}`);
      });
      equal(joined, chan, `${c.label} joined`);
    }
  },
  { needs: [CONNECT_STREAMER, CONNECT_VIEWER, CONNECT_ANON], ms: 6000 },
);

await J.step(
  'ping(): the PONG answer resolves it (tmi.js also pings every 60 s and drops the connection without it)',
  async () => {
    const [latency] = await streamer.ping();
    check(typeof latency === 'number', `latency ${latency}`);
  },
  { needs: [CONNECT_STREAMER], why: streamer.why },
);

const chatFrom = (text, login) => (channel, tags, message, self) =>
  channel === chan && message === text && tags.username === login && !self;

// --- say and receive -----------------------------------------------------------
let received = null;
const SAY = 'say(): a viewer message reaches the broadcaster and an anonymous reader';
await J.step(
  SAY,
  async () => {
    const text = 'hello from tmi.js; \\o/ @everyone';
    const toStreamer = waitFor(on(streamer, 'chat'), chatFrom(text, viewerLogin), 3000, 'chat event at the broadcaster');
    const toAnon = waitFor(on(anon, 'chat'), chatFrom(text, viewerLogin), 3000, 'chat event at the anonymous reader');
    await viewer.say(room, text);
    [, received] = await toStreamer;
    await toAnon;
  },
  { needs: [JOIN], why: () => streamer.why() },
);

await J.step(
  'receive tags: user-id and room-id are the ids /oauth/validate gives, as strings; id, tmi-sent-ts, display-name, message-type',
  async () => {
    const t = received;
    equal(t['user-id'], ids.viewer, "tags['user-id']");
    equal(t['room-id'], ids.streamer, "tags['room-id']");
    check(typeof t.id === 'string' && UUID.test(t.id), `tags.id is not a UUID: ${JSON.stringify(t.id)}`);
    const ts = Number(t['tmi-sent-ts']);
    check(Math.abs(Date.now() - ts) < 60_000, `tmi-sent-ts ${t['tmi-sent-ts']} is not now in ms`);
    equal(t['message-type'], 'chat', "tags['message-type']");
    check(typeof t['display-name'] === 'string' && t['display-name'].toLowerCase() === viewerLogin, `display-name ${t['display-name']}`);
    equal(t.mod, false, 'tags.mod');
    equal(t.subscriber, false, 'tags.subscriber');
  },
  { needs: [SAY] },
);

await J.step(
  "receive the broadcaster's message with the broadcaster badge",
  async () => {
    const text = 'welcome, everyone';
    const got = waitFor(on(viewer, 'chat'), chatFrom(text, room), 3000, 'chat event at the viewer');
    await streamer.say(room, text);
    const [, tags] = await got;
    check(tags.badges && tags.badges.broadcaster === '1', `badges ${JSON.stringify(tags.badges)} (raw ${tags['badges-raw']})`);
    equal(tags['user-id'], ids.streamer, "tags['user-id']");
  },
  { needs: [JOIN], why: () => viewer.why() },
);

// --- /me both ways ---------------------------------------------------------------
const actionFrom = (text, login) => (channel, tags, message, self) =>
  channel === chan && message === text && tags.username === login && tags['message-type'] === 'action' && !self;

await J.step(
  'action(): CTCP ACTION (\\x01ACTION ...\\x01) arrives as an action',
  async () => {
    const got = waitFor(on(streamer, 'action'), actionFrom('waves', viewerLogin), 3000, 'action event at the broadcaster');
    await viewer.action(room, 'waves');
    await got;
  },
  { needs: [JOIN], why: () => `${streamer.why()}; ${viewer.why()}` },
);

await J.step(
  'a typed "/me dances" (PRIVMSG #room :/me dances) arrives as an action, as on Twitch',
  async () => {
    const got = waitFor(on(streamer, 'action'), actionFrom('dances', viewerLogin), 3000, 'action event at the broadcaster');
    await viewer.raw(`PRIVMSG ${chan} :/me dances`);
    await got;
  },
  { needs: [JOIN], why: () => `${streamer.why()}; ${viewer.why()}` },
);

// --- moderation --------------------------------------------------------------------
const notice = (c, wanted) =>
  waitFor(on(c, 'notice'), (channel, id) => channel === chan && wanted.includes(id), 3000, `NOTICE ${wanted.join('/')}`);

await J.step(
  'timeout(): resolves, and readers get a timeout event with the duration asked for (30 s)',
  async () => {
    const seen = waitFor(on(anon, 'timeout'), (channel, user) => channel === chan && user === viewerLogin, 3000, 'timeout event');
    const res = await streamer.timeout(room, viewerLogin, 30, 'cool down');
    equal(res[2], 30, 'resolved duration');
    const [, , , duration, tags] = await seen;
    equal(duration, 30, 'duration in the timeout event (ban-duration)');
    equal(tags['target-user-id'], ids.viewer, "tags['target-user-id']");
    equal(tags['room-id'], ids.streamer, "tags['room-id']");
  },
  { needs: [JOIN], why: () => `${streamer.why()}; ${anon.why()}` },
);

await J.step(
  'a timed-out viewer who talks gets NOTICE msg_timedout',
  async () => {
    const told = notice(viewer, ['msg_timedout']);
    await viewer.say(room, 'am I still here?');
    await told;
  },
  { needs: [JOIN], why: () => viewer.why() },
);

await J.step(
  'unban() lifts the timeout (unban_success or untimeout_success)',
  async () => {
    await streamer.unban(room, viewerLogin);
  },
  { needs: [JOIN], why: () => streamer.why() },
);

await J.step(
  'ban(): resolves, and readers get a ban event (CLEARCHAT without ban-duration)',
  async () => {
    const seen = waitFor(on(anon, 'ban'), (channel, user) => channel === chan && user === viewerLogin, 3000, 'ban event');
    await streamer.ban(room, viewerLogin, 'spam');
    const [, , , tags] = await seen;
    equal(tags['target-user-id'], ids.viewer, "tags['target-user-id']");
  },
  { needs: [JOIN], why: () => `${streamer.why()}; ${anon.why()}` },
);

await J.step(
  'a banned viewer who talks gets NOTICE msg_banned',
  async () => {
    const told = notice(viewer, ['msg_banned']);
    await viewer.say(room, 'let me back in');
    await told;
  },
  { needs: [JOIN], why: () => viewer.why() },
);

await J.step(
  'unban() lifts the ban and the viewer talks again',
  async () => {
    await streamer.unban(room, viewerLogin);
    const got = waitFor(on(streamer, 'chat'), chatFrom('thanks!', viewerLogin), 3000, 'chat event after unban');
    await viewer.say(room, 'thanks!');
    await got;
  },
  { needs: [JOIN], why: () => streamer.why() },
);

await J.step(
  'deletemessage(): resolves, and readers get messagedeleted with target-msg-id',
  async () => {
    const text = 'delete me please';
    const got = waitFor(on(streamer, 'chat'), chatFrom(text, viewerLogin), 3000, 'the message to delete');
    await viewer.say(room, text);
    const [, tags] = await got;
    const seen = waitFor(on(anon, 'messagedeleted'), channel => channel === chan, 3000, 'messagedeleted event');
    await streamer.deletemessage(room, tags.id);
    const [, login, deleted, t] = await seen;
    equal(login, viewerLogin, 'login of the deleted message');
    equal(deleted, text, 'text of the deleted message');
    equal(t['target-msg-id'], tags.id, "tags['target-msg-id']");
  },
  { needs: [JOIN], why: () => `${streamer.why()}; ${anon.why()}` },
);

// --- room modes: each command resolves, and the mode's event reaches readers ---
const mode = async ({ call, event, args, reader = anon }) => {
  const seen = waitFor(
    on(reader, event),
    (channel, ...rest) => channel === chan && args.every((a, i) => rest[i] === a),
    3000,
    `${event} event ${JSON.stringify(args)} at ${reader.label}`,
  );
  await call();
  await seen;
};

await J.step(
  'slow(10): resolves, and readers get slowmode (true, 10) from a ROOMSTATE carrying only slow',
  () => mode({ call: () => streamer.slow(room, 10), event: 'slowmode', args: [true, 10] }),
  { needs: [JOIN], why: () => `${streamer.why()}; ${anon.why()}` },
);
await J.step(
  'slowoff(): resolves, and readers get slowmode (false, 0)',
  () => mode({ call: () => streamer.slowoff(room), event: 'slowmode', args: [false, 0] }),
  { needs: [JOIN], why: () => `${streamer.why()}; ${anon.why()}` },
);
await J.step(
  'followersonly(10): resolves, and readers get followersonly (true, 10) from a ROOMSTATE carrying only followers-only',
  () => mode({ call: () => streamer.followersonly(room, 10), event: 'followersonly', args: [true, 10] }),
  { needs: [JOIN], why: () => `${streamer.why()}; ${anon.why()}` },
);
await J.step(
  'followersonlyoff(): resolves, and readers get followersonly (false, 0)',
  () => mode({ call: () => streamer.followersonlyoff(room), event: 'followersonly', args: [false, 0] }),
  { needs: [JOIN], why: () => `${streamer.why()}; ${anon.why()}` },
);

const roomstate = (key, value) =>
  waitFor(on(anon, 'roomstate'), (channel, tags) => channel === chan && tags[key] === value, 3000, `roomstate ${key}=${value}`);

for (const [on_, off, key, event] of [
  ['subscribers', 'subscribersoff', 'subs-only', 'subscribers'],
  ['emoteonly', 'emoteonlyoff', 'emote-only', 'emoteonly'],
]) {
  for (const [call, value] of [
    [on_, true],
    [off, false],
  ]) {
    await J.step(
      `${call}(): resolves, the moderator gets ${event} (${value}), readers get roomstate ${key}=${value}`,
      async () => {
        const state = roomstate(key, value);
        await mode({ call: () => streamer[call](room), event, args: [value], reader: streamer });
        await state;
      },
      { needs: [JOIN], why: () => `${streamer.why()}; ${anon.why()}` },
    );
  }
}

// --- whispers: AeThex has none, and says so -----------------------------------------
await J.step(
  'whisper(): rejected with a whisper_* NOTICE instead of silently "sent"',
  async () => {
    const outcome = await viewer.whisper(room, 'psst').then(
      () => null,
      e => e,
    );
    check(outcome !== null, 'whisper() resolved: tmi.js heard no refusal within its 600 ms and reported the whisper as sent');
    check(/^whisper_/.test(String(outcome)), `whisper() rejected with ${JSON.stringify(outcome)}, not a whisper_* msg-id`);
    return `rejected with ${outcome}`;
  },
  { needs: [CONNECT_VIEWER], why: () => viewer.why() },
);

await J.step(
  'part(): resolves when the PART comes back',
  async () => {
    await anon.part(room);
  },
  { needs: [JOIN], why: () => anon.why() },
);

// tmi.js warns about every line it cannot place: worth reading next to the steps.
for (const w of new Set(warnings)) J.note(w);

for (const c of clients) {
  try {
    if (c.readyState() === 'OPEN') await c.disconnect();
  } catch {
    // already gone
  }
}
J.finish();

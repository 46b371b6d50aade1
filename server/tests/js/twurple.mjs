// Judge: @twurple/chat 8.2.0 (with @twurple/auth 8.2.0), unpatched, against a
// real AeThex server, over WebSocket and over plain IRC.
//
// Twurple's ChatClient takes a host name but no port: it connects to
// ws://<host>:80 (webSocket: true, ssl: false) or <host>:6667 (webSocket:
// false, ssl: false), which is where clients_js.rs puts the server.
//
// Before it logs in, Twurple checks the token at Twitch's validate endpoint,
// a URL it does not let anyone change (@twurple/api-call lib/helpers/url.js;
// ChatClient._getAuthToken and StaticAuthProvider both call getTokenInfo).
// Left alone it would send the AeThex token to Twitch. The one thing this
// script sets up around the library is therefore the documented Node API
// `globalThis.fetch`: that single URL is answered by AeThex's own
// `/oauth/validate` (same request, same `Authorization: OAuth <token>`), and
// every other URL is refused, so nothing leaves the machine. docs/twitch-clients.md
// describes the same for people.

import { StaticAuthProvider } from '@twurple/auth';
import { ChatClient } from '@twurple/chat';

import { Judge, Ring, UUID, bind, check, env, equal, nativeFetch, validate, waitFor } from './lib.mjs';

const host = env('AETHEX_HOST');
const httpPort = Number(env('AETHEX_HTTP_PORT'));
const ircPort = Number(env('AETHEX_IRC_PORT'));
const base = env('AETHEX_BASE');
const room = env('AETHEX_CHANNEL');
const streamerToken = env('STREAMER_TOKEN');
const botToken = env('BOT_TOKEN');

if (httpPort !== 80 || ircPort !== 6667) {
  throw new Error(`Twurple connects to ports 80 and 6667 only; the server is on ${httpPort} and ${ircPort}`);
}

const TWITCH_VALIDATE = 'https://id.twitch.tv/oauth2/validate';
const validations = [];
globalThis.fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (url === TWITCH_VALIDATE) {
    const res = await nativeFetch(`${base}/oauth/validate`, init);
    validations.push(res.status);
    return res;
  }
  throw new Error(`the judge only talks to AeThex; refused ${url}`);
};

const J = new Judge('@twurple/chat 8.2.0');
const warnings = [];
const clients = [];

function chat(label, webSocket, authProvider) {
  const wire = new Ring(10);
  const c = new ChatClient({
    hostName: host,
    ssl: false,
    webSocket,
    authProvider,
    logger: {
      minLevel: 'debug',
      custom: (level, message) => {
        const m = message.replace(/[ \t\r\n]+/g, ' ').slice(0, 300);
        if (level <= 2) {
          wire.push(`[${['crit', 'error', 'warn'][level]}] ${m}`);
          warnings.push(`${label}: ${m}`);
        } else if (/^(Received|Sending) message: /.test(m)) {
          wire.push(m.replace(/^Received message: /, '< ').replace(/^Sending message: /, '> '));
        }
      },
    },
  });
  c.onDisconnect((manually, reason) => wire.push(`disconnected (manually ${manually}): ${reason?.message ?? ''}`));
  c.onAuthenticationFailure(text => wire.push(`authentication failure: ${text}`));
  c.label = label;
  c.why = () => `${label} saw [${wire}]`;
  clients.push(c);
  return c;
}

const ids = {};
const SETUP = 'setup: /oauth/validate answers Twurple\'s TokenInfo fields (client_id, login, user_id, scopes, expires_in)';
await J.step(SETUP, async () => {
  const s = await validate(base, streamerToken);
  const b = await validate(base, botToken);
  equal(s.login, room, 'streamer login');
  for (const k of ['client_id', 'login', 'user_id', 'scopes', 'expires_in']) check(k in b, `no ${k} in ${JSON.stringify(b)}`);
  check(Array.isArray(b.scopes) && b.scopes.includes('chat:edit'), `scopes ${JSON.stringify(b.scopes)}`);
  Object.assign(ids, { streamer: s.user_id, bot: b.user_id, botLogin: b.login, clientId: b.client_id });
});

for (const [transport, webSocket] of [
  ['websocket', true],
  ['irc', false],
]) {
  const where = webSocket ? `ws://${host}:80/` : `${host}:6667`;
  const anon = chat(`${transport}/anonymous`, webSocket);
  const provider = new StaticAuthProvider(ids.clientId ?? 'aethex-cli', botToken, ['chat:read', 'chat:edit']);
  const bot = chat(`${transport}/${ids.botLogin ?? 'bot'}`, webSocket, provider);

  const connect = async c => {
    const done = waitFor(bind(c.onAuthenticationSuccess), () => true, 4000, 'registration (001 ... 376)');
    c.connect();
    await done;
  };
  const ANON = `${transport}: connect anonymously to ${where}`;
  const BOT = `${transport}: connect with a token (StaticAuthProvider, checked at /oauth/validate)`;
  await J.step(ANON, () => connect(anon), { why: anon.why });
  await J.step(
    BOT,
    async () => {
      const before = validations.length;
      await connect(bot);
      check(validations.length > before, 'Twurple logged in without asking /oauth/validate');
      return `validate answered ${validations.slice(before).join(', ')}`;
    },
    { needs: [SETUP], why: bot.why },
  );

  const JOIN = `${transport}: join (resolves on the full ROOMSTATE)`;
  await J.step(
    JOIN,
    async () => {
      for (const c of [anon, bot]) {
        await c.join(room).catch(e => {
          throw new Error(`${c.label}: join failed: ${e?.message ?? e}; ${c.why()}`);
        });
      }
    },
    { needs: [ANON, BOT], ms: 6000 },
  );

  const SAY = `${transport}: say() reaches an anonymous reader with ids and message id`;
  await J.step(
    SAY,
    async () => {
      const text = `hello over ${transport}; \\o/`;
      const got = waitFor(bind(anon.onMessage), (ch, _u, t) => ch === room && t === text, 3000, 'onMessage at the reader');
      await bot.say(room, text);
      const [, user, , msg] = await got;
      equal(user, ids.botLogin, 'user');
      equal(msg.userInfo.userId, ids.bot, 'msg.userInfo.userId');
      equal(msg.channelId, ids.streamer, 'msg.channelId');
      check(UUID.test(msg.id ?? ''), `msg.id is not a UUID: ${msg.id}`);
      check(Math.abs(Date.now() - msg.date.getTime()) < 60_000, `msg.date ${msg.date.toISOString()} is not now`);
    },
    { needs: [JOIN], why: () => `${anon.why()}; ${bot.why()}` },
  );

  await J.step(
    `${transport}: action() (/me) reaches the reader as onAction`,
    async () => {
      const text = `waves over ${transport}`;
      const got = waitFor(bind(anon.onAction), (ch, _u, t) => ch === room && t === text, 3000, 'onAction at the reader');
      await bot.action(room, text);
      const [, user, , msg] = await got;
      equal(user, ids.botLogin, 'user');
      equal(msg.userInfo.userId, ids.bot, 'msg.userInfo.userId');
    },
    { needs: [JOIN], why: () => `${anon.why()}; ${bot.why()}` },
  );

  await J.step(
    `${transport}: receive the broadcaster's message (sent through the REST API) with the broadcaster badge`,
    async () => {
      const text = `welcome to the ${transport} side`;
      const got = waitFor(bind(bot.onMessage), (ch, _u, t) => ch === room && t === text, 3000, 'onMessage at the bot');
      const res = await nativeFetch(`${base}/api/chat/${room}/messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${streamerToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ text }),
      });
      check(res.ok, `POST /api/chat/${room}/messages answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
      const [, user, , msg] = await got;
      equal(user, room, 'user');
      equal(msg.userInfo.isBroadcaster, true, 'msg.userInfo.isBroadcaster');
      equal(msg.userInfo.userId, ids.streamer, 'msg.userInfo.userId');
    },
    { needs: [JOIN], why: () => bot.why() },
  );

  for (const c of [anon, bot]) c.quit();
}

for (const w of new Set(warnings)) J.note(w);
J.finish();

// The judges' shared plumbing: steps with deadlines, waiting for library
// events, the server's environment, and the JSON report `clients_js.rs` reads.
// Nothing here touches the libraries under judgement.

import http from 'node:http';

/** Node's own fetch, as it was before any judge set anything up. */
export const nativeFetch = globalThis.fetch;

/** A required environment variable. */
export function env(name) {
  const v = process.env[name];
  if (v === undefined || v === '') {
    throw new Error(`environment variable ${name} is not set (server/tests/clients_js.rs sets it)`);
  }
  return v;
}

/** A promise that rejects after `ms` with `what` in its message. */
export function deadline(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Wait until `subscribe(listener)` delivers arguments that `match` accepts. */
export function waitFor(subscribe, match, ms, what) {
  let off = () => {};
  const p = new Promise(resolve => {
    off = subscribe((...args) => {
      if (match(...args)) resolve(args);
    });
  });
  return deadline(p, ms, what).finally(() => off());
}

/** Subscribe to a Node-style emitter (tmi.js); returns the unsubscribe function. */
export const on = (emitter, event) => listener => {
  emitter.on(event, listener);
  return () => emitter.removeListener(event, listener);
};

/** Subscribe to a Twurple event binder (`client.onMessage`); returns the unsubscribe function. */
export const bind = binder => listener => {
  const l = binder(listener);
  return () => l.unbind();
};

/** Resolves when nothing matching arrives within `ms` (for "must not happen" checks). */
export async function silence(subscribe, match, ms) {
  let seen = null;
  const off = subscribe((...args) => {
    if (match(...args)) seen = args;
  });
  await new Promise(r => setTimeout(r, ms));
  off();
  return seen;
}

/** The last `n` items pushed, for failure details. */
export class Ring {
  constructor(n = 12) {
    this.n = n;
    this.items = [];
  }
  push(x) {
    // Control characters (CTCP's \x01) stay visible in reports.
    this.items.push(String(x).replace(/[\x00-\x1f]/g, c => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
    if (this.items.length > this.n) this.items.shift();
  }
  toString() {
    return this.items.join(' | ');
  }
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Throw `msg` unless `cond`. */
export function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

/** Throw unless `actual` is strictly `expected`. */
export function equal(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)} (${typeof actual})`);
  }
}

/**
 * The steps of one judge. Each step has a deadline, may need earlier steps
 * (skipped as failed when they failed, so a dead server fails fast), and
 * records name, ok and detail. `finish()` prints the report and exits.
 */
export class Judge {
  constructor(client) {
    this.client = client;
    this.steps = [];
    this.notes = [];
    this.started = Date.now();
  }

  ok(name) {
    const s = this.steps.find(s => s.name === name);
    return !!s && s.ok;
  }

  async step(name, fn, { ms = 4000, needs = [], why = () => '' } = {}) {
    const missing = needs.filter(n => !this.ok(n));
    if (missing.length) {
      this.steps.push({ name, ok: false, detail: `skipped: needs ${missing.join(', ')}` });
      return undefined;
    }
    const t0 = Date.now();
    try {
      const value = await deadline(Promise.resolve().then(fn), ms, `result for "${name}"`);
      this.steps.push({ name, ok: true, detail: typeof value === 'string' ? value : '', ms: Date.now() - t0 });
      return value;
    } catch (e) {
      const context = why();
      const message = e instanceof Error ? e.message : `rejected with ${JSON.stringify(e)}`;
      this.steps.push({ name, ok: false, detail: context ? `${message}; ${context}` : message, ms: Date.now() - t0 });
      return undefined;
    }
  }

  note(text) {
    this.notes.push(text);
  }

  finish() {
    const failed = this.steps.filter(s => !s.ok).length;
    const report = { client: this.client, ms: Date.now() - this.started, failed, steps: this.steps, notes: this.notes };
    process.stdout.write(JSON.stringify(report) + '\n', () => process.exit(failed ? 1 : 0));
  }
}

/** GET `/oauth/validate` on AeThex with Twitch's `Authorization: OAuth <token>`. */
export async function validate(base, token) {
  const res = await nativeFetch(`${base}/oauth/validate`, { headers: { Authorization: `OAuth ${token}` } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`/oauth/validate answered ${res.status}: ${body.slice(0, 200)}`);
  return JSON.parse(body);
}

/**
 * What the server answers a Twitch-style IRC-over-WebSocket handshake at
 * `path` (as tmi.js and Twurple open it: GET `/`, `Sec-WebSocket-Protocol: irc`
 * for tmi.js): status, the chosen subprotocol and the content type.
 */
export function wsHandshake(host, port, path, protocol) {
  return new Promise((resolve, reject) => {
    const headers = {
      Connection: 'Upgrade',
      Upgrade: 'websocket',
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    };
    if (protocol) headers['Sec-WebSocket-Protocol'] = protocol;
    const req = http.request({ host, port, path, headers });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode, protocol: res.headers['sec-websocket-protocol'] ?? null });
    });
    req.on('response', res => {
      res.resume();
      resolve({ status: res.statusCode, protocol: null, type: res.headers['content-type'] ?? null });
    });
    req.on('error', reject);
    req.end();
  });
}

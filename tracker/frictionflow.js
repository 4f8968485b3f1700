// frictionflow browser tracker: one dependency-free ES module.
//
//   <script type="module">
//     import { init } from "/tracker/frictionflow.js";
//     const ff = init({ writeKey: "wk_demo_shop_1", consent: false });
//     ff.consent(true);                       // nothing is captured or sent before this
//     ff.onSignal((signal) => { ... });       // signals of this session, pushed by the gateway
//   </script>
//
// It captures the canonical events of docs/events.md, batches them to the gateway's
// POST /v1/events (docs/browser.md) and listens to GET /v1/sessions/{id}/signals with EventSource.
// Privacy defaults: no form value is ever read; element text is cut to 40 characters; an element
// with data-ff-mask (or inside one) is sent as its tag only; query strings and fragments are
// dropped from URLs; nothing at all happens before consent.

const STORE_KEY = "ff_session";
const NAV_KEY = "ff_nav";
const INTERACTIVE =
  "a,button,input,select,textarea,label,summary,[role],[onclick],[tabindex],[data-ff-id]";
const FORM_TAGS = new Set(["input", "select", "textarea", "option"]);

const DEFAULTS = {
  endpoint: "", // gateway base URL; "" is the page's origin
  writeKey: "",
  consent: false, // capture and send nothing until consent(true)
  batchMs: 250, // a batch leaves this long after its first event
  maxBatch: 50, // events per request (the gateway's session burst is 200)
  idleMinutes: 30, // a session idle this long is replaced by a new one
  heartbeatMs: 0, // 0: off; else a `heartbeat` event this often while visible and quiet
  pointerMs: 500, // a pointer_move summary covers at most this much movement
  textLength: 40, // element text is cut to this many characters
  maskAttribute: "data-ff-mask",
  keepQuery: false, // keep the query string of page and request URLs
  pageCategory: null, // string or function(location) -> page.category
  captureNetwork: true,
  captureDom: true,
  debug: false,
};

/** Starts a tracker for this page; see DEFAULTS for the options. */
export function init(options = {}) {
  return new Tracker({ ...DEFAULTS, ...options });
}

function now() {
  return Date.now();
}

function cut(s, n) {
  if (s == null) return undefined;
  const t = String(s).replace(/\s+/g, " ").trim();
  if (!t) return undefined;
  return t.length > n ? t.slice(0, n) : t;
}

function randomId() {
  if (globalThis.crypto && crypto.randomUUID) return crypto.randomUUID();
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

function storage() {
  try {
    return window.sessionStorage;
  } catch (e) {
    return null; // storage blocked: the session lives as long as the page
  }
}

class Tracker {
  constructor(opts) {
    this.opts = opts;
    this.endpoint = (opts.endpoint || location.origin).replace(/\/+$/, "");
    this.fetch = window.fetch.bind(window); // the page's fetch, before it is wrapped
    this.consented = false;
    this.queue = []; // {slot, event} waiting to be sent
    this.inFlight = null; // the batch being sent, resent as is on a retry
    this.timer = null;
    this.retryAt = 0;
    this.slot = null; // the current session: {id, token, seq, last, ready}
    this.handlers = [];
    this.source = null;
    this.captured = new Map(); // event_id -> {at: performance.now() at capture, event}, last 500
    this.counters = { captured: {}, accepted: 0, retries: 0, failures: 0, dropped: 0, status: [] };
    this.unhooks = [];
    this.pointer = null;
    this.lastScroll = null;
    this.lastInput = new Map();
    this.domPending = null;
    this.lastEventAt = 0;
    if (opts.consent) this.consent(true);
  }

  // ---- public API ----------------------------------------------------------------------------

  /** Turns capture on (true) or off (false: the queue and the stored session are dropped). */
  consent(on) {
    if (on && !this.consented) {
      this.consented = true;
      this.start();
    } else if (!on && this.consented) {
      this.consented = false;
      this.stop();
      this.queue = [];
      this.inFlight = null;
      this.slot = null;
      const s = storage();
      if (s) s.removeItem(STORE_KEY);
    }
    return this;
  }

  /** A custom event (add_to_cart, checkout_start, purchase, ...) with free props. */
  track(type, props, fields) {
    this.capture(type, { ...(fields || {}), ...(props ? { props } : {}) });
  }

  /** Calls handler(signal) for every signal of this session; returns a function that stops it. */
  onSignal(handler) {
    this.handlers.push(handler);
    this.listen();
    return () => {
      this.handlers = this.handlers.filter((h) => h !== handler);
      if (!this.handlers.length && this.source) {
        this.source.close();
        this.source = null;
      }
    };
  }

  /** The current session id (null before consent or before the gateway issued one). */
  sessionId() {
    return this.slot && this.slot.id ? this.slot.id : null;
  }

  /** Ends the session here: the next event starts a new one (a new page_view is sent). */
  reset() {
    if (!this.consented) return;
    this.newSlot();
    this.capturePageView();
  }

  /** Sends what is queued now instead of at the end of the batch delay. */
  flush() {
    this.schedule(0);
  }

  /** performance.now() when the event was captured (the input's timeStamp for clicks). */
  capturedAt(eventId) {
    const c = this.captured.get(eventId);
    return c ? c.at : undefined;
  }

  /** One of the last 500 events captured here, by id (e.g. a signal's event_ids). */
  event(eventId) {
    const c = this.captured.get(eventId);
    return c ? c.event : undefined;
  }

  /** Counts of what happened so far, and how many events wait to be sent. */
  stats() {
    return {
      ...this.counters,
      pending: this.queue.length + (this.inFlight ? this.inFlight.events.length : 0),
    };
  }

  // ---- session --------------------------------------------------------------------------------

  loadSlot() {
    const s = storage();
    if (!s) return null;
    try {
      const v = JSON.parse(s.getItem(STORE_KEY) || "null");
      if (v && v.id && v.token && now() - v.last < this.opts.idleMinutes * 60000) {
        return { ...v, ready: Promise.resolve() };
      }
    } catch (e) {
      // a damaged entry: start a new session
    }
    return null;
  }

  saveSlot() {
    const s = storage();
    const v = this.slot;
    if (!s || !v || !v.id) return;
    try {
      s.setItem(
        STORE_KEY,
        JSON.stringify({ id: v.id, token: v.token, seq: v.seq, last: v.last, sig: v.sig })
      );
    } catch (e) {
      // quota: the session still works for this page
    }
  }

  newSlot() {
    const slot = { id: null, token: null, seq: 0, last: now(), sig: null };
    slot.ready = this.obtain(slot);
    this.slot = slot;
    if (this.source) {
      this.source.close();
      this.source = null;
    }
    return slot;
  }

  /** POST /v1/sessions until it answers; retries with a growing delay. */
  async obtain(slot) {
    let delay = 500;
    for (;;) {
      try {
        const r = await this.fetch(this.endpoint + "/v1/sessions", {
          method: "POST",
          headers: { "X-Write-Key": this.opts.writeKey },
          credentials: "omit",
        });
        if (r.status === 201) {
          const b = await r.json();
          slot.id = b.session_id;
          slot.token = b.token;
          if (this.slot === slot) {
            this.saveSlot();
            this.listen();
          }
          this.schedule(0);
          return;
        }
        this.log("POST /v1/sessions answered", r.status);
        if (r.status === 401 || r.status === 403) return; // a wrong key or origin: never retried
      } catch (e) {
        this.log("POST /v1/sessions failed", e);
      }
      await new Promise((res) => setTimeout(res, delay));
      delay = Math.min(delay * 2, 30000);
      if (!this.consented) return;
    }
  }

  /** The session an event captured now belongs to: the idle rule decides. */
  currentSlot() {
    const t = now();
    if (!this.slot || t - this.slot.last >= this.opts.idleMinutes * 60000) {
      const old = this.slot;
      this.newSlot();
      if (old) this.capturePageView(); // the new session starts on this page
    }
    this.slot.last = t;
    return this.slot;
  }

  // ---- capture --------------------------------------------------------------------------------

  start() {
    this.slot = this.loadSlot();
    if (!this.slot) this.newSlot();
    else this.listen();
    this.capturePageView();
    this.captureNavigation();
    this.hook();
  }

  stop() {
    this.unhooks.forEach((f) => f());
    this.unhooks = [];
    if (this.source) {
      this.source.close();
      this.source = null;
    }
    clearTimeout(this.timer);
    this.timer = null;
  }

  /** Queues one canonical event; `fields` are its type-specific fields. */
  capture(type, fields, stamp) {
    if (!this.consented) return null;
    const slot = this.currentSlot();
    const ev = {
      event_id: randomId(),
      session_id: slot.id || "pending",
      type,
      ts: now(),
      seq: ++slot.seq,
      page: this.page(false),
      ...fields,
    };
    this.captured.set(ev.event_id, { at: stamp != null ? stamp : performance.now(), event: ev });
    if (this.captured.size > 500) this.captured.delete(this.captured.keys().next().value);
    this.counters.captured[type] = (this.counters.captured[type] || 0) + 1;
    this.lastEventAt = ev.ts;
    this.saveSlot();
    this.queue.push({ slot, event: ev });
    this.schedule(this.opts.batchMs);
    return ev;
  }

  page(full) {
    const p = { url: this.url(location.href), path: location.pathname };
    const c = this.opts.pageCategory;
    const category = typeof c === "function" ? c(location) : c;
    if (category) p.category = String(category);
    if (full) {
      if (document.title) p.title = cut(document.title, 200);
      if (document.referrer) p.referrer = this.url(document.referrer);
    }
    return p;
  }

  url(u) {
    try {
      const x = new URL(u, location.href);
      if (!this.opts.keepQuery) x.search = "";
      x.hash = "";
      return x.toString();
    } catch (e) {
      return undefined;
    }
  }

  capturePageView() {
    const w = window.innerWidth;
    const cls = w < 768 ? "mobile" : w < 1024 ? "tablet" : "desktop";
    this.capture("page_view", {
      page: this.page(true),
      viewport: { w: Math.round(window.innerWidth), h: Math.round(window.innerHeight) },
      device: { class: cls },
    });
  }

  /** back / forward / reload of this page load, from the navigation entry and history.state. */
  captureNavigation() {
    const s = storage();
    const nav = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    const state = history.state && typeof history.state === "object" ? history.state : {};
    let index = state.ffIndex;
    const last = s ? Number(s.getItem(NAV_KEY) || "0") : 0;
    if (nav && nav.type === "reload") {
      this.capture("navigate", { how: "reload" });
    } else if (nav && nav.type === "back_forward" && typeof index === "number") {
      this.capture("navigate", { how: index < last ? "back" : "forward" });
    }
    if (typeof index !== "number") {
      index = last + 1;
      try {
        history.replaceState({ ...state, ffIndex: index }, "");
      } catch (e) {
        // a page whose history.state cannot be cloned keeps no index
      }
    }
    if (s) s.setItem(NAV_KEY, String(index));
    const onPop = (e) => {
      const i = e.state && typeof e.state.ffIndex === "number" ? e.state.ffIndex : null;
      const cur = s ? Number(s.getItem(NAV_KEY) || "0") : 0;
      this.capture("navigate", { how: i != null && i > cur ? "forward" : "back" });
      if (s && i != null) s.setItem(NAV_KEY, String(i));
    };
    this.on(window, "popstate", onPop);
  }

  on(target, type, fn, opts) {
    const o = opts || { capture: true, passive: true };
    target.addEventListener(type, fn, o);
    this.unhooks.push(() => target.removeEventListener(type, fn, o));
  }

  masked(el) {
    return !!(el && el.closest && el.closest("[" + this.opts.maskAttribute + "]"));
  }

  /** The element a click is about: its nearest interactive ancestor, else itself. */
  targetOf(node) {
    let el = node && node.nodeType === 1 ? node : node && node.parentElement;
    if (!el) return null;
    return el.closest(INTERACTIVE) || el;
  }

  describe(el) {
    const t = { tag: el.tagName.toLowerCase() };
    if (this.masked(el)) return t; // opted out: the tag only
    t.selector = this.selector(el);
    if (!FORM_TAGS.has(t.tag)) {
      const text = cut(el.innerText != null ? el.innerText : el.textContent, this.opts.textLength);
      if (text) t.text = text;
    }
    const role = el.getAttribute("role");
    if (role) t.role = role;
    if (t.tag === "a") {
      const href = el.getAttribute("href");
      if (href) t.href = this.url(href);
      if (el.target === "_blank") t.new_tab = true;
      if (el.hasAttribute("download")) t.download = true;
    }
    return t;
  }

  /** A short selector: #id, else up to three levels of tag.class (two classes each). */
  selector(el) {
    const parts = [];
    for (let e = el, i = 0; e && e.nodeType === 1 && i < 3; e = e.parentElement, i++) {
      if (e.id) {
        parts.unshift("#" + CSS.escape(e.id));
        break;
      }
      let p = e.tagName.toLowerCase();
      const cls = Array.from(e.classList || []).slice(0, 2);
      if (cls.length) p += "." + cls.map((c) => CSS.escape(c)).join(".");
      parts.unshift(p);
      if (p === "body" || p === "html") break;
    }
    return parts.join(" > ").slice(0, 200);
  }

  field(el) {
    const f = {};
    if (this.masked(el)) return f; // opted out: not even which field
    const id = el.id || el.getAttribute("name");
    if (id) f.id = cut(id, 100);
    const form = el.form || (el.tagName === "FORM" ? el : null);
    if (form && (form.id || form.getAttribute("name"))) {
      f.form = cut(form.id || form.getAttribute("name"), 100);
    }
    return f;
  }

  hook() {
    const clicks = (type) => (e) => {
      const el = this.targetOf(e.target);
      if (!el) return;
      const fields = { target: this.describe(el), x: Math.round(e.clientX), y: Math.round(e.clientY) };
      const mods = ["ctrl", "meta", "alt", "shift"].filter((m) => e[m + "Key"]);
      if (mods.length) fields.modifiers = mods.join("+");
      this.capture(type, fields, e.timeStamp);
    };
    this.on(document, "click", clicks("click"));
    this.on(document, "dblclick", clicks("dblclick"));
    this.on(document, "pointermove", (e) => this.onPointer(e));
    this.on(window, "scroll", () => this.onScroll());
    for (const type of ["focus", "blur"]) {
      this.on(document, type === "focus" ? "focusin" : "focusout", (e) => {
        const el = e.target;
        if (el && FORM_TAGS.has((el.tagName || "").toLowerCase())) {
          this.capture(type, { field: this.field(el) });
        }
      });
    }
    this.on(document, "input", (e) => {
      const el = e.target;
      if (!el || !el.tagName) return;
      const key = el.id || el.name || el.tagName;
      const t = now();
      if (t - (this.lastInput.get(key) || 0) < 500) return; // one input per field per 500 ms
      this.lastInput.set(key, t);
      this.capture("input", { field: this.field(el) });
    });
    this.on(document, "change", (e) => {
      if (e.target && e.target.tagName) this.capture("change", { field: this.field(e.target) });
    });
    this.on(document, "submit", (e) => {
      if (e.target && e.target.tagName) this.capture("submit", { field: this.field(e.target) });
    });
    this.on(window, "error", (e) => {
      if (e.target && e.target !== window) return; // a resource that failed to load
      const err = e.error;
      this.capture("error", {
        error: {
          message: cut(e.message || (err && err.message) || "error", 200),
          kind: cut((err && err.name) || "Error", 60),
        },
      });
    });
    this.on(window, "unhandledrejection", (e) => {
      const r = e.reason;
      this.capture("error", {
        error: {
          message: cut((r && r.message) || String(r), 200),
          kind: cut((r && r.name) || "unhandledrejection", 60),
        },
      });
    });
    this.on(document, "visibilitychange", () => {
      this.capture("visibility", { state: document.visibilityState === "hidden" ? "hidden" : "visible" });
      if (document.visibilityState === "hidden") this.beacon();
    });
    this.on(window, "pagehide", () => {
      this.endPointer();
      this.beacon();
    });
    if (this.opts.captureDom && window.MutationObserver) this.observeDom();
    if (this.opts.captureNetwork) this.wrapNetwork();
    if (this.opts.heartbeatMs > 0) {
      const id = setInterval(() => {
        if (document.visibilityState !== "hidden" && now() - this.lastEventAt >= this.opts.heartbeatMs) {
          this.capture("heartbeat", {});
        }
      }, this.opts.heartbeatMs);
      this.unhooks.push(() => clearInterval(id));
    }
  }

  onPointer(e) {
    const t = performance.now();
    const p = this.pointer;
    if (!p) {
      this.pointer = { x: e.clientX, y: e.clientY, start: t, end: t, d: 0, dx: 0, dy: 0, cx: 0, cy: 0 };
      this.pointerTimer = setTimeout(() => this.endPointer(), this.opts.pointerMs);
      return;
    }
    const mx = e.clientX - p.x;
    const my = e.clientY - p.y;
    if (mx && p.dx && Math.sign(mx) !== Math.sign(p.dx)) p.cx++;
    if (my && p.dy && Math.sign(my) !== Math.sign(p.dy)) p.cy++;
    if (mx) p.dx = mx;
    if (my) p.dy = my;
    p.d += Math.hypot(mx, my);
    p.x = e.clientX;
    p.y = e.clientY;
    p.end = t;
  }

  /** One pointer_move summary of the movement since the last one, stamped with its end. */
  endPointer() {
    clearTimeout(this.pointerTimer);
    const p = this.pointer;
    this.pointer = null;
    if (!p || p.d < 1) return;
    this.capture("pointer_move", {
      x: Math.round(p.x),
      y: Math.round(p.y),
      pointer: {
        distance: Math.round(p.d),
        dir_changes_x: p.cx,
        dir_changes_y: p.cy,
        duration_ms: Math.round(p.end - p.start),
      },
    });
  }

  onScroll() {
    const y = window.scrollY;
    const t = performance.now();
    const s = this.lastScroll || { y: this.scrollBase || 0, t: -Infinity, pending: false };
    this.lastScroll = s;
    if (t - s.t >= 200) {
      this.emitScroll(s, y, t);
    } else if (!s.pending) {
      s.pending = true; // the last position of a fast scroll is sent too
      setTimeout(() => {
        s.pending = false;
        this.emitScroll(s, window.scrollY, performance.now());
      }, 200 - (t - s.t));
    }
  }

  emitScroll(s, y, t) {
    const dy = Math.round(y - s.y);
    s.y = y;
    s.t = t;
    if (!dy) return;
    const h = document.documentElement.scrollHeight || 1;
    const depth = Math.min(100, Math.max(0, ((y + window.innerHeight) / h) * 100));
    this.capture("scroll", { scroll: { depth_pct: Math.round(depth * 10) / 10, dy } });
  }

  /** One dom_change per MutationObserver batch (batches closer than 100 ms are merged). */
  observeDom() {
    const emit = () => {
      const c = this.domPending;
      this.domPending = null;
      this.domLast = performance.now();
      this.capture("dom_change", { props: c });
    };
    const mo = new MutationObserver((records) => {
      const c = this.domPending || { adds: 0, removes: 0, attributes: 0, texts: 0 };
      for (const r of records) {
        if (r.type === "childList") {
          c.adds += r.addedNodes.length;
          c.removes += r.removedNodes.length;
        } else if (r.type === "attributes") c.attributes++;
        else c.texts++;
      }
      const first = !this.domPending;
      this.domPending = c;
      const since = performance.now() - (this.domLast || -Infinity);
      if (since >= 100) emit();
      else if (first) setTimeout(emit, 100 - since);
    });
    mo.observe(document.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      characterData: true,
    });
    this.unhooks.push(() => mo.disconnect());
  }

  /** Reports the page's own fetch and XHR requests (never the tracker's) as network events. */
  wrapNetwork() {
    const self = this;
    const own = (u) => {
      try {
        return new URL(u, location.href).href.startsWith(self.endpoint + "/v1/");
      } catch (e) {
        return false;
      }
    };
    const report = (method, url, status, start) =>
      self.capture("network", {
        network: {
          status,
          method: String(method || "GET").toUpperCase(),
          url: self.url(url),
          duration_ms: Math.round(performance.now() - start),
        },
      });
    const origFetch = window.fetch;
    const wrapped = function (input, init) {
      const url = typeof input === "string" ? input : input && input.url;
      const method = (init && init.method) || (input && input.method) || "GET";
      const start = performance.now();
      const p = origFetch.apply(this, arguments);
      if (own(url)) return p;
      return p.then(
        (r) => {
          report(method, url, r.status, start);
          return r;
        },
        (e) => {
          report(method, url, 0, start);
          throw e;
        }
      );
    };
    window.fetch = wrapped;
    this.unhooks.push(() => {
      if (window.fetch === wrapped) window.fetch = origFetch;
    });
    const X = window.XMLHttpRequest && window.XMLHttpRequest.prototype;
    if (X) {
      const open = X.open;
      const send = X.send;
      X.open = function (method, url) {
        this.__ff = { method, url };
        return open.apply(this, arguments);
      };
      X.send = function () {
        const m = this.__ff;
        if (m && !own(m.url)) {
          const start = performance.now();
          this.addEventListener("loadend", () => report(m.method, m.url, this.status, start));
        }
        return send.apply(this, arguments);
      };
      this.unhooks.push(() => {
        X.open = open;
        X.send = send;
      });
    }
  }

  // ---- sending ----------------------------------------------------------------------------

  schedule(ms) {
    if (this.timer) {
      if (ms > 0) return; // the running timer sends this event too
      clearTimeout(this.timer);
    }
    const wait = Math.max(ms, this.retryAt - now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.send();
    }, wait);
  }

  /** The next batch: consecutive events of one session (whose id is known), at most maxBatch. */
  nextBatch() {
    if (this.inFlight) return this.inFlight; // a retry resends the very same events
    if (!this.queue.length) return null;
    const slot = this.queue[0].slot;
    if (!slot.id) return null; // sent once POST /v1/sessions answered
    let n = 0;
    while (n < this.queue.length && n < this.opts.maxBatch && this.queue[n].slot === slot) n++;
    const events = this.queue.splice(0, n).map((q) => ({ ...q.event, session_id: slot.id }));
    this.inFlight = { slot, events };
    return this.inFlight;
  }

  async send() {
    if (this.sending || !this.consented) return;
    const batch = this.nextBatch();
    if (!batch) return;
    this.sending = true;
    const sentAt = now();
    const body = JSON.stringify({
      session_id: batch.slot.id,
      events: batch.events.map((e) => ({ ...e, sent_at: sentAt })),
    });
    let retryAfter = 0;
    try {
      const r = await this.fetch(this.endpoint + "/v1/events", {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-Write-Key": this.opts.writeKey,
          Authorization: "Bearer " + batch.slot.token,
        },
        body,
        credentials: "omit",
        keepalive: body.length < 60000,
      });
      this.note(r.status);
      if (r.status === 202) {
        this.counters.accepted += batch.events.length;
        this.inFlight = null;
        this.backoff = 0;
      } else if (r.status === 503 || r.status === 429 || r.status >= 500) {
        retryAfter = this.retryDelay(r.headers.get("Retry-After"));
      } else {
        // 400, 401, 403, 413: a retry would get the same answer
        this.log("POST /v1/events answered", r.status, await r.text());
        this.counters.dropped += batch.events.length;
        this.inFlight = null;
      }
    } catch (e) {
      this.note(0);
      retryAfter = this.retryDelay(null);
    } finally {
      this.sending = false;
    }
    if (retryAfter) {
      this.counters.retries++;
      this.retryAt = now() + retryAfter;
    } else {
      this.retryAt = 0;
    }
    if (this.inFlight || this.queue.length) this.schedule(retryAfter || 0);
  }

  note(status) {
    const s = this.counters.status;
    s.push(status);
    if (s.length > 50) s.shift();
    if (status !== 202) this.counters.failures++;
  }

  /** Retry-After seconds when given, else 1 s doubling up to 30 s. */
  retryDelay(header) {
    const secs = header != null ? Number(header) : NaN;
    if (Number.isFinite(secs) && secs >= 0) return Math.max(250, secs * 1000);
    this.backoff = Math.min((this.backoff || 500) * 2, 30000);
    return this.backoff;
  }

  /** On pagehide: everything not yet acknowledged goes by sendBeacon (same event ids). */
  beacon() {
    if (!this.consented || !navigator.sendBeacon) return;
    const all = [];
    if (this.inFlight) all.push(...this.inFlight.events.map((e) => [this.inFlight.slot, e]));
    for (const q of this.queue) if (q.slot.id) all.push([q.slot, { ...q.event, session_id: q.slot.id }]);
    const bySlot = new Map();
    for (const [slot, e] of all) {
      if (!bySlot.has(slot)) bySlot.set(slot, []);
      bySlot.get(slot).push(e);
    }
    const sentAt = now();
    for (const [slot, events] of bySlot) {
      for (let i = 0; i < events.length; i += this.opts.maxBatch) {
        const body = JSON.stringify({
          session_id: slot.id,
          events: events.slice(i, i + this.opts.maxBatch).map((e) => ({ ...e, sent_at: sentAt })),
        });
        const url =
          this.endpoint +
          "/v1/events?write_key=" +
          encodeURIComponent(this.opts.writeKey) +
          "&token=" +
          encodeURIComponent(slot.token);
        // text/plain keeps the beacon a simple request (no preflight); the body is JSON.
        navigator.sendBeacon(url, new Blob([body], { type: "text/plain" }));
      }
    }
    // Kept: if the page comes back from the back-forward cache, they are sent again, and the
    // job drops the repeats by event id.
  }

  // ---- signals ------------------------------------------------------------------------------

  listen() {
    if (!this.handlers.length || this.source || !this.slot || !this.slot.id) return;
    const slot = this.slot;
    let url =
      this.endpoint +
      "/v1/sessions/" +
      encodeURIComponent(slot.id) +
      "/signals?token=" +
      encodeURIComponent(slot.token);
    if (slot.sig) url += "&last_event_id=" + encodeURIComponent(slot.sig); // no replay on reload
    const es = new EventSource(url);
    es.addEventListener("signal", (m) => {
      let signal;
      try {
        signal = JSON.parse(m.data);
      } catch (e) {
        return;
      }
      slot.sig = m.lastEventId || signal.signal_id;
      if (this.slot === slot) this.saveSlot();
      for (const h of this.handlers) {
        try {
          h(signal);
        } catch (e) {
          this.log("signal handler failed", e);
        }
      }
    });
    this.source = es;
  }

  log(...args) {
    if (this.opts.debug) console.warn("frictionflow:", ...args);
  }
}

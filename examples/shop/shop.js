// The demo shop's page logic: the tracker, and what the page does with the job's signals.
// URL parameters (all optional): key (write key, default wk_demo_shop_1), endpoint (gateway base
// URL, default this page's origin), heartbeat (ms, default 1000; 0 turns it off), consent=1
// (skip the banner, for scripted runs).
import { init } from "../tracker/frictionflow.js";

const params = new URLSearchParams(location.search);
const $ = (id) => document.getElementById(id);
const heartbeat = Number(params.get("heartbeat") ?? 1000);

const ff = init({
  writeKey: params.get("key") || "wk_demo_shop_1",
  endpoint: params.get("endpoint") || "",
  // With one visitor, nothing else moves the job's event time: a heartbeat lets the windows of
  // dead clicks and cart abandonment close while the page is quiet (docs/browser.md).
  heartbeatMs: Number.isFinite(heartbeat) ? heartbeat : 1000,
  pageCategory: "product",
  debug: params.has("debug"),
});

// What the page measured: for each help message, the time from the click that decided the
// signal (its last event) to the message being on screen, in ms (performance.now()).
const shop = { ff, latencies: [], helpShown: 0, offerShown: 0, signals: [] };
window.shop = shop;

function accept() {
  $("consent").hidden = true;
  ff.consent(true);
}
$("consent-accept").addEventListener("click", accept);
$("consent-decline").addEventListener("click", () => ($("consent").hidden = true));
if (params.get("consent") === "1") accept();

let cart = [];
function renderCart() {
  $("cart-count").textContent = "Cart: " + cart.length;
  const ul = $("cart-items");
  ul.replaceChildren(
    ...(cart.length
      ? cart.map((i) => Object.assign(document.createElement("li"), { textContent: i.name }))
      : [Object.assign(document.createElement("li"), { className: "empty", textContent: "Empty" })])
  );
}

$("add-to-cart").addEventListener("click", () => {
  cart.push({ sku: "TR-2", name: "Trail Runner 2", price: 89.9 });
  renderCart();
  ff.track("add_to_cart", { sku: "TR-2", price: 89.9, quantity: 1 });
});

// The coupon button is broken: no listener at all.

$("checkout").addEventListener("click", () => {
  if (!cart.length) return;
  $("checkout-form").hidden = false;
  ff.track("checkout_start", { items: cart.length });
});

$("checkout-form").addEventListener("submit", (e) => {
  e.preventDefault();
  ff.track("purchase", { items: cart.length, total: cart.reduce((a, i) => a + i.price, 0) });
  cart = [];
  renderCart();
  $("checkout-form").hidden = true;
  $("thanks").hidden = false;
});

$("help-close").addEventListener("click", () => ($("help").hidden = true));
$("offer-close").addEventListener("click", () => ($("offer").hidden = true));

/** Whether a signal's events include a click on the coupon button (the ones seen here). */
function aboutCoupon(signal) {
  return (signal.event_ids || []).some((id) => {
    const e = ff.event(id);
    return e && e.target && e.target.selector === "#apply-coupon";
  });
}

ff.onSignal((signal) => {
  shop.signals.push(signal);
  const p = signal.pattern_id;
  if ((p === "rage-click" || p === "dead-click") && aboutCoupon(signal)) {
    const el = $("help");
    el.hidden = false;
    // The message is on screen at the next frame; measure to there.
    requestAnimationFrame(() => {
      const last = signal.event_ids[signal.event_ids.length - 1];
      const at = ff.capturedAt(last);
      shop.helpShown++;
      if (at != null) shop.latencies.push(performance.now() - at);
      el.dataset.shown = String(shop.helpShown);
    });
  } else if (p === "cart-abandonment" && cart.length) {
    $("offer").hidden = false;
    shop.offerShown++;
  }
});

// @ts-check
// Small DOM helpers shared by the screens: showing a screen, errors with Details, a
// confirmation dialog.

/**
 * The element with this id. Typed loosely on purpose: each screen knows which kind of
 * element it looks up (input, button, form…).
 * @param {string} id
 * @returns {any}
 */
export const $ = (id) => document.getElementById(id);

/**
 * Sets an element's text only when it changes: a live region rewritten with the same words
 * is read out again by some screen readers, so on every keystroke and every rate-limiter
 * event they would talk without end.
 */
export function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/** Creates an element with attributes and children (strings become text). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v === true) e.setAttribute(k, "");
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c == null) continue;
    e.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return e;
}

const SCREENS = ["connecting", "welcome", "connect", "home", "project", "overview", "projects", "bulk", "activity", "settings", "help"];

/**
 * Shows one screen and hides the others, and takes the keyboard focus to its heading, so
 * that a screen reader announces where the user now is and Tab continues from there.
 */
export function showScreen(name) {
  for (const s of SCREENS) $(`screen-${s}`).hidden = s !== name;
  document.body.dataset.screen = name;
  /** @type {HTMLElement | null} */
  const heading = $(`screen-${name}`).querySelector("h1");
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
}

/** An error as a plain sentence, with the status and server words behind "Details". */
export function showError(container, err) {
  const message = err && typeof err.message === "string" ? err.message : "Something went wrong. Try again.";
  const details = err && err.details ? err.details : err && typeof err !== "object" ? String(err) : null;
  container.replaceChildren(
    el("div", { class: "error", role: "alert" },
      el("p", { text: message }),
      details ? el("details", {}, el("summary", { text: "Details" }), el("p", { class: "details", text: details })) : null),
  );
  container.hidden = false;
}

/** Clears an error container. */
export function clearError(container) {
  container.replaceChildren();
  container.hidden = true;
}

/** A modal question; resolves true for OK. `body` is a node or text. */
export function confirmDialog({ title, body, ok = "OK", cancel = "Cancel" }) {
  const d = $("dialog");
  $("dialog-title").textContent = title;
  $("dialog-body").replaceChildren(typeof body === "string" ? el("p", { text: body }) : body);
  $("dialog-ok").textContent = ok;
  $("dialog-cancel").textContent = cancel;
  $("dialog-cancel").hidden = cancel === null;
  return new Promise((resolve) => {
    d.addEventListener("close", () => resolve(d.returnValue === "ok"), { once: true });
    d.returnValue = "cancel";
    d.showModal();
    $("dialog-ok").focus();
  });
}

// @ts-check
// First run and connecting: "Try with demo data" or "Connect to PowerClerk", and the band.

import { $, showScreen, showError, clearError } from "./ui.js";
import { call } from "./ipc.js";
import { bandFor, viewOf, connectRequest } from "./connection.js";
import { say } from "./status.js";

/** @type {(info: any) => Promise<void> | void} */
let onConnected = () => {};

/** Shows the environment band for a connection. */
export function showBand(info) {
  const band = bandFor(info);
  $("env-band").dataset.env = band.env;
  $("env-label").textContent = band.label;
  $("env-label").hidden = false;
  $("program-name").textContent = band.title;
}

async function connected(info) {
  showBand(info);
  const view = viewOf(info);
  $("connection-summary").textContent = view.summary;
  $("connection-summary").dataset.state = "connected";
  $("connection-program").textContent = view.program;
  say(`${view.summary}.`);
  await onConnected(info);
}

/**
 * Connects with `command` — or waits for a connection already asked for (a promise) —
 * while the "connecting" card is shown.
 * @param {string | Promise<any>} command
 */
export async function connectWith(command) {
  showScreen("connecting");
  clearError($("connection-error"));
  $("connection-summary").textContent = "Connecting to PowerClerk…";
  say("Connecting…");
  try {
    await connected(await (typeof command === "string" ? call(command) : command));
  } catch (err) {
    $("connection-summary").textContent = "Not connected.";
    showError($("connection-error"), err);
    const back = document.createElement("button");
    back.textContent = "Back";
    back.type = "button";
    back.onclick = () => showScreen("welcome");
    $("connection-error").append(back);
    say("Not connected.");
  }
}

function updateEnvironmentRows() {
  const env = new FormData($("connect-form")).get("environment");
  $("cx-api-url-row").hidden = env !== "custom";
  $("cx-token-url-row").hidden = env === "pci_trial";
}

/** Wires the welcome and connect screens; `then` runs after a successful connection. */
export function setupWelcome(then) {
  onConnected = then;
  $("try-demo").addEventListener("click", () => connectWith("start_demo"));
  $("go-connect").addEventListener("click", () => {
    showScreen("connect");
  });
  $("connect-cancel").addEventListener("click", () => showScreen("welcome"));
  for (const r of document.querySelectorAll('input[name="environment"]')) r.addEventListener("change", updateEnvironmentRows);
  $("connect-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const values = Object.fromEntries(new FormData($("connect-form")));
    for (const p of document.querySelectorAll("#connect-form .field-error")) /** @type {HTMLElement} */ (p).hidden = true;
    clearError($("connect-error"));
    $("connect-submit").disabled = true;
    say("Testing the connection…");
    try {
      const info = await call("connect", { form: connectRequest(values) });
      // The secrets leave the page: they are in the keychain now.
      for (const id of ["cx-api-key", "cx-secret"]) $(id).value = "";
      await connected(info);
      // The first connection to a real PowerClerk: offer the compatibility check once.
      if (info.environment !== "demo") (await import("./compat.js")).offerCompat();
    } catch (err) {
      showError($("connect-error"), err);
      if (err && err.field && $(`cx-${err.field}-error`)) {
        const p = $(`cx-${err.field}-error`);
        p.textContent = err.message;
        p.hidden = false;
      }
      say("Not connected.");
    } finally {
      $("connect-submit").disabled = false;
    }
  });
}

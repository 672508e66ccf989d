// Start-up: connect, then show the environment band and the connection card.

import { call } from "./ipc.js";
import { bandFor, viewOf, errorView } from "./connection.js";

const $ = (id) => document.getElementById(id);

function showBand(info) {
  const band = bandFor(info);
  $("env-band").dataset.env = band.env;
  $("env-label").textContent = band.label;
  $("program-name").textContent = band.title;
}

function showError(err) {
  const view = errorView(err);
  $("connection-summary").textContent = "Not connected.";
  $("connection-summary").dataset.state = "error";
  $("error-message").textContent = view.message;
  $("error-details").textContent = view.details || "";
  $("error-details-box").hidden = !view.details;
  $("connection-error").hidden = false;
  $("status-text").textContent = "Not connected.";
}

async function connect() {
  $("connection-error").hidden = true;
  $("connection-summary").textContent = "Connecting to PowerClerk…";
  $("status-text").textContent = "Connecting…";
  try {
    const info = await call("connection_status");
    const view = viewOf(info);
    showBand(info);
    $("connection-summary").textContent = view.summary;
    $("connection-summary").dataset.state = "connected";
    $("connection-program").textContent = view.program;
    $("status-text").textContent = view.status;
  } catch (err) {
    showError(err);
  }
}

$("retry").addEventListener("click", connect);
connect();

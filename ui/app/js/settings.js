// @ts-check
// Settings: saved connections (secrets are never shown: only "saved", with Replace /
// Remove), updates of Clerkdesk, and About.

import { $, el, setText, showScreen, showError, clearError, confirmDialog } from "./ui.js";
import { call, channel } from "./ipc.js";
import { say } from "./status.js";
import { progressText } from "./format.js";
import { setupCompat, showSwitches } from "./compat.js";
import { showDeadlines, setupDeadlines } from "./deadlinesettings.js";
import { showWatchSettings } from "./watch.js";

const ENV_NAMES = { pci_trial: "PCI Trial", production: "PRODUCTION", custom: "Other", demo: "Demo" };

async function replace(name) {
  const form = el("div", { class: "stack" },
    ...[["api_key", "API key", "password"], ["client_id", "Client id", "text"], ["client_secret", "Client secret", "password"]].map(([id, label, type]) =>
      el("div", { class: "field" }, el("label", { for: `rp-${id}`, text: label }), el("input", { id: `rp-${id}`, type, autocomplete: "off" }))),
  );
  if (!(await confirmDialog({ title: `Replace the credentials of “${name}”`, body: form, ok: "Test and save" }))) return;
  const v = (id) => $(`rp-${id}`).value;
  try {
    await call("replace_secret", { options: { name, apiKey: v("api_key"), clientId: v("client_id"), clientSecret: v("client_secret") } });
    say(`Saved new credentials for “${name}”.`);
  } catch (err) {
    showError($("settings-error"), err);
  }
  await showSettings();
}

/** @type {import("../../types/About").About | null} */
let about = null;

async function showAbout() {
  about = /** @type {import("../../types/About").About} */ (await call("about"));
  $("about-version").textContent = about.version;
  $("about-built").textContent = about.built;
  $("about-licence").textContent = about.licence;
  $("about-logs").textContent = about.log_folder;
  const parts = about.third_party;
  $("about-third-party-summary").textContent = `Third-party licences (${parts.length} components)`;
  // Built when opened: hundreds of lines nobody needs on every visit.
  $("about-third-party").ontoggle = () => {
    const list = $("about-third-party-list");
    if (!$("about-third-party").open || list.childElementCount) return;
    list.replaceChildren(...parts.map((t) => el("li", { text: `${t.name} ${t.version} — ${t.licence}` })));
  };
}

async function copyDiagnostics() {
  if (!about) return;
  try {
    await navigator.clipboard.writeText(about.diagnostics);
    say("Diagnostics copied — paste them into your support request.");
  } catch {
    // No clipboard access: show the text to copy by hand.
    await confirmDialog({ title: "Diagnostics", body: el("pre", { class: "details", text: about.diagnostics }), ok: "Close", cancel: null });
  }
}

/** Shows the settings screen. */
export async function showSettings() {
  showScreen("settings");
  say("Settings.");
  await Promise.all([showAbout(), showPreferences(), showSwitches(), showDeadlines().then(showWatchSettings)]);
  const info = await call("app_info");
  if (info.profiles.length === 0) {
    $("profile-list").replaceChildren(el("li", { class: "muted", text: "No saved connection. You are using the demo data." }));
    return;
  }
  $("profile-list").replaceChildren(...info.profiles.map((p) => el("li", { class: "profile" },
    el("div", {},
      el("strong", { text: p.name }), " · ",
      el("span", { class: p.environment === "production" ? "prod-word" : "", text: ENV_NAMES[p.environment] || p.environment }),
      p.name === info.active_profile ? el("span", { class: "badge", text: "in use" }) : null),
    el("div", { class: "muted", text: p.secret_saved ? "Credentials: saved in the system keychain" : "Credentials: not saved" }),
    el("div", { class: "actions" },
      el("button", { type: "button", onclick: () => replace(p.name), text: p.secret_saved ? "Replace credentials…" : "Enter credentials…" }),
      p.secret_saved ? el("button", { type: "button", onclick: async () => {
        if (await confirmDialog({ title: "Remove credentials?", body: `The API key and secret of “${p.name}” will be deleted from this computer's keychain. You can enter them again later.`, ok: "Remove" })) {
          await call("forget_secret", { name: p.name });
          say(`Removed the credentials of “${p.name}”.`);
          await showSettings();
        }
      }, text: "Remove credentials" }) : null,
      p.name !== info.active_profile ? el("button", { type: "button", onclick: async () => {
        await call("use_profile", { name: p.name });
        location.reload();
      }, text: "Use this connection" }) : null),
  )));
}

/** Wires the settings screen. */
export function setupSettings() {
  $("add-connection").addEventListener("click", () => showScreen("connect"));
  $("copy-diagnostics").addEventListener("click", copyDiagnostics);
  setupCompat();
  setupDeadlines();
}

// ---- Updates: "Check for updates", the start-check switch, and the offer at start.

/** Asks before installing (unsaved edits are the caller's question), then installs. */
async function installUpdate(version) {
  const ok = await confirmDialog({
    title: `Install Clerkdesk ${version}?`,
    body: "Clerkdesk downloads the update, checks its signature, installs it and restarts. Your connections, credentials and unsaved edits are kept.",
    ok: "Install and restart",
  });
  if (!ok) return;
  const startedAt = Date.now();
  const onProgress = channel((m) => say(progressText(`Downloading Clerkdesk ${version}:`, m.done, m.total, startedAt)));
  try {
    say(`Downloading Clerkdesk ${version}…`);
    await call("update_install", { onProgress });
  } catch (err) {
    $("update-banner").hidden = true;
    await showSettings();
    say("The update was not installed.");
    showError($("update-error"), err);
  }
}

/** Shows what a check found in the Settings screen. */
function showUpdate(view) {
  setText($("update-result"), view.message);
  $("update-notes").hidden = !view.notes;
  $("update-notes").textContent = view.notes ? `What's new: ${view.notes}` : "";
  $("update-install").hidden = !view.available;
  $("update-install").onclick = () => view.available && installUpdate(view.available);
}

async function checkNow() {
  clearError($("update-error"));
  $("update-install").hidden = true;
  setText($("update-result"), "Checking for updates…");
  $("update-check").disabled = true;
  try {
    showUpdate(await call("update_check"));
  } catch (err) {
    setText($("update-result"), "");
    showError($("update-error"), err);
  } finally {
    $("update-check").disabled = false;
  }
}

async function showPreferences() {
  const prefs = /** @type {import("../../types/Preferences").Preferences} */ (await call("preferences", {}));
  /** @type {HTMLInputElement} */ ($("update-at-start")).checked = prefs.check_updates_at_start;
  /** @type {HTMLInputElement} */ ($("downloads-without-asking")).checked = prefs.downloads_without_asking;
}

/**
 * The quiet check at start (the app decides whether it is due: switched on, at most daily,
 * never during a bulk run). Only a newer version is mentioned, in a banner that asks.
 */
export async function offerUpdateQuietly() {
  const view = /** @type {import("../../types/UpdateView").UpdateView | null} */ (await call("update_check_quietly").catch(() => null));
  // Marks that the start check has had its answer (the end-to-end test waits for it).
  $("update-banner").dataset.checked = "true";
  if (!view || !view.available) return;
  const version = view.available;
  setText($("update-banner-text"), `Clerkdesk ${version} is available (you have ${view.current}).`);
  $("update-banner").hidden = false;
  $("update-banner-later").onclick = () => { $("update-banner").hidden = true; };
  $("update-banner-install").onclick = async () => (await mayLeaveForUpdate()) && installUpdate(version);
}

/** Set by main.js: the unsaved-edits question before the app restarts. */
let mayLeaveForUpdate = async () => true;

/** Wires the updates part of Settings; `mayLeave` asks about unsaved edits first. */
export function setupUpdates(mayLeave) {
  mayLeaveForUpdate = mayLeave;
  $("update-check").addEventListener("click", checkNow);
  $("update-at-start").addEventListener("change", (e) =>
    call("preferences", { checkUpdatesAtStart: /** @type {HTMLInputElement} */ (e.target).checked }));
  $("downloads-without-asking").addEventListener("change", (e) =>
    call("preferences", { downloadsWithoutAsking: /** @type {HTMLInputElement} */ (e.target).checked }));
}

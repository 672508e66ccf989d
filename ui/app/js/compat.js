// @ts-check
// Settings → Connection: "Check compatibility with PowerClerk" (read-only calls, with
// progress), its table of decisions, "Save report…", the offer after a first connection,
// and the connection's switches (how a cleared field and values are written).

import { $, el, setText, showScreen, showError, clearError, confirmDialog } from "./ui.js";
import { call, channel } from "./ipc.js";
import { say } from "./status.js";

const VERDICT = {
  confirmed: "Confirmed",
  differs: "Differs",
  not_checked: "Not checked",
};

/** @param {import("../../types/CompatReport").CompatReport} report */
function showReport(report) {
  const differs = report.rows.filter((r) => r.verdict === "differs").length;
  setText($("compat-summary"), differs === 0
    ? `This PowerClerk answers as Clerkdesk expects (${report.calls} read-only calls; nothing was written).`
    : `This PowerClerk differs in ${differs} of ${report.rows.length} points; Clerkdesk adapts as the last column says (${report.calls} read-only calls; nothing was written).`);
  $("compat-rows").replaceChildren(...report.rows.map((r) => el("tr", { "data-verdict": r.verdict },
    el("th", { scope: "row", text: r.topic }),
    el("td", {}, el("span", { class: `verdict verdict-${r.verdict}`, text: VERDICT[r.verdict] || r.verdict })),
    el("td", { text: r.seen }),
    el("td", { text: r.clerkdesk }),
  )));
  $("compat-result").hidden = false;
  $("compat-save").hidden = false;
}

/** Runs the check, showing each step. */
export async function runCheck() {
  clearError($("compat-error"));
  $("compat-check").disabled = true;
  $("compat-save").hidden = true;
  const onProgress = channel((p) => setText($("compat-progress"), `Checking ${p.doing} (call ${p.done + 1} of at most ${p.of})…`));
  setText($("compat-progress"), "Checking…");
  say("Checking compatibility with PowerClerk…");
  try {
    showReport(/** @type {import("../../types/CompatReport").CompatReport} */ (await call("compat_check", { onProgress })));
    setText($("compat-progress"), "");
    say("Compatibility checked.");
  } catch (err) {
    setText($("compat-progress"), "");
    showError($("compat-error"), err);
    say("The compatibility check could not run.");
  } finally {
    $("compat-check").disabled = false;
  }
}

async function saveReport() {
  try {
    const path = await call("compat_save_report");
    if (path) say(`Saved the report: ${path}`);
  } catch (err) {
    showError($("compat-error"), err);
  }
}

/** Shows the switches of the connection in use (hidden for the demo). */
export async function showSwitches() {
  const sw = /** @type {import("../../types/ConnectionSwitches").ConnectionSwitches | null} */ (await call("connection_switches", {}).catch(() => null));
  $("switches").hidden = !sw;
  if (!sw) return;
  /** @type {HTMLInputElement} */ ($("switch-cleared-null")).checked = sw.cleared_as_null;
  /** @type {HTMLInputElement} */ ($("switch-values-text")).checked = sw.values_as_text;
}

async function saveSwitches() {
  const set = {
    cleared_as_null: /** @type {HTMLInputElement} */ ($("switch-cleared-null")).checked,
    values_as_text: /** @type {HTMLInputElement} */ ($("switch-values-text")).checked,
  };
  try {
    await call("connection_switches", { set });
    say("Saved. Clerkdesk writes values this way from now on.");
  } catch (err) {
    showError($("compat-error"), err);
    await showSwitches();
  }
}

/** After the first successful connection to a real PowerClerk: offers the check once. */
export async function offerCompat() {
  const ok = await confirmDialog({
    title: "Check this PowerClerk?",
    body: "Clerkdesk was built from PowerClerk's documentation, which leaves some answers open. A short check reads a few things from PowerClerk (at most 9 calls; nothing is changed) and shows whether it answers as Clerkdesk expects. You can run it later from Settings.",
    ok: "Check now",
    cancel: "Not now",
  });
  if (!ok) return;
  showScreen("settings");
  await runCheck();
  $("compat-title").scrollIntoView();
}

/** Wires the Connection part of Settings. */
export function setupCompat() {
  $("compat-check").addEventListener("click", runCheck);
  $("compat-save").addEventListener("click", saveReport);
  $("switch-cleared-null").addEventListener("change", saveSwitches);
  $("switch-values-text").addEventListener("change", saveSwitches);
}

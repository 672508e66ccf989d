// @ts-check
// The activity panel: every write, newest first, exportable as CSV.

import { $, el, showScreen, showError } from "./ui.js";
import { call } from "./ipc.js";
import { say } from "./status.js";

/** Shows the activity screen. */
export async function showActivity() {
  showScreen("activity");
  const rows = await call("activity");
  $("activity-rows").replaceChildren(
    ...rows.map((r) => el("tr", {}, ...[r.time, r.environment, r.project, r.form, r.action, r.result].map((c) => el("td", { text: c })))),
  );
  $("activity-empty").hidden = rows.length > 0;
  // The status line speaks of this screen, not of what was done on the last one.
  say(rows.length ? `${rows.length} change${rows.length === 1 ? "" : "s"} in the activity log.` : "No activity yet.");
}

/** Wires the export button. */
export function setupActivity() {
  $("export-activity").addEventListener("click", async () => {
    try {
      const path = await call("export_activity");
      if (path) say(`Exported the activity to ${path}.`);
    } catch (err) {
      showError($("activity-empty"), err);
    }
  });
}

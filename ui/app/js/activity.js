// @ts-check
// The activity panel: every write, newest first, exportable as CSV. A bulk run is one
// entry (its rows on demand, its results file one click away).

import { $, el, showScreen, showError } from "./ui.js";
import { call } from "./ipc.js";
import { say } from "./status.js";
import { virtualRows } from "./virtual.js";

/** The buttons of a bulk run's entry: its rows, and its results file when there is one. */
function runActions(r, row) {
  const actions = el("div", { class: "row-actions" });
  const rows = el("button", { type: "button", text: "Rows", "aria-expanded": "false" });
  rows.addEventListener("click", () => toggleRows(r.job, row, rows));
  actions.append(rows);
  if (r.results) {
    const open = el("button", { type: "button", text: "Open results" });
    open.addEventListener("click", () => call("open_saved", { path: r.results }).catch((e) => showError($("activity-error"), e)));
    actions.append(open);
  }
  return actions;
}

/** Height of one row of a run's list in px (app.css keeps each to one line). */
const ROW_HEIGHT = 33;

/**
 * Lists a run's rows under its entry, or hides them again. A run may have thousands: only
 * the rows in view are drawn (the list scrolls inside the entry).
 */
async function toggleRows(job, row, button) {
  const shown = row.nextElementSibling?.classList.contains("job-rows");
  if (shown) {
    row.nextElementSibling.remove();
    button.setAttribute("aria-expanded", "false");
    return;
  }
  try {
    const rows = await call("bulk_job_rows", { job });
    const tbody = el("tbody", {});
    const table = el("table", { class: "table inner" },
      el("thead", {}, el("tr", {}, ...["Row", "Project", "Result", "Message"].map((h) => el("th", { scope: "col", text: h })))),
      tbody);
    const scroller = el("div", { class: "table-wrap job-rows-wrap", tabindex: "0", role: "region", "aria-label": `${rows.length} rows of the run` }, table);
    row.after(el("tr", { class: "job-rows" }, el("td", { colspan: "6" }, scroller)));
    virtualRows({
      table,
      tbody,
      scroller,
      rowHeight: ROW_HEIGHT,
      renderRow: (x) => el("tr", {}, ...[String(x.line), x.project, x.result, x.message].map((c) => el("td", { text: c, title: c }))),
    }).setRows(rows);
    button.setAttribute("aria-expanded", "true");
  } catch (err) {
    showError($("activity-error"), err);
  }
}

/** Shows the activity screen. */
export async function showActivity() {
  showScreen("activity");
  const rows = await call("activity");
  $("activity-rows").replaceChildren(
    ...rows.map((r) => {
      const cells = [r.time, r.environment, r.project, r.form, r.action].map((c) => el("td", { text: c }));
      const result = el("td", { text: r.result });
      const row = el("tr", {}, ...cells, result);
      if (r.job) result.append(runActions(r, row));
      return row;
    }),
  );
  $("activity-empty").hidden = rows.length > 0;
  // The status line speaks of this screen, not of what was done on the last one.
  say(rows.length ? `${rows.length} entr${rows.length === 1 ? "y" : "ies"} in the activity log.` : "No activity yet.");
}

/** Wires the export button. */
export function setupActivity() {
  $("export-activity").addEventListener("click", async () => {
    try {
      const path = await call("export_activity");
      if (path) say(`Exported the activity to ${path}.`);
    } catch (err) {
      showError($("activity-error"), err);
    }
  });
}

// @ts-check
// The Projects screen: the program's work queue — filter by status, search, sort, select
// (shift-click for ranges) and export a form for the selected projects to Excel.

import { $, el, showScreen, showError, clearError, setText } from "./ui.js";
import { call, channel } from "./ipc.js";
import { ago, progress } from "./format.js";
import { say } from "./status.js";
import { filterRows, sortRows, statusOptions, selectRange, endOfWeek } from "./bulkview.js";

/** @type {{rows: any[], statuses: any[], changed: number, counting: string, has_targets: boolean}} */
let queue = { rows: [], statuses: [], changed: 0, counting: "business days", has_targets: false };
let sortKey = "last_change";
/** @type {"ascending" | "descending"} */
let sortDir = "descending";
/** @type {Set<string>} */
const selected = new Set();
/** @type {string | null} */
let anchor = null;
let lastLook = "";
let openProjectFn = (/** @type {string} */ _n) => {};

function shown() {
  const filtered = filterRows(queue.rows, {
    status: $("projects-status").value,
    search: $("projects-search").value,
    due: $("projects-due").value,
    weekEnd: endOfWeek(),
  });
  return sortRows(filtered, sortKey, sortDir);
}

function render() {
  const rows = shown();
  const order = rows.map((r) => r.number);
  $("projects-rows").replaceChildren(...rows.map((r) => {
    const box = el("input", { type: "checkbox", "aria-label": `Select ${r.number}`, "data-number": r.number });
    box.checked = selected.has(r.number);
    box.addEventListener("click", (e) => {
      const ev = /** @type {MouseEvent} */ (e);
      if (ev.shiftKey) selectRange(selected, order, anchor, r.number, box.checked);
      else if (box.checked) selected.add(r.number);
      else selected.delete(r.number);
      anchor = r.number;
      // The rows stay (focus and screen-reader position with them); only the ticks change.
      syncSelection(rows);
    });
    const open = el("button", { type: "button", class: "link", text: r.number, onclick: () => openProjectFn(r.number) });
    return el("tr", { class: r.changed ? "changed" : null },
      el("td", {}, box),
      el("td", {}, open, r.changed ? el("span", { class: "badge", text: "changed" }) : null),
      el("td", { text: r.status }),
      el("td", { text: r.owner }),
      el("td", { text: ago(r.last_change) }),
      el("td", { text: age(r.due) }),
      dueCell(r.due));
  }));
  syncSelection(rows);
  for (const b of document.querySelectorAll("#screen-projects .sort")) {
    const th = /** @type {HTMLElement} */ (b).closest("th");
    const key = /** @type {HTMLElement} */ (b).dataset.sort;
    th?.setAttribute("aria-sort", key === sortKey ? sortDir : "none");
  }
}

/** Days in the status, counted as the deadlines say ("12 business days"). */
function age(d) {
  if (!d || d.age_days == null) return "";
  const unit = queue.counting === "calendar days" ? "day" : "business day";
  return `${d.age_days} ${unit}${d.age_days === 1 ? "" : "s"}`;
}

/** The due date in words, coloured by urgency — the words say it too (never colour alone). */
function dueCell(d) {
  const cls = d && { Overdue: "due-overdue", DueSoon: "due-soon" }[d.urgency];
  return el("td", { class: cls || null, text: d && d.due ? `${d.words} (${d.due})` : "" });
}

/** Ticks, the "all" box, the count and the export button from the selection. */
function syncSelection(rows) {
  for (const b of document.querySelectorAll("#projects-rows input[type=checkbox]")) {
    const box = /** @type {HTMLInputElement} */ (b);
    box.checked = selected.has(box.dataset.number || "");
  }
  const all = $("projects-all");
  all.checked = rows.length > 0 && rows.every((r) => selected.has(r.number));
  all.setAttribute("aria-label", `Select all ${rows.length} shown`);
  setText($("projects-count"), `${rows.length} shown · ${selected.size} selected`);
  $("export-form").disabled = selected.size === 0;
}

async function load(refresh) {
  clearError($("projects-error"));
  try {
    queue = await call("work_queue", { refresh });
  } catch (err) {
    showError($("projects-error"), err);
    return;
  }
  const status = $("projects-status");
  const keep = status.value;
  status.replaceChildren(...statusOptions(queue.statuses, queue.rows.length).map((o) => el("option", { value: o.value, text: o.text })));
  status.value = queue.statuses.some((s) => s.status === keep) ? keep : "";
  const since = lastLook ? ` since ${lastLook}` : "";
  setText($("projects-changed"), refresh ? `${queue.changed} changed${since}` : "");
  lastLook = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  render();
}

async function exportSelected() {
  const select = $("export-form-select");
  const form = select.value;
  const formName = select.selectedOptions[0]?.textContent || form;
  clearError($("projects-error"));
  say(`Exporting ${formName} for ${selected.size} projects…`);
  try {
    const startedAt = Date.now();
    const ch = channel((c) => {
      const left = progress(c.done, c.total, startedAt).left;
      say(`Reading ${c.done} of ${c.total} projects${left ? ` · ${left}` : "…"}`);
    });
    const attachments = $("export-attachments").checked;
    const path = await call("export_form", { form, formName, projects: [...selected], attachments, onProgress: ch });
    if (path) {
      say(`Exported ${selected.size} projects to ${path}.`);
      $("show-in-folder").hidden = false;
      $("show-in-folder").onclick = () => call("show_in_folder", { path });
    } else {
      say("Export cancelled.");
    }
  } catch (err) {
    showError($("projects-error"), err);
    say("Not exported.");
  }
}

/** Shows the Projects screen (the list is read once per connection, then refreshed). */
export async function showProjects() {
  showScreen("projects");
  const forms = await call("forms").catch(() => null);
  const select = $("export-form-select");
  if (forms && select.options.length === 0) {
    select.replaceChildren(...forms.map((f) => el("option", { value: f.key, text: f.name })));
  }
  await load(false);
  say(`${queue.rows.length} projects in this program.`);
}

/** Wires the screen's controls. */
export function setupProjects(openProject) {
  openProjectFn = openProject;
  $("projects-status").addEventListener("change", render);
  $("projects-search").addEventListener("input", render);
  $("projects-due").addEventListener("change", render);
  $("projects-refresh").addEventListener("click", () => load(true));
  $("projects-all").addEventListener("change", () => {
    const on = $("projects-all").checked;
    for (const r of shown()) {
      if (on) selected.add(r.number);
      else selected.delete(r.number);
    }
    render();
  });
  for (const b of document.querySelectorAll("#screen-projects .sort")) {
    b.addEventListener("click", () => {
      const key = /** @type {HTMLElement} */ (b).dataset.sort || "number";
      sortDir = key === sortKey && sortDir === "ascending" ? "descending" : "ascending";
      sortKey = key;
      render();
    });
  }
  $("export-form").addEventListener("click", exportSelected);
}

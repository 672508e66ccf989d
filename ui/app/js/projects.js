// @ts-check
// The Projects screen: the program's work queue — filter by status, search, sort, select
// (shift-click for ranges) and export a form for the selected projects to Excel.

import { $, el, showScreen, showError, clearError, setText } from "./ui.js";
import { call, channel } from "./ipc.js";
import { ago, progress } from "./format.js";
import { say } from "./status.js";
import { selectRange } from "./bulkview.js";
import { filterQueue, sortQueue, statusOptions, endOfWeekDay, dueText, URGENCY } from "./queueview.js";
import { virtualRows } from "./virtual.js";

/** @type {import("../../types/WorkQueue").WorkQueue} */
let queue = { rows: [], statuses: [], owners: [], changed: 0, counting: "business days", has_targets: false, key: "", unchanged: false };
/** @type {"number" | "status" | "owner" | "last_change" | "age" | "due"} */
let sortKey = "last_change";
/** @type {"ascending" | "descending"} */
let sortDir = "descending";
/** @type {Set<string>} */
const selected = new Set();
/** @type {string | null} */
let anchor = null;
/** A filter asked for from elsewhere (the Overview): a status's name, and a Due filter. */
let wanted = /** @type {{status: string | null, due?: string} | null} */ (null);

let lastLook = "";
let openProjectFn = (/** @type {string} */ _n) => {};
/** The rows the filters leave, in the chosen order (computed when those change). */
let current = /** @type {import("../../types/QueueRow").QueueRow[]} */ ([]);
/** @type {ReturnType<typeof virtualRows> | null} */
let view = null;

/** Height of one row in px (app.css keeps each row to one line of this height). */
const ROW_HEIGHT = 37;

/** Every row in the chosen order: sorted once per sort or listing, not per keystroke. */
let sorted = /** @type {import("../../types/QueueRow").QueueRow[] | null} */ (null);

function shown() {
  sorted ??= sortQueue(queue, queue.rows, sortKey, sortDir);
  // Filtering keeps the order: a search or a filter never sorts again.
  return filterQueue(queue, sorted, {
    status: $("projects-status").value,
    search: $("projects-search").value,
    due: $("projects-due").value,
    weekEnd: endOfWeekDay(),
  });
}

/**
 * Runs `change` and notes on the table how long it took until painted, as `data-<name>-ms`
 * (read by the app benchmark; harmless otherwise). The second frame has been painted.
 */
function timed(name, change, since = performance.now()) {
  const rows = $("projects-rows");
  delete rows.dataset[`${name}Ms`];
  change();
  requestAnimationFrame(() => requestAnimationFrame(() => {
    rows.dataset[`${name}Ms`] = String(Math.round(performance.now() - since));
  }));
}

function renderRow(r) {
  const box = el("input", { type: "checkbox", "aria-label": `Select ${r.number}`, "data-number": r.number });
  box.checked = selected.has(r.number);
  box.addEventListener("click", (e) => {
    const ev = /** @type {MouseEvent} */ (e);
    if (ev.shiftKey) selectRange(selected, current.map((x) => x.number), anchor, r.number, box.checked);
    else if (box.checked) selected.add(r.number);
    else selected.delete(r.number);
    anchor = r.number;
    // The rows stay (focus and screen-reader position with them); only the ticks change.
    syncSelection();
  });
  const open = el("button", { type: "button", class: "link", text: r.number, onclick: () => openProjectFn(r.number) });
  return el("tr", { class: r.changed ? "changed" : null },
    el("td", {}, box),
    el("td", {}, open, r.changed ? el("span", { class: "badge", text: "changed" }) : null),
    el("td", { text: queue.statuses[r.status]?.status || "" }),
    el("td", { text: queue.owners[r.owner] || "" }),
    el("td", { text: r.changed_at ? ago(r.changed_at * 1000) : "" }),
    el("td", { text: r.age == null ? "" : String(r.age) }),
    dueCell(r));
}

/** Filters and sorts again, and shows the result from its top. */
function render() {
  current = shown();
  view?.setRows(current);
  syncSelection();
  for (const b of document.querySelectorAll("#screen-projects .sort")) {
    const th = /** @type {HTMLElement} */ (b).closest("th");
    const key = /** @type {HTMLElement} */ (b).dataset.sort;
    th?.setAttribute("aria-sort", key === sortKey ? sortDir : "none");
  }
}

/** The due date in words, coloured by urgency — the words say it too (never colour alone). */
function dueCell(r) {
  const cls = r.urgency === URGENCY.overdue ? "due-overdue" : r.urgency === URGENCY.soon ? "due-soon" : null;
  return el("td", { class: cls, text: dueText(r) });
}

/** Says how the days of the age and due columns are counted. */
function headings() {
  const unit = queue.counting === "calendar days" ? "calendar days" : "business days";
  setText($("projects-counting"), queue.has_targets ? `Days are ${unit} (Settings → Deadlines).` : "No deadlines set (Settings → Deadlines).");
}

/** Ticks, the "all" box, the count and the export button from the selection. */
function syncSelection() {
  for (const b of document.querySelectorAll("#projects-rows input[type=checkbox]")) {
    const box = /** @type {HTMLInputElement} */ (b);
    box.checked = selected.has(box.dataset.number || "");
  }
  const all = $("projects-all");
  all.checked = current.length > 0 && current.every((r) => selected.has(r.number));
  all.setAttribute("aria-label", `Select all ${current.length} shown`);
  setText($("projects-count"), `${current.length} shown · ${selected.size} selected`);
  $("export-form").disabled = selected.size === 0;
}

async function load(refresh) {
  clearError($("projects-error"));
  const asked = performance.now();
  try {
    // The queue held is sent back by its key: while nothing it was made from changed, the
    // app answers "unchanged" and the rows are not sent (nor sorted) again.
    const answer = await call("work_queue", { refresh, known: queue.key || null });
    if (!answer.unchanged) {
      queue = answer;
      sorted = null;
      // The rows arrived: what the app built them with can go back to the system.
      call("work_queue_shown").catch(() => {});
    }
    $("projects-rows").dataset.ipcMs = String(Math.round(performance.now() - asked));
  } catch (err) {
    showError($("projects-error"), err);
    return;
  }
  const status = $("projects-status");
  const keep = status.value;
  // The filter is kept by the status's name (indexes may change with a refresh).
  const keptName = wanted ? wanted.status : keep === "" ? null : status.selectedOptions[0]?.dataset.name;
  if (wanted) {
    /** @type {HTMLSelectElement} */ ($("projects-due")).value = wanted.due || "";
    /** @type {HTMLInputElement} */ ($("projects-search")).value = "";
    wanted = null;
  }
  status.replaceChildren(...statusOptions(queue).map((o) => el("option", { value: o.value, text: o.text, "data-name": o.value === "" ? null : queue.statuses[Number(o.value)].status })));
  const again = queue.statuses.findIndex((s) => s.status === keptName);
  status.value = again >= 0 ? String(again) : "";
  const since = lastLook ? ` since ${lastLook}` : "";
  setText($("projects-changed"), refresh ? `${queue.changed} changed${since}` : "");
  lastLook = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  headings();
  timed("painted", render);
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

/**
 * Shows the Projects screen (the list is read once per connection, then refreshed);
 * `filter`: show only a status (by name), and only overdue ones ("overdue").
 */
export async function showProjects(filter = null) {
  wanted = filter;
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
  const table = /** @type {HTMLElement} */ ($("projects-rows").closest("table"));
  view = virtualRows({
    table,
    tbody: $("projects-rows"),
    scroller: /** @type {HTMLElement} */ (table.closest(".table-wrap")),
    rowHeight: ROW_HEIGHT,
    renderRow,
  });
  $("projects-status").addEventListener("change", () => timed("filter", render));
  $("projects-due").addEventListener("change", () => timed("filter", render));
  // Typing: one filtering per frame, however fast the keys come.
  // The time noted is from the last key the list answers to, to the list painted: the wait
  // a person typing sees.
  let typed = 0;
  let lastKey = 0;
  $("projects-search").addEventListener("input", () => {
    lastKey = performance.now();
    if (typed) return;
    typed = requestAnimationFrame(() => {
      typed = 0;
      timed("search", render, lastKey);
    });
  });
  $("projects-refresh").addEventListener("click", () => load(true));
  $("projects-all").addEventListener("change", () => {
    // The selection is state: the rows in view only take their ticks from it.
    const on = $("projects-all").checked;
    for (const r of current) {
      if (on) selected.add(r.number);
      else selected.delete(r.number);
    }
    syncSelection();
  });
  for (const b of document.querySelectorAll("#screen-projects .sort")) {
    b.addEventListener("click", () => {
      const key = /** @type {typeof sortKey} */ (/** @type {HTMLElement} */ (b).dataset.sort || "number");
      sortDir = key === sortKey && sortDir === "ascending" ? "descending" : "ascending";
      sortKey = key;
      sorted = null;
      timed("sort", render);
    });
  }
  $("export-form").addEventListener("click", exportSelected);
}

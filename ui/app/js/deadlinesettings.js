// @ts-check
// Settings → Deadlines: targets per status, business or calendar days, "due soon", the
// holiday list; saved for the Projects screen and `clerk projects --overdue`, and imported
// or exported as a small file a team shares.

import { $, el, showError, clearError, setText } from "./ui.js";
import { call } from "./ipc.js";

/** @type {import("../../types/Deadlines").Deadlines | null} */
let current = null;
/** The program's statuses, from the work queue (targets may also name others). */
let statuses = /** @type {string[]} */ ([]);

/** The form from `d`: one row per status the program has or a target names. */
function show(d) {
  current = d;
  /** @type {HTMLInputElement} */ ($(d.counting === "CalendarDays" ? "counting-calendar" : "counting-business")).checked = true;
  /** @type {HTMLInputElement} */ ($("deadline-soon")).value = String(d.soon_days);
  /** @type {HTMLTextAreaElement} */ ($("deadline-holidays")).value = d.holidays.join("\n");
  const names = [...statuses];
  for (const t of d.targets) if (!names.some((n) => n.toLowerCase() === t.status.toLowerCase())) names.push(t.status);
  $("deadline-targets").replaceChildren(...names.map((name, i) => {
    const target = d.targets.find((t) => t.status.toLowerCase() === name.toLowerCase());
    const id = `deadline-target-${i}`;
    const input = el("input", { id, inputmode: "numeric", autocomplete: "off", "data-status": name, "aria-label": `Target for ${name}, in days` });
    /** @type {HTMLInputElement} */ (input).value = target ? String(target.days) : "";
    return el("tr", {}, el("th", { scope: "row" }, el("label", { for: id, text: name })), el("td", {}, input));
  }));
}

/** What the form says, or a sentence about the first thing that is not a number. */
function read() {
  const targets = [];
  for (const i of document.querySelectorAll("#deadline-targets input")) {
    const input = /** @type {HTMLInputElement} */ (i);
    const v = input.value.trim();
    if (!v) continue;
    const days = Number(v);
    if (!Number.isInteger(days) || days < 0) return { error: `The target for ${input.dataset.status} must be a whole number of days (0: due the day it arrives).`, focus: input };
    targets.push({ status: input.dataset.status || "", days });
  }
  const soonText = /** @type {HTMLInputElement} */ ($("deadline-soon")).value.trim();
  const soon = Number(soonText || "0");
  if (!Number.isInteger(soon) || soon < 0) return { error: "“Due soon” must be a whole number of days.", focus: $("deadline-soon") };
  const counting = /** @type {HTMLInputElement} */ ($("counting-calendar")).checked ? "CalendarDays" : "BusinessDays";
  return { deadlines: { counting, targets, holidays: [], soon_days: soon }, holidays: /** @type {HTMLTextAreaElement} */ ($("deadline-holidays")).value };
}

async function save() {
  clearError($("deadlines-error"));
  const r = read();
  if (r.error) {
    showError($("deadlines-error"), { message: r.error });
    r.focus?.focus();
    return;
  }
  try {
    show(await call("deadlines_save", { deadlines: r.deadlines, holidays: r.holidays }));
    setText($("deadlines-result"), "Deadlines saved. The Projects screen counts with them now.");
  } catch (err) {
    showError($("deadlines-error"), err);
  }
}

/**
 * Fills the section (the statuses come from the work queue when it can be read).
 * @returns {Promise<string[]>} the program's statuses
 */
export async function showDeadlines() {
  clearError($("deadlines-error"));
  setText($("deadlines-result"), "");
  const queue = await call("work_queue", { refresh: false }).catch(() => null);
  statuses = queue ? queue.statuses.map((s) => s.status) : [];
  try {
    show(await call("deadlines_get"));
  } catch (err) {
    showError($("deadlines-error"), err);
  }
  return statuses;
}

/** Wires the section's buttons. */
export function setupDeadlines() {
  $("deadlines-save").addEventListener("click", save);
  $("deadlines-import").addEventListener("click", async () => {
    clearError($("deadlines-error"));
    try {
      const d = await call("deadlines_import");
      if (d) {
        show(d);
        setText($("deadlines-result"), `Imported: ${d.targets.length} target${d.targets.length === 1 ? "" : "s"}, ${d.holidays.length} holidays.`);
      }
    } catch (err) {
      showError($("deadlines-error"), err);
    }
  });
  $("deadlines-export").addEventListener("click", async () => {
    clearError($("deadlines-error"));
    try {
      const path = await call("deadlines_export");
      if (path) setText($("deadlines-result"), `Exported to ${path}. Share this file; others import it here.`);
    } catch (err) {
      showError($("deadlines-error"), err);
    }
  });
}

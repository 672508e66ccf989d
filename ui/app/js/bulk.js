// @ts-check
// The Bulk screen: ① a sheet (dialog or drop) and a form → ② its columns, correctable →
// ③ the check (nothing sent) → ④ the run, confirmed in words, with progress, pause and stop
// → ⑤ results with Open, Show in folder and Re-run failed rows.

import { $, el, showScreen, showError, clearError, setText, confirmDialog } from "./ui.js";
import { call, channel } from "./ipc.js";
import { say } from "./status.js";
import { runLine, runQuestion, previewLine } from "./bulkview.js";

/** @type {any} */
let sheet = null;
/** @type {any} */
let preview = null;
/** @type {any} */
let ended = null;
let running = false;
let paused = false;
/** @type {Map<string, string | null>} header → field key (null: not used) */
const chosen = new Map();
let connection = { environment: "", label: "" };

function step(id, on) {
  $(id).hidden = !on;
}

function reset(from) {
  if (from <= 2) {
    preview = null;
    step("bulk-step-run", false);
    setText($("bulk-preview"), "");
    $("bulk-problems-box").hidden = true;
  }
  if (from <= 3) {
    ended = null;
    step("bulk-step-done", false);
  }
}

function renderColumns() {
  const list = $("bulk-columns");
  list.replaceChildren(...sheet.columns.map((c) => {
    const id = `bulk-col-${c.letter}`;
    const select = el("select", { id });
    select.append(el("option", { value: "", text: "Not used" }));
    for (const f of sheet.fields) select.append(el("option", { value: f.key, text: f.name }));
    const mine = chosen.has(c.header) ? chosen.get(c.header) : c.key;
    select.value = mine || "";
    select.addEventListener("change", () => {
      chosen.set(c.header, select.value || null);
      reset(2);
    });
    const project = c.fills === "Project number";
    return el("li", { class: c.problem ? "column problem" : "column" },
      el("label", { for: id, text: `${c.letter} · ${c.header || "(no header)"}` }),
      project ? el("span", { text: "Project number" }) : select,
      c.problem ? el("span", { class: "field-error", text: c.problem[0].toUpperCase() + c.problem.slice(1) }) : null);
  }));
}

function showSheet(view) {
  sheet = view;
  $("bulk-form").value = view.form_key;
  chosen.clear();
  for (const c of view.columns) if (c.problem) chosen.set(c.header, null);
  setText($("bulk-sheet"), `${view.file}${view.sheet ? ` (${view.sheet})` : ""} · ${view.rows} row${view.rows === 1 ? "" : "s"} · ${view.form_name}${view.encoding ? ` · read as ${view.encoding}` : ""}`);
  const ws = $("bulk-worksheet");
  ws.replaceChildren(...view.sheets.map((s) => el("option", { value: s, text: s })));
  ws.value = view.sheet || "";
  $("bulk-worksheet-row").hidden = view.sheets.length < 2;
  renderColumns();
  reset(2);
  step("bulk-step-columns", true);
  step("bulk-step-check", true);
  say(view.columns.some((c) => c.problem)
    ? "Some columns match no field: choose what they fill, or leave them unused."
    : `${view.rows} rows read. Check the sheet next.`);
  $("bulk-check").focus();
}

async function openWith(command, args) {
  clearError($("bulk-error"));
  try {
    const view = await call(command, { ...args, form: $("bulk-form").value });
    if (view) showSheet(view);
  } catch (err) {
    showError($("bulk-error"), err);
  }
}

async function check() {
  clearError($("bulk-error"));
  const ch = channel((c) => setText($("bulk-preview"), `Reading ${c.done} of ${c.total} projects…`));
  try {
    preview = await call("bulk_check", { submit: $("bulk-submit").checked, chosen: Object.fromEntries(chosen), onProgress: ch });
  } catch (err) {
    showError($("bulk-error"), err);
    return;
  }
  setText($("bulk-preview"), previewLine(preview));
  const box = $("bulk-problems-box");
  box.hidden = preview.problem_list.length === 0;
  setText($("bulk-problems-summary"), `${preview.problems} row${preview.problems === 1 ? "" : "s"} with problems`);
  $("bulk-problems").replaceChildren(...preview.problem_list.map((p) => el("li", { text: p[0].toUpperCase() + p.slice(1) })));
  if (preview.problems) box.open = true;
  step("bulk-step-run", preview.to_change > 0);
  $("bulk-run").textContent = `Run on ${connection.label}…`;
  say(preview.to_change ? "Checked. Nothing has been sent yet." : "Nothing to change: every row is already as the sheet says, or has a problem.");
}

function onProgress(p) {
  const line = runLine(p);
  $("bulk-progress").value = line.percent;
  setText($("bulk-progress-text"), line.text);
}

async function runWith(command, args) {
  running = true;
  paused = false;
  $("bulk-pause").textContent = "Pause";
  step("bulk-step-run", true);
  $("bulk-run").hidden = true;
  // The form of the job on screen cannot change while it runs.
  $("bulk-form").disabled = true;
  $("bulk-progress-box").hidden = false;
  clearError($("bulk-error"));
  say("Running…");
  try {
    ended = await call(command, { ...args, onProgress: channel(onProgress) });
  } catch (err) {
    showError($("bulk-error"), err);
    return;
  } finally {
    running = false;
    $("bulk-form").disabled = false;
    // Run… only for a checked sheet with something to do (a resumed job has no sheet here).
    $("bulk-run").hidden = false;
    step("bulk-step-run", Boolean(sheet && preview && preview.to_change > 0));
    $("bulk-progress-box").hidden = true;
  }
  setText($("bulk-done"), ended.finished
    ? `Done: ${ended.words}.`
    : `Stopped: ${ended.words}. The rest can be resumed.`);
  $("bulk-rerun").hidden = !ended.errors;
  step("bulk-step-done", true);
  say(ended.finished ? `Bulk run done: ${ended.words}.` : "Bulk run stopped.");
  onRunEnded();
  $("bulk-open-results").focus();
}

async function run() {
  const q = runQuestion(connection.environment, connection.label, sheet.form_name, preview);
  const body = el("div", {}, el("p", { text: q.body }));
  /** @type {HTMLInputElement | null} */
  let typed = null;
  if (q.word) {
    typed = /** @type {HTMLInputElement} */ (el("input", { id: "bulk-confirm-word", autocomplete: "off" }));
    body.append(el("label", { for: "bulk-confirm-word", text: `Type ${q.word} to go on` }), typed);
  }
  const ok = await confirmDialog({ title: q.title, body, ok: q.ok });
  if (!ok) return;
  if (q.word && typed && typed.value.trim() !== q.word) {
    say(`Not run: type ${q.word} to confirm a run on production.`);
    return;
  }
  await runWith("bulk_run", {});
}

/** A sheet dropped on the window while this screen shows. */
export async function onSheetDropped(drop) {
  await openWith("bulk_dropped", { dropId: drop.drop_id });
}

/** Closing during a run asks first (the job can be resumed on the next start). */
export async function mayCloseDuringRun() {
  if (!running) return true;
  return confirmDialog({
    title: "Stop the bulk run?",
    body: "A bulk run is under way. If you close Clerkdesk now, it stops after the current step and you can resume it next time; nothing is sent twice.",
    ok: "Close",
    cancel: "Keep running",
  });
}

/** Told when a run ends or stops (the unfinished-job banner follows the journal). */
let onRunEnded = () => {};

/** Shows the Bulk screen for the connection `info`, its forms listed. */
async function enter(info) {
  connection = { environment: info?.environment || "", label: info?.environment_label || "" };
  showScreen("bulk");
  const forms = await call("forms").catch(() => null);
  const select = $("bulk-form");
  if (forms && select.options.length === 0) {
    select.replaceChildren(...forms.map((f) => el("option", { value: f.key, text: f.name })));
  }
}

/** Shows the Bulk screen, offering an unfinished job first. */
export async function showBulk(info) {
  await enter(info);
  if (running) return;
  const unfinished = await call("bulk_unfinished").catch(() => null);
  if (unfinished) {
    const go = await confirmDialog({
      title: "Resume the unfinished run?",
      body: `${unfinished.form_name} from ${unfinished.sheet_name}: ${unfinished.done} of ${unfinished.rows} rows done. Resuming settles any step whose answer was lost by reading the project first; nothing is sent twice.`,
      ok: "Resume",
      cancel: "Not now",
    });
    if (go) await runResumed(unfinished);
  }
}

/** Runs an unfinished job on this screen, its form and sheet shown as the job's own. */
async function runResumed(unfinished) {
  const select = $("bulk-form");
  const option = [...select.options].find((o) => o.text === unfinished.form_name);
  if (option) select.value = option.value;
  setText($("bulk-sheet"), `${unfinished.sheet_name} · ${unfinished.rows} row${unfinished.rows === 1 ? "" : "s"} · ${unfinished.form_name} · resumed`);
  step("bulk-step-columns", false);
  step("bulk-step-check", false);
  reset(2);
  await runWith("bulk_resume", { job: unfinished.id });
}

/** Resume from the banner: one action, no question (the job was confirmed when it started). */
export async function resumeJob(unfinished, info) {
  await enter(info);
  if (!running) await runResumed(unfinished);
}

/** Wires the screen's controls. */
export function setupBulk(runEnded = () => {}) {
  onRunEnded = runEnded;
  $("bulk-pick").addEventListener("click", () => openWith("bulk_pick", {}));
  $("bulk-worksheet").addEventListener("change", () => openWith("bulk_worksheet", { worksheet: $("bulk-worksheet").value }));
  $("bulk-form").addEventListener("change", () => {
    if (sheet) reset(2);
  });
  $("bulk-submit").addEventListener("change", () => reset(2));
  $("bulk-check").addEventListener("click", check);
  $("bulk-run").addEventListener("click", run);
  $("bulk-pause").addEventListener("click", async () => {
    paused = !paused;
    await call("bulk_control", { action: paused ? "pause" : "resume" });
    $("bulk-pause").textContent = paused ? "Go on" : "Pause";
    say(paused ? "Paused after the current step." : "Running…");
  });
  $("bulk-cancel").addEventListener("click", () => call("bulk_control", { action: "cancel" }));
  $("bulk-open-results").addEventListener("click", () => ended && call("open_saved", { path: ended.results }).catch((e) => showError($("bulk-error"), e)));
  $("bulk-show-results").addEventListener("click", () => ended && call("show_in_folder", { path: ended.results }).catch((e) => showError($("bulk-error"), e)));
  $("bulk-rerun").addEventListener("click", () => ended?.errors && openWith("bulk_reopen", { path: ended.errors }));
}

// @ts-check
// The form: typed inputs from the schema, edits kept locally, Save draft with the list of
// changes, validation errors next to their field, completeness and Submit.

import { $, el, setText, showError, clearError, confirmDialog } from "./ui.js";
import { call } from "./ipc.js";
import { say } from "./status.js";
import {
  currentValue, applyEdit, changes, missingRequired, draftDiffers, describe,
  editsToObject, editsFromObject, isList, localProblem,
} from "./fields.js";
import { renderAttachments } from "./attachments.js";
import { form } from "./formstate.js";
import { buildRows, rerenderField, markEdited, rowOf, inputId, listenToFields } from "./formfields.js";

export { form };

let keepTimer = null;

/** Records what the user set a field to (from the fields' delegated listener). */
function setValue(field, value, { rebuild = false } = {}) {
  form.edits = applyEdit(form.edits, field, value);
  if (rebuild) rerenderField(field);
  fieldError(field.key, localProblem(field, value));
  markEdited(field);
  updateBar();
  // Kept on disk shortly after typing stops: survives a crash or a restart.
  clearTimeout(keepTimer);
  keepTimer = setTimeout(keepEdits, 250);
}

async function keepEdits() {
  if (!form.view) return;
  await call("keep_edits", { target: { project: form.project, form: form.view.form_key }, fields: editsToObject(form.edits) });
}

function fieldError(key, message) {
  const p = $(`err-${key}`);
  if (!p) return;
  p.textContent = message || "";
  p.hidden = !message;
  const row = rowOf(key);
  const input = row && row.querySelector("input, select");
  if (input) input.setAttribute("aria-invalid", message ? "true" : "false");
}

/** Updates the bar: unsaved count, completeness, which buttons work. */
export function updateBar() {
  const v = form.view;
  if (!v) return;
  const n = form.edits.size;
  setText($("unsaved-count"), n === 0 ? "No unsaved changes" : `${n} unsaved change${n === 1 ? "" : "s"}`);
  $("save-draft").disabled = n === 0;
  const missing = missingRequired(v.fields, form.edits);
  const missingFiles = v.attachments.filter((a) => a.required && !a.draft_file).map((a) => a.name);
  const all = [...missing, ...missingFiles];
  // Whether Submit is possible is decided by the app (status and completeness); when it
  // is not, the sentence beside the button (its description) says why.
  const check = form.submit || { allowed: v.can_submit, reason: null };
  let text;
  let state;
  if (check.reason && (statusBlocksSubmit() || (!check.allowed && v.can_submit))) {
    [text, state] = [check.reason, "unknown"];
  } else if (n === 0 && v.can_submit) {
    [text, state] = ["Complete ✓ — can be submitted", "complete"];
  } else if (all.length) {
    [text, state] = [`Not complete — missing: ${all.join(", ")}`, "incomplete"];
  } else {
    [text, state] = [n ? "Save the draft to check completeness" : "Not complete yet", "unknown"];
  }
  setText($("completeness"), text);
  $("completeness").dataset.state = state;
  // With unsaved edits Submit saves them first (one confirmation), unless the project's
  // status lets nobody submit this form.
  $("submit-form").disabled = n > 0 ? statusBlocksSubmit() : !check.allowed;
}

/** Renders a form view with `edits` applied. */
export function renderForm(view, edits) {
  const started = performance.now();
  form.view = view;
  form.edits = edits;
  $("form-source").textContent = view.typed ? "" : "This PowerClerk does not describe its forms: every field is shown as text.";
  const fields = $("fields");
  // How long building the form took, and when it was on screen after the user asked for
  // it (read by the app benchmark; harmless otherwise). The second frame has been painted.
  delete fields.dataset.renderMs;
  delete fields.dataset.paintedMs;
  fields.classList.toggle("many", view.fields.length > 200);
  // Building = everything done here, plus the later steps that add the remaining rows.
  let rowsMs = null;
  let otherMs = null;
  const report = () => {
    if (rowsMs != null && otherMs != null) fields.dataset.renderMs = String(Math.round(rowsMs + otherMs));
  };
  const before = performance.now();
  buildRows(fields, view.fields, (ms) => {
    rowsMs = ms;
    report();
  });
  const firstRows = performance.now() - before;
  renderAttachments(view);
  $("form-area").hidden = false;
  $("action-bar").hidden = false;
  clearError($("form-error"));
  updateBar();
  otherMs = performance.now() - started - firstRows;
  report();
  requestAnimationFrame(() => requestAnimationFrame(() => {
    fields.dataset.paintedMs = String(Math.round(performance.now() - form.openedAt));
  }));
}

/** Offers to restore edits kept from an earlier session. */
export async function offerRestore(view, unsaved) {
  const restored = editsFromObject(view.fields, unsaved && unsaved.fields);
  if (restored.size === 0) return new Map();
  const list = el("ul", {}, ...changesList(view.fields, restored));
  const when = unsaved.updated_at ? new Date(unsaved.updated_at).toLocaleString() : "earlier";
  const yes = await confirmDialog({
    title: "Restore unsaved changes?",
    body: el("div", {}, el("p", { text: `You changed this form on ${when} without saving:` }), list),
    ok: "Restore changes",
    cancel: "Discard them",
  });
  if (yes) {
    say(`Restored ${restored.size} unsaved change${restored.size === 1 ? "" : "s"}.`);
    return restored;
  }
  await call("discard_edits", { target: { project: form.project, form: view.form_key } });
  return new Map();
}

function changesList(fields, edits) {
  return changes(fields, edits).map((c) => el("li", {}, el("strong", { text: c.name }), `: ${c.from} → ${c.to}`));
}

/** Asks before leaving a form with unsaved changes; true when it is fine to leave. */
export async function mayLeave() {
  // Asked once, when leaving the form's screen; from another screen there is no form to leave.
  if (!form.view || form.edits.size === 0 || document.body.dataset.screen !== "project") return true;
  return confirmDialog({
    title: "Leave without saving?",
    body: `${form.edits.size} change${form.edits.size === 1 ? " is" : "s are"} not saved to PowerClerk. They stay on this computer and will be offered when you open this form again.`,
    ok: "Leave",
    cancel: "Stay",
  });
}

/** Marks the first edited field the app would refuse; true when there is one. */
function localProblemFound(v) {
  for (const f of v.fields) {
    if (form.edits.has(f.key) && localProblem(f, form.edits.get(f.key))) {
      fieldError(f.key, localProblem(f, form.edits.get(f.key)));
      $(inputId(f.key))?.focus();
      say("Correct the marked field first.");
      return true;
    }
  }
  return false;
}

/** Sends the edits as one draft save; true when PowerClerk took it. */
async function sendDraft(v) {
  say(`Saving draft of ${v.form_name}…`);
  $("save-draft").disabled = true;
  for (const f of v.fields) fieldError(f.key, null);
  try {
    clearTimeout(keepTimer);
    /** @type {import("../../types/OpenedForm").OpenedForm} */
    const saved = await call("save_draft", { target: { project: form.project, form: v.form_key }, fields: editsToObject(form.edits) });
    form.submit = saved.submit;
    const view = saved.view;
    renderForm(view, new Map());
    say(`Saved draft of ${view.form_name} · ${new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })} — not yet submitted`);
    return true;
  } catch (err) {
    // The edits stay (in the form and on disk); the error goes next to its field.
    await keepEdits();
    showError($("form-error"), err);
    if (err && err.field) {
      fieldError(err.field, err.message);
      /** @type {HTMLElement | null} */
      const input = rowOf(err.field)?.querySelector("input, select");
      if (input) input.focus();
    }
    say("The draft was not saved. Your changes are kept.");
    updateBar();
    return false;
  }
}

async function saveDraft() {
  const v = form.view;
  if (!v || form.edits.size === 0 || localProblemFound(v)) return;
  const ok = await confirmDialog({
    title: `Save draft of ${v.form_name}?`,
    body: el("div", {}, el("p", { text: "These changes will be saved as a draft (not yet submitted):" }), el("ul", { class: "changes" }, ...changesList(v.fields, form.edits))),
    ok: "Save draft",
  });
  if (ok) await sendDraft(v);
}

/** True when the project's status lets nobody submit this form (whatever its edits). */
function statusBlocksSubmit() {
  return Boolean(form.submit && !form.submit.status_ok);
}

async function submitForm() {
  const v = form.view;
  if (!v) return;
  const withEdits = form.edits.size > 0;
  if (withEdits ? statusBlocksSubmit() || localProblemFound(v) : !(form.submit && form.submit.allowed)) return;
  const leadsTo = form.submit && form.submit.leads_to;
  const where = leadsTo ? ` The project will move to ${leadsTo}.` : "";
  // One confirmation: with unsaved edits it lists them; they are saved, then the form submitted.
  const body = withEdits
    ? el("div", {},
      el("p", { text: "These changes will be saved, then the form submitted:" }),
      el("ul", { class: "changes" }, ...changesList(v.fields, form.edits)),
      el("p", { text: `${where.trim()} This cannot be undone from Clerkdesk.`.trim() }))
    : `Submit ${v.form_name} for ${form.project}?${where} This cannot be undone from Clerkdesk.`;
  const ok = await confirmDialog({ title: `Submit ${v.form_name}?`, body, ok: withEdits ? "Save and submit" : "Submit" });
  if (!ok) return;
  if (withEdits) {
    if (!(await sendDraft(v))) return;
    if (!(form.submit && form.submit.allowed)) {
      say(`Saved the draft; not submitted: ${(form.submit && form.submit.reason) || "the form is not complete yet."}`);
      return;
    }
  }
  say(`Submitting ${v.form_name}…`);
  $("submit-form").disabled = true;
  try {
    /** @type {import("../../types/Submitted").Submitted} */
    const out = await call("submit", { target: { project: form.project, form: v.form_key } });
    const note = out.confirmed_by_reread ? " (the connection broke, but PowerClerk shows the submit went through)" : "";
    await form.onSubmitted(out.project);
    say(`Submitted ${v.form_name}. ${out.project.number} is now in ${out.project.status}${note}.`);
  } catch (err) {
    showError($("form-error"), err);
    say("Not submitted.");
    updateBar();
  }
}

/** Wires the action bar and the Custom Ids toggle. */
export function setupForm() {
  $("save-draft").addEventListener("click", saveDraft);
  $("submit-form").addEventListener("click", submitForm);
  listenToFields($("fields"), setValue);
  $("show-ids").addEventListener("change", (e) => document.body.classList.toggle("show-ids", e.target.checked));
  $("skip-attachments").addEventListener("click", toAttachments);
  document.addEventListener("keydown", (e) => {
    if (!(e.ctrlKey || e.metaKey)) return;
    const key = e.key.toLowerCase();
    if (key === "s") {
      e.preventDefault();
      saveDraft();
      return;
    }
    // The form's own shortcuts, only while a form is on screen: Ctrl+Shift+A to its
    // attachments (past every field), Ctrl+Enter to Submit… (which still asks).
    if (document.body.dataset.screen !== "project" || $("form-area").hidden) return;
    if (e.shiftKey && key === "a") {
      e.preventDefault();
      toAttachments();
    } else if (key === "enter" && !$("submit-form").disabled) {
      e.preventDefault();
      $("submit-form").click();
    }
  });
}

/** Takes the focus past the fields to the first attachment control that can be used. */
function toAttachments() {
  /** @type {HTMLElement | null} */
  const first = $("attachments").querySelector("button:not([disabled])");
  (first || $("attachments-title")).focus();
  if (!first) $("attachments-title").tabIndex = -1;
}

export { isList };

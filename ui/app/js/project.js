// @ts-check
// Finding a project (by number, recent ones remembered), its header and its form tabs.

import { $, el, showScreen, showError, clearError } from "./ui.js";
import { call } from "./ipc.js";
import { say } from "./status.js";
import { ago } from "./format.js";
import { form, renderForm, offerRestore, mayLeave } from "./form.js";

/** @type {import("../../types/FormSummary").FormSummary[] | null} GetForms, or null when unavailable (then form ids are typed) */
let forms = null;
let recent = [];

function renderRecent() {
  $("recent-list").replaceChildren(...recent.map((n) => el("li", {},
    el("button", { type: "button", class: "side-link", text: n, onclick: () => openProject(n) }))));
}

/** Sets the recent projects list. */
export function setRecent(list) {
  recent = list || [];
  renderRecent();
}

/**
 * The forms as tabs (WAI-ARIA tabs pattern): one tab in the Tab order — the open form's, or
 * the first when none is open — arrow keys, Home and End move between them.
 */
function renderTabs(active) {
  if (!forms) {
    $("form-tabs").replaceChildren();
    $("form-id-entry").hidden = false;
    return;
  }
  $("form-id-entry").hidden = true;
  const reachable = forms.some((f) => f.key === active) ? active : forms[0]?.key;
  $("form-tabs").replaceChildren(...forms.map((f) => {
    const key = f.key;
    return el("button", {
      type: "button", role: "tab", id: `tab-${key}`, "aria-selected": key === active ? "true" : "false",
      "aria-controls": "form-area", tabindex: key === reachable ? "0" : "-1", class: "tab", text: f.name,
      onclick: () => openForm(key),
    });
  }));
  if (active) $("form-area").setAttribute("aria-labelledby", `tab-${active}`);
}

/** Arrow keys, Home and End between the tabs (moving focus; Enter or Space opens). */
function onTabKey(e) {
  /** @type {HTMLElement[]} */
  const tabs = [...document.querySelectorAll('[role="tab"]')].map((t) => /** @type {HTMLElement} */ (t));
  const i = tabs.indexOf(e.target);
  if (i < 0) return;
  const next = { ArrowRight: tabs[i + 1], ArrowLeft: tabs[i - 1], Home: tabs[0], End: tabs[tabs.length - 1] }[e.key];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

/** Loads the program's forms once; unavailable lists fall back to typing ids (D6). */
export async function loadForms() {
  try {
    forms = /** @type {import("../../types/FormSummary").FormSummary[] | null} */ (await call("forms"));
  } catch (err) {
    if (err && err.kind === "not_found") forms = null;
    else throw err;
  }
}

/** The last form opened, for projects whose status names no form. */
let lastForm = null;

/**
 * The form to show first for a project in `status`: the one that can be submitted in that
 * status, else the last one used (if the program has it).
 * @param {string} status
 * @returns {string | null}
 */
function formFor(status) {
  if (!forms) return null;
  const waiting = forms.find((f) => f.available_in.includes(status));
  if (waiting) return waiting.key;
  return forms.some((f) => f.key === lastForm) ? lastForm : null;
}

/** Opens a project by number. */
export async function openProject(number) {
  number = (number || "").trim();
  if (!number) {
    $("project-input").focus();
    return;
  }
  if (!(await mayLeave())) return;
  say(`Opening ${number}…`);
  clearError($("form-error"));
  try {
    const p = await call("open_project", { project: number });
    form.project = p.number;
    form.view = null;
    form.edits = new Map();
    $("project-input").value = p.number;
    $("project-title").textContent = `${p.number} — status: ${p.status}`;
    $("project-meta").textContent = [p.owner ? `Owner: ${p.owner}` : null, p.last_change ? `Changed ${ago(p.last_change)}` : null].filter(Boolean).join(" · ");
    if (!recent.includes(p.number)) recent = [p.number, ...recent].slice(0, 10);
    else recent = [p.number, ...recent.filter((n) => n !== p.number)];
    renderRecent();
    $("form-area").hidden = true;
    $("action-bar").hidden = true;
    showScreen("project");
    renderTabs(null);
    // Land on the form the project's status is waiting for (else the last form used).
    const key = formFor(p.status);
    if (key) {
      await openForm(key, { ask: false });
      return;
    }
    say(`Opened ${p.number}. Choose a form.`);
    /** @type {HTMLElement | null} */
    const first = document.querySelector('[role="tab"]');
    if (first) first.focus();
  } catch (err) {
    showScreen("project");
    $("project-title").textContent = number;
    $("project-meta").textContent = "";
    $("form-tabs").replaceChildren();
    showError($("form-error"), err);
    say(`Could not open ${number}.`);
  }
}

/**
 * Opens a form of the current project. `keepEdits`: re-reading the same form after an
 * upload — the edits on screen stay exactly as they are, with no question.
 */
export async function openForm(key, { ask = true, keepEdits = false } = {}) {
  if (ask && !(await mayLeave())) return;
  form.openedAt = performance.now();
  say("Opening the form…");
  clearError($("form-error"));
  try {
    /** @type {import("../../types/OpenedForm").OpenedForm} */
    const opened = await call("open_form", { target: { project: form.project, form: key } });
    $("fields").dataset.readMs = String(Math.round(performance.now() - form.openedAt));
    form.submit = opened.submit;
    lastForm = key;
    renderTabs(key);
    form.view = opened.view;
    const edits = keepEdits ? form.edits : await offerRestore(opened.view, opened.unsaved);
    renderForm(opened.view, edits);
    $("project-title").textContent = `${opened.view.project.number} — status: ${opened.view.project.status}`;
    say(`${opened.view.form_name} of ${opened.view.project.number}.`);
  } catch (err) {
    showError($("form-error"), err);
    say("Could not open the form.");
  }
}

/** Wires the project box, Ctrl/Cmd+O and the typed-form-id fallback. */
export function setupProject() {
  $("form-tabs").addEventListener("keydown", onTabKey);
  $("project-finder").addEventListener("submit", (e) => {
    e.preventDefault();
    openProject($("project-input").value);
  });
  $("form-id-entry").addEventListener("submit", (e) => {
    e.preventDefault();
    const id = $("form-id-input").value.trim();
    if (id) openForm(id);
  });
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "o") {
      e.preventDefault();
      $("project-input").focus();
      $("project-input").select();
    }
  });
  form.onSubmitted = async (project) => {
    $("project-title").textContent = `${project.number} — status: ${project.status}`;
    $("project-meta").textContent = [project.owner ? `Owner: ${project.owner}` : null, project.last_change ? `Changed ${ago(project.last_change)}` : null].filter(Boolean).join(" · ");
    await openForm(form.view.form_key, { ask: false });
  };
}

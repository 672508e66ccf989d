// @ts-check
// The form's rows: typed inputs built from the schema, each row's state (edited, "was: …",
// draft note) set while it is built, a key → row map instead of document searches, and one
// delegated listener for every input — so a 2,000-field form builds in linear time.

import { currentValue, describe, draftDiffers } from "./fields.js";
import { form } from "./formstate.js";

/** key → the field's row. */
const rows = new Map();
/** key → the field (for the delegated listener). */
const fieldsByKey = new Map();

/** @returns {HTMLElement | undefined} the row of the field `key` */
export function rowOf(key) {
  return rows.get(key);
}

/** The id of a field's input (`i`: its row in a repeating field, or its choice). */
export function inputId(key, i) {
  return i == null ? `f-${key}` : `f-${key}-${i}`;
}

/** Shows whether a field differs from its draft, and what it was. */
export function markEdited(field) {
  const row = rowOf(field.key);
  if (!row) return;
  const edited = form.edits.has(field.key);
  row.classList.toggle("edited", edited);
  // "was: …" exists only in edited rows (fewer elements in a large form).
  let was = row.querySelector(".was");
  if (!was && edited) {
    was = document.createElement("p");
    was.className = "was";
    row.querySelector(".field-error")?.before(was);
  }
  if (was) was.textContent = edited ? `was: ${describe(field, field.draft)}` : "";
}

/** Text made safe to place in HTML (element content and quoted attribute values). */
export function esc(text) {
  const s = String(text);
  // Most names and values have nothing to escape: skip the replacement (2,000 rows × 5).
  if (!/[&<>"']/.test(s)) return s;
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] || c);
}

/** ` name="value"` pairs for the attributes that are set (null and false are left out). */
function attrs(map) {
  let out = "";
  for (const [k, v] of Object.entries(map)) {
    if (v == null || v === false) continue;
    out += v === true ? ` ${k}` : ` ${k}="${esc(v)}"`;
  }
  return out;
}

function scalarInput(field, id, value, label, index, extra = {}) {
  const common = { id, "aria-label": label || null, "data-key": field.key, "data-index": index == null ? null : String(index), ...extra };
  switch (field.type) {
    case "Number":
      return `<input${attrs({ ...common, inputmode: "decimal", value })}>`;
    case "Date":
      // `data-empty`: WebKit shows today's date in grey in an empty date input, which looks
      // filled; the style sheet hides that placeholder while the field is empty.
      return `<input${attrs({ ...common, type: "date", value, "data-empty": !value })}>`;
    case "Checkbox":
      return `<input${attrs({ ...common, type: "checkbox", checked: value === "true" })}>`;
    case "Choice": {
      const choices = field.choices || [];
      const options = ["", ...choices, ...(value && !choices.includes(value) ? [value] : [])]
        .map((c) => `<option${attrs({ value: c, selected: c === value })}>${c === "" ? "— choose —" : esc(c)}</option>`);
      return `<select${attrs(common)}>${options.join("")}</select>`;
    }
    default:
      return `<input${attrs({ ...common, value })}>`;
  }
}

function fieldLabel(field) {
  const required = field.required ? '<span class="req" aria-hidden="true"> *</span><span class="sr-only"> (required)</span>' : "";
  return `<span>${esc(field.name)}${required}<code class="custom-id">${esc(field.custom_id || field.data_field_id)}</code></span>`;
}

function control(field, value, describedBy) {
  const label = fieldLabel(field);
  if (field.type === "MultiChoice") {
    const chosen = new Set(value);
    const boxes = (field.choices || []).map((c, i) => `<label class="check"><input${attrs({ type: "checkbox", id: inputId(field.key, i), checked: chosen.has(c), "data-key": field.key, "data-choice": c })}> ${esc(c)}</label>`);
    return `<fieldset class="multi"><legend>${label}</legend>${boxes.join("")}</fieldset>`;
  }
  if (field.repeating) {
    const items = value.map((v, i) => `<li>${scalarInput(field, inputId(field.key, i), v, `${field.name}, row ${i + 1}`, i)}<button${attrs({ type: "button", class: "small", "aria-label": `Remove row ${i + 1} of ${field.name}`, "data-key": field.key, "data-remove": String(i) })}>Remove row</button></li>`);
    return `<fieldset class="repeating"><legend>${label}</legend><ol class="rows">${items.join("")}</ol><button${attrs({ type: "button", class: "small", "aria-label": `Add a row to ${field.name}`, "data-key": field.key, "data-add": true })}>Add row</button></fieldset>`;
  }
  const input = scalarInput(field, inputId(field.key), value, null, null, { "aria-describedby": describedBy, "aria-required": field.required ? "true" : null });
  return field.type === "Checkbox"
    ? `<label class="check" for="${esc(inputId(field.key))}">${input} ${label}</label>`
    : `<div class="stack"><label for="${esc(inputId(field.key))}">${label}</label>${input}</div>`;
}

/** A field's row as HTML; every text and value escaped. */
export function rowHtml(field) {
  const value = currentValue(field, form.edits);
  const edited = form.edits.has(field.key);
  const note = draftDiffers(field) ? `Draft — submitted value: ${describe(field, field.submitted)}` : "";
  const key = field.key;
  // The draft note exists only when there is one (most rows have none: fewer elements).
  const describedBy = note ? `err-${key} state-${key}` : `err-${key}`;
  return `<div${attrs({ class: edited ? "field-row edited" : "field-row", "data-key": key })}>${control(field, value, describedBy)}`
    + (note ? `<p${attrs({ class: "draft-note", id: `state-${key}` })}>${esc(note)}</p>` : "")
    + (edited ? `<p class="was">${esc(`was: ${describe(field, field.draft)}`)}</p>` : "")
    + `<p${attrs({ class: "field-error", id: `err-${key}`, role: "alert", hidden: true })}></p></div>`;
}

/** Rows built before the first paint: more than a screenful, so a form shows at once. */
const FIRST_ROWS = 120;
/** Rows added per later step (each a few milliseconds: typing never waits for them). */
const MORE_ROWS = 400;
/** Increases with every build, so that a stale build stops adding rows. */
let building = 0;

/**
 * Fills `container` with the rows of `fields`, the current edits applied: each batch one
 * string parsed at once by the browser (several times faster than building elements one
 * call at a time). A very large form shows its first rows at once; the rest are appended
 * below them step by step. `done(ms)` gets the time spent building, all steps together.
 */
export function buildRows(container, fields, done = (_ms) => {}) {
  const build = ++building;
  rows.clear();
  fieldsByKey.clear();
  for (const f of fields) fieldsByKey.set(f.key, f);
  let spent = 0;
  let at = 0;
  const step = (count) => {
    if (build !== building) return;
    const started = performance.now();
    const batch = fields.slice(at, at + count);
    container.insertAdjacentHTML("beforeend", batch.map(rowHtml).join(""));
    const built = container.children;
    batch.forEach((f, i) => rows.set(f.key, /** @type {HTMLElement} */ (built[at + i])));
    at += batch.length;
    spent += performance.now() - started;
    // The next step after the next frame is painted: the rows already built show first.
    if (at < fields.length) requestAnimationFrame(() => setTimeout(() => step(MORE_ROWS), 0));
    else done(spent);
  };
  container.replaceChildren();
  step(FIRST_ROWS);
}

/** Builds a field's row again (rows added or removed in a repeating field). */
export function rerenderField(field) {
  const row = rowOf(field.key);
  if (!row) return;
  const t = document.createElement("template");
  t.innerHTML = rowHtml(field);
  const fresh = /** @type {HTMLElement} */ (t.content.firstElementChild);
  row.replaceWith(fresh);
  rows.set(field.key, fresh);
}

/**
 * The value a user action gives its field, or undefined when the event is not an edit.
 * @param {any} field
 * @param {HTMLInputElement} target
 * @param {string} type "input" or "change"
 */
function valueFrom(field, target, type) {
  const tick = target.type === "checkbox";
  const select = target.tagName === "SELECT";
  // Text-like inputs report every keystroke ("input"); boxes and lists when changed.
  if ((type === "input") === (tick || select)) return undefined;
  if (target.dataset.choice != null) {
    const now = new Set(currentValue(field, form.edits));
    if (target.checked) now.add(target.dataset.choice);
    else now.delete(target.dataset.choice);
    return (field.choices || []).filter((x) => now.has(x));
  }
  const v = tick ? (target.checked ? "true" : "false") : target.value;
  if (target.type === "date") target.toggleAttribute("data-empty", !target.value);
  if (target.dataset.index == null) return v;
  const next = [...currentValue(field, form.edits)];
  next[Number(target.dataset.index)] = v;
  return next;
}

/**
 * Listens to every input of `container` with one listener per event type.
 * `onValue(field, value, { rebuild })` records an edit; `rebuild` when rows were added or
 * removed and the field's row must be built again.
 */
export function listenToFields(container, onValue) {
  for (const type of ["input", "change"]) {
    container.addEventListener(type, (e) => {
      const target = /** @type {HTMLInputElement} */ (e.target);
      const field = fieldsByKey.get(target.dataset.key);
      if (!field) return;
      const value = valueFrom(field, target, type);
      if (value !== undefined) onValue(field, value, { rebuild: false });
    });
  }
  container.addEventListener("click", (e) => {
    const button = /** @type {HTMLElement} */ (e.target).closest("button[data-key]");
    const field = button && fieldsByKey.get(/** @type {HTMLElement} */ (button).dataset.key);
    if (!field || !button) return;
    const b = /** @type {HTMLElement} */ (button);
    const next = [...currentValue(field, form.edits)];
    if (b.dataset.remove != null) next.splice(Number(b.dataset.remove), 1);
    else next.push("");
    onValue(field, next, { rebuild: true });
    if (b.dataset.add != null) {
      const inputs = rowOf(field.key)?.querySelectorAll("ol input") ?? [];
      const last = /** @type {HTMLElement | undefined} */ (inputs[inputs.length - 1]);
      if (last) last.focus();
    }
  });
}

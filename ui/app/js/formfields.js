// @ts-check
// The form's rows: typed inputs built from the schema, each row's state (edited, "was: …",
// draft note) set while it is built, a key → row map instead of document searches, and one
// delegated listener for every input — so a 2,000-field form builds in linear time.

import { el } from "./ui.js";
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
  /** @type {HTMLElement} */ (row.querySelector(".was")).textContent = edited ? `was: ${describe(field, field.draft)}` : "";
}

function scalarInput(field, id, value, label, index) {
  const common = { id, "aria-label": label || null, "data-key": field.key, "data-index": index == null ? null : String(index) };
  switch (field.type) {
    case "Number":
      return el("input", { ...common, inputmode: "decimal", value });
    case "Date":
      // `data-empty`: WebKit shows today's date in grey in an empty date input, which looks
      // filled; the style sheet hides that placeholder while the field is empty.
      return el("input", { ...common, type: "date", value, "data-empty": !value });
    case "Checkbox":
      return el("input", { ...common, type: "checkbox", checked: value === "true" });
    case "Choice": {
      const choices = field.choices || [];
      const s = el("select", common,
        el("option", { value: "", text: "— choose —" }),
        ...choices.map((c) => el("option", { value: c, text: c })),
        value && !choices.includes(value) ? el("option", { value, text: value }) : null);
      s.value = value;
      return s;
    }
    default:
      return el("input", { ...common, value });
  }
}

function fieldLabel(field) {
  return el("span", {}, field.name,
    field.required ? el("span", { class: "req", "aria-hidden": "true", text: " *" }) : null,
    field.required ? el("span", { class: "sr-only", text: " (required)" }) : null,
    el("code", { class: "custom-id", text: field.custom_id || field.data_field_id }));
}

function control(field, value) {
  const label = fieldLabel(field);
  if (field.type === "MultiChoice") {
    const chosen = new Set(value);
    return el("fieldset", { class: "multi" }, el("legend", {}, label),
      ...(field.choices || []).map((c, i) => el("label", { class: "check" },
        el("input", { type: "checkbox", id: inputId(field.key, i), checked: chosen.has(c), "data-key": field.key, "data-choice": c }), ` ${c}`)));
  }
  if (field.repeating) {
    const list = el("ol", { class: "rows" }, ...value.map((v, i) => el("li", {},
      scalarInput(field, inputId(field.key, i), v, `${field.name}, row ${i + 1}`, i),
      el("button", { type: "button", class: "small", "aria-label": `Remove row ${i + 1} of ${field.name}`, text: "Remove row", "data-key": field.key, "data-remove": String(i) }))));
    return el("fieldset", { class: "repeating" }, el("legend", {}, label), list,
      el("button", { type: "button", class: "small", text: "Add row", "aria-label": `Add a row to ${field.name}`, "data-key": field.key, "data-add": "" }));
  }
  const input = scalarInput(field, inputId(field.key), value);
  input.setAttribute("aria-describedby", `err-${field.key} state-${field.key}`);
  if (field.required) input.setAttribute("aria-required", "true");
  return field.type === "Checkbox"
    ? el("label", { class: "check", for: inputId(field.key) }, input, " ", label)
    : el("div", { class: "stack" }, el("label", { for: inputId(field.key) }, label), input);
}

function renderField(field) {
  const value = currentValue(field, form.edits);
  const edited = form.edits.has(field.key);
  const row = el("div", { class: edited ? "field-row edited" : "field-row", "data-key": field.key },
    control(field, value),
    el("p", { class: "draft-note", id: `state-${field.key}`, text: draftDiffers(field) ? `Draft — submitted value: ${describe(field, field.submitted)}` : "" }),
    el("p", { class: "was", text: edited ? `was: ${describe(field, field.draft)}` : "" }),
    el("p", { class: "field-error", id: `err-${field.key}`, role: "alert", hidden: true }));
  rows.set(field.key, row);
  return row;
}

/** Builds the rows of `fields` with the current edits applied. */
export function buildRows(fields) {
  rows.clear();
  fieldsByKey.clear();
  for (const f of fields) fieldsByKey.set(f.key, f);
  return fields.map(renderField);
}

/** Builds a field's row again (rows added or removed in a repeating field). */
export function rerenderField(field) {
  const row = rowOf(field.key);
  if (row) row.replaceWith(renderField(field));
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

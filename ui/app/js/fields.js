// @ts-check
// Field values and edits: pure functions (tested with node --test).
//
// A value is what PowerClerk stores: a string (`Value`), an array of strings (`Values`), or
// null when empty. Edits map a field's key to its new value.

/** Whether a field's value travels as a list. */
export function isList(field) {
  return field.repeating || field.type === "MultiChoice";
}

/** A value normalised for its field: lists for list fields, strings otherwise. */
export function normalise(field, value) {
  if (isList(field)) {
    if (value == null || value === "") return [];
    return Array.isArray(value) ? value.map(String) : [String(value)];
  }
  if (value == null) return "";
  return Array.isArray(value) ? value.join("; ") : String(value);
}

/** True when two values of a field mean the same. */
export function sameValue(field, a, b) {
  const x = normalise(field, a);
  const y = normalise(field, b);
  if (Array.isArray(x)) return x.length === y.length && x.every((v, i) => v === y[i]);
  return x === y;
}

/** The value shown in the form: the edit if there is one, else the draft. */
export function currentValue(field, edits) {
  return edits.has(field.key) ? edits.get(field.key) : normalise(field, field.draft);
}

/** Records an edit, or drops it when the value is back to the draft's. */
export function applyEdit(edits, field, value) {
  const next = new Map(edits);
  if (sameValue(field, value, field.draft)) next.delete(field.key);
  else next.set(field.key, normalise(field, value));
  return next;
}

/** One value as words, for "old → new". */
export function describe(field, value) {
  const v = normalise(field, value);
  if (Array.isArray(v)) {
    const filled = v.filter((s) => s !== "");
    return filled.length ? filled.join(", ") : "(empty)";
  }
  if (field.type === "Checkbox") return v === "true" ? "Yes" : v === "false" ? "No" : "(empty)";
  return v === "" ? "(empty)" : v;
}

/** The changes a draft save would send, in form order: [{key, name, from, to}]. */
export function changes(fields, edits) {
  return fields
    .filter((f) => edits.has(f.key))
    .map((f) => ({ key: f.key, name: f.name, from: describe(f, f.draft), to: describe(f, edits.get(f.key)) }));
}

/** Required fields that are empty with the edits applied (names). */
export function missingRequired(fields, edits) {
  return fields
    .filter((f) => f.required)
    .filter((f) => {
      const v = normalise(f, currentValue(f, edits));
      return Array.isArray(v) ? v.every((s) => s.trim() === "") : v.trim() === "";
    })
    .map((f) => f.name);
}

/** A field whose draft differs from what was submitted. */
export function draftDiffers(field) {
  return !sameValue(field, field.draft, field.submitted);
}

/** Edits as the save command wants them: a plain object. */
export function editsToObject(edits) {
  return Object.fromEntries(edits);
}

/** Edits from a saved object (restoring), keeping only fields of this form. */
export function editsFromObject(fields, obj) {
  const keys = new Map(fields.map((f) => [f.key, f]));
  const m = new Map();
  for (const [k, v] of Object.entries(obj || {})) {
    if (keys.has(k)) m.set(k, normalise(keys.get(k), v));
  }
  return m;
}

/** Checks a value locally before sending; a sentence, or null when fine. */
export function localProblem(field, value) {
  const items = Array.isArray(value) ? value : [value];
  for (const v of items) {
    if (v === "" || v == null) continue;
    if (field.type === "Number" && !/^-?\d+(\.\d+)?$/.test(String(v).trim())) return `“${v}” is not a number. Use digits and a dot, like 7.6.`;
    if (field.type === "Date" && !/^\d{4}-\d{2}-\d{2}$/.test(String(v))) return "Enter a date.";
  }
  return null;
}

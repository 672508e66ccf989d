import { test } from "node:test";
import assert from "node:assert/strict";
import {
  normalise, sameValue, applyEdit, currentValue, changes, missingRequired, describe,
  editsFromObject, editsToObject, localProblem, draftDiffers,
} from "../app/js/fields.js";

const choice = { key: "HCA_RESULTS", name: "HCA results", type: "Choice", required: true, repeating: false, draft: null, submitted: null };
const text = { key: "HCA_ENGINEER", name: "HCA engineer", type: "Text", required: true, repeating: false, draft: "A", submitted: "A" };
const multi = { key: "MITIGATIONS", name: "Mitigations", type: "MultiChoice", required: false, repeating: false, draft: ["Export limit"], submitted: null };
const rows = { key: "INVERTERS", name: "Inverter models", type: "Text", required: false, repeating: true, draft: ["SE7600H", ""], submitted: ["SE7600H", ""] };
const check = { key: "BATTERY", name: "Battery", type: "Checkbox", required: false, repeating: false, draft: "false", submitted: "false" };
const num = { key: "COST", name: "Cost", type: "Number", required: false, repeating: false, draft: null, submitted: null };

test("values are normalised per field kind", () => {
  assert.equal(normalise(choice, null), "");
  assert.deepEqual(normalise(multi, null), []);
  assert.deepEqual(normalise(rows, "x"), ["x"]);
  assert.ok(sameValue(text, "A", "A"));
  assert.ok(sameValue(multi, [], null));
  assert.ok(!sameValue(rows, ["a"], ["a", ""]));
});

test("an edit back to the draft's value is no edit", () => {
  let e = applyEdit(new Map(), text, "B");
  assert.equal(e.get("HCA_ENGINEER"), "B");
  e = applyEdit(e, text, "A");
  assert.equal(e.size, 0);
  assert.equal(currentValue(text, e), "A");
});

test("changes read old → new in plain words, in form order", () => {
  let e = applyEdit(new Map(), text, "Python powered!");
  e = applyEdit(e, choice, "Pass");
  e = applyEdit(e, check, "true");
  assert.deepEqual(changes([choice, text, check], e), [
    { key: "HCA_RESULTS", name: "HCA results", from: "(empty)", to: "Pass" },
    { key: "HCA_ENGINEER", name: "HCA engineer", from: "A", to: "Python powered!" },
    { key: "BATTERY", name: "Battery", from: "No", to: "Yes" },
  ]);
  assert.equal(describe(multi, ["a", "", "b"]), "a, b");
});

test("required fields that are empty are listed by name", () => {
  assert.deepEqual(missingRequired([choice, text], new Map()), ["HCA results"]);
  assert.deepEqual(missingRequired([choice, text], applyEdit(new Map(), text, "  ")), ["HCA results", "HCA engineer"]);
});

test("restored edits keep only this form's fields and round-trip", () => {
  const m = editsFromObject([choice, multi], { HCA_RESULTS: "Pass", MITIGATIONS: ["Export limit"], OTHER: "x" });
  assert.deepEqual([...m.keys()], ["HCA_RESULTS", "MITIGATIONS"]);
  assert.deepEqual(editsToObject(m), { HCA_RESULTS: "Pass", MITIGATIONS: ["Export limit"] });
});

test("local checks catch the shape, not the meaning", () => {
  assert.match(localProblem(num, "abc"), /not a number/);
  assert.equal(localProblem(num, "7.6"), null);
  assert.equal(localProblem(num, ""), null);
  assert.equal(localProblem(num, "9".repeat(400)), null);
  assert.ok(draftDiffers(multi));
  assert.ok(!draftDiffers(rows));
});

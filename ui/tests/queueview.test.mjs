import { test } from "node:test";
import assert from "node:assert/strict";
import { filterQueue, sortQueue, statusOptions, dueText, endOfWeekDay, dayNumber } from "../app/js/queueview.js";

const q = {
  statuses: [{ status: "Technical Review", count: 2 }, { status: "Inspection Pending", count: 2 }],
  owners: ["Maria Lopez", "Sam Ortiz", "maria lopez"],
  rows: [],
  changed: 0,
  counting: "business days",
  has_targets: true,
};
// Due days: 20788 is 2026-12-01, a Tuesday.
const rows = [
  { number: "INTG-10", status: 0, owner: 0, changed_at: 200, age: 18, due_day: 20788, due_in: -3, urgency: 3 },
  { number: "INTG-2", status: 0, owner: 1, changed_at: 300, age: 15, due_day: 20791, due_in: 0, urgency: 2 },
  { number: "INTG-3", status: 1, owner: 2, changed_at: 100, age: 14, due_day: 20794, due_in: 1, urgency: 1 },
  { number: "INTG-4", status: 1, owner: 1, changed_at: 0, age: 2, urgency: 0 },
];
q.rows = rows;
const numbers = (rs) => rs.map((r) => r.number);

test("the work queue filters by status and searches number or owner in any case", () => {
  assert.deepEqual(numbers(filterQueue(q, rows, { status: "0", search: "" })), ["INTG-10", "INTG-2"]);
  assert.deepEqual(numbers(filterQueue(q, rows, { search: "MARIA" })), ["INTG-10", "INTG-3"]);
  assert.deepEqual(numbers(filterQueue(q, rows, { search: " intg-2 " })), ["INTG-2"]);
  assert.equal(filterQueue(q, rows, {}), rows, "no filter: the same list, not a copy");
});

test("the Due filter: overdue, and due this week", () => {
  assert.deepEqual(numbers(filterQueue(q, rows, { due: "overdue" })), ["INTG-10"]);
  assert.deepEqual(numbers(filterQueue(q, rows, { due: "week", weekEnd: 20793 })), ["INTG-2"]);
});

test("sorting: numbers as people read them, names, times, age and due, both ways", () => {
  assert.deepEqual(numbers(sortQueue(q, rows, "number", "ascending")), ["INTG-2", "INTG-3", "INTG-4", "INTG-10"]);
  assert.deepEqual(numbers(sortQueue(q, rows, "status", "ascending")), ["INTG-3", "INTG-4", "INTG-10", "INTG-2"]);
  assert.deepEqual(numbers(sortQueue(q, rows, "last_change", "descending")), ["INTG-2", "INTG-10", "INTG-3", "INTG-4"]);
  assert.deepEqual(numbers(sortQueue(q, rows, "due", "ascending")), ["INTG-10", "INTG-2", "INTG-3", "INTG-4"]);
  assert.deepEqual(numbers(sortQueue(q, rows, "due", "descending")), ["INTG-3", "INTG-2", "INTG-10", "INTG-4"]);
  assert.deepEqual(numbers(sortQueue(q, rows, "age", "descending")), ["INTG-10", "INTG-2", "INTG-3", "INTG-4"]);
  assert.deepEqual(numbers(sortQueue(q, rows, "owner", "ascending")).slice(0, 2).sort(), ["INTG-10", "INTG-3"]);
});

test("the status filter's options: by name, with counts", () => {
  assert.deepEqual(statusOptions(q), [
    { value: "", text: "All statuses (4)" },
    { value: "1", text: "Inspection Pending (2)" },
    { value: "0", text: "Technical Review (2)" },
  ]);
});

test("due dates in short words", () => {
  assert.equal(dueText(rows[0], "en-GB"), "3 days overdue · 1 Dec");
  assert.equal(dueText(rows[1], "en-GB"), "due today · 4 Dec");
  assert.equal(dueText(rows[2], "en-GB"), "in 1 day · 7 Dec");
  assert.equal(dueText(rows[3]), "");
});

test("days as the rows count them; the week ends on Sunday", () => {
  assert.equal(dayNumber(new Date(2026, 11, 1)), 20788);
  assert.equal(endOfWeekDay(new Date(2026, 11, 4)), 20793);
  assert.equal(endOfWeekDay(new Date(2026, 11, 6)), 20793);
});

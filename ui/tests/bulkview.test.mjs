import { test } from "node:test";
import assert from "node:assert/strict";
import { filterRows, sortRows, statusOptions, selectRange, runLine, runQuestion, timeLeft, endOfWeek, dueText } from "../app/js/bulkview.js";

const rows = [
  { number: "INTG-10", status: "Technical Review", owner: "Maria Lopez", last_change: "2026-11-02" },
  { number: "INTG-2", status: "Technical Review", owner: "Sam Ortiz", last_change: "2026-11-03" },
  { number: "INTG-3", status: "Inspection Pending", owner: "maria lopez", last_change: "2026-11-01" },
];

test("the work queue filters by status and searches number or owner in any case", () => {
  assert.deepEqual(filterRows(rows, { status: "Technical Review", search: "" }).map((r) => r.number), ["INTG-10", "INTG-2"]);
  assert.deepEqual(filterRows(rows, { status: "", search: "MARIA" }).map((r) => r.number), ["INTG-10", "INTG-3"]);
  assert.deepEqual(filterRows(rows, { status: "", search: " intg-2 " }).map((r) => r.number), ["INTG-2"]);
});

test("numbers sort as people expect, both ways", () => {
  assert.deepEqual(sortRows(rows, "number", "ascending").map((r) => r.number), ["INTG-2", "INTG-3", "INTG-10"]);
  assert.deepEqual(sortRows(rows, "last_change", "descending").map((r) => r.number), ["INTG-2", "INTG-10", "INTG-3"]);
});

test("the status filter shows counts", () => {
  assert.deepEqual(statusOptions([{ status: "Technical Review", count: 140 }], 312), [
    { value: "", text: "All statuses (312)" },
    { value: "Technical Review", text: "Technical Review (140)" },
  ]);
});

test("shift-click selects the range from the last click, and clears it too", () => {
  const order = ["a", "b", "c", "d", "e"];
  const s = selectRange(new Set(), order, "b", "d", true);
  assert.deepEqual([...s].sort(), ["b", "c", "d"]);
  selectRange(s, order, "d", "c", false);
  assert.deepEqual([...s].sort(), ["b"]);
  assert.deepEqual([...selectRange(new Set(), order, null, "e", true)], ["e"]);
});

test("the run line has rows, time left and the project", () => {
  assert.deepEqual(runLine({ rows_done: 84, rows_total: 131, calls_done: 170, calls_total: 262, seconds_left: 150, current: "INTG-00256" }), {
    percent: 64,
    text: "84 of 131 rows · 170 of 262 calls · about 3 min left · now INTG-00256",
  });
  assert.equal(timeLeft(30), "under a minute left");
  assert.equal(timeLeft(0), "");
  assert.equal(runLine({ rows_done: 39, rows_total: 40, calls_done: 1, calls_total: 2, seconds_left: 0, current: null }).text, "39 of 40 rows · 1 of 2 calls · finishing…");
  assert.equal(runLine({ rows_done: 40, rows_total: 40, calls_done: 2, calls_total: 2, seconds_left: 0, current: null }).text, "40 of 40 rows · 2 of 2 calls");
});

test("the confirmation names environment, count and submitting; production needs the word", () => {
  const preview = { to_change: 131, problems: 3, submit: true, estimate: "268 calls, about 5 minutes" };
  const q = runQuestion("production", "PRODUCTION", "Technical Review", preview);
  assert.equal(q.body, "This will save and submit Technical Review for 131 projects on PRODUCTION. 268 calls, about 5 minutes. 3 rows with problems will be skipped.");
  assert.equal(q.word, "PRODUCTION");
  const t = runQuestion("pci_trial", "TRIAL", "Technical Review", { ...preview, submit: false, problems: 0, to_change: 1 });
  assert.equal(t.body, "This will save Technical Review as a draft for 1 project (not submitted) on TRIAL. 268 calls, about 5 minutes.");
  assert.equal(t.word, null);
});

test("the Due filter and sorting by due date or age", () => {
  const due = (urgency, d, dueIn, age) => ({ urgency, due: d, due_in: dueIn, age_days: age, words: "" });
  const rows = [
    { number: "A", status: "S", owner: "", due: due("Overdue", "2026-12-01", -3, 18) },
    { number: "B", status: "S", owner: "", due: due("DueSoon", "2026-12-04", 0, 15) },
    { number: "C", status: "S", owner: "", due: due("OnTime", "2026-12-07", 1, 14) },
    { number: "D", status: "S", owner: "", due: due("NoTarget", null, null, 2) },
  ];
  const week = "2026-12-06";
  assert.deepEqual(filterRows(rows, { status: "", search: "", due: "overdue", weekEnd: week }).map((r) => r.number), ["A"]);
  assert.deepEqual(filterRows(rows, { status: "", search: "", due: "week", weekEnd: week }).map((r) => r.number), ["B"]);
  assert.deepEqual(sortRows(rows, "due", "ascending").map((r) => r.number), ["A", "B", "C", "D"]);
  assert.deepEqual(sortRows(rows, "due", "descending").map((r) => r.number), ["C", "B", "A", "D"]);
  assert.deepEqual(sortRows(rows, "age", "descending").map((r) => r.number), ["A", "B", "C", "D"]);
  assert.equal(endOfWeek(new Date(2026, 11, 4)), "2026-12-06");
  assert.equal(endOfWeek(new Date(2026, 11, 6)), "2026-12-06");
});

test("due dates in short words for the queue", () => {
  const d = (dueIn, due) => ({ due_in: dueIn, due, urgency: "", age_days: 1, words: "" });
  assert.equal(dueText(d(14, "2026-12-22"), "en-GB"), "in 14 days · 22 Dec");
  assert.equal(dueText(d(1, "2026-12-05"), "en-GB"), "in 1 day · 5 Dec");
  assert.equal(dueText(d(0, "2026-12-04"), "en-GB"), "due today · 4 Dec");
  assert.equal(dueText(d(-3, "2026-12-01"), "en-GB"), "3 days overdue · 1 Dec");
  assert.equal(dueText({ due_in: null, due: null }), "");
});

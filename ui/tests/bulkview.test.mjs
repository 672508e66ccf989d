import { test } from "node:test";
import assert from "node:assert/strict";
import { selectRange, runLine, runQuestion, timeLeft } from "../app/js/bulkview.js";


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


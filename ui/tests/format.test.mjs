import { test } from "node:test";
import assert from "node:assert/strict";
import { size, ago, progress, progressText } from "../app/js/format.js";
import { rowAt, allowedName } from "../app/js/drop.js";
import { connectRequest } from "../app/js/connection.js";

test("sizes read like a file manager's", () => {
  assert.equal(size(618), "618 bytes");
  assert.equal(size(212 * 1024), "212 KB");
  assert.equal(size(1536 * 1024), "1.5 MB");
});

test("times read as 'ago'", () => {
  const now = Date.parse("2026-11-28T12:00:00Z");
  assert.equal(ago("2026-11-28T11:59:30Z", now), "just now");
  assert.equal(ago("2026-11-28T10:00:00Z", now), "2 h ago");
  assert.equal(ago("2026-11-27T12:00:00Z", now), "yesterday");
  assert.equal(ago("garbage", now), "");
});

test("progress gives percent and time left", () => {
  const start = 0;
  assert.deepEqual(progress(50, 100, start, 10_000), { percent: 50, left: "10 s left" });
  assert.deepEqual(progress(10, 100, start, 60_000), { percent: 10, left: "9 min left" });
  assert.deepEqual(progress(100, 100, start, 5_000), { percent: 100, left: "" });
  assert.deepEqual(progress(5, null, start, 1_000), { percent: null, left: "" });
});

test("a drop finds the row under the cursor", () => {
  const rows = [
    { key: "A", left: 0, right: 100, top: 0, bottom: 50 },
    { key: "B", left: 0, right: 100, top: 60, bottom: 110 },
  ];
  assert.equal(rowAt(rows, 50, 70), "B");
  assert.equal(rowAt(rows, 50, 55), null);
  assert.ok(allowedName("Plan.PDF", ["pdf"]));
  assert.ok(!allowedName("setup.exe", ["pdf"]));
  assert.ok(allowedName("anything", []));
});

test("the connect form sends only what its environment needs", () => {
  const trial = connectRequest({ name: " Trial ", environment: "pci_trial", api_url: "x", token_url: "y", api_key: "k", client_id: "i", client_secret: "s" });
  assert.equal(trial.name, "Trial");
  assert.equal(trial.api_url, null);
  assert.equal(trial.token_url, null);
  const custom = connectRequest({ environment: "custom", api_url: " https://a/v2 ", token_url: "https://a/t" });
  assert.equal(custom.api_url, "https://a/v2");
});

test("progressText says percent and time left, or the bytes when the total is unknown", () => {
  assert.equal(progressText("Downloading", 50, 100, 0, 10_000), "Downloading 50 % · 10 s left");
  assert.equal(progressText("Uploading", 100, 100, 0, 5_000), "Uploading 100 %");
  assert.equal(progressText("Downloading", 2048, null, 0, 1_000), `Downloading ${size(2048)}`);
});

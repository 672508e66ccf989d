import { test } from "node:test";
import assert from "node:assert/strict";
import { bandFor, viewOf, errorView } from "../app/js/connection.js";

const demo = {
  environment: "demo",
  environment_label: "DEMO",
  profile: "Demo",
  summary: "Demo data — nothing is sent to PowerClerk",
  program_name: "Sunny Valley Electric — Distributed Generation Interconnection",
  program_id: "M5JGHPZK7GFC",
};

test("demo is calm and names the program, not its id", () => {
  const band = bandFor(demo);
  assert.equal(band.env, "demo");
  assert.equal(band.label, "DEMO");
  const view = viewOf(demo);
  assert.equal(view.summary, "Demo data — nothing is sent to PowerClerk");
  assert.match(view.program, /Sunny Valley/);
  assert.doesNotMatch(view.program, /M5JGHPZK7GFC/);
});

test("production is unmistakable", () => {
  const prod = { ...demo, environment: "production", environment_label: "PRODUCTION" };
  assert.equal(bandFor(prod).env, "production");
  assert.equal(bandFor(prod).label, "PRODUCTION");
  assert.match(viewOf(prod).status, /real program data/);
});

test("before connecting the band is pending", () => {
  assert.deepEqual(bandFor(null), { env: "pending", label: "…", title: "" });
});

test("errors show the sentence; details only behind the expander", () => {
  const e = errorView({ kind: "bad_credentials", message: "PowerClerk rejected the client id or secret — check them in Settings.", details: "HTTP status 400" });
  assert.match(e.message, /check them in Settings/);
  assert.equal(e.details, "HTTP status 400");
  const raw = errorView("boom");
  assert.match(raw.message, /Try again/);
  assert.equal(raw.details, "boom");
});

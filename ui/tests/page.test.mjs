// The page asks for every module at once (modulepreload), so start-up does not wait for
// WebKit to discover them one import at a time: a module missing from the list would
// quietly slow the first screen down.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

const app = new URL("../app/", import.meta.url);

test("index.html preloads every module of js/", () => {
  const html = readFileSync(new URL("index.html", app), "utf8");
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="js\/([^"]+)">/g)].map((m) => m[1]);
  const modules = readdirSync(new URL("js/", app)).filter((f) => f.endsWith(".js") && f !== "main.js");
  assert.deepEqual(preloaded.sort(), modules.sort());
  assert.match(html, /<script type="module" src="js\/main.js"><\/script>/);
});

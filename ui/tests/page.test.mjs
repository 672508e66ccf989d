// The first screen waits only for main.js and what it imports statically, and index.html
// asks for exactly those at once (modulepreload), so WebKit does not discover them one import
// at a time. Every other module is imported by main.js after the first screen is up: a
// static import of one would quietly slow the start down.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

const app = new URL("../app/", import.meta.url);
const js = new URL("js/", app);

function staticImports(file) {
  const src = readFileSync(new URL(file, js), "utf8");
  return [...src.matchAll(/^import [^;]*? from "\.\/([a-z]+\.js)";/gms)].map((m) => m[1]);
}

function closure(file, seen = new Set()) {
  for (const dep of staticImports(file)) {
    if (!seen.has(dep)) {
      seen.add(dep);
      closure(dep, seen);
    }
  }
  return seen;
}

test("index.html preloads exactly the modules the first screen needs", () => {
  const html = readFileSync(new URL("index.html", app), "utf8");
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="js\/([^"]+)">/g)].map((m) => m[1]);
  assert.deepEqual(preloaded.sort(), [...closure("main.js")].sort());
  assert.match(html, /<script type="module" src="js\/main.js"><\/script>/);
});

test("the first screen needs few modules; every other module is imported later by main.js", () => {
  const first = closure("main.js");
  assert.ok(first.size <= 6, `the first screen loads ${first.size} modules: ${[...first]}`);
  const main = readFileSync(new URL("main.js", js), "utf8");
  const later = new Set([...main.matchAll(/import\("\.\/([a-z]+\.js)"\)/g)].map((m) => m[1]));
  for (const m of later) closure(m).forEach((d) => later.add(d));
  const all = readdirSync(js).filter((f) => f.endsWith(".js") && f !== "main.js");
  for (const f of all) assert.ok(first.has(f) || later.has(f), `${f} is never loaded`);
});

// The form's rows are built as HTML text: every name, value and choice must arrive as text,
// never as markup.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rowHtml, esc } from "../app/js/formfields.js";

const hostile = '<img src=x onerror="alert(1)"> & \'quoted\'';

test("esc leaves no markup", () => {
  assert.equal(esc(hostile), "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;quoted&#39;");
});

test("a row carries names, values and choices only as escaped text", () => {
  for (const type of ["Text", "Number", "Date", "Checkbox", "Choice", "MultiChoice"]) {
    const field = {
      key: 'K"1', data_field_id: "id", custom_id: hostile, name: hostile, type, required: true,
      choices: [hostile, "Pass"], repeating: false, submitted: hostile, draft: hostile,
    };
    const html = rowHtml(field);
    assert.ok(!html.includes("<img"), `${type}: ${html}`);
    assert.ok(!html.includes('onerror="'), `${type}: ${html}`);
    assert.ok(html.includes('data-key="K&quot;1"'), `${type}: ${html}`);
  }
});

test("a repeating field has one input per row and the row buttons", () => {
  const field = { key: "R", data_field_id: "r", name: "Panels", type: "Text", required: false, repeating: true, choices: [], submitted: ["a", "b"], draft: ["a", "b"] };
  const html = rowHtml(field);
  assert.equal(html.match(/<input/g).length, 2);
  assert.match(html, /aria-label="Remove row 2 of Panels"/);
  assert.match(html, /data-add/);
});

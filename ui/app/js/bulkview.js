// @ts-check
// The Projects and Bulk screens' rules for what they show: filtering and sorting the work
// queue, shift-click ranges, the run's progress line and its confirmation. Pure.

/**
 * Shift-click: every project from the last one clicked to this one takes this one's state.
 * @param {Set<string>} selected
 * @param {string[]} order the numbers as shown
 * @param {string | null} anchor the last one clicked
 * @param {string} number this one
 * @param {boolean} on
 */
export function selectRange(selected, order, anchor, number, on) {
  const a = anchor == null ? -1 : order.indexOf(anchor);
  const b = order.indexOf(number);
  const [from, to] = a < 0 ? [b, b] : [Math.min(a, b), Math.max(a, b)];
  for (const n of order.slice(from, to + 1)) {
    if (on) selected.add(n);
    else selected.delete(n);
  }
  return selected;
}

/** "about 3 min left" from seconds. */
export function timeLeft(seconds) {
  if (!seconds || seconds <= 0) return "";
  if (seconds < 60) return "under a minute left";
  const m = Math.ceil(seconds / 60);
  return m < 60 ? `about ${m} min left` : `about ${Math.floor(m / 60)} h ${m % 60} min left`;
}

/** The run's progress line and percent. */
export function runLine(p) {
  const percent = p.rows_total ? Math.floor((p.rows_done * 100) / p.rows_total) : 0;
  const parts = [`${p.rows_done} of ${p.rows_total} rows`];
  if (p.calls_total) parts.push(`${p.calls_done} of ${p.calls_total} calls`);
  // The last calls: "finishing…", never "no time left".
  const left = p.rows_done < p.rows_total ? timeLeft(p.seconds_left) || "finishing…" : "";
  if (left) parts.push(left);
  if (p.current) parts.push(`now ${p.current}`);
  return { percent, text: parts.join(" · ") };
}

/**
 * The run's confirmation: names the environment, how many projects, whether they are
 * submitted, how many rows are skipped; production needs its word typed.
 */
export function runQuestion(environment, label, formName, preview) {
  const n = preview.to_change;
  const projects = `${n} project${n === 1 ? "" : "s"}`;
  const what = preview.submit
    ? `save and submit ${formName} for ${projects}`
    : `save ${formName} as a draft for ${projects} (not submitted)`;
  const skipped = preview.problems
    ? ` ${preview.problems} row${preview.problems === 1 ? "" : "s"} with problems will be skipped.`
    : "";
  return {
    title: `Run on ${label}?`,
    body: `This will ${what} on ${label}. ${preview.estimate}.${skipped}`,
    word: environment === "production" ? "PRODUCTION" : null,
    ok: preview.submit ? "Save and submit" : "Save drafts",
  };
}

/** The preview's sentence. */
export function previewLine(p) {
  return `${p.to_change} will change · ${p.same} already as the sheet says · ${p.problems} with problems. ${p.estimate}.`;
}

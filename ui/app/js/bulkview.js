// @ts-check
// The Projects and Bulk screens' rules for what they show: filtering and sorting the work
// queue, shift-click ranges, the run's progress line and its confirmation. Pure.

/**
 * The rows a status, a search and the Due filter leave (search: number or owner, any case).
 * @template {{number: string, status: string, owner: string, due?: any}} T
 * @param {T[]} rows
 * @param {{status: string, search: string, due?: string, weekEnd?: string}} filter
 * @returns {T[]}
 */
export function filterRows(rows, { status, search, due = "", weekEnd = "" }) {
  const q = search.trim().toLowerCase();
  if (!status && !q && !due) return rows;
  return rows.filter((r) =>
    (!status || r.status === status) &&
    (!q || searchText(r).includes(q)) &&
    (!due || dueMatches(r.due, due, weekEnd)));
}

/** What a search looks in: number and owner in lower case, made once per row. */
const searchTexts = new WeakMap();
function searchText(r) {
  let t = searchTexts.get(r);
  if (t === undefined) {
    t = `${r.number}\u0000${r.owner}`.toLowerCase();
    searchTexts.set(r, t);
  }
  return t;
}

/**
 * The "Due" filter: "overdue", or "week" (due from today to `weekEnd`, an ISO date).
 * @param {{urgency: string, due: string | null}} d
 */
export function dueMatches(d, filter, weekEnd) {
  if (!d) return false;
  if (filter === "overdue") return d.urgency === "Overdue";
  if (filter === "week") return d.urgency !== "Overdue" && d.due != null && d.due <= weekEnd;
  return true;
}

/** "in 14 days · 22 Dec", "3 days overdue", "today" (the heading names the unit). */
export function dueText(d, locale = undefined) {
  if (!d || d.due == null || d.due_in == null) return "";
  const n = Math.abs(d.due_in);
  const days = `${n} day${n === 1 ? "" : "s"}`;
  const words = d.due_in < 0 ? `${days} overdue` : d.due_in === 0 ? "due today" : `in ${days}`;
  const [y, m, day] = d.due.split("-").map(Number);
  const date = new Date(y, m - 1, day).toLocaleDateString(locale, { day: "numeric", month: "short" });
  return `${words} · ${date}`;
}

/** The coming Sunday (ISO date) of `today`: "due this week" ends there. */
export function endOfWeek(today = new Date()) {
  const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() + ((7 - today.getDay()) % 7));
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/**
 * Rows sorted by a column; numbers compare as people expect ("INTG-2" before "INTG-10").
 * @template {Record<string, any>} T
 * @param {T[]} rows
 * @param {string} key
 * @param {"ascending" | "descending"} dir
 * @returns {T[]}
 */
export function sortRows(rows, key, dir) {
  const sign = dir === "descending" ? -1 : 1;
  // Due and age sort as numbers; rows without one go last either way.
  const numeric = { due: (r) => r.due?.due_in, age: (r) => r.due?.age_days }[key];
  if (numeric) {
    return [...rows].sort((a, b) => {
      const x = numeric(a), y = numeric(b);
      if (x == null || y == null) return (x == null ? 1 : 0) - (y == null ? 1 : 0);
      return sign * (x - y);
    });
  }
  // One collator for the whole sort (localeCompare with options builds one per comparison:
  // seconds for 20,000 rows instead of milliseconds), each row's key read once.
  const keyed = rows.map((r) => ({ r, k: String(r[key] ?? "") }));
  keyed.sort((a, b) => sign * collator.compare(a.k, b.k));
  return keyed.map((x) => x.r);
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** The status filter's options: every status with its count, "All statuses" first. */
export function statusOptions(statuses, total) {
  return [
    { value: "", text: `All statuses (${total})` },
    ...statuses.map((s) => ({ value: s.status, text: `${s.status} (${s.count})` })),
  ];
}

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

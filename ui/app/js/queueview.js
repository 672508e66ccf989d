// @ts-check
// The work queue's rules for what it shows, on the compact rows the app sends (statuses and
// owners by index, times as numbers): filtering, sorting, the status options, due dates in
// words. Pure, and cheap for 20,000 rows: per-name work is done once per name, not per row.

/** @typedef {import("../../types/WorkQueue").WorkQueue} WorkQueue */
/** @typedef {import("../../types/QueueRow").QueueRow} QueueRow */

const DAY_MS = 86400000;
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Urgency codes (see QueueRow.urgency). */
export const URGENCY = { none: 0, onTime: 1, soon: 2, overdue: 3 };

/** The status filter's options: "All statuses" first, then each status by name with its count. */
export function statusOptions(q) {
  const named = q.statuses.map((s, i) => ({ value: String(i), text: `${s.status} (${s.count})`, name: s.status }));
  named.sort((a, b) => collator.compare(a.name, b.name));
  return [{ value: "", text: `All statuses (${q.rows.length})` }, ...named.map(({ value, text }) => ({ value, text }))];
}

/** Today's day number (days since 1970-01-01, as the rows count them) in local time. */
export function dayNumber(date = new Date()) {
  return Math.round(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / DAY_MS);
}

/** The day number of the coming Sunday: "due this week" ends there. */
export function endOfWeekDay(today = new Date()) {
  return dayNumber(today) + ((7 - today.getDay()) % 7);
}

/**
 * The rows a status (an index, or ""), a search (number or owner, any case) and the Due
 * filter ("", "overdue", "week") leave, in their order.
 * @param {WorkQueue} q
 * @param {QueueRow[]} rows
 */
export function filterQueue(q, rows, { status = "", search = "", due = "", weekEnd = 0 }) {
  const needle = search.trim().toLowerCase();
  if (status === "" && !needle && !due) return rows;
  const want = status === "" ? -1 : Number(status);
  // Owners are searched once each; a row then only looks its owner's answer up.
  const ownerHit = needle ? q.owners.map((o) => o.toLowerCase().includes(needle)) : null;
  return rows.filter((r) =>
    (want < 0 || r.status === want) &&
    (!ownerHit || ownerHit[r.owner] || r.number.toLowerCase().includes(needle)) &&
    (!due || dueMatches(r, due, weekEnd)));
}

/** The Due filter on one row. */
export function dueMatches(r, filter, weekEnd) {
  if (filter === "overdue") return r.urgency === URGENCY.overdue;
  if (filter === "week") return r.urgency !== URGENCY.overdue && r.due_day != null && r.due_day <= weekEnd;
  return true;
}

/**
 * The rows sorted by a column, both ways; rows without an age or due date go last.
 * Names sort as people read them ("INTG-2" before "INTG-10"), with one collator, and each
 * status and owner is ranked once.
 * @param {WorkQueue} q
 * @param {QueueRow[]} rows
 * @param {"number" | "status" | "owner" | "last_change" | "age" | "due"} key
 * @param {"ascending" | "descending"} dir
 */
export function sortQueue(q, rows, key, dir) {
  const sign = dir === "descending" ? -1 : 1;
  const rank = (/** @type {string[]} */ names) => {
    const order = names.map((_, i) => i).sort((a, b) => collator.compare(names[a], names[b]));
    const r = new Array(names.length);
    order.forEach((at, i) => { r[at] = i; });
    return r;
  };
  /** @type {(r: QueueRow) => number | undefined} */
  let num;
  if (key === "status") {
    const r = rank(q.statuses.map((s) => s.status));
    num = (x) => r[x.status];
  } else if (key === "owner") {
    const r = rank(q.owners);
    num = (x) => r[x.owner];
  } else if (key === "last_change") num = (x) => x.changed_at || undefined;
  else if (key === "age") num = (x) => x.age;
  else if (key === "due") num = (x) => x.due_in;
  if (!num) return [...rows].sort((a, b) => sign * collator.compare(a.number, b.number));
  const f = num;
  return [...rows].sort((a, b) => {
    const x = f(a), y = f(b);
    if (x == null || y == null) return (x == null ? 1 : 0) - (y == null ? 1 : 0);
    return sign * (x - y);
  });
}

/** "in 14 days · 22 Dec", "3 days overdue · 1 Dec", "due today · 4 Dec", or "". */
export function dueText(r, locale = undefined) {
  if (r.due_day == null || r.due_in == null) return "";
  const n = Math.abs(r.due_in);
  const days = `${n} day${n === 1 ? "" : "s"}`;
  const words = r.due_in < 0 ? `${days} overdue` : r.due_in === 0 ? "due today" : `in ${days}`;
  const date = new Date(r.due_day * DAY_MS).toLocaleDateString(locale, { day: "numeric", month: "short", timeZone: "UTC" });
  return `${words} · ${date}`;
}

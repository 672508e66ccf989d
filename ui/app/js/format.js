// @ts-check
// Formatting for people: sizes, times, time left. Pure.

/** Bytes as "212 KB". */
export function size(bytes) {
  if (bytes == null) return "";
  const units = ["bytes", "KB", "MB", "GB"];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return u === 0 ? `${bytes} bytes` : `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** "changed 2 h ago" from an RFC 3339 time or milliseconds since 1970. */
export function ago(iso, now = Date.now()) {
  if (!iso) return "";
  const t = typeof iso === "number" ? iso : Date.parse(iso);
  if (Number.isNaN(t)) return "";
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  const d = Math.round(s / 86400);
  return d === 1 ? "yesterday" : `${d} days ago`;
}

/** Percent and time left of a transfer, from its start time. */
export function progress(done, total, startedAt, now = Date.now()) {
  if (!total) return { percent: null, left: "" };
  const percent = Math.min(100, Math.floor((done * 100) / total));
  const elapsed = (now - startedAt) / 1000;
  if (done <= 0 || elapsed < 0.5 || done >= total) return { percent, left: "" };
  const secs = Math.ceil((elapsed * (total - done)) / done);
  const left = secs < 60 ? `${secs} s left` : `${Math.ceil(secs / 60)} min left`;
  return { percent, left };
}

/** One line for a transfer in progress: "Downloading 40 % · 12 s left", or the bytes so far. */
export function progressText(verb, done, total, startedAt, now = Date.now()) {
  const p = progress(done, total, startedAt, now);
  return p.percent != null ? `${verb} ${p.percent} %${p.left ? ` · ${p.left}` : ""}` : `${verb} ${size(done)}`;
}

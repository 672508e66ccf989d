// @ts-check
// Finding the attachment row under a dropped file. Pure: works on rectangles.

/** The key of the row whose rectangle contains (x, y), or null. */
export function rowAt(rows, x, y) {
  for (const r of rows) {
    if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return r.key;
  }
  return null;
}

/** Whether a file name has one of the allowed extensions (any when the list is empty). */
export function allowedName(name, extensions) {
  if (!extensions || extensions.length === 0) return true;
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  return extensions.includes(ext);
}

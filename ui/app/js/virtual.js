// @ts-check
// A long table whose cost does not grow with its length: only the rows in view (and a few
// around them) are in the DOM, between two spacer rows that keep the scrollbar true. Rows
// have one fixed height (CSS keeps cells to one line). Screen readers get the real row
// count and each row's index (aria-rowcount, aria-rowindex).

/**
 * The rows to draw for a scroll position: [start, end) of `count`.
 * @param {number} count rows in all
 * @param {number} scrollTop the scroller's scrollTop, less the header's height
 * @param {number} viewport the scroller's height
 * @param {number} rowHeight
 * @param {number} overscan rows drawn beyond each edge
 */
export function visibleRange(count, scrollTop, viewport, rowHeight, overscan = 8) {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { start: Math.min(first, count), end: Math.max(last, Math.min(first, count)) };
}

/**
 * Virtual rows for `tbody` inside the scrolling `scroller`.
 * @template T
 * @param {{ table: HTMLElement, tbody: HTMLElement, scroller: HTMLElement, rowHeight: number,
 *           renderRow: (row: T, index: number) => HTMLElement }} options
 */
export function virtualRows({ table, tbody, scroller, rowHeight, renderRow }) {
  /** @type {T[]} */
  let rows = [];
  let drawn = { start: -1, end: -1 };
  let pending = false;

  // A spacer is a row with one cell across the table (an empty row takes no height).
  const spacer = () => {
    const tr = document.createElement("tr");
    tr.className = "spacer";
    tr.setAttribute("aria-hidden", "true");
    const td = document.createElement("td");
    td.colSpan = table.querySelectorAll("thead th").length || 1;
    tr.append(td);
    return tr;
  };
  const top = spacer();
  const bottom = spacer();
  const height = (/** @type {HTMLElement} */ tr, px) => {
    /** @type {HTMLElement} */ (tr.firstChild).style.height = `${px}px`;
    return px > 0 ? [tr] : [];
  };

  function draw(force) {
    const header = table.querySelector("thead")?.getBoundingClientRect().height || 0;
    const range = visibleRange(rows.length, Math.max(0, scroller.scrollTop - header), scroller.clientHeight || 600, rowHeight);
    if (!force && range.start === drawn.start && range.end === drawn.end) return;
    drawn = range;
    const above = height(top, range.start * rowHeight);
    const below = height(bottom, (rows.length - range.end) * rowHeight);
    const shown = [];
    for (let i = range.start; i < range.end; i += 1) {
      const tr = renderRow(rows[i], i);
      tr.setAttribute("aria-rowindex", String(i + 2)); // the header is row 1
      shown.push(tr);
    }
    tbody.replaceChildren(...above, ...shown, ...below);
  }

  scroller.addEventListener("scroll", () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      draw(false);
    });
  });

  return {
    /** Shows `list` from its top (a new filter or sort). */
    setRows(/** @type {T[]} */ list, keepScroll = false) {
      rows = list;
      table.setAttribute("aria-rowcount", String(list.length + 1));
      if (!keepScroll) scroller.scrollTop = 0;
      draw(true);
    },
    /** Draws the rows in view again (a selection changed). */
    refresh() {
      draw(true);
    },
    /** The rows as last set. */
    rows() {
      return rows;
    },
  };
}

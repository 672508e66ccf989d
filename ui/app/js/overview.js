// @ts-check
// The Overview screen: projects per status against their deadlines, days in status, and the
// projects entering each status per week (from Clerkdesk's own status history). Each chart
// (Chart.js, vendored) has its data as a table below it; a bar, or a status in the table,
// opens the work queue filtered to it. Colours come from the theme (light and dark).

import { $, el, showScreen, showError, clearError, setText } from "./ui.js";
import { call } from "./ipc.js";
import { say } from "./status.js";
import {
  Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip,
} from "../vendor/chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** @type {Chart[]} */
let charts = [];
/** @type {(filter: {status: string, due?: string}) => void} */
let openQueue = () => {};

/** A theme colour (CSS custom property). */
function colour(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** Options every chart shares: no animation, theme colours, the legend below. */
function base(extra = {}) {
  const text = colour("--chart-text");
  const grid = colour("--chart-grid");
  const axis = { ticks: { color: text }, grid: { color: grid } };
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { position: "bottom", labels: { color: text } } },
    scales: { x: { ...axis }, y: { ...axis, beginAtZero: true } },
    ...extra,
  };
}

/** The status chart's segments: overdue, due soon, on time, no target. */
const PARTS = [
  { key: "overdue", label: "Overdue", colour: "--chart-overdue", due: "overdue" },
  { key: "due_soon", label: "Due soon", colour: "--chart-soon" },
  { key: "on_time", label: "On time", colour: "--chart-ontime" },
  { key: "no_target", label: "No target", colour: "--chart-none" },
];

function drawStatus(o) {
  const labels = o.statuses.map((s) => s.status);
  const chart = new Chart(/** @type {HTMLCanvasElement} */ ($("chart-status")), {
    type: "bar",
    data: {
      labels,
      datasets: PARTS.map((p) => ({ label: p.label, data: o.statuses.map((s) => s[p.key]), backgroundColor: colour(p.colour) })),
    },
    options: base({
      indexAxis: "y",
      scales: { x: { stacked: true, ticks: { color: colour("--chart-text") }, grid: { color: colour("--chart-grid") } }, y: { stacked: true, ticks: { color: colour("--chart-text") }, grid: { display: false } } },
      onClick: (_e, elements) => {
        const hit = elements[0];
        if (!hit) return;
        openQueue({ status: labels[hit.index], due: PARTS[hit.datasetIndex].due });
      },
    }),
  });
  $("table-status").replaceChildren(...o.statuses.map((s) => el("tr", {},
    el("th", { scope: "row" }, el("button", { type: "button", class: "link", text: s.status, onclick: () => openQueue({ status: s.status }) })),
    ...[s.total, s.overdue, s.due_soon, s.on_time, s.no_target].map((n) => el("td", { text: String(n) })))));
  return chart;
}

function drawAges(o) {
  const chart = new Chart(/** @type {HTMLCanvasElement} */ ($("chart-age")), {
    type: "bar",
    data: {
      labels: o.statuses.map((s) => s.status),
      datasets: [
        { label: `Median (${o.counting})`, data: o.statuses.map((s) => s.median_age), backgroundColor: colour("--chart-ontime") },
        { label: `90th percentile (${o.counting})`, data: o.statuses.map((s) => s.p90_age), backgroundColor: colour("--chart-soon") },
      ],
    },
    options: base(),
  });
  $("table-age").replaceChildren(...o.statuses.map((s) => el("tr", {},
    el("th", { scope: "row", text: s.status }),
    el("td", { text: s.median_age == null ? "" : String(s.median_age) }),
    el("td", { text: s.p90_age == null ? "" : String(s.p90_age) }))));
  return chart;
}

/** A week's label: "30 Nov". */
function weekLabel(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(y, m - 1, d).toLocaleDateString([], { day: "numeric", month: "short" });
}

function drawWeeks(o) {
  const since = o.watching_since ? new Date(o.watching_since).toLocaleDateString([], { day: "numeric", month: "long", year: "numeric" }) : null;
  setText($("weeks-note"), since
    ? `Clerkdesk has watched this program since ${since}: PowerClerk tells only each project's current status, so moves are known from then on.`
    : "Clerkdesk has not watched this program yet.");
  const palette = ["--chart-ontime", "--chart-soon", "--chart-overdue", "--chart-none"];
  const chart = new Chart(/** @type {HTMLCanvasElement} */ ($("chart-weeks")), {
    type: "bar",
    data: {
      labels: o.weeks.map((w) => weekLabel(w.week)),
      datasets: o.statuses.map((s, i) => ({
        label: s.status,
        data: o.weeks.map((w) => w.entered[i]),
        backgroundColor: colour(palette[i % palette.length]),
      })),
    },
    options: base({ scales: { x: { stacked: true, ticks: { color: colour("--chart-text") }, grid: { display: false } }, y: { stacked: true, beginAtZero: true, ticks: { color: colour("--chart-text") }, grid: { color: colour("--chart-grid") } } } }),
  });
  $("table-weeks-head").replaceChildren(el("th", { scope: "col", text: "Week of" }), ...o.statuses.map((s) => el("th", { scope: "col", text: s.status })));
  $("table-weeks").replaceChildren(...o.weeks.map((w) => el("tr", {},
    el("th", { scope: "row", text: weekLabel(w.week) }),
    ...w.entered.map((n) => el("td", { text: String(n) })))));
  return chart;
}

/** Draws the three charts and their tables from `o`. */
function draw(o) {
  for (const c of charts) c.destroy();
  charts = [drawStatus(o), drawAges(o), drawWeeks(o)];
  setText($("overview-watching"), `${o.total} projects`);
}

/** Shows the Overview (the charts redrawn from the app's answer). */
export async function showOverview() {
  const since = performance.now();
  showScreen("overview");
  clearError($("overview-error"));
  const screen = $("screen-overview");
  delete screen.dataset.drawnMs;
  try {
    const o = await call("overview");
    draw(o);
    say(`${o.total} projects; ${o.statuses.reduce((n, s) => n + s.overdue, 0)} overdue.`);
    // Read by the app benchmark: from the click to the charts painted.
    requestAnimationFrame(() => requestAnimationFrame(() => {
      screen.dataset.drawnMs = String(Math.round(performance.now() - since));
    }));
  } catch (err) {
    showError($("overview-error"), err);
  }
}

/** The three charts, with their titles, on one picture for a slide (PNG, base64). */
function picture() {
  const parts = [["chart-status-title", "chart-status"], ["chart-age-title", "chart-age"], ["chart-weeks-title", "chart-weeks"]]
    .map(([t, c]) => ({ title: $(t).textContent || "", canvas: /** @type {HTMLCanvasElement} */ ($(c)) }));
  const pad = 24, head = 36;
  const width = Math.max(...parts.map((p) => p.canvas.width)) + 2 * pad;
  const height = parts.reduce((h, p) => h + head + p.canvas.height + pad, pad);
  const out = document.createElement("canvas");
  out.width = width;
  out.height = height;
  const g = /** @type {CanvasRenderingContext2D} */ (out.getContext("2d"));
  g.fillStyle = getComputedStyle(document.body).backgroundColor || "#ffffff";
  g.fillRect(0, 0, width, height);
  g.fillStyle = colour("--chart-text");
  g.font = "600 20px sans-serif";
  let y = pad;
  for (const p of parts) {
    g.fillText(p.title, pad, y + 24);
    y += head;
    g.drawImage(p.canvas, pad, y);
    y += p.canvas.height + pad;
  }
  return out.toDataURL("image/png").replace(/^data:image\/png;base64,/, "");
}

/** Runs an export button's command and says where the file went. */
async function exportWith(command, args, what) {
  clearError($("overview-error"));
  try {
    const path = await call(command, args);
    if (path) say(`Saved ${what} to ${path}.`);
  } catch (err) {
    showError($("overview-error"), err);
  }
}

/** Wires the screen; `open` shows the work queue filtered. */
export function setupOverview(open) {
  openQueue = open;
  $("overview-refresh").addEventListener("click", showOverview);
  $("overview-report").addEventListener("click", () => exportWith("overview_report", {}, "the report"));
  $("overview-png").addEventListener("click", () => exportWith("overview_png", { png: picture() }, "the charts"));
  // Light or dark changed: the charts take the new colours.
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
    if (!$("screen-overview").hidden) showOverview();
  });
}

// @ts-check
// Help: the user guide (rendered in Rust from the bundled Markdown, offline) on its own
// screen. F1 opens it at the part about the screen on show; a "?" button at its section.
// "Back" returns to where the user was, as it was.

import { $, showScreen } from "./ui.js";
import { call } from "./ipc.js";
import { say } from "./status.js";

/** The guide's section about each screen, for F1. */
const SECTION_OF_SCREEN = {
  welcome: "first-start",
  connecting: "first-start",
  connect: "connecting-to-powerclerk",
  home: "opening-a-project",
  project: "a-form",
  projects: "projects",
  bulk: "bulk-update",
  activity: "activity",
  settings: "settings",
};

let loaded = false;
let returnTo = "welcome";

async function load() {
  if (loaded) return;
  const page = /** @type {import("../../types/HelpPage").HelpPage} */ (await call("help_page"));
  // The HTML is built by the app from its own bundled guide (no remote content, no script).
  $("help-body").innerHTML = page.html;
  loaded = true;
}

/** Shows the guide at `section` (an anchor of the guide). */
export async function showHelp(section) {
  const from = document.body.dataset.screen;
  if (from && from !== "help") returnTo = from;
  await load();
  showScreen("help");
  const found = /** @type {HTMLElement | null} */ (document.getElementById(section));
  // The guide's own title is not shown (the screen's heading is): its section is the top.
  const target = found && found.tagName !== "H1" ? found : $("help-title");
  target.scrollIntoView({ block: "start" });
  target.focus();
  say(`Help: ${target.textContent}.`);
}

/** F1: the guide at the part about the screen on show. */
export function helpForScreen() {
  const screen = document.body.dataset.screen || "welcome";
  if (screen === "help") return;
  return showHelp(SECTION_OF_SCREEN[screen] || "clerkdesk-user-guide");
}

/** Wires the Help screen: links between its sections, and Back. */
export function setupHelp() {
  $("help-back").addEventListener("click", () => showScreen(returnTo));
  $("help-body").addEventListener("click", (e) => {
    const a = /** @type {HTMLElement} */ (e.target).closest("a[data-section]");
    if (!a) return;
    e.preventDefault();
    showHelp(/** @type {HTMLElement} */ (a).dataset.section || "");
  });
}

// @ts-check
// The watch, in the window: what each look found as a banner with a way to the projects
// (the OS notification says the same), and Settings → Watch.

import { $, el, showError, clearError, setText } from "./ui.js";
import { call, listen } from "./ipc.js";

/** @type {(filter: {status: string, due?: string}) => void} */
let openQueue = () => {};

/** Shows what a look found (nothing to say: the banner stays as it was). */
export function showNews(news) {
  // How many looks came, and what the last found (read by tests; harmless otherwise).
  const banner = $("watch-banner");
  banner.dataset.looks = String(Number(banner.dataset.looks || 0) + 1);
  banner.dataset.changed = String(news.changed);
  if (!news.sentences.length) return;
  setText($("watch-banner-text"), `${news.sentences.join(". ")}.`);
  $("watch-banner-actions").replaceChildren(
    ...news.arrivals.map((a) => el("button", { type: "button", text: `Show ${a.status}`, onclick: () => openQueue({ status: a.status }) })),
    news.overdue_tomorrow ? el("button", { type: "button", text: "Show what is due this week", onclick: () => openQueue({ status: null, due: "week" }) }) : null,
  );
  $("watch-banner").hidden = false;
}

/** Fills Settings → Watch; `statuses`: the program's, for the arrival choices. */
export async function showWatchSettings(statuses) {
  clearError($("watch-error"));
  setText($("watch-result"), "");
  try {
    const p = await call("watch_prefs");
    /** @type {HTMLInputElement} */ ($("watch-on")).checked = p.on;
    /** @type {HTMLInputElement} */ ($("watch-minutes")).value = String(p.every_minutes);
    /** @type {HTMLInputElement} */ ($("watch-overdue")).checked = p.overdue_tomorrow;
    const names = [...new Set([...statuses, ...p.arrivals])];
    $("watch-statuses").replaceChildren(...names.map((name, i) => {
      const id = `watch-status-${i}`;
      const box = el("input", { type: "checkbox", id, "data-status": name });
      /** @type {HTMLInputElement} */ (box).checked = p.arrivals.some((a) => a.toLowerCase() === name.toLowerCase());
      return el("span", { class: "toggle" }, box, " ", el("label", { for: id, text: name }));
    }));
  } catch (err) {
    showError($("watch-error"), err);
  }
}

async function save() {
  clearError($("watch-error"));
  const minutes = Number(/** @type {HTMLInputElement} */ ($("watch-minutes")).value.trim());
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
    showError($("watch-error"), { message: "Look for changes every 1 to 1,440 minutes (a day)." });
    $("watch-minutes").focus();
    return;
  }
  const arrivals = [...document.querySelectorAll("#watch-statuses input:checked")].map((b) => /** @type {HTMLElement} */ (b).dataset.status || "");
  try {
    await call("watch_prefs_save", {
      prefs: {
        on: /** @type {HTMLInputElement} */ ($("watch-on")).checked,
        every_minutes: minutes,
        arrivals,
        overdue_tomorrow: /** @type {HTMLInputElement} */ ($("watch-overdue")).checked,
      },
    });
    setText($("watch-result"), "Saved. The next look uses these settings.");
  } catch (err) {
    showError($("watch-error"), err);
  }
}

/** Wires the banner and the settings; `open` shows the work queue filtered. */
export async function setupWatch(open) {
  openQueue = open;
  $("watch-banner-close").addEventListener("click", () => { $("watch-banner").hidden = true; });
  $("watch-save").addEventListener("click", save);
  await listen("clerkdesk://watch", showNews);
}

// @ts-check
// The status line: what just happened, transfers with a progress bar and time left, and
// the rate limit ("Waiting N s for PowerClerk's rate limit").

import { $, setText } from "./ui.js";
import { call, listen } from "./ipc.js";
import { progress, progressText } from "./format.js";

let message = "";
let waiting = 0;

function render() {
  setText($("status-text"), waiting > 0 ? `Waiting ${waiting} s for PowerClerk's rate limit` : message);
}

/** Sets the status line's sentence. */
export function say(text) {
  message = text;
  render();
}

/** Starts following the rate limiter. */
export async function followRateLimit() {
  await listen("clerkdesk://rate", (r) => {
    waiting = r.waiting_s;
    setText($("rate-text"), r.limit < 4294967295 ? `Rate limit: ${Math.max(0, r.limit - r.used)}/${r.limit} left` : "");
    if (r.slowed_down) message = "PowerClerk kept refusing calls; Clerkdesk slowed down. Another program may be using the same API key.";
    render();
  });
}

/** A progress handler for a transfer: shows the bar, percent, time left and Cancel. */
export function transferProgress(verb) {
  const startedAt = Date.now();
  let id = null;
  $("show-in-folder").hidden = true;
  $("transfer").hidden = false;
  $("transfer-progress").value = 0;
  $("transfer-text").textContent = `${verb}…`;
  $("transfer-cancel").onclick = () => id != null && call("cancel_transfer", { id });
  return {
    onMessage(m) {
      if (m.event === "started") {
        id = m.id;
        say(`${verb} ${m.name}…`);
      } else if (m.event === "progress") {
        const p = progress(m.done, m.total, startedAt);
        if (p.percent != null) $("transfer-progress").value = p.percent;
        $("transfer-text").textContent = progressText(verb, m.done, m.total, startedAt);
      }
    },
    done() {
      $("transfer").hidden = true;
    },
  };
}

// @ts-check
// An unfinished bulk job is impossible to miss: a banner on the first screen after
// connecting and on Projects (CSS hides it elsewhere), with Resume (one action), Show
// results so far, and Discard (which asks). It stays until the job is resumed or discarded.

import { $, el, confirmDialog, showError } from "./ui.js";
import { call } from "./ipc.js";
import { say } from "./status.js";
import { ago } from "./format.js";

/** @type {import("../../types/JobView").JobView | null} */
let job = null;
/** @type {(job: import("../../types/JobView").JobView) => Promise<void>} */
let resumeJob = async () => {};

/** The banner's sentence for `j`. */
export function bannerText(j, now = Date.now()) {
  const rows = `${j.done} of ${j.rows} row${j.rows === 1 ? "" : "s"}`;
  const when = ago(j.last_step, now);
  return `A bulk run of ${j.form_name} (${j.sheet_name}) stopped after ${rows}${when ? `, ${when}` : ""}: ${j.counts_words}.`;
}

/** Asks the app for the unfinished job and shows or hides the banner. */
export async function refreshJobBanner() {
  job = await call("bulk_unfinished").catch(() => null);
  const banner = $("job-banner");
  banner.hidden = !job;
  if (job) $("job-banner-text").textContent = bannerText(job);
}

/** Hides the banner (a run started from it, or the connection closed). */
export function hideJobBanner() {
  job = null;
  $("job-banner").hidden = true;
}

async function showResultsSoFar() {
  if (!job) return;
  try {
    const path = await call("bulk_results_so_far", { job: job.id });
    say(`Wrote the results so far to ${path}.`);
    await call("open_saved", { path });
  } catch (err) {
    showError($("job-banner-error"), err);
  }
}

async function discard() {
  if (!job) return;
  const left = job.rows - job.done;
  const ok = await confirmDialog({
    title: "Discard the unfinished run?",
    body: `Clerkdesk first writes the results of the ${job.done} row${job.done === 1 ? "" : "s"} done so far beside ${job.sheet_name}. Then the job journal forgets this run: the ${left} row${left === 1 ? "" : "s"} not done can no longer be resumed from here (check the sheet again to run them). What the run already saved or submitted stays in PowerClerk.`,
    ok: "Discard",
    cancel: "Keep it",
  });
  if (!ok) return;
  try {
    const path = await call("bulk_discard", { job: job.id });
    hideJobBanner();
    say(`Discarded the run. Its results so far are in ${path}.`);
  } catch (err) {
    showError($("job-banner-error"), err);
  }
}

/** Wires the banner; `resume` runs a job on the Bulk screen. */
export function setupJobBanner(resume) {
  resumeJob = resume;
  $("job-banner-resume").addEventListener("click", async () => {
    if (!job) return;
    const j = job;
    hideJobBanner();
    await resumeJob(j);
  });
  $("job-banner-results").addEventListener("click", showResultsSoFar);
  $("job-banner-discard").addEventListener("click", discard);
  // The banner's own error box sits under it.
  if (!$("job-banner-error")) $("job-banner").append(el("div", { id: "job-banner-error", hidden: true }));
}

// @ts-check
// Start-up and navigation between the screens.

import { $, showScreen } from "./ui.js";
import { call, listen } from "./ipc.js";
import { setupWelcome, connectWith } from "./welcome.js";
import { setupProject, openProject, openForm, loadForms, setRecent } from "./project.js";
import { setupForm, form, mayLeave } from "./form.js";
import { setupAttachments } from "./attachments.js";
import { setupActivity, showActivity } from "./activity.js";
import { setupSettings, showSettings, setupUpdates, offerUpdateQuietly } from "./settings.js";
import { setupProjects, showProjects } from "./projects.js";
import { setupBulk, showBulk, mayCloseDuringRun } from "./bulk.js";
import { followRateLimit, say } from "./status.js";

/**
 * Several programs: choose by name in the band (one program: just its name).
 * @returns {Promise<boolean>} whether a program is in effect (else the user must choose)
 */
async function setupPrograms(info) {
  /** @type {import("../../types/ProgramView").ProgramView[]} */
  let programs = [];
  try {
    programs = /** @type {import("../../types/ProgramView").ProgramView[]} */ (await call("programs"));
  } catch {
    return true; // No list (contract D5): the program id comes from the connection's settings.
  }
  const select = $("program-select");
  if (programs.length < 2) {
    select.hidden = true;
    return true;
  }
  const options = programs.map((p) => {
    const o = document.createElement("option");
    o.value = p.id;
    o.textContent = p.name;
    return o;
  });
  if (!info.program_id) {
    // Several programs and none chosen yet: the user picks one (none is taken silently).
    const o = document.createElement("option");
    o.value = "";
    o.textContent = "Choose a program…";
    o.disabled = true;
    options.unshift(o);
    say("This account sees several programs: choose one in the band above.");
  }
  select.replaceChildren(...options);
  select.value = info.program_id || "";
  select.hidden = false;
  $("program-name").hidden = true;
  select.onchange = async () => {
    if (!(await mayLeave())) {
      select.value = info.program_id;
      return;
    }
    await call("choose_program", { program: select.value });
    info.program_id = select.value;
    await loadForms();
    showScreen("home");
  };
  return Boolean(info.program_id);
}

/** The connection in use (the Bulk screen names its environment). */
let connected = null;

async function afterConnect(info) {
  connected = info;
  $("project-finder").hidden = false;
  $("sidebar").hidden = false;
  if (await setupPrograms(info)) await loadForms();
  showScreen("home");
  $("project-input").focus();
  // A bulk run left unfinished (a crash, a kill, the window closed) is offered again.
  const unfinished = await call("bulk_unfinished").catch(() => null);
  if (unfinished) {
    say(`A bulk run of ${unfinished.form_name} stopped after ${unfinished.done} of ${unfinished.rows} rows: open Bulk update to resume it.`);
  }
}

async function start() {
  setupForm();
  setupProject();
  setupActivity();
  setupSettings();
  setupUpdates(mayLeave);
  setupProjects(openProject);
  setupBulk();
  setupWelcome(afterConnect);
  $("nav-projects").addEventListener("click", async () => (await mayLeave()) && showProjects());
  $("nav-bulk").addEventListener("click", async () => (await mayLeave()) && showBulk(connected));
  $("nav-activity").addEventListener("click", async () => (await mayLeave()) && showActivity());
  $("nav-settings").addEventListener("click", async () => (await mayLeave()) && showSettings());
  // The listeners and the first question to the app go out together (each is an IPC round
  // trip; one after another they delayed the first screen).
  const [info] = await Promise.all([
    call("app_info"),
    // After an upload the form is read again; the edits on screen are kept untouched.
    setupAttachments(() => openForm(form.view.form_key, { ask: false, keepEdits: true })),
    followRateLimit(),
    // Closing the window with unsaved edits asks first.
    listen("clerkdesk://close-requested", async () => {
      if ((await mayLeave()) && (await mayCloseDuringRun())) await call("quit_app");
    }),
  ]);
  setRecent(info.recent_projects);
  // Not awaited: the first screen never waits for the update server.
  offerUpdateQuietly();
  if (info.first_run) {
    showScreen("welcome");
    say("Welcome.");
    return;
  }
  await connectWith("connection_status");
}

start();

export { openProject };

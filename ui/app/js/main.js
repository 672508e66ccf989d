// @ts-check
// Start-up and navigation between the screens.

import { $, showScreen } from "./ui.js";
import { call, listen } from "./ipc.js";
import { setupWelcome, connectWith } from "./welcome.js";
import { followRateLimit, say } from "./status.js";

/**
 * The screens beyond the first one. Each module is a request to the app, answered one at a
 * time, and the page is shown only once its static imports have all arrived: the first
 * screen (connecting, welcome) needs just the four modules imported above and the two they
 * import, the rest is fetched while it is on screen.
 */
async function loadScreens() {
  const [project, formModule, attachments, activity, settings, projects, bulk, banner, watch] = await Promise.all([
    import("./project.js"), import("./form.js"), import("./attachments.js"), import("./activity.js"),
    import("./settings.js"), import("./projects.js"), import("./bulk.js"), import("./jobbanner.js"),
    import("./watch.js"),
  ]);
  formModule.setupForm();
  project.setupProject();
  activity.setupActivity();
  settings.setupSettings();
  settings.setupUpdates(mayLeave);
  projects.setupProjects(project.openProject);
  bulk.setupBulk(banner.refreshJobBanner);
  banner.setupJobBanner((job) => bulk.resumeJob(job, connected));
  await watch.setupWatch(async (filter) => {
    if (!(await mayLeave())) return;
    await projects.showProjects(filter);
    await banner.refreshJobBanner();
  });
  // The Overview brings the chart library (half a megabyte of script): fetched when first
  // opened, not at start.
  /** @type {Promise<typeof import("./overview.js")> | null} */
  let overview = null;
  const withOverview = () => (overview ??= import("./overview.js").then((m) => {
    m.setupOverview(async (filter) => {
      await projects.showProjects(filter);
      await banner.refreshJobBanner();
    });
    return m;
  }));
  $("nav-overview").addEventListener("click", async () => (await mayLeave()) && (await withOverview()).showOverview());
  $("nav-projects").addEventListener("click", async () => {
    if (!(await mayLeave())) return;
    await projects.showProjects();
    await banner.refreshJobBanner();
  });
  $("nav-bulk").addEventListener("click", async () => (await mayLeave()) && bulk.showBulk(connected));
  $("nav-activity").addEventListener("click", async () => (await mayLeave()) && activity.showActivity());
  $("nav-settings").addEventListener("click", async () => (await mayLeave()) && settings.showSettings());
  // After an upload the form is read again; the edits on screen are kept untouched.
  await attachments.setupAttachments(() => project.openForm(formModule.form.view.form_key, { ask: false, keepEdits: true }));
  return { project, form: formModule, settings, bulk, banner };
}

/** @type {ReturnType<typeof loadScreens> | null} */
let loading = null;

/** The screens' modules, fetched once. */
function screens() {
  return (loading ??= loadScreens());
}

/** Whether the user may leave the current screen (unsaved edits ask first). */
async function mayLeave() {
  return loading ? (await loading).form.mayLeave() : true;
}

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
    await (await screens()).project.loadForms();
    showScreen("home");
  };
  return Boolean(info.program_id);
}

/** The connection in use (the Bulk screen names its environment). */
let connected = null;

async function afterConnect(info) {
  connected = info;
  const { project, banner } = await screens();
  $("project-finder").hidden = false;
  $("sidebar").hidden = false;
  if (await setupPrograms(info)) await project.loadForms();
  showScreen("home");
  $("project-input").focus();
  // A bulk run left unfinished (a crash, a kill, the window closed): the banner offers it.
  await banner.refreshJobBanner();
}

async function start() {
  setupWelcome(afterConnect);
  // Help is there from the first screen on: F1, and every "?" button (data-help).
  const help = () => import("./help.js").then((m) => (m.setupHelp(), m), () => null);
  let helpModule = null;
  const withHelp = async () => (helpModule ??= await help());
  document.addEventListener("keydown", async (e) => {
    if (e.key !== "F1") return;
    e.preventDefault();
    (await withHelp())?.helpForScreen();
  });
  document.addEventListener("click", async (e) => {
    const b = /** @type {HTMLElement} */ (e.target).closest("[data-help]");
    if (b) (await withHelp())?.showHelp(/** @type {HTMLElement} */ (b).dataset.help || "");
  });
  $("nav-help").addEventListener("click", async () => (await withHelp())?.helpForScreen());
  // The connection is asked for at once, beside the start-up facts (each is an IPC round
  // trip; one after another they delayed the first screen). On a first run the app answers
  // "not connected" and the welcome screen is shown instead.
  const connection = call("connection_status");
  connection.catch(() => {});
  const [info] = await Promise.all([
    call("app_info"),
    followRateLimit(),
    // Closing the window with unsaved edits, or during a bulk run, asks first.
    listen("clerkdesk://close-requested", async () => {
      const ok = !loading || ((await mayLeave()) && (await (await loading).bulk.mayCloseDuringRun()));
      if (ok) await call("quit_app");
    }),
  ]);
  if (info.first_run) {
    showScreen("welcome");
    say("Welcome.");
  } else {
    await connectWith(connection);
  }
  const { project, settings } = await screens();
  project.setRecent(info.recent_projects);
  // Not awaited: nothing waits for the update server.
  settings.offerUpdateQuietly();
}

start();

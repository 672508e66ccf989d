// @ts-check
// Attachments: each definition with its file; Download through a native save dialog,
// Upload through a native open dialog or by dropping a file on the row.

import { $, el, showError } from "./ui.js";
import { call, channel, listen } from "./ipc.js";
import { say, transferProgress } from "./status.js";
import { size } from "./format.js";
import { allowedName } from "./drop.js";
import { form } from "./formstate.js";
import { onSheetDropped } from "./bulk.js";

let reload = async () => {};

function fileText(f) {
  return f ? `${f.name}${f.size != null ? ` · ${size(f.size)}` : ""}` : "No file yet";
}

function sameFile(a, b) {
  return (a && a.name) === (b && b.name) && (a && a.size) === (b && b.size);
}

function extensionsText(a) {
  return a.allowed_extensions.length ? a.allowed_extensions.map((e) => `.${e}`).join(", ") : "any file";
}

/** Renders the attachment rows of a form view. */
export function renderAttachments(view) {
  // A form the project's status no longer lets anyone submit takes no file: each row says
  // so, its Upload/Replace is disabled with that reason, and drops are refused with it.
  const blocked = (form.submit && form.submit.upload_blocked) || null;
  $("attachments").replaceChildren(...view.attachments.map((a) => {
    const draftNew = !sameFile(a.draft_file, a.submitted_file);
    const shown = a.draft_file || a.submitted_file;
    const nameId = `att-${a.key}-name`;
    const whyId = `att-${a.key}-why`;
    return el("li", { class: "attachment", "data-attachment": a.key, "aria-labelledby": nameId },
      el("div", { class: "att-main" },
        el("span", { class: "att-name", id: nameId }, a.name, a.required ? el("span", { class: "req", "aria-hidden": "true", text: " *" }) : null,
          el("code", { class: "custom-id", text: a.custom_id || a.attachment_id })),
        el("span", { class: "att-file" }, fileText(shown)),
        draftNew ? el("span", { class: "badge draft", text: "Uploaded — a draft until the form is submitted" }) : null),
      el("div", { class: "att-actions" },
        el("button", { type: "button", disabled: !shown, "aria-label": `Download ${a.name}`, text: "Download", onclick: () => download(a, shown, draftNew) }),
        el("button", { type: "button", disabled: Boolean(blocked), "aria-describedby": blocked ? whyId : null, "aria-label": `${shown ? "Replace…" : "Upload…"} ${a.name}`, text: shown ? "Replace…" : "Upload…", onclick: () => uploadWithDialog(a) })),
      blocked
        ? el("p", { class: "drop-hint muted", id: whyId, text: blocked })
        : el("p", { class: "drop-hint muted", text: `or drop a file here (${extensionsText(a)})` }));
  }));
}

async function download(a, file, draft) {
  const p = transferProgress("Downloading");
  try {
    /** @type {import("../../types/TransferDone").TransferDone | null} */
    const done = await call("download", {
      options: { project: form.project, form: form.view.form_key, attachment: a.key, fileName: file.name, draft },
      onProgress: channel(p.onMessage),
    });
    if (!done) {
      say("Download cancelled.");
      return;
    }
    say(`Saved ${done.name} (${size(done.bytes)}) in ${done.path.split(/[\\/]/).slice(-2, -1)[0] || "its folder"}.`);
    const btn = $("show-in-folder");
    btn.hidden = false;
    btn.onclick = () => call("show_in_folder", { path: done.path }).catch((err) => showError($("form-error"), err));
  } catch (err) {
    showError($("form-error"), err);
    say(err && err.kind === "cancelled" ? "Download cancelled." : "The download did not finish.");
  } finally {
    p.done();
  }
}

async function afterUpload(a, done) {
  if (!done) {
    say("Upload cancelled.");
    return;
  }
  const note = done.confirmed_by_reread ? " (the connection broke, but PowerClerk shows the file arrived)" : "";
  await reload();
  say(`Uploaded ${done.name} to ${a.name}${note} — a draft until the form is submitted.`);
}

/** Runs one upload command for attachment `a` with progress, then reloads the form. */
async function upload(a, command, args) {
  const p = transferProgress("Uploading");
  try {
    const options = { project: form.project, form: form.view.form_key, attachment: a.key };
    /** @type {import("../../types/TransferDone").TransferDone | null} */
    const done = await call(command, { ...args, options, onProgress: channel(p.onMessage) });
    await afterUpload(a, done);
  } catch (err) {
    showError($("form-error"), err);
    say("The file was not uploaded.");
  } finally {
    p.done();
  }
}

function uploadWithDialog(a) {
  return upload(a, "upload_with_dialog", { extensions: a.allowed_extensions });
}

async function uploadDropped(a, drop) {
  const name = drop.names[0] || "";
  if (form.submit && form.submit.upload_blocked) {
    showError($("form-error"), { message: `${form.submit.upload_blocked} Nothing was sent.` });
    say("The file was not uploaded.");
    return;
  }
  if (drop.names.length !== 1) {
    say("Drop one file at a time.");
    return;
  }
  if (!allowedName(name, a.allowed_extensions)) {
    showError($("form-error"), { message: `${a.name} accepts only ${extensionsText(a)} files; “${name}” is not one. Choose a ${extensionsText(a)} file.` });
    say("The file was not uploaded.");
    return;
  }
  await upload(a, "upload_dropped", { dropId: drop.drop_id });
}

function rowAtPoint(x, y) {
  const hit = document.elementFromPoint(x, y);
  return hit ? hit.closest("[data-attachment]") : null;
}

/** Follows drags and drops from outside the window (Tauri's drag-drop events). */
export async function setupAttachments(reloadForm) {
  reload = reloadForm;
  await listen("clerkdesk://hover", (h) => {
    for (const r of document.querySelectorAll(".drop-target")) r.classList.remove("drop-target");
    // On the Bulk screen the whole first step takes a sheet.
    if (h.active && document.body.dataset.screen === "bulk") $("bulk-step-sheet").classList.add("drop-target");
    else if (h.active) rowAtPoint(h.x, h.y)?.classList.add("drop-target");
  });
  await listen("clerkdesk://dropped", async (d) => {
    for (const r of document.querySelectorAll(".drop-target")) r.classList.remove("drop-target");
    if (document.body.dataset.screen === "bulk") {
      await onSheetDropped(d);
      return;
    }
    const row = form.view && rowAtPoint(d.x, d.y);
    if (!row) {
      say("To upload, drop the file on an attachment's row.");
      return;
    }
    const a = form.view.attachments.find((x) => x.key === /** @type {HTMLElement} */ (row).dataset.attachment);
    if (a) await uploadDropped(a, d);
  });
}

// @ts-check
// What the form screen holds, shared by the form and its attachments (its own module so
// that neither imports the other).

/** What the form screen holds. */
export const form = {
  /** @type {import("../../types/FormView").FormView | null} the form as the app built it */
  view: null,
  /** @type {Map<string, import("../../types/EditValue").EditValue>} key → edited value */
  edits: new Map(),
  /** @type {string | null} project number */
  project: null,
  /** @type {import("../../types/SubmitCheck").SubmitCheck | null} whether Submit is possible (decided by the app) */
  submit: null,
  /** @type {number} when the user asked for the form (performance.now()), for the benchmark */
  openedAt: 0,
  /** @type {(project: any) => Promise<void> | void} */
  onSubmitted: () => {},
};

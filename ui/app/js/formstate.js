// What the form screen holds, shared by the form and its attachments (its own module so
// that neither imports the other).

/** What the form screen holds. */
export const form = {
  view: null,      // FormView from the app
  edits: new Map(), // key → value
  project: null,   // project number
  submit: null,    // SubmitCheck from the app: allowed, reason, leads_to
  onSubmitted: () => {},
};

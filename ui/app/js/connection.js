// @ts-check
// The connection view: turns what the core reports into what the window shows. Pure
// functions, so that node's test runner can check them without a window.

/** The environment band: a calm colour for demo and trial, a strong one for production. */
export function bandFor(info) {
  const env = info && info.environment ? info.environment : "pending";
  return {
    env: env === "production" ? "production" : env,
    label: info && info.environment_label ? info.environment_label : "…",
    title: info && info.program_name ? info.program_name : "",
  };
}

/** Lines for the connection card and the status line. */
export function viewOf(info) {
  return {
    summary: info.summary,
    program: info.program_name ? `Program: ${info.program_name}` : "No program is available to this account.",
    status: info.environment === "production"
      ? "Connected — changes affect real program data."
      : "Connected.",
  };
}

/** An error as the window shows it: a sentence, and details only behind "Details". */
export function errorView(err) {
  if (err && typeof err === "object" && typeof err.message === "string") {
    return { message: err.message, details: err.details || null };
  }
  return {
    message: "Something went wrong while connecting. Try again.",
    details: err == null ? null : String(err),
  };
}

/** The "Connect to PowerClerk" form's values as the `connect` command wants them. */
export function connectRequest(values) {
  const env = values.environment || "pci_trial";
  return {
    name: (values.name || "").trim(),
    environment: env,
    api_url: env === "custom" ? (values.api_url || "").trim() : null,
    token_url: env === "pci_trial" ? null : (values.token_url || "").trim(),
    api_key: values.api_key || "",
    client_id: values.client_id || "",
    client_secret: values.client_secret || "",
    program: (values.program || "").trim() || null,
    max_tpm: /^\d+$/.test(String(values.max_tpm || "").trim()) ? Number(values.max_tpm) : null,
  };
}

// The one place the webview talks to the app: Tauri's invoke, through the global that
// `withGlobalTauri` provides (no bundler needed).

/** Calls a Clerkdesk command. Rejects with `{kind, message, details}`. */
export function call(command, args) {
  const tauri = window.__TAURI__;
  if (!tauri || !tauri.core) {
    return Promise.reject({ kind: "no_app", message: "Clerkdesk's window must be opened by the Clerkdesk app.", details: null });
  }
  return tauri.core.invoke(command, args);
}

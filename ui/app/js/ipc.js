// @ts-check
// The one place the webview talks to the app: Tauri's invoke, events and channels, through
// the global that `withGlobalTauri` provides (no bundler needed).

function tauri() {
  // Provided by Tauri (`withGlobalTauri`); absent when the page is opened elsewhere.
  const t = /** @type {any} */ (window).__TAURI__;
  if (!t || !t.core) {
    throw { kind: "no_app", message: "Clerkdesk's window must be opened by the Clerkdesk app.", details: null };
  }
  return t;
}

/** Calls a Clerkdesk command. Rejects with `{kind, message, details, field}`. */
export async function call(command, args) {
  return tauri().core.invoke(command, args);
}

/** Listens to an app event; returns a function that stops listening. */
export async function listen(event, handler) {
  return tauri().event.listen(event, (e) => handler(e.payload));
}

/** A channel for progress messages of one command. */
export function channel(onMessage) {
  const ch = new (tauri().core.Channel)();
  ch.onmessage = onMessage;
  return ch;
}

// Reading a server that sets PARLEY_READ_TOKEN: the page trades the token for an HttpOnly
// session cookie once, and every fetch and the event stream then carry it by themselves.

import { byId } from "./dom.js";

/** The API said this page may not read yet (401) or its session no longer holds (403). */
export class NeedsToken extends Error {}

/** Opens a read session; resolves to what went wrong, or null. */
async function openSession(token) {
  const res = await fetch("/api/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token }) });
  if (res.ok) return null;
  const body = await res.json().catch(() => ({}));
  return body.error ?? `HTTP ${res.status}`;
}

/**
 * A link may carry the token after `#token=`: the fragment never reaches a server or its logs.
 * It is taken out of the address before anything else happens.
 */
export async function useLinkedToken() {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get("token");
  if (!token) return;
  params.delete("token");
  history.replaceState(null, "", `#${params}`);
  await openSession(token);
}

let asking = null;

/** Shows the token form until a token opens a session; every caller waits on the same form. */
export function askForToken(reason) {
  asking ??= new Promise((resolve) => {
    const form = byId("token-form");
    const problem = byId("token-problem");
    form.hidden = false;
    problem.textContent = reason;
    byId("token-input").focus();
    const submit = async (e) => {
      e.preventDefault();
      const failure = await openSession(byId("token-input").value);
      if (failure) return void (problem.textContent = failure);
      form.removeEventListener("submit", submit);
      form.hidden = true;
      byId("token-input").value = "";
      asking = null;
      resolve();
    };
    form.addEventListener("submit", submit);
  });
  return asking;
}

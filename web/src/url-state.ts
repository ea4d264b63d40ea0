/**
 * The scenario in the address bar (`#scenario=` base64url of its JSON), so a link shares a run.
 * Nothing leaves the page: the fragment is never sent to a server.
 */

const KEY = "scenario=";

/** The scenario a location hash holds, or null. */
export function readScenarioFromUrl(hash: string): unknown {
  const at = hash.indexOf(KEY);
  if (at < 0) return null;
  try {
    const b64 = hash
      .slice(at + KEY.length)
      .replace(/-/g, "+")
      .replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return null;
  }
}

/** Puts `scenario` in the address bar without adding a history entry. */
export function writeScenarioToUrl(scenario: unknown): void {
  const bytes = new TextEncoder().encode(JSON.stringify(scenario));
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  const b64 = btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  history.replaceState(null, "", `#${KEY}${b64}`);
}

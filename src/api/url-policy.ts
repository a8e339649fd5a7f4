/**
 * Where credentials and tokens may go (contract §10, §12): only over https, except to a loopback
 * host (the local emulator), checked before any connection. Loopback hosts are also the ones
 * never sent through a proxy.
 */

import { UserError } from "../diagnostics/errors.js";

/** `localhost`, 127.0.0.0/8 or ::1, as the WHATWG URL parser normalises a hostname. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Whether a request to `url` may carry credentials or a token. */
export function isSafeForCredentials(url: URL): boolean {
  return url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
}

/**
 * Throws a UserError saying what to do when `url` may not carry credentials. `setting` names
 * where the URL came from. The message shows the host only (never a user:password part or path).
 */
export function requireSafeForCredentials(url: URL, setting: string): void {
  if (isSafeForCredentials(url)) return;
  throw new UserError(
    `refusing to send credentials over plain ${url.protocol.replace(/:$/, "")} to ${url.host} (${setting})`,
    "Use an https:// URL. Plain http is allowed only to a loopback host (localhost, 127.0.0.0/8, [::1]), " +
      "such as the local emulator; reach an emulator in a container through a loopback port mapping.",
  );
}

/**
 * Redaction: every string the doctor prints goes through one function that removes the secrets
 * it knows (client secret, token, proxy and URL credentials, Basic credentials) wherever they
 * appear, in any common encoding, and anything shaped like a credential (an Authorization value,
 * an access_token or client_secret field, a URL's user:password) even when it does not know it,
 * such as a server echoing a token back in an error message.
 */

/** What replaces a secret. */
export const REDACTED = "[redacted]";

/** Shorter known secrets are not replaced literally (it would mangle ordinary words); patterns still apply. */
const MIN_LITERAL = 4;

const PATTERNS: readonly [RegExp, string][] = [
  // Authorization values, in headers or messages.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [
    /\b(authorization|proxy-authorization)(["']?\s*[:=]\s*["']?)(?!Bearer\b|Basic\b)[^\s"',}]+/gi,
    `$1$2${REDACTED}`,
  ],
  // Token and secret fields (JSON or form).
  [
    /\b(access_token|refresh_token|id_token|client_secret|password|secret)(["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi,
    `$1$2${REDACTED}`,
  ],
  // user:password@ (or user@) in any URL.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@"']+@/gi, `$1${REDACTED}@`],
];

export type Redactor = (text: string) => string;

/** The secrets of an environment: client secret, token, Basic credentials, proxy and base URL credentials. */
export function secretsOf(env: Readonly<Record<string, string | undefined>>): string[] {
  const secrets: string[] = [];
  const id = env.WORKIVA_CLIENT_ID;
  const secret = env.WORKIVA_CLIENT_SECRET;
  if (secret) secrets.push(secret);
  if (env.JOBSYNC_TOKEN) secrets.push(env.JOBSYNC_TOKEN);
  if (id !== undefined && secret) secrets.push(Buffer.from(`${id}:${secret}`, "utf8").toString("base64"));
  for (const name of ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "JOBSYNC_BASE_URL"]) {
    secrets.push(...urlCredentials(env[name]));
  }
  return secrets;
}

/** The user and password of a URL (as written and decoded). */
export function urlCredentials(value: string | undefined): string[] {
  if (!value) return [];
  const found: string[] = [];
  try {
    const url = new URL(value.trim());
    for (const part of [url.username, url.password]) {
      if (!part) continue;
      found.push(part);
      try {
        found.push(decodeURIComponent(part));
      } catch {
        // a malformed escape: the raw form is enough
      }
    }
  } catch {
    // not a URL: the text before the @ below
  }
  // Not a URL, or one the parser read otherwise (`user:pw@host` has the scheme `user:`).
  const at = value.lastIndexOf("@");
  if (found.length === 0 && at > 0) {
    const login = value.slice(0, at).replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
    found.push(login, ...login.split(":"));
  }
  return found;
}

/** A redactor for these secrets (and the credential-shaped patterns). */
export function createRedactor(secrets: readonly string[]): Redactor {
  const literals = [
    ...new Set(
      secrets
        .filter((s) => s.length >= MIN_LITERAL)
        .flatMap((s) => [s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1), escapedForText(s)]),
    ),
  ]
    .filter((s) => s.length >= MIN_LITERAL)
    // Longest first, so a secret that contains another is removed whole.
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const literal of literals) out = out.split(literal).join(REDACTED);
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
}

/** Every string inside a JSON-safe value, redacted (keys too). */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), redactDeep(v, redact)])) as T;
  }
  return value;
}

/** A secret as the text renderer would show it (control characters as `\uXXXX`). */
function escapedForText(s: string): string {
  return s.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

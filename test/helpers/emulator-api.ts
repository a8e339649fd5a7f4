/** Small raw-HTTP helpers for the emulator tests (global fetch, no jobsync client code). */

export const X_VERSION = "2026-04-01.processes.preview";

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly json: any;
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

/** A token for any client id/secret (Basic auth, form body). */
export async function getToken(url: string, id = "client-id", secret = "client-secret"): Promise<string> {
  const res = await fetch(`${url}/oauth2/token`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** GET/POST with the bearer token and X-Version (pass `headers` to override or drop them). */
export function apiClient(url: string, token: string) {
  const headers = (extra: Record<string, string> = {}) => ({
    Authorization: `Bearer ${token}`,
    "X-Version": X_VERSION,
    Accept: "application/json",
    ...extra,
  });
  return {
    get: async (path: string, extra?: Record<string, string>) =>
      answer(await fetch(path.startsWith("http") ? path : `${url}${path}`, { headers: headers(extra) })),
    post: async (path: string, body?: unknown, extra?: Record<string, string>) =>
      answer(
        await fetch(`${url}${path}`, {
          method: "POST",
          headers: headers({ "Content-Type": "application/json", ...extra }),
          body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
        }),
      ),
  };
}

/** The tagged children of a serialized group: `[{ type, id, name }]`. */
export function childrenOf(group: any): { type: string; id: string; name: string; ordinal: number }[] {
  return group.children.map((c: any) => {
    const node = c.jobRun ?? c.groupRun;
    return { type: c.type, id: node.id, name: node.name, ordinal: node.ordinal };
  });
}

/** Finds a group run by id anywhere in a serialized run. */
export function findGroup(group: any, id: string): any {
  if (group.id === id) return group;
  for (const c of group.children) {
    if (c.groupRun) {
      const found = findGroup(c.groupRun, id);
      if (found) return found;
    }
  }
  return undefined;
}

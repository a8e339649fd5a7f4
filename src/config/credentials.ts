import { UserError } from "../diagnostics/errors.js";
import type { Credentials } from "./config-types.js";

/**
 * Credentials from the environment only (never from files): WORKIVA_CLIENT_ID +
 * WORKIVA_CLIENT_SECRET (client-credentials grant), else JOBSYNC_TOKEN (a bearer token), else
 * none (commands that call the API say what to set). Values never appear in messages.
 */
export function readCredentials(env: Readonly<Record<string, string | undefined>>): Credentials {
  const clientId = nonEmpty(env.WORKIVA_CLIENT_ID);
  const clientSecret = nonEmpty(env.WORKIVA_CLIENT_SECRET);
  if (clientId !== undefined || clientSecret !== undefined) {
    if (clientId === undefined) throw missing("WORKIVA_CLIENT_ID", "WORKIVA_CLIENT_SECRET");
    if (clientSecret === undefined) throw missing("WORKIVA_CLIENT_SECRET", "WORKIVA_CLIENT_ID");
    return { type: "clientCredentials", clientId, clientSecret };
  }
  const token = nonEmpty(env.JOBSYNC_TOKEN);
  if (token !== undefined) return { type: "token", token };
  return { type: "none" };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

function missing(name: string, other: string): UserError {
  return new UserError(
    `${other} is set but ${name} is not`,
    `Set both WORKIVA_CLIENT_ID and WORKIVA_CLIENT_SECRET, or set JOBSYNC_TOKEN to a bearer token.`,
  );
}

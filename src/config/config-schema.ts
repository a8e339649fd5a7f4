import { z } from "zod";
import { expecting } from "../input/expectations.js";
import { showValue } from "../input/show-value.js";
import { isTimeZone } from "../input/template/time-zone.js";
import type { JobsyncConfig } from "./define-config.js";

/** The zod schema of a config file's contents (strict: unknown keys are errors). */

const positiveInt = z
  .number({ error: (iss) => `expected a positive integer, got ${showValue(iss.input)}` })
  .int({ error: (iss) => `expected a positive integer, got ${showValue(iss.input)}` })
  .positive({ error: (iss) => `expected a positive integer, got ${showValue(iss.input)}` });

const httpUrl = z
  .string({ error: (iss) => `expected an http(s) URL, got ${showValue(iss.input)}` })
  .refine((s) => isHttpUrl(s), { error: (iss) => `expected an http(s) URL, got ${showValue(iss.input)}` });

const nonEmpty = z
  .string({ error: (iss) => `expected text, got ${showValue(iss.input)}` })
  .min(1, { error: "must not be empty" });

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

export const configSchema = z.strictObject({
  manifests: expecting(
    z.union([nonEmpty, z.array(nonEmpty).min(1, { error: "must list at least one folder or glob" })]),
    "a path or a list of paths",
  ).optional(),
  api: z
    .strictObject({
      baseUrl: httpUrl.optional(),
      tokenUrl: httpUrl.optional(),
      version: nonEmpty.optional(),
      timeoutMs: positiveInt.optional(),
      maxWaitSeconds: positiveInt.optional(),
      settleSeconds: z
        .number({
          error: (iss) => `expected a whole number of seconds (0 or more), got ${showValue(iss.input)}`,
        })
        .int({
          error: (iss) => `expected a whole number of seconds (0 or more), got ${showValue(iss.input)}`,
        })
        .min(0, {
          error: (iss) => `expected a whole number of seconds (0 or more), got ${showValue(iss.input)}`,
        })
        .optional(),
    })
    .optional(),
  rateLimit: z
    .strictObject({ requests: positiveInt.optional(), perSeconds: positiveInt.optional() })
    .optional(),
  parallelism: expecting(
    z.union([positiveInt, z.literal("auto")]),
    'a whole number of requests in flight (1 or more), or "auto"',
  ).optional(),
  maxJobsPerRequest: positiveInt.optional(),
  calendars: expecting(
    z.record(z.string(), nonEmpty),
    "a mapping of calendar names to calendar files (e.g. { us: calendars/us.yaml })",
  ).optional(),
  timeZone: z
    .string({
      error: (iss) => `expected a time zone name (e.g. "Europe/Berlin"), got ${showValue(iss.input)}`,
    })
    .refine(isTimeZone, {
      error: (iss) =>
        `unknown time zone ${showValue(iss.input)}: use an IANA name such as "UTC" or "America/New_York"`,
    })
    .optional(),
});

export type ConfigInput = z.input<typeof configSchema>;

/** Compile-time check: the schema accepts exactly what defineConfig's type describes. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesType: Same<ConfigInput, JobsyncConfig> = true;
void schemaMatchesType;

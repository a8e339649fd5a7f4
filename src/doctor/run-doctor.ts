/**
 * `jobsync doctor`: the checks in order, each needing the ones before it (no token: the API
 * checks are skipped, saying why), gathered into a `DoctorReport` whose every string has been
 * redacted. Read-only: the one POST is the OAuth token request. The steps that load the config
 * and the manifests are the CLI's own (injected), so targets are found exactly as plan finds them.
 */

import type { ClientOptions } from "../api/api-transport.js";
import type { HttpResponse } from "../api/http.js";
import { openProbeClient, type ProbeClient } from "../api/probe-client.js";
import { proxyRoute } from "../api/proxy-route.js";
import { type ResolvedConfig, readConcurrency } from "../config/config-types.js";
import { readCredentials } from "../config/credentials.js";
import type { ProxySettings } from "../config/proxy-env.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { ManifestPart } from "../manifest/load-manifests.js";
import { CheckList } from "./check-list.js";
import { checkTargets, skippedTargets } from "./check-targets.js";
import { budgetCheck, credentialsCheck, tlsCheck, versionCheck } from "./checks-api.js";
import { configCheck, manifestsCheck, proxyCheck, urlCheck } from "./checks-setup.js";
import { errorWords } from "./error-words.js";
import { createRedactor, redactDeep, secretsOf } from "./redact.js";
import { type DoctorReport, summarize, type TargetReport } from "./report-types.js";

export interface DoctorInputs {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly signal?: AbortSignal;
  readonly jobsyncVersion: string;
  /** The command's config step (`--config`, JOBSYNC_BASE_URL, defaults). */
  loadConfig(): Promise<ResolvedConfig>;
  /** The command's manifest step (`--manifests`): every manifest and template target. */
  loadParts(
    config: ResolvedConfig,
  ): Promise<{ readonly parts: readonly ManifestPart[]; readonly warnings: readonly Diagnostic[] }>;
  /** For tests: the API client (default `openProbeClient`). */
  openClient?(options: ClientOptions): ProbeClient;
}

export async function runDoctor(inputs: DoctorInputs): Promise<DoctorReport> {
  const list = new CheckList();
  const { env } = inputs;
  let targets: TargetReport[] = [];

  const config = await list.step("config", [], async () =>
    configCheck(await inputs.loadConfig(), inputs.cwd),
  );
  const parts = await list.step("manifests", ["config"], async () =>
    manifestsCheck(await inputs.loadParts(config as ResolvedConfig)),
  );
  const base = await list.step("base-url", ["config"], () =>
    urlCheck((config as ResolvedConfig).api.baseUrl, "api.baseUrl or JOBSYNC_BASE_URL"),
  );
  const token = await list.step("token-url", ["config"], () =>
    urlCheck((config as ResolvedConfig).api.tokenUrl, "api.tokenUrl"),
  );
  const proxy = await list.step("proxy", ["base-url"], () => proxyCheck(env, base as URL, token));

  let probe: ProbeClient | undefined;
  if (config && proxy && !list.blockedBy(["base-url", "token-url", "proxy"])) {
    try {
      probe = (inputs.openClient ?? openProbeClient)(clientOptions(config, env, proxy, inputs.signal));
    } catch (error) {
      list.add({ name: "tls", status: "fail", detail: errorWords(error) });
    }
  }
  try {
    await list.step("tls", ["base-url", "token-url", "proxy"], () =>
      tlsCheck(probe as ProbeClient, base as URL, proxyRoute(base as URL, proxy as ProxySettings)),
    );
    await list.step("credentials", ["tls"], () =>
      credentialsCheck(probe as ProbeClient, env, config as ResolvedConfig),
    );
    const first = await list.step<HttpResponse>("api-version", ["credentials"], () =>
      versionCheck(probe as ProbeClient, config as ResolvedConfig),
    );
    list.add({ name: "rate-budget", status: "skipped", detail: "needs api-version, which did not pass" });
    const blocked = list.blockedBy(["api-version", "manifests"]);
    if (parts && !blocked) {
      const c = config as ResolvedConfig;
      targets = await checkTargets(probe as ProbeClient, parts, readConcurrency(c.parallelism));
    } else if (parts) {
      targets = skippedTargets(parts, blocked ?? "skipped");
    }
    if (first && probe) {
      const budget = budgetCheck(first, probe.budgets(), config as ResolvedConfig);
      list.replace({ name: "rate-budget", ...budget });
    } else {
      list.replace({
        name: "rate-budget",
        status: "skipped",
        detail: list.blockedBy(["api-version"]) ?? "skipped",
      });
    }
  } finally {
    await probe?.close();
  }

  const report: DoctorReport = {
    formatVersion: 1,
    jobsyncVersion: inputs.jobsyncVersion,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    checks: list.list(),
    targets,
    summary: summarize(list.list(), targets),
  };
  return redactDeep(report, createRedactor(secretsOf(env)));
}

/** As every command opens its client (load-and-plan.ts `openClient`), from the config and environment. */
function clientOptions(
  config: ResolvedConfig,
  env: Readonly<Record<string, string | undefined>>,
  proxy: ProxySettings,
  signal: AbortSignal | undefined,
): ClientOptions {
  let credentials: ClientOptions["credentials"];
  try {
    credentials = readCredentials(env);
  } catch {
    credentials = { type: "none" }; // the credentials check reports the mistake
  }
  return {
    baseUrl: config.api.baseUrl,
    tokenUrl: config.api.tokenUrl,
    version: config.api.version,
    timeoutMs: config.api.timeoutMs,
    maxWaitSeconds: config.api.maxWaitSeconds,
    credentials,
    proxy,
    rateLimit: config.rateLimit,
    ...(signal ? { signal } : {}),
  };
}

/**
 * The verifying read after a run's last write (contract §9.3, §9.5): every job run apply created
 * exists, once, in the group it was sent to; a managed identity found twice there (another
 * writer was faster, or a late commit) fails the apply, naming the job runs; a title the server
 * stored differently from what was sent is reported (identities compare normalised titles, so
 * it is not a duplicate).
 */
import type { LiveJobRun, LiveNode, LiveRun } from "../api/live-types.js";
import { jobIdentity } from "../input/job-kinds.js";
import type { Insertion } from "../plan/plan-types.js";
import { itemTitle, targetGroup } from "./reconcile.js";

/** What one insertion created: its plan entry and the ids, in plan order (all of them, or a part). */
export interface CreatedInsertion {
  readonly insertion: Insertion;
  /** One id per planned job when `complete`; otherwise only the ids known to exist. */
  readonly ids: readonly string[];
  readonly complete: boolean;
}

export interface RunVerification {
  readonly runId: string;
  /** Job runs apply created (or adopted) that the read does not show. */
  readonly missing: readonly { readonly id: string; readonly title: string }[];
  /** Identities this apply created that now exist more than once in their group. */
  readonly duplicates: readonly {
    readonly action: string;
    readonly title: string;
    readonly ids: readonly string[];
  }[];
  /** Job runs whose stored title differs from the one sent. */
  readonly retitled: readonly { readonly id: string; readonly sent: string; readonly stored: string }[];
}

/** Whether the verification found what fails an apply (missing job runs or duplicates). */
export function verificationFailed(v: RunVerification): boolean {
  return v.missing.length > 0 || v.duplicates.length > 0;
}

function jobsById(node: LiveNode, out: Map<string, LiveJobRun>): Map<string, LiveJobRun> {
  if (node.kind === "job") out.set(node.id, node);
  else for (const child of node.children) jobsById(child, out);
  return out;
}

export function verifyRun(live: LiveRun, created: readonly CreatedInsertion[]): RunVerification {
  const byId = jobsById(live.root, new Map());
  const missing: { id: string; title: string }[] = [];
  const duplicates: { action: string; title: string; ids: string[] }[] = [];
  const retitled: { id: string; sent: string; stored: string }[] = [];
  const reported = new Set<string>();
  for (const { insertion, ids, complete } of created) {
    const group = targetGroup(live, insertion);
    insertion.jobs.forEach((job, k) => {
      const id = complete ? ids[k] : undefined;
      const sent = itemTitle(job);
      if (id !== undefined) {
        const stored = byId.get(id);
        if (stored === undefined) missing.push({ id, title: sent });
        else if (stored.title !== sent) retitled.push({ id, sent, stored: stored.title });
      }
      if (group === undefined) return;
      const identity = jobIdentity(job.action, sent);
      const key = `${group.id}\0${identity}`;
      if (reported.has(key)) return;
      const same = group.children.filter(
        (c): c is LiveJobRun =>
          c.kind === "job" && !c.generated && jobIdentity(c.action, c.title) === identity,
      );
      if (same.length > 1) {
        reported.add(key);
        duplicates.push({ action: job.action, title: sent, ids: same.map((c) => c.id) });
      }
    });
    if (!complete) for (const id of ids) if (!byId.has(id)) missing.push({ id, title: "" });
  }
  return { runId: live.id, missing, duplicates, retitled };
}

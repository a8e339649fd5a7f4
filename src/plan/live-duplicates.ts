import { JobIdentityMap } from "../input/job-kinds.js";
import type { DesiredEntry } from "../manifest/desired-types.js";
import type { GroupIndex } from "./group-index.js";
import type { Duplicate } from "./plan-types.js";

/**
 * Managed identities (action + title of a manifest job) that the live group has more often than
 * its manifest entries ask for: another writer created one again (contract §9.3). Reported by
 * plan, status and apply; never fixed (the API cannot delete job runs).
 */
export function findDuplicates(
  entries: readonly DesiredEntry[],
  index: GroupIndex,
  groupPath: readonly string[],
  file: string,
): Duplicate[] {
  /** Per identity: how many entries, first line. */
  const wanted = new JobIdentityMap<{ action: string; title: string; count: number; line: number }>();
  const order: { action: string; title: string; count: number; line: number }[] = [];
  for (const entry of entries) {
    if (entry.kind !== "job") continue;
    const seen = wanted.get(entry.action, entry.title);
    if (seen) seen.count += 1;
    else {
      const first = { action: entry.action, title: entry.title, count: 1, line: entry.source.line };
      wanted.set(entry.action, entry.title, first);
      order.push(first);
    }
  }
  const duplicates: Duplicate[] = [];
  for (const { action, title, count, line } of order) {
    const live = index.jobsByIdentity.get(action, title) ?? [];
    if (live.length <= count || live.length < 2) continue;
    duplicates.push({
      action,
      title,
      groupPath,
      jobRunIds: live.map((job) => job.id),
      source: { file, line },
    });
  }
  return duplicates;
}

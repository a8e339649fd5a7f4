import { JOB_ACTIONS, jobIdentity } from "../input/job-kinds.js";
import type { Problem } from "../input/schema-problems.js";
import { formatPath, isMapping, type PathKey } from "../input/schema-walk.js";

/**
 * Two entries with the same identity in one group: jobs (action + title), refs (id or title)
 * and groups (name or id). Works on the raw YAML value, so it reports duplicates even in a
 * document with other problems.
 */

interface Identity {
  readonly key: string;
  readonly describe: string;
  /** Where the identity is written, relative to the entry. */
  readonly at: readonly PathKey[];
}

function identityOf(entry: Record<string, unknown>): Identity | undefined {
  const actions = JOB_ACTIONS.filter((a) => a in entry);
  const kinds = actions.length + ("ref" in entry ? 1 : 0) + ("group" in entry ? 1 : 0);
  if (kinds !== 1) return undefined;
  const [action] = actions;
  if (action !== undefined) {
    const args = entry[action];
    if (!isMapping(args) || typeof args.title !== "string") return undefined;
    return {
      key: `job\0${jobIdentity(action, args.title)}`,
      describe: `${action} "${args.title}"`,
      at: [action, "title"],
    };
  }
  if ("ref" in entry) {
    const ref = entry.ref;
    if (!isMapping(ref)) return undefined;
    if (typeof ref.id === "string")
      return { key: `ref\0id\0${ref.id}`, describe: `ref { id: ${ref.id} }`, at: ["ref"] };
    if (typeof ref.title === "string") {
      return { key: `ref\0title\0${ref.title}`, describe: `ref { title: "${ref.title}" }`, at: ["ref"] };
    }
    return undefined;
  }
  const group = entry.group;
  if (typeof group === "string")
    return { key: `group\0name\0${group}`, describe: `group "${group}"`, at: ["group"] };
  if (isMapping(group) && typeof group.id === "string") {
    return { key: `group\0id\0${group.id}`, describe: `group { id: ${group.id} }`, at: ["group"] };
  }
  return undefined;
}

/** Duplicate identities in every `jobs:` list of one manifest document. */
export function duplicateProblems(
  manifest: unknown,
  lineOf: (path: readonly PathKey[]) => number,
): Problem[] {
  return isMapping(manifest) ? checkList(manifest.jobs, ["jobs"], lineOf) : [];
}

function checkList(
  list: unknown,
  path: readonly PathKey[],
  lineOf: (path: readonly PathKey[]) => number,
): Problem[] {
  if (!Array.isArray(list)) return [];
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  list.forEach((entry: unknown, index) => {
    if (!isMapping(entry)) return;
    const entryPath = [...path, index];
    const identity = identityOf(entry);
    if (identity) {
      const first = seen.get(identity.key);
      if (first === undefined) seen.set(identity.key, index);
      else {
        const firstLine = lineOf([...path, first]);
        problems.push({
          path: [...entryPath, ...identity.at],
          at: "value",
          message:
            `${formatPath(entryPath)}: duplicate entry: ${identity.describe} is already listed at line ${firstLine} ` +
            `in the same group (${identity.key.startsWith("job") ? "a job is identified by its kind and title" : "list it once"})`,
        });
      }
    }
    if ("group" in entry) problems.push(...checkList(entry.jobs, [...entryPath, "jobs"], lineOf));
  });
  return problems;
}

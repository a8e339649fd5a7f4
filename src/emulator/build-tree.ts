import { AUTO_TRIGGER, NEW_STATUS } from "./assumptions.js";
import type { SeedNode } from "./emulator-types.js";
import { jobName } from "./serialize.js";
import { type EmulatorStore, type GroupNode, type RunNode, type RunRecord, renumber } from "./store.js";

/** Builds run trees in the store: from seed runs (seeded ids) and from process templates (fresh ids). */

/** A new run record with an empty root group (status of the root = status of the run). */
export function createRun(
  store: EmulatorStore,
  init: { id: string; processId: string; name: string; status: string; created: number; parallel: boolean },
): RunRecord {
  const rootId = store.claimId(`root-${init.id}`) ? `root-${init.id}` : store.newId("gr");
  const root: GroupNode = {
    kind: "group",
    id: rootId,
    name: undefined,
    parallel: init.parallel,
    readOnly: false,
    children: [],
    status: init.status,
    triggerType: AUTO_TRIGGER,
    revision: 1,
    created: init.created,
    modified: init.created,
    ordinal: 0,
    parent: undefined,
  };
  const nodes = new Map<string, RunNode>([[rootId, root]]);
  return { ...init, revision: 1, modified: init.created, root, nodes };
}

/**
 * Adds seed/template nodes under `parent`. `fresh` gives them new ids (a run made from a template);
 * `explicit` collects the ids of nodes whose status was given (so eligibility leaves them alone).
 */
export function addNodes(
  store: EmulatorStore,
  run: RunRecord,
  parent: GroupNode,
  seedNodes: readonly SeedNode[],
  options: { fresh: boolean; explicit?: Set<string> },
): void {
  const at = run.created;
  for (const s of seedNodes) {
    const id = options.fresh ? store.newId("group" in s ? "gr" : "jr") : s.id;
    if (!options.fresh) store.claimId(id);
    const base = { id, revision: 1, created: at, modified: at, ordinal: 0, parent };
    let node: RunNode;
    if ("group" in s) {
      node = {
        ...base,
        kind: "group",
        name: s.group,
        parallel: s.parallel ?? false,
        readOnly: s.readOnly ?? false,
        children: [],
        status: NEW_STATUS,
        triggerType: AUTO_TRIGGER,
      };
      addNodes(store, run, node, s.children, options);
      if (node.children.length > 0 && node.children.every((c) => c.status === "complete"))
        node.status = "complete";
    } else {
      if (s.status !== undefined) options.explicit?.add(id);
      node = {
        ...base,
        kind: "job",
        name: jobName(s.action, s.args),
        action: s.action,
        args: s.args,
        status: s.status ?? NEW_STATUS,
        triggerType: s.triggerType ?? AUTO_TRIGGER,
      };
    }
    parent.children.push(node);
    run.nodes.set(id, node);
  }
  renumber(parent);
}

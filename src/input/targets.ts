/**
 * Target specs: which process run a manifest names. Written by the manifest loader, resolved by the
 * API layer, so they live below both.
 */

/** The three target forms of a manifest. */
export type TargetSpec =
  | { readonly type: "processRun"; readonly id: string }
  | { readonly type: "processId"; readonly id: string }
  | { readonly type: "processName"; readonly name: string };

/** Stable key of a target, used to look up its resolution in LiveState. */
export function targetKey(t: TargetSpec): string {
  switch (t.type) {
    case "processRun":
      return `processRun:${t.id}`;
    case "processId":
      return `process.id:${t.id}`;
    case "processName":
      return `process.name:${t.name}`;
  }
}

/**
 * The `--target` ids that select a manifest's target: its resolved run id (`runId`, when resolved),
 * or its own `processRun` / `process.id`. Empty when none does.
 */
export function selectsTarget(
  only: readonly string[],
  target: TargetSpec,
  runId: string | undefined,
): string[] {
  return only.filter((id) => id === runId || (target.type !== "processName" && id === target.id));
}

/** Human description of a target, e.g. `process run "51bc…"` or `process "Q4 Close"`. */
export function describeTarget(t: TargetSpec): string {
  switch (t.type) {
    case "processRun":
      return `process run ${t.id}`;
    case "processId":
      return `process ${t.id}`;
    case "processName":
      return `process "${t.name}"`;
  }
}

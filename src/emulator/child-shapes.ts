import { GENERATED_ACTIONS } from "./actions.js";
import { RUN_CHILD_TAGS } from "./assumptions.js";
import type { ChildShape } from "./emulator-types.js";
import type { GroupRunChildJson, GroupRunJson, JobRunJson } from "./response-types.js";

/**
 * The run-time child shapes the docs leave open (§13: only the build-time `{ type: "job", job }`
 * is shown), one function per `shapes.children`, and the nesting of generated certification job
 * runs under their certification (`shapes.certificationChildren: "nested"`).
 */

type Wrap = (
  node: { kind: "job"; json: JobRunJson } | { kind: "group"; json: GroupRunJson },
) => GroupRunChildJson;

/** Default `wrapped`: `{ type: "jobRun", jobRun }` / `{ type: "groupRun", groupRun }` (§7.4's recommended shape). */
export const CHILD_SHAPES: Readonly<Record<ChildShape, Wrap>> = {
  wrapped: (n) =>
    n.kind === "job"
      ? { type: RUN_CHILD_TAGS.job, jobRun: n.json }
      : { type: RUN_CHILD_TAGS.group, groupRun: n.json },
  typed: (n) => (n.kind === "job" ? { type: "job", job: n.json } : { type: "group", group: n.json }),
  bare: (n) => n.json,
  "bare-typed": (n) =>
    n.kind === "job" ? { type: RUN_CHILD_TAGS.job, ...n.json } : { type: RUN_CHILD_TAGS.group, ...n.json },
};

/** The action whose generated job runs follow it (and, nested, sit in its `children`). */
const CERTIFICATION_ACTION = "certification";

/**
 * Nests each generated job run under the certification job run before it among its siblings
 * (the store keeps them as siblings); a generated job run with no certification before it stays.
 */
export function nestGenerated(
  children: readonly ({ kind: "job"; json: JobRunJson } | { kind: "group"; json: GroupRunJson })[],
  wrap: Wrap,
): GroupRunChildJson[] {
  const out: GroupRunChildJson[] = [];
  let certification: { json: JobRunJson; nested: GroupRunChildJson[]; at: number } | undefined;
  const close = () => {
    if (certification && certification.nested.length > 0) {
      out[certification.at] = wrap({
        kind: "job",
        json: { ...certification.json, children: certification.nested },
      });
    }
    certification = undefined;
  };
  for (const child of children) {
    if (child.kind === "job" && GENERATED_ACTIONS.has(child.json.action) && certification) {
      certification.nested.push(wrap(child));
      continue;
    }
    close();
    out.push(wrap(child));
    if (child.kind === "job" && child.json.action === CERTIFICATION_ACTION) {
      certification = { json: child.json, nested: [], at: out.length - 1 };
    }
  }
  close();
  return out;
}

// Generators for benchmark scenarios: a big emulator seed and the manifests that target it.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * `runs` process runs; each root holds `groups` groups of `existingPerGroup` job runs.
 * The manifests keep every existing job (as matched entries) and add `newPerGroup` new ones
 * in clusters of `cluster` consecutive jobs spread through each group (one POST per cluster),
 * so desired entries = runs * groups * (existing + new).
 */
export function bigScenario({ runs, groups, existingPerGroup, newPerGroup, cluster = 5 }) {
  const processes = [];
  const manifests = [];
  const clusters = Math.max(1, Math.floor(newPerGroup / cluster));
  const every = Math.max(1, Math.floor(existingPerGroup / clusters));
  for (let r = 0; r < runs; r++) {
    const runId = `run-${r}`;
    const children = [];
    const jobsYaml = [];
    for (let g = 0; g < groups; g++) {
      const groupId = `grp-${r}-${g}`;
      const groupChildren = [];
      jobsYaml.push(`  - group: { id: ${groupId} }`, "    jobs:");
      for (let j = 0; j < existingPerGroup; j++) {
        const title = `Task ${g}.${j}`;
        groupChildren.push({
          id: `jr-${r}-${g}-${j}`,
          action: "sendTask",
          args: { title, assignee: { id: "user123", type: "user" }, dueDate: "2024-12-15" },
        });
        jobsYaml.push(
          "      - sendTask:",
          `          title: "${title}"`,
          "          assignee: user123",
          "          dueDate: 2024-12-15",
        );
        if (j % every === 0 && j / every < clusters) {
          for (let k = 0; k < cluster; k++) {
            jobsYaml.push(
              "      - sendTask:",
              `          title: "New ${g}.${j}.${k}"`,
              "          assignee: user456",
            );
          }
        }
      }
      children.push({ group: `Group ${g}`, id: groupId, parallel: true, children: groupChildren });
    }
    processes.push({ id: `proc-${r}`, name: `Process ${r}`, run: { id: runId, children } });
    manifests.push({
      file: `run-${String(r).padStart(3, "0")}.yaml`,
      text: [
        "apiVersion: jobsync/v1",
        "kind: JobRuns",
        `metadata: { name: bench-${r} }`,
        `target: { processRun: ${runId} }`,
        "jobs:",
        ...jobsYaml,
        "",
      ].join("\n"),
    });
  }
  return { seed: { processes }, manifests };
}

export function writeManifests(dir, manifests) {
  mkdirSync(dir, { recursive: true });
  for (const m of manifests) writeFileSync(join(dir, m.file), m.text);
}

export function countEntries(manifests) {
  let n = 0;
  for (const m of manifests)
    n += (m.text.match(/^\s+- (sendTask|contentRequest|certification|group|ref):/gm) ?? []).length;
  return n;
}

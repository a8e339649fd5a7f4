/**
 * Every row of the table of job kinds (`src/input/job-kinds.ts`) reaches every place that knows
 * kinds: the manifest schema and its JSON Schema, DesiredState, the POST body, the plan's job
 * line, import and the emulator's validation. A new row needs no other code to pass these.
 */
import { describe, expect, it } from "vitest";
import { type ErrorDetail, HttpProblem } from "../src/emulator/http-response.js";
import { validateJobItems } from "../src/emulator/validate-job-items.js";
import { toManifestArgs } from "../src/import/manifest-args.js";
import { type ArgField, argsKeyOf, JOB_ACTIONS, JOB_KINDS, type JobAction } from "../src/input/job-kinds.js";
import { manifestJsonSchema } from "../src/manifest/json-schema.js";
import { parseManifestText } from "../src/manifest/parse-manifest-text.js";
import { toPlannedJob } from "../src/plan/place.js";
import { jobWords } from "../src/render/words.js";

/** A value the manifest, the API and the emulator all accept for a field of this type (API form). */
function sampleValue(field: ArgField): unknown {
  switch (field.type) {
    case "principal":
      return { id: "user1", type: "user" };
    case "date":
      return "2024-12-15";
    case "id":
    case "text":
      return "some-text";
  }
}

/** Every argument of a kind filled in, as the API wants them. */
function fullArgs(action: JobAction): Record<string, unknown> {
  const args: Record<string, unknown> = { title: `A ${action}` };
  for (const [name, field] of Object.entries(JOB_KINDS[action].fields)) args[name] = sampleValue(field);
  return args;
}

function desiredJob(action: JobAction) {
  const yaml = [
    "apiVersion: jobsync/v1",
    "kind: JobRuns",
    "target: { processRun: run-1 }",
    "jobs:",
    `  - ${action}: ${JSON.stringify(fullArgs(action))}`,
  ].join("\n");
  const { manifests, diagnostics } = parseManifestText(yaml, "m.yaml");
  expect(diagnostics).toEqual([]);
  const entry = manifests[0]?.jobs[0];
  if (entry?.kind !== "job") throw new Error("expected a job");
  return entry;
}

/** The details of the 400 that `call` throws. */
function refusal(call: () => unknown): readonly ErrorDetail[] {
  try {
    call();
  } catch (error) {
    if (error instanceof HttpProblem) return error.extras.details ?? [];
    throw error;
  }
  throw new Error("expected the emulator to refuse the item");
}

describe.each(JOB_ACTIONS)("job kind %s", (action) => {
  const kind = JOB_KINDS[action];

  it("has an entry in the JSON Schema with title and its fields, title and its single required fields required", () => {
    const schema = manifestJsonSchema() as {
      definitions: { entry: { anyOf: { properties: Record<string, unknown> }[] } };
    };
    const option = schema.definitions.entry.anyOf.find((o) => action in o.properties);
    expect(Object.keys(option?.properties ?? {})).toEqual([action, "triggerType"]);
    const args = option?.properties[action] as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(args.properties)).toEqual(["title", ...Object.keys(kind.fields)]);
    const single = kind.required.filter((names) => names.length === 1).map(([name]) => name);
    expect(args.required).toEqual(["title", ...single]);
  });

  it.each(kind.required.map((names) => [names.join(" or "), names] as const))(
    "without %s: validate refuses it at the entry, and so does the emulator",
    (_label, names) => {
      const args = fullArgs(action);
      for (const name of names) delete args[name];
      const yaml = `apiVersion: jobsync/v1\nkind: JobRuns\ntarget: { processRun: r }\njobs:\n  - ${action}: ${JSON.stringify(args)}\n`;
      const messages = parseManifestText(yaml, "m.yaml").diagnostics.map(
        (d) => `${d.line}:${d.col} ${d.message}`,
      );
      expect(messages).toEqual([
        expect.stringMatching(new RegExp(`^5:\\d+ .*${action}.*needs an? ${names[0]}`)),
      ]);
      const item = { action, arguments: { type: action, [argsKeyOf(action)]: args } };
      const targets = refusal(() => validateJobItems([item])).map((d) => d.target);
      expect(targets).toEqual([`[0].arguments.${argsKeyOf(action)}.${names[0]}`]);
    },
  );

  it("validates in a manifest into a DesiredJob and a POST item under `<action>Args`", () => {
    const job = desiredJob(action);
    expect(job).toMatchObject({ action, title: `A ${action}`, args: fullArgs(action) });
    const planned = toPlannedJob(job);
    expect(planned.arguments).toEqual({ type: action, [argsKeyOf(action)]: fullArgs(action) });
    expect(validateJobItems([planned])).toEqual([
      { action, args: fullArgs(action), triggerType: "whenEligible" },
    ]);
  });

  it("shows its display fields on the plan's job line", () => {
    const line = jobWords(toPlannedJob(desiredJob(action)));
    for (const [, shownAs] of kind.display) expect(line).toContain(`${shownAs}=`);
  });

  it("imports every field it has back into manifest arguments", () => {
    const { fields, notes } = toManifestArgs(action, `A ${action}`, fullArgs(action));
    expect(notes).toEqual([]);
    expect(fields.map(([name]) => name).sort()).toEqual(["title", ...Object.keys(kind.fields)].sort());
  });

  it.runIf(kind.fieldsConfirmed)("is refused by the emulator without its required fields", () => {
    const args = fullArgs(action);
    delete args.title;
    for (const names of kind.required) for (const name of names) delete args[name];
    const item = { action, arguments: { type: action, [argsKeyOf(action)]: args } };
    const targets = refusal(() => validateJobItems([item])).map((d) => d.target);
    const at = (name: string) => `[0].arguments.${argsKeyOf(action)}.${name}`;
    expect(targets).toEqual([at("title"), ...kind.required.map(([first]) => at(first))]);
  });
});

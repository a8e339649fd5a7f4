// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` and `${1:…}` are template and snippet syntax
import type { z } from "zod";
import { JOB_ACTIONS, JOB_KINDS, type JobAction } from "../input/job-kinds.js";
import { argsSchemaOf, dateExpressionSchema, isoDateSchema, titleSchema } from "./job-args-schema.js";
import {
  DEFAULT_TRIGGER_TYPE,
  forEachEntrySchema,
  groupEntrySchema,
  jobEntrySchemas,
  refEntrySchema,
  triggerTypeSchema,
} from "./manifest-schema.js";

/**
 * What editors (yaml-language-server, VS Code's YAML extension) show beyond validation: messages in
 * words instead of regular expressions (`errorMessage`, `patternErrorMessage`), Markdown hovers
 * (`markdownDescription`), one completion item per entry kind with a snippet (`defaultSnippets`,
 * the kind's own key hidden from plain key completion with `doNotSuggest`), `triggerType` values
 * (`examples`). Keyed by the zod schema they belong to; `json-schema.ts` adds them while generating.
 */

export const DATE_MESSAGE =
  "Expected a date as YYYY-MM-DD (a real calendar date, e.g. 2024-12-15), or a ${{ … }} expression.";
export const BLANK_TITLE_MESSAGE =
  "The title must not be blank: it names the job run and, with its kind, identifies it.";
export const ONE_KIND_MESSAGE = `A job entry holds exactly one kind (${JOB_ACTIONS.join(", ")}) with its arguments, plus an optional triggerType. Use one list item per job.`;

/** The snippet of one kind: its title and the fields it needs, as placeholders. */
function jobSnippet(action: JobAction): Record<string, unknown> {
  const body: Record<string, string> = { title: "${1:Title}" };
  let n = 2;
  for (const [field] of JOB_KINDS[action].required)
    body[field] = `\${${n++}:${field === "document" ? "document-id" : "user-id"}}`;
  body.dueDate = `\${${n}:2026-12-31}`;
  return { [action]: body };
}

function fieldsTable(action: JobAction): string {
  const rows = Object.entries(JOB_KINDS[action].fields).map(([name, field]) => {
    const what =
      field.type === "principal"
        ? "a user id, or `{ id, type: user | group }`"
        : field.type === "date"
          ? "`YYYY-MM-DD` or `${{ … }}`"
          : field.description;
    return `| \`${name}\` | ${what} |`;
  });
  return [
    "| field | |",
    "| --- | --- |",
    "| `title` | required; with the kind, the job's identity |",
    ...rows,
  ].join("\n");
}

function jobHints(action: JobAction, index: number): [z.ZodType, Record<string, unknown>][] {
  const kind = JOB_KINDS[action];
  const markdown = `**${action}**: ${kind.description}\n\n${fieldsTable(action)}`;
  return [
    [
      jobEntrySchemas[index] as z.ZodType,
      {
        errorMessage: ONE_KIND_MESSAGE,
        markdownDescription: markdown,
        defaultSnippets: [{ label: action, markdownDescription: markdown, body: jobSnippet(action) }],
      },
    ],
    [argsSchemaOf(action), { doNotSuggest: true, ...requiredKeywords(action) }],
  ];
}

/**
 * The kind's required fields (contract §11) as JSON Schema keywords: single fields join `title`
 * in `required`, alternatives become an `anyOf` of `required` lists (the zod check says the same).
 */
function requiredKeywords(action: JobAction): Record<string, unknown> {
  const required = JOB_KINDS[action].required;
  if (required.length === 0) return {};
  const single = required.filter((names) => names.length === 1).map((names) => names[0]);
  const either = required.filter((names) => names.length > 1);
  return {
    required: ["title", ...single],
    ...(either.length > 0
      ? { allOf: either.map((names) => ({ anyOf: names.map((name) => ({ required: [name] })) })) }
      : {}),
  };
}

function entryHints(
  schema: z.ZodType,
  key: z.ZodType,
  label: string,
  markdown: string,
  body: Record<string, unknown>,
): [z.ZodType, Record<string, unknown>][] {
  return [
    [
      schema,
      {
        markdownDescription: markdown,
        defaultSnippets: [{ label, markdownDescription: markdown, body }],
        // The snippet writes `jobs:`; suggested on its own it would bring a second item for the kind.
        ...("jobs" in body ? { [PROPERTY_HINTS]: { jobs: { doNotSuggest: true } } } : {}),
      },
    ],
    [key, { doNotSuggest: true }],
  ];
}

/** A hint key holding keywords for the node's properties, by name (a shared schema's reference). */
export const PROPERTY_HINTS = "$propertyHints";

let hints: Map<z.ZodType, Record<string, unknown>> | undefined;

function buildHints(): Map<z.ZodType, Record<string, unknown>> {
  return new Map<z.ZodType, Record<string, unknown>>([
    [isoDateSchema, { patternErrorMessage: DATE_MESSAGE, format: undefined }],
    [dateExpressionSchema, { patternErrorMessage: DATE_MESSAGE }],
    [titleSchema, { patternErrorMessage: BLANK_TITLE_MESSAGE }],
    [
      triggerTypeSchema,
      {
        examples: [DEFAULT_TRIGGER_TYPE, "manual"],
        patternErrorMessage: `triggerType must not be blank (e.g. "${DEFAULT_TRIGGER_TYPE}").`,
        markdownDescription: `What starts the job run once it is created:\n\n- \`${DEFAULT_TRIGGER_TYPE}\` (the default): it starts as soon as it is eligible, and its assignee is notified;\n- any other value (\`manual\` is the likely one; the API documents only \`${DEFAULT_TRIGGER_TYPE}\`): it waits to be started.`,
      },
    ],
    ...JOB_ACTIONS.flatMap(jobHints),
    ...entryHints(
      refEntrySchema,
      refEntrySchema.shape.ref,
      "ref",
      "**ref**: an existing job run or group run, by `{ id }` or `{ title }`, used only as an anchor for placement. Never created; a missing ref is a plan error.",
      { ref: { title: "${1:Existing job title}" } },
    ),
    ...entryHints(
      groupEntrySchema,
      groupEntrySchema.shape.group,
      "group",
      "**group**: an existing group run (its name, or `{ id }`) and the jobs that must exist inside it. Groups cannot be created through the API.",
      { group: "${1:Group name}", jobs: [] },
    ),
    ...entryHints(
      forEachEntrySchema,
      forEachEntrySchema.shape.forEach,
      "forEach",
      "**forEach**: repeats its `jobs` once per item of a list (`${{ vars.entities }}` or a literal YAML list), in list order, at the place it stands; `as` names the item (default `item`).",
      { forEach: "\\${{ vars.${1:list} }}", as: "${2:item}", jobs: [] },
    ),
  ]);
}

/** The editor keywords for one zod schema, if it has any. */
export function editorHintsFor(schema: z.ZodType): Readonly<Record<string, unknown>> | undefined {
  hints ??= buildHints();
  return hints.get(schema);
}

import { orList } from "./expectations.js";

/**
 * The job kinds a manifest may create, in one table (API §7.6, §7.7). From it come the
 * manifest's zod schema and JSON Schema (`manifest/job-args-schema.ts`), the POST body
 * (`plan/place.ts`), import, the plan's job lines and the emulator's validation.
 * Adding a kind: add a row here, then regenerate `schema/jobsync.schema.json`.
 */

/**
 * One argument field (besides `title`, which every kind has first and requires). In the manifest a
 * principal is a user id or `{ id, type }` (sent as `{ id, type }`), an id a non-empty string, text
 * any string, a date `YYYY-MM-DD`. Descriptions are the JSON Schema's.
 */
export type ArgField =
  | { readonly type: "principal" }
  | { readonly type: "date" }
  | { readonly type: "id" | "text"; readonly description: string };

export type ArgFieldType = ArgField["type"];

export interface JobKind {
  /** What a job of this kind is (the JSON Schema's description of the manifest entry). */
  readonly description: string;
  /** Argument fields besides `title`, in schema order; all optional in the manifest. */
  readonly fields: Readonly<Record<string, ArgField>>;
  /** Fields shown on a plan's job line, in this order, under these names. */
  readonly display: readonly (readonly [field: string, shownAs: string])[];
  /**
   * Besides `title`: the fields the emulator requires (UNCONFIRMED in the API, §7.7), each one
   * field or alternatives of which one will do (`["assignee", "assigneeUser"]`).
   */
  readonly required: readonly (readonly [string, ...string[]])[];
  /**
   * false when the API's field names for the kind are UNCONFIRMED: the JSON Schema says so and the
   * emulator checks only that the arguments are an object.
   */
  readonly fieldsConfirmed: boolean;
}

const principal = { type: "principal" } as const;
const date = { type: "date" } as const;
const id = (description: string) => ({ type: "id", description }) as const;
const text = (description: string) => ({ type: "text", description }) as const;

/** A row, with `display` and `required` checked against its own fields. */
function kind<const F extends Readonly<Record<string, ArgField>>>(row: {
  readonly description: string;
  readonly fields: F;
  readonly display: readonly (readonly [field: keyof F & string, shownAs: string])[];
  readonly required: readonly (readonly [keyof F & string, ...(keyof F & string)[]])[];
  readonly fieldsConfirmed: boolean;
}): JobKind {
  return row;
}

/** Every kind a manifest may create, by its API `action`, in the order schemas and messages list them. */
export const JOB_KINDS = {
  sendTask: kind({
    description: "A task sent to an assignee.",
    fields: {
      assignee: principal,
      assigneeUser: id("The assignee's user id (the API's string form)."),
      approver: principal,
      approverUser: id("The approver's user id (the API's string form)."),
      dueDate: date,
      approverDueDate: date,
      instructions: text("Instructions shown to the assignee."),
      document: id("The id of a document the task is about."),
    },
    display: [
      ["assignee", "assignee"],
      ["assigneeUser", "assignee"],
      ["approver", "approver"],
      ["approverUser", "approver"],
      ["dueDate", "dueDate"],
      ["document", "document"],
    ],
    required: [["assignee", "assigneeUser"]],
    fieldsConfirmed: true,
  }),
  contentRequest: kind({
    description: "A request for content in a document section.",
    fields: {
      assignee: principal,
      approver: principal,
      document: id("The id of the document holding the requested content."),
      section: id("The id of the section to fill in."),
      instructions: text("Instructions shown to the assignee."),
      dueDate: date,
    },
    display: [
      ["assignee", "assignee"],
      ["approver", "approver"],
      ["dueDate", "dueDate"],
      ["document", "document"],
    ],
    required: [["assignee"], ["document"]],
    fieldsConfirmed: true,
  }),
  certification: kind({
    description: "A certification of a document (it creates its own signer/approver jobs).",
    fields: {
      document: id("The id of the document to certify."),
      dueDate: date,
      instructions: text("Instructions shown to the signers."),
      assignee: principal,
      approver: principal,
    },
    display: [
      ["assignee", "assignee"],
      ["approver", "approver"],
      ["dueDate", "dueDate"],
      ["document", "document"],
    ],
    required: [],
    fieldsConfirmed: false,
  }),
};

/** A kind a manifest may create (the API's `action` values for client input). */
export type JobAction = keyof typeof JOB_KINDS;

export function isJobAction(action: string): action is JobAction {
  return Object.hasOwn(JOB_KINDS, action);
}

/** Every creatable kind, in table order. */
export const JOB_ACTIONS: readonly JobAction[] = Object.keys(JOB_KINDS).filter(isJobAction);

/** `sendTask, contentRequest or certification`. */
export const JOB_ACTIONS_IN_WORDS = orList(JOB_ACTIONS);

/**
 * Read-only kinds the server generates under certification jobs (never created, never matched)
 * and their args field: short names, and none for the conditional approver (§7.6).
 */
export const GENERATED_KINDS: Readonly<Record<string, string | null>> = {
  certificationApproverGenerated: "certApproverArgs",
  certificationSignerGenerated: "certSignerArgs",
  certificationConditionalApproverGenerated: null,
  certificationPhaseFinalizerGenerated: "certPhaseFinalizerArgs",
};

/** The field of `arguments` holding a kind's arguments: `sendTask` -> `sendTaskArgs`, generated kinds their short names. */
export function argsKeyOf(action: string): string {
  return (Object.hasOwn(GENERATED_KINDS, action) ? GENERATED_KINDS[action] : undefined) ?? `${action}Args`;
}

/** Anything holding an action and its `arguments` container: a POST item, a saved plan's job, a live node. */
export interface WithArguments {
  readonly action: string;
  readonly arguments: Readonly<Record<string, unknown>>;
}

/** The arguments accessor: the item's `arguments.<action>Args` object, or undefined when absent or not an object. */
export function kindArgs(item: WithArguments): Readonly<Record<string, unknown>> | undefined {
  const args = item.arguments[argsKeyOf(item.action)];
  return isRecord(args) ? args : undefined;
}

/** The type of a kind's argument field, or undefined when the kind has no such field (`title` is `"text"`). */
export function argFieldType(action: string, name: string): ArgFieldType | undefined {
  if (!isJobAction(action)) return undefined;
  if (name === "title") return "text";
  const fields = JOB_KINDS[action].fields;
  return Object.hasOwn(fields, name) ? fields[name]?.type : undefined;
}

/**
 * Fields shown on the job line of a kind; for an action not in the table (only an edited saved
 * plan has one), every kind's, in table order.
 */
export function displayFields(action: string): JobKind["display"] {
  if (isJobAction(action)) return JOB_KINDS[action].display;
  const seen = new Set<string>();
  return JOB_ACTIONS.flatMap((a) => JOB_KINDS[a].display).filter(([field]) => {
    if (seen.has(field)) return false;
    seen.add(field);
    return true;
  });
}

/** Printable ASCII with single inner spaces and none at either end: already normal. */
const PLAIN_TITLE = /^(?:[\x21-\x7e]+(?: [\x21-\x7e]+)*)?$/;

/**
 * A title as identities compare it (§9): Unicode NFC, trimmed, every run of whitespace one
 * space, so a server that trims or collapses whitespace (or stores another normal form) still
 * matches what was sent. Most titles are already normal and are returned as they are.
 */
export function normalTitle(title: string): string {
  if (PLAIN_TITLE.test(title)) return title;
  return title.normalize("NFC").trim().replace(/\s+/gu, " ");
}

/**
 * A job's identity in its group (contract §2): its kind and its normal title. Two jobs of one
 * group with equal identities are the same job; the planner matches live job runs by it.
 */
export function jobIdentity(action: string, title: string): string {
  return `${action}\u0000${normalTitle(title)}`;
}

/**
 * Values by job identity, as nested maps (action, then title) so that a lookup hashes no freshly
 * concatenated string: on large manifests that hashing dominated the planner's time.
 */
export class JobIdentityMap<V> {
  readonly #byAction = new Map<string, Map<string, V>>();

  get(action: string, title: string): V | undefined {
    return this.#byAction.get(action)?.get(normalTitle(title));
  }

  set(action: string, title: string, value: V): void {
    let byTitle = this.#byAction.get(action);
    if (!byTitle) {
      byTitle = new Map();
      this.#byAction.set(action, byTitle);
    }
    byTitle.set(normalTitle(title), value);
  }
}

/** Lookups only, for tables built once. */
export type ReadonlyJobIdentityMap<V> = Pick<JobIdentityMap<V>, "get">;

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Job kinds (ActionArguments `type`) and the name of each kind's args field (§7.6). */

/** Kinds a client may create. */
export const CREATABLE_ACTIONS = ["sendTask", "contentRequest", "certification"] as const;

/** Read-only kinds made by the server under certification jobs; rejected on create. */
export const GENERATED_ACTIONS: ReadonlySet<string> = new Set([
  "certificationApproverGenerated",
  "certificationSignerGenerated",
  "certificationConditionalApproverGenerated",
  "certificationPhaseFinalizerGenerated",
]);

const ARGS_FIELDS: Readonly<Record<string, string>> = {
  sendTask: "sendTaskArgs",
  contentRequest: "contentRequestArgs",
  certification: "certificationArgs",
  certificationApproverGenerated: "certApproverArgs",
  certificationSignerGenerated: "certSignerArgs",
  certificationPhaseFinalizerGenerated: "certPhaseFinalizerArgs",
};

/** The `<kind>Args` field of `arguments` for this kind (`sendTask` -> `sendTaskArgs`). */
export function argsField(action: string): string {
  return ARGS_FIELDS[action] ?? `${action}Args`;
}

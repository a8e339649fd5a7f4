/**
 * Every assumption the emulator makes where `processes-api.md` is silent or marks a point
 * UNCONFIRMED, each linked to its section ("§9.1" = section 9, step 1). Values the code uses are
 * exported from here and imported where they apply; the rest are listed below with the file that
 * implements them. Change an assumption here, and the docs section it names, together.
 */

// §2 Authentication

/** §2, §10.12: both token paths are served (which one the preview uses is unconfirmed). */
export const TOKEN_PATHS: ReadonlySet<string> = new Set(["/oauth2/token", "/iam/v1/oauth2/token"]);
/** §2: token lifetime in seconds (the docs' examples show 599; support says about 10 minutes). */
export const TOKEN_TTL_SECONDS = 599;
/** §2, §10.10: the status and IAM error code for bad or missing client credentials. */
export const BAD_CREDENTIALS = { status: 401, error: "unauthorized_client" } as const;
/** §2: the scopes a client without a seeded `scope` gets (docs silent: every scope the API uses). */
export const DEFAULT_SCOPE = "file:read file:write";

// §3 Headers, §4 errors

/** §3, §10.9: the answer to a missing or unknown `X-Version` (the real one is unconfirmed). */
export const BAD_VERSION_STATUS = 400;
/**
 * §4, §10.8: error `code` strings, in the 2026-01-01 style (the preview's own strings are
 * unconfirmed; §13 saw others). 405, 413 and 502 are the emulator's own (docs silent).
 */
export const ERROR_CODES: Readonly<Record<number, string>> = {
  400: "400BadRequest",
  401: "401Unauthorized",
  403: "403Forbidden",
  404: "404NotFound",
  405: "405MethodNotAllowed",
  409: "409Conflict",
  413: "413PayloadTooLarge",
  429: "429TooManyRequests",
  500: "500InternalServerError",
  502: "502BadGateway",
  503: "503ServiceUnavailable",
  504: "504GatewayTimeout",
};
/** §10.1: an unknown path (docs silent on the body: the error body of §4). */
export const UNKNOWN_ROUTE_STATUS = 404;
/** Docs silent: a known path with another method. */
export const WRONG_METHOD_STATUS = 405;

// §5 Limits

/**
 * §5, §10.7: the rate limit per token, a sliding window ("1000 per 60 seconds" is from one 429
 * example), with `Retry-After` (not guaranteed by the docs; the emulator can leave it out).
 * Docs silent: only authenticated requests are counted, refused ones are not, token requests never.
 */
export const RATE_LIMIT = { requests: 1000, perSeconds: 60, retryAfter: true } as const;
/** §5: the platform's payload limit; over it the emulator answers 413 (optional in the docs). */
export const MAX_BODY_BYTES = 10_485_760;
export const BODY_TOO_LARGE_STATUS = 413;

// §6 Pagination, §8.1 list processes

/** §6, §8.1: the largest `$maxpagesize`, and the page size without one (2026-01-01's default). */
export const MAX_PAGE_SIZE = 1000;
/** §8.1: the default `$orderBy` (documented). */
export const DEFAULT_PROCESS_ORDER = "run.created.dateTime desc";
/**
 * §8.1 (unconfirmed), implemented in list-processes.ts: `contains` is case-insensitive; processes
 * never run sort last under `run.created.dateTime`; `$next` is an opaque base64url JSON cursor of
 * offset, page size, filter and order (§6).
 */
export const FILTER_CASE_INSENSITIVE = true;

// §7 Data model

/* §7.3, §10.2: the ProcessRun names its process in `process` (not `processId`); serialize.ts. */
/** §7.4, §10.3: the wrapper keys of GroupRun children, `{ type: "jobRun", jobRun }`. */
export const RUN_CHILD_TAGS = { job: "jobRun", group: "groupRun" } as const;
/** §7.1: the user in every `created`/`modified` stamp the emulator makes (docs silent). */
export const EMULATOR_USER_ID = "emulator-integration-user";
/**
 * §7.5 (unconfirmed), implemented in serialize.ts: a JobRun's `name` is its `title` (else its
 * kind); its `readOnly` is true exactly for generated kinds; stamps carry no milliseconds (§7.1's
 * example); the root GroupRun has no `ordinal`, `parent` or `triggerType` (§7.4).
 */
export const JOB_NAME_FIELD = "title";
/** §7.1: group assignees (`type: "group"`) are accepted only with `allowGroupAssignees`. */
export const GROUP_ASSIGNEES_BY_DEFAULT = false;
/**
 * §7.10: the trigger type that starts a child when it becomes eligible; any other value waits.
 * Docs silent: it is also the trigger type of a job or group that gives none.
 */
export const AUTO_TRIGGER = "whenEligible";
/** §7.10 (the last two values unconfirmed; `failed` and `skipped` suggested): statuses that end a node or run. */
export const FINISHED_STATUSES: ReadonlySet<string> = new Set(["complete", "cancelled", "skipped", "failed"]);
/** §8.7, §9.6: the status of a new node, and of one that has started. */
export const NEW_STATUS = "waiting";
export const STARTED_STATUS = "running";
/** Docs silent: a seeded run without a status is running. */
export const DEFAULT_SEED_RUN_STATUS = STARTED_STATUS;

// §8 Endpoints

/** §8.7 (unconfirmed): running a process that has an unfinished run. */
export const RUN_ALREADY_ACTIVE_STATUS = 409;
/*
 * §8.7: eligibility. A running parallel group starts all its `whenEligible` children; a running
 * serial group only the first unfinished one (status.ts). §9.6 (unconfirmed): running or complete
 * siblings are never blocked again by an insertion before them.
 */
/** §8.8 (docs silent): `excludeGeneratedJobs` other than true/false (any case) or empty is a 400. */
export const BAD_QUERY_STATUS = 400;

// §9 Placement of POST /processRuns/{id}/jobRuns

/** §9.1 (unconfirmed): run statuses in which no job runs may be added, and the answer. */
export const CLOSED_RUN_STATUSES: ReadonlySet<string> = new Set(["complete", "cancelled", "cancelling"]);
export const CLOSED_RUN_STATUS = 409;
/** §9.2 (unconfirmed): a `parentGroupId` not in the run. */
export const UNKNOWN_PARENT_STATUS = 404;
/** §9.2 (unconfirmed): a `parentGroupId` naming a job run; the root as `relativeSiblingId`. */
export const NOT_A_GROUP_STATUS = 400;
/** §9.2 (unconfirmed): adding into a read-only group. */
export const READ_ONLY_GROUP_STATUS = 409;
/** §9.3 (unconfirmed): a sibling that is not a direct child of the parent; a `before` not true/false. */
export const BAD_PLACEMENT_STATUS = 400;
/** §9.3: `before` defaults to true (documented). */
export const BEFORE_BY_DEFAULT = true;
/*
 * §9.3, §13 (docs silent), implemented in placement.ts: "after" a job run lands after the
 * generated certification job runs that follow it, so a certification and its generated steps are
 * never split (served with `shapes.certificationChildren: "nested"` they are its children).
 */
/*
 * §9.7, §7.7 (unconfirmed), implemented in validate-job-items.ts: the whole body is validated
 * before anything changes; every problem is listed in `details` and the first one names its item
 * in `target` and `meta` (`{ index, argumentName }`; §4 leaves `meta` free-form); the 4 generated
 * kinds are refused with 400 (§7.6); required fields per kind come from the table of job kinds (§7.7).
 */

import type { ProcessRunJson } from "./response-types.js";
/**
 * The emulator's public surface (used by `jobsync emulator`, the demo, tests and the bench).
 * Implementation: server.ts (node:http), store.ts, placement.ts, faults.ts, seed.ts. The defaults
 * and behaviours the API docs leave open are listed in assumptions.ts.
 */

/** Seed file format (JSON). Documented in the README. */
export interface EmulatorSeed {
  /** The JSON Schema reference editors use; ignored by the emulator. */
  readonly $schema?: string;
  /** When set, only these client id/secret pairs get tokens. */
  readonly clients?: readonly {
    readonly clientId: string;
    readonly clientSecret: string;
    readonly scope?: string;
  }[];
  readonly processes: readonly SeedProcess[];
}

export interface SeedProcess {
  readonly id: string;
  readonly name: string;
  readonly dueDate?: string;
  /** Shown by `GET /processes/{id}` (the create-process body's fields; read by templates). */
  readonly businessStartDate?: string;
  /** Lower-case weekday names, e.g. `monday` … `friday`. */
  readonly businessDaysOfWeek?: readonly string[];
  /** When present, the process has been started and this is its current run. */
  readonly run?: SeedRun;
  /**
   * (Added.) Build-time tree copied (with fresh ids) into a new run by `POST /processes/{id}/run`.
   * Without it a new run starts with an empty root.
   */
  readonly template?: { readonly parallel?: boolean; readonly children: readonly SeedNode[] };
}

export interface SeedRun {
  readonly id: string;
  /** Default "running". */
  readonly status?: string;
  /** Root group children. */
  readonly children: readonly SeedNode[];
  readonly parallel?: boolean;
  /** (Added.) ISO date-time of the run's `created` stamp; default: when the emulator started. */
  readonly created?: string;
}

export type SeedNode = SeedGroupNode | SeedJobNode;

/** A group run (or, in a template, a group): it has `group` (its name) and `children`. */
export interface SeedGroupNode {
  readonly group: string;
  readonly id: string;
  readonly parallel?: boolean;
  readonly readOnly?: boolean;
  readonly children: readonly SeedNode[];
}

/** A job run (or, in a template, a job): it has `action` and `args`. */
export interface SeedJobNode {
  readonly id: string;
  readonly action: string;
  /** The `<action>Args` object. */
  readonly args: Readonly<Record<string, unknown>>;
  readonly triggerType?: string;
  readonly status?: string;
}

/** A fault to inject on matching requests. */
export interface FaultSpec {
  readonly method?: string;
  /** Matches when the request path (without query) contains this string or matches this RegExp. */
  readonly path?: string | RegExp;
  /** Which matching requests get it: the nth (1-based) from now, and how many in a row (default 1). */
  readonly nth?: number;
  readonly times?: number;
  readonly kind:
    | {
        readonly type: "status-before";
        readonly status: number;
        readonly retryAfter?: number;
        /** The error body's `target` and `details` (§4), e.g. a 400 naming an item by index. */
        readonly target?: string;
        readonly details?: readonly {
          readonly code: string;
          readonly message: string;
          readonly target?: string;
        }[];
      }
    | { readonly type: "status-after"; readonly status: number }
    | { readonly type: "reset-before" }
    | { readonly type: "reset-after" }
    | { readonly type: "latency"; readonly ms: number }
    /** Waits `ms` before doing the work (real timers): requests sent together commit in another order. */
    | { readonly type: "hold"; readonly ms: number }
    /** (Tests.) Does the work, then answers with the body `rewrite` returns (a shape the seed cannot express). */
    | { readonly type: "rewrite-body"; readonly rewrite: (body: unknown) => unknown };
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default: the built-in demo seed. */
  readonly seed?: EmulatorSeed;
  /** Sliding-window limit per token; false turns it off. Default 1000 per 60 s with Retry-After. */
  readonly rateLimit?:
    | {
        readonly requests: number;
        readonly perSeconds: number;
        readonly retryAfter?: boolean;
        /** Say the limit and when to retry in the 429 message (default true); false: a bare "Too many requests". */
        readonly hints?: boolean;
      }
    | false;
  /** Added to every response. */
  readonly latencyMs?: number;
  /** Token lifetime in seconds (default 599). */
  readonly tokenTtlSeconds?: number;
  /** Injected clock (ms since epoch) for tests. */
  readonly now?: () => number;
  /** (Added.) Accept `{ id, type: "group" }` assignees/approvers (UNCONFIRMED in the API: assumptions.ts, §7.1). Default false. */
  readonly allowGroupAssignees?: boolean;
  /** (Added.) Response shapes the docs leave open (§13), so the CLI can be tested against each. */
  readonly shapes?: ResponseShapes;
  /** (Added.) Called once per answered request (the CLI logs it); `ms` is the handling time. */
  readonly onRequest?: (entry: RecordedRequest & { readonly ms: number }) => void;
}

/** How a GroupRun's children are written: see CHILD_SHAPES in child-shapes.ts. */
export type ChildShape = "wrapped" | "typed" | "bare" | "bare-typed";

export interface ResponseShapes {
  /** GroupRun children: `wrapped` `{ type: "jobRun", jobRun }` (default), `typed` `{ type: "job", job }`, `bare` (the node itself), `bare-typed` (the node with `type: "jobRun"`). */
  readonly children?: ChildShape;
  /** Generated certification job runs: `siblings` after their certification (default), or `nested` as its `children`. */
  readonly certificationChildren?: "siblings" | "nested";
  /** `GET /processes/{id}` embeds the current `run` (default true); false: only the list does (§8.2 documents no run). */
  readonly processEmbedsRun?: boolean;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** The HTTP status sent; 0 when the connection was reset instead (reset faults). */
  readonly status: number;
  /** Parsed JSON body (left out for token requests, which carry secrets). */
  readonly body?: unknown;
}

export interface EmulatorHandle {
  /** e.g. http://127.0.0.1:43123 (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Every request answered, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Adds a fault; returns a function removing it. */
  injectFault(fault: FaultSpec): () => void;
  /** The current ProcessRun JSON as GET /processRuns/{id} would return it in the default shapes (no auth, no rate limit). */
  snapshotRun(runId: string): ProcessRunJson | undefined;
  /** Invalidate every issued token (the next request with one gets 401). */
  expireTokens(): void;
  close(): Promise<void>;
}

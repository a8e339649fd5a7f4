/**
 * The one "waiting" event: every wait the client does (its own rate limiter, a retry backoff, a
 * server 429 pause) is reported in this shape, and apply reuses it for its own re-send backoff.
 */

/** Why the client waits: its rate limiter, a retry backoff, or a server 429 pause. */
export type ClientWaitReason = "rate-limit" | "retry" | "server-429";

/** Why apply waits: any client wait, apply's own re-send backoff, or an ambiguous POST settling. */
export type WaitReason = ClientWaitReason | "resend" | "settle";

export interface WaitingEvent<R extends WaitReason = ClientWaitReason> {
  readonly type: "waiting";
  readonly reason: R;
  /** Clock time the wait should end (Infinity: until an in-flight request finishes). */
  readonly untilMs: number;
  readonly detail?: string;
}

/** One request sent (status absent when no HTTP answer came). */
export interface RequestEvent {
  readonly type: "request";
  readonly method: string;
  readonly path: string;
  readonly status?: number;
  readonly ms: number;
}

/** What the client reports while it works (for heartbeats and progress). Never has secrets. */
export type ClientEvent = WaitingEvent | RequestEvent;

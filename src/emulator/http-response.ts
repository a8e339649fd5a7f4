import { ERROR_CODES } from "./assumptions.js";

/** Responses and the API error body (§4): `{ code, message, target?, meta?, details? }`. */

export interface EmuResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON-serialised; left out for 204. */
  readonly body?: unknown;
}

export interface ErrorDetail {
  readonly code: string;
  readonly message: string;
  readonly target?: string;
}

/** The error body (§4). */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly target?: string;
  readonly meta?: Readonly<Record<string, unknown>>;
  readonly details?: readonly ErrorDetail[];
}

export interface ErrorExtras {
  readonly target?: string;
  readonly meta?: Readonly<Record<string, unknown>>;
  readonly details?: readonly ErrorDetail[];
  readonly headers?: Readonly<Record<string, string>>;
}

/** The 2026-01-01 style code string (assumptions.ts) for a status, e.g. 404 -> `404NotFound`. */
export function errorCode(status: number): string {
  return ERROR_CODES[status] ?? `${status}Error`;
}

/** The JSON error body (key order fixed). */
export function errorBody(status: number, message: string, extras: ErrorExtras = {}): ErrorBody {
  return {
    code: errorCode(status),
    message,
    ...(extras.target !== undefined ? { target: extras.target } : {}),
    ...(extras.meta !== undefined ? { meta: extras.meta } : {}),
    ...(extras.details !== undefined ? { details: extras.details } : {}),
  };
}

export function errorResponse(status: number, message: string, extras: ErrorExtras = {}): EmuResponse {
  return {
    status,
    ...(extras.headers ? { headers: extras.headers } : {}),
    body: errorBody(status, message, extras),
  };
}

/** Thrown inside request handling to answer with an API error; the server turns it into a response. */
export class HttpProblem extends Error {
  override readonly name = "HttpProblem";
  constructor(
    readonly status: number,
    message: string,
    readonly extras: ErrorExtras = {},
  ) {
    super(message);
  }
  toResponse(): EmuResponse {
    return errorResponse(this.status, this.message, this.extras);
  }
}

/**
 * Reading a response body with a size limit (contract §10: a response past 64 MiB gets a clear
 * error, never a crash of the runtime). A `Content-Length` past the limit is refused before any
 * byte of the body is read; otherwise the body is counted as it arrives and the connection is
 * dropped as soon as the count passes the limit, so at most the limit is ever held in memory.
 */

import type { Dispatcher } from "undici";

/** The most of one response body jobsync reads: 64 MiB. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** A response body past the limit; `bytes` is what was known (Content-Length or counted so far). */
export class ResponseTooLargeError extends Error {
  override readonly name = "ResponseTooLargeError";
  constructor(
    readonly limit: number,
    readonly bytes: number,
    readonly declared: boolean,
  ) {
    super(`the answer is larger than ${mib(limit)}`);
  }
}

export function mib(bytes: number): string {
  const value = bytes / 1024 / 1024;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} MiB`;
}

/** The body as text (UTF-8), or ResponseTooLargeError past `limit` bytes. */
export async function readBodyText(
  response: Dispatcher.ResponseData,
  limit: number = MAX_RESPONSE_BYTES,
): Promise<string> {
  const declared = Number(firstHeader(response.headers["content-length"]));
  if (Number.isFinite(declared) && declared > limit) {
    response.body.destroy();
    throw new ResponseTooLargeError(limit, declared, true);
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of response.body) {
    const buffer = chunk as Buffer;
    bytes += buffer.length;
    if (bytes > limit) {
      response.body.destroy();
      throw new ResponseTooLargeError(limit, bytes, false);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, bytes).toString("utf8");
}

/** A header's first value (undici gives repeated headers as an array). */
export function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

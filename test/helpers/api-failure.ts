import { expect } from "vitest";
import { ApiError } from "../../src/diagnostics/errors.js";

/** The ApiError `promise` rejects with (the test fails when it resolves or rejects otherwise). */
export async function apiFailure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

import { constants } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { cannotRead } from "./walk-folder.js";

/** The largest manifest file read (contract §10): past it, a clear error instead of gigabytes of YAML nodes. */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

/**
 * One manifest file's text, or why it cannot be read (a message saying what to do). Opened
 * without blocking, so a pipe put in a file's place cannot hang the run; never reads much more
 * than MAX_MANIFEST_BYTES, whatever the file's size said or it grows to while being read.
 */
export async function readManifestFile(
  absolute: string,
): Promise<{ readonly text: string } | { readonly problem: string }> {
  let handle: FileHandle;
  try {
    handle = await open(absolute, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { problem: cannotRead("file", e) };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile())
      return { problem: "not a regular file (a device, pipe or socket): name a manifest file" };
    if (info.size > MAX_MANIFEST_BYTES) return { problem: tooLarge(info.size) };
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const size = Math.min(CHUNK_BYTES, info.size + 1, MAX_MANIFEST_BYTES + 1 - length);
      const chunk = Buffer.allocUnsafe(Math.max(size, 4096));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > MAX_MANIFEST_BYTES) return { problem: tooLarge() };
    }
    return { text: Buffer.concat(chunks, length).toString("utf8") };
  } catch (e) {
    return { problem: cannotRead("file", e) };
  } finally {
    await handle.close();
  }
}

/** `bytes`: the size when known (else the file grew while being read). */
function tooLarge(bytes?: number): string {
  const size = bytes === undefined ? "" : ` (${(bytes / 1024 / 1024).toFixed(1)} MiB)`;
  return `this file is larger than 16 MiB${size}, the most a manifest file may be: split it into several files`;
}

import { randomBytes } from "node:crypto";
import { chmod, open, realpath, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";

/**
 * Replaces one manifest file's text atomically: the new text is written to a temporary file in
 * the same folder (so the rename never crosses file systems), flushed, given the old file's
 * permissions, then renamed over it. A reader sees the old text or the new, never half a file;
 * a failure leaves the old file as it was and removes the temporary one. A symbolic link is
 * kept: the file it points to is replaced. Returns why it could not be written, or undefined.
 */
export async function writeManifestFile(absolute: string, text: string): Promise<string | undefined> {
  let target: string;
  let mode: number;
  try {
    target = await realpath(absolute);
    mode = (await stat(target)).mode & 0o7777;
  } catch (e) {
    return cannotWrite(e);
  }
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    const handle = await open(temporary, "wx", 0o600);
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temporary, mode);
    await rename(temporary, target);
    return undefined;
  } catch (e) {
    await unlink(temporary).catch(() => undefined);
    return cannotWrite(e);
  }
}

function cannotWrite(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  const why =
    code === "EACCES" || code === "EPERM"
      ? "permission denied"
      : code === "EROFS"
        ? "read-only file system"
        : typeof code === "string"
          ? code
          : "unknown error";
  return `cannot write this file (${why}): the file and its folder must be writable; it was left as it was`;
}

/**
 * The per-run lock of apply (contract §9.1, §12): one file per (API base URL, process run) in one
 * folder per machine (`JOBSYNC_LOCK_DIR`, default `jobsync-locks` in the OS temp folder), created
 * atomically (`wx`). A second apply on a locked run waits up to `--lock-timeout` (default 0:
 * fail at once, naming the holder); a lock whose holder process is gone from this machine is
 * taken over with a note. Runs are locked in sorted order, so two appliers never deadlock.
 */
import { createHash } from "node:crypto";
import { mkdir, open, readFile, unlink } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { UserError } from "../diagnostics/errors.js";

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
  readonly runId: string;
  readonly baseUrl: string;
  readonly command: string;
}

export interface LockOptions {
  readonly dir: string;
  readonly timeoutMs: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** What the holder is doing (shown to a second applier). */
  readonly command: string;
  /** A note for the user (a lock taken over from a process that is gone). */
  readonly onNote?: (message: string) => void;
  readonly pollMs?: number;
}

export interface HeldLocks {
  readonly runIds: readonly string[];
  release(): Promise<void>;
}

/** The lock folder: `JOBSYNC_LOCK_DIR`, else `jobsync-locks` in the OS temp folder. */
export function lockDir(env: Readonly<Record<string, string | undefined>>): string {
  return env.JOBSYNC_LOCK_DIR?.trim() || path.join(tmpdir(), "jobsync-locks");
}

export function lockFile(dir: string, baseUrl: string, runId: string): string {
  const key = createHash("sha256").update(`${baseUrl}\0${runId}`).digest("hex").slice(0, 32);
  return path.join(dir, `run-${key}.lock`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  try {
    const value = JSON.parse(await readFile(file, "utf8")) as LockHolder;
    return typeof value.pid === "number" ? value : undefined;
  } catch {
    return undefined;
  }
}

async function tryCreate(file: string, holder: LockHolder): Promise<boolean> {
  try {
    const handle = await open(file, "wx");
    try {
      await handle.writeFile(`${JSON.stringify(holder)}\n`);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new UserError(
      `cannot create the apply lock ${file}: ${(error as Error).message}`,
      "Set JOBSYNC_LOCK_DIR to a folder you can write to.",
    );
  }
}

function heldMessage(runId: string, holder: LockHolder | undefined, waitedMs: number): UserError {
  const who = holder
    ? `another jobsync apply (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}: ${holder.command})`
    : "another jobsync apply";
  const waited = waitedMs > 0 ? ` after waiting ${Math.round(waitedMs / 1000)} s (--lock-timeout)` : "";
  return new UserError(
    `process run ${runId} is locked by ${who}${waited}; nothing was applied`,
    "Wait for it to finish, or pass --lock-timeout 2m to wait for it. A lock left by a crashed apply on this machine is taken over automatically.",
  );
}

async function lockOne(
  baseUrl: string,
  runId: string,
  options: LockOptions,
  started: number,
): Promise<string> {
  const file = lockFile(options.dir, baseUrl, runId);
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date(options.now()).toISOString(),
    runId,
    baseUrl,
    command: options.command,
  };
  for (;;) {
    if (await tryCreate(file, me)) return file;
    const holder = await readHolder(file);
    if (holder && holder.host === me.host && !processAlive(holder.pid)) {
      await unlink(file).catch(() => undefined);
      options.onNote?.(
        `Note: took over the lock of process run ${runId} from pid ${holder.pid} (since ${holder.startedAt}), which is no longer running.`,
      );
      continue;
    }
    const waited = options.now() - started;
    if (waited >= options.timeoutMs) throw heldMessage(runId, holder, options.timeoutMs);
    await options.sleep(Math.min(options.pollMs ?? 500, options.timeoutMs - waited));
  }
}

/** Locks every run (sorted, each once); on failure releases what it took and throws the UserError. */
export async function lockRuns(
  baseUrl: string,
  runIds: readonly string[],
  options: LockOptions,
): Promise<HeldLocks> {
  await mkdir(options.dir, { recursive: true });
  const sorted = [...new Set(runIds)].sort();
  const files: string[] = [];
  const release = async () => {
    for (const file of files.splice(0)) await unlink(file).catch(() => undefined);
  };
  const started = options.now();
  try {
    for (const runId of sorted) files.push(await lockOne(baseUrl, runId, options, started));
  } catch (error) {
    await release();
    throw error;
  }
  return { runIds: sorted, release };
}

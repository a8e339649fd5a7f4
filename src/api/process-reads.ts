import type { ProcessesApi, ProcessSummary } from "./api-types.js";

/**
 * The process reads of one plan, each made once (issue 14.2): `GET /processes/{id}` per process,
 * whoever asks (a `process: { id }` target, a template's `process.*`, its business weekdays);
 * and the process list for `process: { name }` targets: one name is looked up with the list
 * filtered by that name, two or more share one read of the whole list (every page once), so 200
 * name targets cost the list's pages rather than 200 lists. A name asked after `flush` (a
 * `process: { id }` whose Process embeds no run, looked up by its name) is read at once.
 */
export interface ProcessReads {
  getProcess(id: string): Promise<ProcessSummary>;
  /** The processes whose name contains `name` (case-insensitively, as the API filters). */
  byName(name: string): Promise<readonly ProcessSummary[]>;
  /** No more target names will come: a single name waiting is looked up alone; later names are read at once. */
  flush(): void;
}

export function createProcessReads(api: Pick<ProcessesApi, "getProcess" | "listProcesses">): ProcessReads {
  const processes = new Map<string, Promise<ProcessSummary>>();
  const waiting = new Map<
    string,
    { resolve: (list: readonly ProcessSummary[]) => void; reject: (e: unknown) => void }
  >();
  const byName = new Map<string, Promise<readonly ProcessSummary[]>>();
  let whole: Promise<ProcessSummary[]> | undefined;
  let flushed = false;
  const readAlone = () => {
    for (const [name, w] of waiting) api.listProcesses({ nameContains: name }).then(w.resolve, w.reject);
    waiting.clear();
  };

  const readWhole = () => {
    whole ??= api.listProcesses();
    for (const [name, w] of waiting) whole.then((all) => w.resolve(containing(all, name)), w.reject);
    waiting.clear();
  };

  return {
    getProcess(id) {
      let read = processes.get(id);
      if (!read) {
        read = api.getProcess(id);
        processes.set(id, read);
      }
      return read;
    },
    byName(name) {
      const known = byName.get(name);
      if (known) return known;
      const read = new Promise<readonly ProcessSummary[]>((resolve, reject) => {
        waiting.set(name, { resolve, reject });
      });
      byName.set(name, read);
      if (whole !== undefined || (!flushed && byName.size >= 2)) readWhole();
      else if (flushed) readAlone();
      return read;
    },
    flush() {
      flushed = true;
      if (whole !== undefined || waiting.size === 0) return;
      if (waiting.size >= 2) return readWhole();
      readAlone();
    },
  };
}

function containing(all: readonly ProcessSummary[], name: string): ProcessSummary[] {
  const lower = name.toLowerCase();
  return all.filter((p) => p.name.toLowerCase().includes(lower));
}

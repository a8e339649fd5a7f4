/**
 * Draws review rows (review-model.ts) as aligned lines, for the text plan and, inside a `diff`
 * fence, for the markdown plan:
 *
 *       Kickoff                        sendTask        complete
 *     + Review Q4 financial report     sendTask        assignee=user123 dueDate=2024-12-15   starts at once
 *       Approvals/                     group           serial
 *         CFO sign-off                 sendTask        waiting
 *       ⋮ 2 unchanged
 *       Ad-hoc reconciliation          sendTask        waiting   not in any manifest
 */
import type { ReviewRow } from "./review-model.js";
import type { Style } from "./style.js";
import { argWords, count, expressionWords, jobTitle, plain } from "./words.js";

/** Longest title column, indentation included; longer titles are cut with "…". */
const MAX_TITLE_COLUMN = 44;
const GAP = "   ";

export interface ReviewLineOptions {
  readonly style: Style;
  /** Markdown `diff` fence: the `+` marker in column 0 so GitHub colours the line. */
  readonly diff: boolean;
}

interface Cells {
  readonly marker: "+" | " ";
  readonly depth: number;
  readonly title: string;
  readonly kind: string;
  readonly details: string;
  /** Lines under the row: the fields a template computed, with their expressions. */
  readonly notes?: readonly string[];
}

function statusWords(status: string | undefined): string {
  return status === undefined ? "(no status)" : plain(status, 20);
}

function cells(row: ReviewRow): Cells | string {
  const indent = row.depth * 2;
  const titleRoom = Math.max(8, MAX_TITLE_COLUMN - indent);
  switch (row.kind) {
    case "new": {
      const title = jobTitle(row.job);
      const args = argWords(row.job).join(" ");
      const details = [args, row.job.startsAtOnce ? "starts at once" : ""].filter((p) => p !== "").join(GAP);
      const shown = title === undefined ? "(untitled)" : plain(title, titleRoom);
      const place = row.job.source.place ? [`from ${plain(row.job.source.place, 80)}`] : [];
      const computed = expressionWords(row.job);
      const notes = computed.length > 0 ? [...computed, ...place] : [];
      return { marker: "+", depth: row.depth, title: shown, kind: row.job.action, details, notes };
    }
    case "live": {
      const notes = [statusWords(row.job.status)];
      if (row.unmanaged) notes.push("not in any manifest");
      if (row.duplicate) notes.push("duplicate");
      if (row.job.generated) notes.push("generated");
      const title = plain(row.job.title, titleRoom);
      return {
        marker: " ",
        depth: row.depth,
        title,
        kind: plain(row.job.action, 24),
        details: notes.join(GAP),
      };
    }
    case "group": {
      const order = row.group.parallel ? "parallel" : "serial";
      const status = row.group.status === "running" ? "" : `  ${statusWords(row.group.status)}`;
      const title = `${plain(row.group.name, titleRoom - 1)}/`;
      return { marker: " ", depth: row.depth, title, kind: "group", details: `${order}${status}` };
    }
    case "fold": {
      const unmanaged = row.unmanaged > 0 ? ` (${row.unmanaged} not in any manifest)` : "";
      return `${"  ".repeat(row.depth)}⋮ ${row.count} unchanged${unmanaged}`;
    }
  }
}

const width = (text: string): number => Array.from(text).length;
const pad = (text: string, to: number): string => text + " ".repeat(Math.max(0, to - width(text)));

/** One line per row, columns aligned across the run; no trailing spaces. */
export function reviewLines(rows: readonly ReviewRow[], options: ReviewLineOptions): string[] {
  const { style, diff } = options;
  const all = rows.map(cells);
  const table = all.filter((c): c is Cells => typeof c !== "string");
  const titleWidth = Math.max(0, ...table.map((c) => c.depth * 2 + width(c.title)));
  const kindWidth = Math.max(0, ...table.map((c) => width(c.kind)));
  const lead = (marker: "+" | " "): string => (diff ? `${marker} ` : `    ${marker} `);
  return all.flatMap((c) => {
    if (typeof c === "string") return [style.dim(`${lead(" ")}${c}`)];
    const title = pad(`${"  ".repeat(c.depth)}${c.title}`, titleWidth);
    const line = `${lead(c.marker)}${title}${GAP}${pad(c.kind, kindWidth)}${GAP}${c.details}`.trimEnd();
    const notes = (c.notes ?? []).map((n) => style.dim(`${lead(" ")}${"  ".repeat(c.depth + 1)}${n}`));
    return [c.marker === "+" ? style.green(line) : line, ...notes];
  });
}

/** `4 to create in 3 requests`, for the run header. */
export function runChangeWords(creates: number, requests: number): string {
  return `${creates} to create in ${count(requests, "request")}`;
}

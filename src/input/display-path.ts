import path from "node:path";

/** `file` as shown to the user: relative to cwd (`../x` when outside it), forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  const shown = relative === "" || path.isAbsolute(relative) ? file : relative;
  return shown.split(path.sep).join("/");
}

// A file the command was given that cannot be read, in words: Node says "ENOENT: no such file or
// directory, open '…'" or, for a folder, "EISDIR: illegal operation on a directory, read" (no path).

/** What is wrong with the file behind a Node file-system error, or null for any other error. */
export function fileProblem(err: unknown): string | null {
  const { code, path } = (err ?? {}) as { code?: string; path?: string };
  const file = path ?? "the file given";
  if (code === "ENOENT") return `there is no file ${file}`;
  if (code === "EISDIR") return `${file === "the file given" ? "the path given" : file} is a folder, not a file`;
  if (code === "EACCES" || code === "EPERM") return `${file} cannot be read (no permission)`;
  return null;
}

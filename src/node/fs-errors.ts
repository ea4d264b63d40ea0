/** Plain words for the Node fs errors a user can cause (a missing file, a read-only place, ...). */

const WORDS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  ENOENT: "no such file",
  ENOTDIR: "not a directory",
  EISDIR: "is a directory",
  EEXIST: "already exists",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large",
  ENAMETOOLONG: "file name too long",
  ENOTEMPTY: "directory not empty",
};

/** The error's code ("ENOENT"), or its message when it has none. */
export function fsErrorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code) return code;
  return error instanceof Error ? error.message : String(error);
}

/** Plain words for a Node fs error ("no such file"), or its code when there are none. */
export function fsErrorWords(error: unknown): string {
  const code = fsErrorCode(error);
  return WORDS[code] ?? code;
}

/** "CODE (words)" for a Node fs error, e.g. "ENOENT (no such file)". */
export function fsErrorReason(error: unknown): string {
  const code = fsErrorCode(error);
  return WORDS[code] ? `${code} (${WORDS[code]})` : code;
}

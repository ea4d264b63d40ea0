/** Every `@see` in src/ that names a relative file path names a file that exists. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** A word that reads as a file path: no scheme, ends in a known extension, maybe an #anchor. */
const PATH_LIKE = /^[\w./-]+\.(?:md|ts|js|json|csv|txt|html|log)(?:#[\w.-]*)?$/;

/** The file paths named on the `@see` lines of `text`, anchors and trailing punctuation stripped. */
function seePaths(text: string): { line: number; path: string }[] {
  const found: { line: number; path: string }[] = [];
  text.split("\n").forEach((line, i) => {
    const at = line.indexOf("@see ");
    if (at < 0) return;
    const rest = line.slice(at + 5).replace(/\*\/.*$/, "");
    for (const raw of rest.split(/\s+/)) {
      const word = raw.replace(/^[("'`]+/, "").replace(/[)"'`,;:.]+$/, "");
      if (word.includes("://") || !PATH_LIKE.test(word)) continue;
      found.push({ line: i + 1, path: word.replace(/#.*$/, "") });
    }
  });
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.(ts|js)$/.test(name))
    .map((name) => join(dir, name));
}

describe("@see links in src/", () => {
  it("finds paths on @see lines and nothing else", () => {
    const text = [
      " * @see ../../docs/sources.md section 2 (CRII, S)",
      " * @see https://www.iana.org/assignments/x.html and (../a/b.ts#anchor).",
      " * not a see line: ../nowhere.md",
      " * @see Zou, Gong, Towsley 2002, s.2 */ ../after-comment.md",
    ].join("\n");
    expect(seePaths(text)).toEqual([
      { line: 1, path: "../../docs/sources.md" },
      { line: 2, path: "../a/b.ts" },
    ]);
  });

  it("resolve from the file that names them", () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of sourceFiles(join(ROOT, "src"))) {
      for (const { line, path } of seePaths(readFileSync(file, "utf8"))) {
        checked++;
        if (!existsSync(resolve(dirname(file), path))) {
          broken.push(`${relative(ROOT, file)}:${line}: ${path}`);
        }
      }
    }
    expect(broken).toEqual([]);
    // The fact sheet alone is cited from a dozen files: an empty scan means the scan is broken.
    expect(checked).toBeGreaterThan(10);
  });
});

import { describe, expect, it } from "vitest";
import { printable, printableLines } from "./terminal-text.ts";

describe("terminal text (issue 15: no terminal escapes from user input)", () => {
  it("printable drops C0 controls (line feeds too), DEL and C1 controls", () => {
    expect(printable("a\u001b[2Jb\u001b]0;title\u0007c\nd\u009b31m\u007f")).toBe(
      "a[2Jb]0;titlecd31m",
    );
    expect(printable("é ü 中 \u00a0")).toBe("é ü 中 \u00a0");
  });

  it("printableLines keeps line feeds and drops every other control character", () => {
    expect(printableLines("one\u001b[2J\r\ntwo\u0000\tthree\u0085\n")).toBe("one[2J\ntwothree\n");
  });
});

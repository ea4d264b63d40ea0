import { describe, expect, it } from "vitest";
import { printable } from "./summary-table.ts";

describe("printable (issue 15: no terminal escapes from user input)", () => {
  it("drops C0 controls, DEL and C1 controls, and keeps the rest", () => {
    expect(printable("a\u001b[2Jb\u001b]0;title\u0007c")).toBe("a[2Jb]0;titlec");
    expect(printable("x\u009b31my\u0085\u007f\t\r\nz\u0000")).toBe("x31myz");
    expect(printable("Code Red v2, 10x rate: é ü 中 \u00a0")).toBe(
      "Code Red v2, 10x rate: é ü 中 \u00a0",
    );
  });
});

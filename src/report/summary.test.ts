import { describe, expect, it } from "vitest";
import { formatBlock } from "./observer-summary.ts";

describe("observer blocks in summaries", () => {
  it("shows IPv4 blocks as they are and scaled blocks as the IPv4 block they stand for", () => {
    expect(formatBlock({ base: (44 << 24) >>> 0, bits: 8 }, 32)).toBe("44.0.0.0/8");
    // 44/8 in a 20-bit space is the 32-bit block 0.2.192.0/20.
    expect(formatBlock({ base: 44 << 12, bits: 20 }, 20)).toBe("44.0.0.0/8 (20-bit space)");
    expect(formatBlock({ base: (130 << 12) | (107 << 4), bits: 28 }, 20)).toBe(
      "130.107.0.0/16 (20-bit space)",
    );
  });
});

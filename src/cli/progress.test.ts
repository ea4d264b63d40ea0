import { describe, expect, it } from "vitest";
import { formatBytesProgress } from "./progress.ts";

describe("formatBytesProgress", () => {
  it("shows bytes of the total, the percentage, MB/s and the ETA", () => {
    expect(
      formatBytesProgress({
        name: "access_log",
        bytesRead: 52_400_000,
        totalBytes: 172_400_000,
        seconds: 0.25,
      }),
    ).toBe("access_log  52.4/172.4 MB  30%  210 MB/s  ETA 0:01");
    expect(
      formatBytesProgress({ name: "big.log", bytesRead: 1e9, totalBytes: 1e11, seconds: 10 }),
    ).toBe("big.log  1000.0/100000.0 MB  1%  100 MB/s  ETA 16:30");
  });

  it("shows bytes and rate only when the size is unknown (standard input, a pipe)", () => {
    expect(
      formatBytesProgress({ name: "(stdin)", bytesRead: 3_000_000, totalBytes: 0, seconds: 2 }),
    ).toBe("(stdin)  3.0 MB  2 MB/s");
  });

  it("shows -- before any time has passed, and caps at the total", () => {
    expect(formatBytesProgress({ name: "a", bytesRead: 0, totalBytes: 100, seconds: 0 })).toBe(
      "a  0.0/0.0 MB  0%  -- MB/s  ETA --",
    );
    expect(
      formatBytesProgress({ name: "a", bytesRead: 2_000_000, totalBytes: 1_000_000, seconds: 1 }),
    ).toBe("a  1.0/1.0 MB  100%  2 MB/s  ETA 0:00");
  });
});

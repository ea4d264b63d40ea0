import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { Command } from "@commander-js/extra-typings";
import { realLog, tempDir } from "../../../test/support/analyze-test-helpers.ts";
import type { AnalyzeSummary } from "../../analysis/report/summary.ts";
import { UserInputError } from "../../core/errors.ts";
import { register } from "./analyze.ts";

const BIN = fileURLToPath(new URL("../../../bin/wormscope.js", import.meta.url));

function cli(args: string[], input?: Buffer) {
  const r = spawnSync(process.execPath, [BIN, "analyze", ...args], {
    input,
    encoding: "utf8",
    env: { ...process.env, TZ: "UTC" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const STACK = /\n\s+at .+:\d+:\d+/;

describe("analyze options (in process)", () => {
  it("rejects a bad --server-ip or --probes-per-second as a UserInputError (exit 2)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.log"), "x\n");
    for (const args of [
      ["--server-ip", "300.1.2.3"],
      ["--server-ip", "::1"],
      ["--probes-per-second", "-1"],
    ]) {
      const program = new Command();
      register(program);
      const run = program.parseAsync(["analyze", join(dir, "a.log"), ...args], { from: "user" });
      await expect(run).rejects.toBeInstanceOf(UserInputError);
      await expect(run).rejects.toMatchObject({ exitCode: 2 });
      await expect(run).rejects.toThrow(/^--/);
    }
  });
});

describe("wormscope analyze (CLI)", () => {
  it("prints schema-1 JSON and writes CSV and HTML for the real logs", () => {
    const dir = tempDir();
    const r = cli([
      realLog("codered-2001-lines.log"),
      realLog("twiki-2004-access.log"),
      realLog("apache-error-2001.log"),
      "--json",
      "--server-ip",
      "211.218.1.1",
      "--csv",
      join(dir, "csv"),
      "--html",
      join(dir, "report.html"),
    ]);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as AnalyzeSummary;
    expect(s.schema).toBe(1);
    expect(s.files.map((f) => f.format)).toEqual(["combined", "common", "apache-error"]);
    expect(s.requests.crv1v2).toBe(2);
    expect(s.locality?.crv1v2).toEqual({ same16: 1, same8: 0, elsewhere: 1, unknown: 0 });
    expect(readFileSync(join(dir, "csv", "sources.csv"), "utf8")).toContain(
      "211.218.252.9,2001-08-02T10:01:38.000Z",
    );
    expect(existsSync(join(dir, "csv", "hourly.csv"))).toBe(true);
    expect(readFileSync(join(dir, "report.html"), "utf8")).toContain("<svg");
  });

  it("keeps partial results of a truncated gzip from stdin, says so, and exits 1", () => {
    const log = readFileSync(realLog("twiki-2004-access.log"));
    const gz = gzipSync(log);
    const r = cli(["-"], gz.subarray(0, Math.floor(gz.length * 0.6)));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\(stdin\)/);
    expect(r.stderr).toMatch(/wormscope: \(stdin\): truncated gzip stream/);
    expect(r.stderr).not.toMatch(STACK);
  });

  it("rejects a missing file and an unknown option with exit 2 and no stack trace", () => {
    const missing = cli(["/nonexistent/access.log"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read \/nonexistent\/access.log: no such file/);
    expect(missing.stderr).not.toMatch(STACK);
    const dir = tempDir();
    writeFileSync(join(dir, "a.log"), "x\n");
    const unknown = cli([join(dir, "a.log"), "--no-such-option"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option/);
  });
});

describe("wormscope analyze: estimates beyond the address space", () => {
  it("--probes-per-second 0.000001 clamps to 2^32 hosts and warns on stderr and in the JSON", () => {
    const r = cli([realLog("codered-2001-lines.log"), "--json", "--probes-per-second", "0.000001"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^wormscope: warning: estimate exceeds the IPv4 address space/m);
    const summary = JSON.parse(r.stdout) as AnalyzeSummary;
    expect(summary.estimate.crv1v2.hosts).toBe(2 ** 32);
    expect(summary.estimate.crv1v2.hostsHigh).toBe(2 ** 32);
    expect(summary.estimate.warnings).toHaveLength(1);
  });
});

describe("wormscope analyze: unknown link types", () => {
  it("names the file, the link type and the packets skipped on stderr and in the JSON", () => {
    const dir = tempDir();
    const path = join(dir, "user0.pcap");
    // a classic pcap header with link type 147 (USER0) and one 4-byte record
    const b = Buffer.alloc(24 + 16 + 4);
    b.writeUInt32LE(0xa1b2c3d4, 0);
    b.writeUInt16LE(2, 4);
    b.writeUInt16LE(4, 6);
    b.writeUInt32LE(65535, 16);
    b.writeUInt32LE(147, 20);
    b.writeUInt32LE(4, 32);
    b.writeUInt32LE(4, 36);
    writeFileSync(path, b);
    const r = cli([path, "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`wormscope: warning: ${path}: 1 packet of link type 147 skipped`);
    const summary = JSON.parse(r.stdout) as AnalyzeSummary;
    expect(summary.files[0].unknownLinkTypes).toEqual([{ linkType: 147, packets: 1 }]);
  });
});

describe("wormscope analyze: control characters in file names (issue 15)", () => {
  it("prints none on stdout or stderr: table, warnings and read errors", () => {
    const dir = tempDir();
    const evil = "\u001b[2J\u001b]0;pwned\u0007";
    // a pcap of link type 147 (a warning) and a truncated gzip (an error), both with hostile names
    const b = Buffer.alloc(24 + 16 + 4);
    b.writeUInt32LE(0xa1b2c3d4, 0);
    b.writeUInt16LE(2, 4);
    b.writeUInt16LE(4, 6);
    b.writeUInt32LE(65535, 16);
    b.writeUInt32LE(147, 20);
    b.writeUInt32LE(4, 32);
    b.writeUInt32LE(4, 36);
    const pcap = join(dir, `${evil}user0.pcap`);
    writeFileSync(pcap, b);
    const gz = gzipSync(readFileSync(realLog("twiki-2004-access.log")));
    const cut = join(dir, `${evil}cut\u009b31m.log.gz`);
    writeFileSync(cut, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const r = cli([pcap, cut]);
    expect(r.code).toBe(1);
    const control = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
    expect(r.stdout).not.toMatch(control);
    expect(r.stderr).not.toMatch(control);
    expect(r.stdout).toContain("[2J]0;pwneduser0.pcap");
    expect(r.stderr).toContain("[2J]0;pwneduser0.pcap: 1 packet of link type 147 skipped");
    expect(r.stderr).toMatch(/\[2J\]0;pwnedcut31m\.log\.gz: truncated gzip stream/);
  });
});

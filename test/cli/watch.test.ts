/**
 * `wormscope watch`: early warning on simulate's own time series, and a bad row named by its line;
 * on logs and captures: the same scanners as a Zeek conn.log (Zeek 6.0's field layout), as a
 * firewall log (netfilter LOG records) and as an Apache log of Code Red requests give the same
 * series and alarm, and background alone gives none.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRng } from "../../src/core/rng.ts";
import { formatIpv4 } from "../../src/net/ipv4.ts";
import { realCodeRedLines } from "../support/analyze-test-helpers.ts";
import { runCli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "wormscope-watch-"));
afterAll(() => (process.env.KEEP ? undefined : rmSync(dir, { recursive: true, force: true })));

describe("wormscope watch", () => {
  it("detects the outbreak in simulate's timeseries.csv, and names the line of a bad row", () => {
    const out = join(dir, "sim");
    expect(runCli(["simulate", "--out", out]).status).toBe(0);
    const r = runCli(["watch", join(out, "timeseries.csv"), "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const w = JSON.parse(r.stdout) as {
      detected: boolean;
      detectedAt: string;
      column: string;
      rate95: [number, number];
    };
    expect(w.column).toBe("telescope_uniqueSourcesSoFar");
    expect(w.detected).toBe(true);
    expect(Date.parse(w.detectedAt)).toBeLessThan(Date.parse("2001-07-19T17:00:00Z"));
    expect(w.rate95[0]).toBeGreaterThan(0.3);
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "time,count\n2001-07-19T10:00:00Z,1\n2001-07-19T10:01:00Z,x\n");
    const b = runCli(["watch", bad]);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain("line 3: count: not a count");
  });

  describe("on logs and captures", () => {
    const start = Date.parse("2001-07-19T10:00:00Z") / 1000;
    /**
     * Scanners, one first scan each: an epidemic growing as 2 e^{K t} with K = 1.2/h (about
     * jul19-2001's) from 10:00 to 15:00, and a background of one new scanner a minute, at times
     * drawn from a fixed seed.
     */
    function scanners(epidemic: boolean): { address: number; seconds: number }[] {
      const rng = createRng(20010719);
      const out: { address: number; seconds: number }[] = [];
      const minutes = 300;
      for (let m = 0; m < minutes; m++) {
        const seconds = () => start + m * 60 + rng.next() * 60;
        out.push({ address: rng.int(2 ** 32), seconds: seconds() });
        if (!epidemic) continue;
        const grown = (k: number) => Math.floor(2 * Math.exp((1.2 * k) / 60));
        for (let i = grown(m); i < grown(m + 1); i++)
          out.push({ address: rng.int(2 ** 32), seconds: seconds() });
      }
      return out.sort((a, b) => a.seconds - b.seconds);
    }
    const CONN_FIELDS =
      "ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto service duration orig_bytes resp_bytes conn_state local_orig local_resp missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes tunnel_parents";
    const CONN_TYPES =
      "time string addr port addr port enum string interval count count string bool bool count string count count count count set[string]";
    function connLog(path: string, list: { address: number; seconds: number }[]): void {
      const lines = [
        "#separator \\x09",
        "#set_separator\t,",
        "#empty_field\t(empty)",
        "#unset_field\t-",
        "#path\tconn",
        "#open\t2001-07-19-10-00-00",
        `#fields\t${CONN_FIELDS.split(" ").join("\t")}`,
        `#types\t${CONN_TYPES.split(" ").join("\t")}`,
        ...list.map((s, k) =>
          [
            s.seconds.toFixed(6),
            `C${k}`,
            formatIpv4(s.address),
            1025 + (k % 4000),
            "192.0.2.80",
            80,
            "tcp",
            "-",
            "-",
            "-",
            "-",
            "S0",
            "-",
            "-",
            0,
            "S",
            1,
            48,
            0,
            0,
            "-",
          ].join("\t"),
        ),
        "#close\t2001-07-19-15-00-00",
      ];
      writeFileSync(path, lines.join("\n") + "\n");
    }
    function apacheLog(path: string, list: { address: number; seconds: number }[]): void {
      // The real 2001 line, with each scanner's address and time.
      const real = realCodeRedLines()[0];
      const request = real.slice(real.indexOf('"'));
      const months = [
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
      ];
      const stamp = (s: number) => {
        const d = new Date(Math.floor(s) * 1000);
        const p = (n: number) => String(n).padStart(2, "0");
        return `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
      };
      writeFileSync(
        path,
        list
          .map((s) => `${formatIpv4(s.address)} - - [${stamp(s.seconds)}] ${request}`)
          .join("\n") + "\n",
      );
    }
    function firewallLog(path: string, list: { address: number; seconds: number }[]): void {
      // netfilter's LOG target through rsyslog's RSYSLOG_FileFormat (ISO 8601 times)
      const line = (s: { address: number; seconds: number }, k: number) =>
        `${new Date(s.seconds * 1000).toISOString().replace("Z", "+00:00")} gw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=${formatIpv4(s.address)} DST=192.0.2.80 LEN=48 TOS=0x00 PREC=0x00 TTL=113 ID=${k % 65536} DF PROTO=TCP SPT=${1025 + (k % 4000)} DPT=80 WINDOW=8192 RES=0x00 SYN URGP=0`;
      writeFileSync(path, list.map(line).join("\n") + "\n");
    }
    interface Watched {
      column: string;
      detected: boolean;
      detectedAt: string | null;
      countAtDetection: number | null;
      ratePerHour: number;
      rate95: [number, number];
    }
    const watch = (...files: string[]): Watched => {
      const r = runCli(["watch", ...files, "--json"]);
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as Watched;
    };

    it("a conn.log, a firewall log and an Apache log of the same scanners raise the same alarm, with K's interval on 1.2/h", () => {
      const list = scanners(true);
      connLog(join(dir, "conn.log"), list);
      apacheLog(join(dir, "access.log"), list);
      const conn = watch(join(dir, "conn.log"));
      const apache = watch(join(dir, "access.log"));
      expect(conn.column).toBe("scanningSourcesSoFar");
      expect(conn.detected).toBe(true);
      // The worm passes the background (60 new scanners an hour) near 14:00; the data end at 15:00.
      expect(Date.parse(conn.detectedAt!)).toBeLessThan(Date.parse("2001-07-19T15:00:00Z"));
      expect(conn.rate95[0]).toBeLessThan(1.2);
      expect(conn.rate95[1]).toBeGreaterThan(1.2);
      // Apache times are whole seconds, which keeps each scan in its minute: the same series.
      expect(apache.detectedAt).toBe(conn.detectedAt);
      expect(apache.countAtDetection).toBe(conn.countAtDetection);
      firewallLog(join(dir, "firewall.log"), list);
      const firewall = watch(join(dir, "firewall.log"));
      expect(firewall.detectedAt).toBe(conn.detectedAt);
      expect(firewall.countAtDetection).toBe(conn.countAtDetection);
      // Read together (the same scanners twice), the series is the same: a source counts once.
      expect(watch(join(dir, "conn.log"), join(dir, "access.log")).detectedAt).toBe(
        conn.detectedAt,
      );
    });

    it("background scanners alone raise no alarm; a CSV goes alone", () => {
      connLog(join(dir, "background.log"), scanners(false));
      expect(watch(join(dir, "background.log")).detected).toBe(false);
      const mixed = runCli(["watch", join(dir, "background.log"), join(dir, "x.csv")]);
      expect(mixed.status).toBe(2);
      expect(mixed.stderr).toContain("a CSV series is watched alone");
      writeFileSync(join(dir, "empty.log"), "");
      const none = runCli(["watch", join(dir, "empty.log")]);
      expect(none.status).toBe(2);
      expect(none.stderr).toContain("no timed scan");
    });
  });
});

import { describe, expect, it } from "vitest";
import { InputReader } from "../input-reader.ts";
import { summarize } from "../report/summary.ts";
import { Tally } from "../tally/tally.ts";
import { parseIpv4 } from "../bytes.ts";

function read(text: string) {
  const tally = new Tally();
  const file = tally.openFile("fw.log");
  const reader = new InputReader(tally, file);
  reader.push(Buffer.from(text, "latin1"));
  reader.end();
  return { tally, file, summary: summarize(tally) };
}

const ip = (s: string) => parseIpv4(Buffer.from(s), 0, s.length);

/** netfilter's LOG line as the kernel writes it, after a syslog time and host. */
const record = (time: string, src: string, rest: string) =>
  `${time} gw kernel: [UFW BLOCK] IN=eth0 OUT= MAC=00:16:3e:00:00:01:00:16:3e:00:00:02:08:00 SRC=${src} DST=198.51.100.1 LEN=48 TOS=0x00 PREC=0x00 TTL=113 ID=6204 DF ${rest}`;

describe("firewall logs (netfilter LOG records)", () => {
  it("counts TCP SYNs to port 80 per source, timed when syslog gives ISO 8601", () => {
    const { tally, file, summary } = read(
      [
        record(
          "2001-07-19T16:00:01+00:00",
          "192.0.2.7",
          "PROTO=TCP SPT=3456 DPT=80 WINDOW=8192 RES=0x00 SYN URGP=0",
        ),
        record(
          "2001-07-19T16:00:04.250000+00:00",
          "192.0.2.7",
          "PROTO=TCP SPT=3456 DPT=80 WINDOW=8192 RES=0x00 SYN URGP=0",
        ),
        record(
          "2001-07-19T17:00:00+01:00",
          "192.0.2.8",
          "PROTO=TCP SPT=1025 DPT=80 WINDOW=8192 RES=0x00 SYN URGP=0",
        ),
        // not scans of port 80: an ACK, another port, UDP
        record(
          "2001-07-19T16:01:00+00:00",
          "192.0.2.9",
          "PROTO=TCP SPT=80 DPT=80 WINDOW=8192 RES=0x00 ACK SYN URGP=0",
        ),
        record(
          "2001-07-19T16:02:00+00:00",
          "192.0.2.10",
          "PROTO=TCP SPT=4000 DPT=8080 WINDOW=8192 RES=0x00 SYN URGP=0",
        ),
        record("2001-07-19T16:03:00+00:00", "192.0.2.11", "PROTO=UDP SPT=1434 DPT=80 LEN=384"),
        // a syslog line that is not a netfilter record
        "2001-07-19T16:04:00+00:00 gw sshd[411]: Accepted publickey for root",
      ].join("\n") + "\n",
    );
    expect(file.format).toBe("netfilter");
    expect(file.syn80Packets).toBe(3);
    expect([...tally.syn80BySource]).toEqual([
      [ip("192.0.2.7"), 2],
      [ip("192.0.2.8"), 1],
    ]);
    expect(tally.firstScanSeconds.get(ip("192.0.2.7"))).toBe(
      Date.parse("2001-07-19T16:00:01Z") / 1000,
    );
    expect(tally.firstScanSeconds.get(ip("192.0.2.8"))).toBe(
      Date.parse("2001-07-19T16:00:00Z") / 1000,
    );
    expect(file.malformed).toBe(1);
    expect(summary.syn80.sources).toBe(2);
    expect(file.untimedSyslog).toBe(false);
  });

  it("counts traditional syslog records without a time (they have no year)", () => {
    const { tally, file } = read(
      record(
        "Jul 19 16:00:01",
        "192.0.2.7",
        "PROTO=TCP SPT=3456 DPT=80 WINDOW=8192 RES=0x00 SYN URGP=0",
      ) +
        "\n" +
        record(
          "Jul  9 06:00:01",
          "192.0.2.8",
          "PROTO=TCP SPT=3456 DPT=80 WINDOW=8192 RES=0x00 SYN URGP=0",
        ) +
        "\n",
    );
    expect(file.format).toBe("netfilter");
    expect(file.syn80Packets).toBe(2);
    expect(tally.firstScanSeconds.size).toBe(0);
    expect(file.untimedSyslog).toBe(true);
  });

  it("leaves access logs alone, hosts named like months included", () => {
    const { file } = read(
      'Jul.example.org - - [19/Jul/2001:16:00:01 +0000] "GET / HTTP/1.0" 200 100\n' +
        '2001:db8::1 - - [19/Jul/2001:16:00:01 +0000] "GET / HTTP/1.0" 200 100\n',
    );
    expect(file.format).toBe("common");
    expect(file.malformed).toBe(0);
  });
});

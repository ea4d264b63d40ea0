import { describe, expect, it } from "vitest";
import { UserInputError } from "../core/errors.ts";
import { HOST_LIST_MAX_REPORTED_ERRORS, HostListError, parseHostList } from "./host-list.ts";
import { formatIpv4 } from "./ipv4.ts";
import { LOCALE_CHINESE, LOCALE_ENGLISH, OS_NT4_IIS4, OS_WIN2000_IIS5 } from "./population.ts";

const errorOf = (text: string): string => {
  try {
    parseHostList(text, "hosts.csv");
  } catch (error) {
    expect(error).toBeInstanceOf(UserInputError);
    return (error as Error).message;
  }
  throw new Error("expected a UserInputError");
};

describe("parseHostList: plain lists", () => {
  it("reads one address per line, skipping blanks and comments, sorted", () => {
    const pop = parseHostList(
      "# vulnerable servers\r\n211.218.252.9\r\n\r\n  193.255.201.85  # from the log\r\n10.0.0.1\r\n",
      "hosts.txt",
    );
    expect(Array.from(pop.addresses, formatIpv4)).toEqual([
      "10.0.0.1",
      "193.255.201.85",
      "211.218.252.9",
    ]);
    expect(pop.size).toBe(3);
    expect(pop.countries).toEqual(["unknown"]);
    expect(Array.from(pop.locale)).toEqual([LOCALE_ENGLISH, LOCALE_ENGLISH, LOCALE_ENGLISH]);
    expect(Array.from(pop.os)).toEqual([OS_WIN2000_IIS5, OS_WIN2000_IIS5, OS_WIN2000_IIS5]);
    expect(pop.source).toBe("hosts.txt");
  });

  it("estimates live addresses per occupied /16 and none elsewhere", () => {
    const pop = parseHostList("1.2.3.4\n1.2.3.5\n9.9.9.9\n", "h", {
      liveAddressesPerHost: 10,
      liveAddressesBasePer16: 100,
    });
    expect(pop.liveAddressesPer16[0x0102]).toBe(120);
    expect(pop.liveAddressesPer16[0x0909]).toBe(110);
    expect(pop.liveAddressesPer16.reduce((a, b) => a + b, 0)).toBe(230);
  });

  it("reports bad addresses by line", () => {
    const message = errorOf("1.2.3.4\n1.2.3\n\n256.1.1.1\n1.2.3.4,US\n");
    expect(message).toContain("hosts.csv: 3 bad rows in host list:");
    expect(message).toContain('hosts.csv:2: address: "1.2.3" is not a dotted quad');
    expect(message).toContain("hosts.csv:4: address:");
    expect(message).toContain("above 255");
    expect(message).toContain('hosts.csv:5: address: "1.2.3.4,US"');
    expect(message).toContain('start with a header line naming "address"');
  });

  it("rejects duplicates with both line numbers", () => {
    expect(errorOf("5.6.7.8\n1.2.3.4\n5.6.7.8\n")).toContain(
      "hosts.csv:3: address: duplicate of line 1",
    );
  });

  it("lists at most 10 bad rows", () => {
    const message = errorOf(Array.from({ length: 25 }, (_, i) => `bad${i}`).join("\n"));
    expect(message.split("\n")).toHaveLength(12);
    expect(message).toContain("25 bad rows");
    expect(message).toContain("hosts.csv:10: address");
    expect(message).not.toContain("hosts.csv:11: address");
    expect(message).toContain("... and 15 more");
  });

  it("rejects an empty list", () => {
    expect(errorOf("# nothing\n\n")).toContain("no host addresses found");
  });
});

describe("parseHostList: CSV", () => {
  it("reads attribute columns in any order and case", () => {
    const pop = parseHostList(
      [
        "\ufeff# exported",
        "Country,IP,Locale,OS,Patched,comment",
        'cn,211.1.1.1,Chinese,NT4-IIS4,true,"a, b"',
        "US,4.4.4.4,english,win2000-iis5,0,",
        ",130.107.1.1,,,,",
        "",
        'other,62.1.1.1,other,,1,"multi',
        'line"',
        "# done",
      ].join("\r\n"),
      "hosts.csv",
    );
    expect(Array.from(pop.addresses, formatIpv4)).toEqual([
      "4.4.4.4",
      "62.1.1.1",
      "130.107.1.1",
      "211.1.1.1",
    ]);
    expect(pop.countries).toEqual(["CN", "US", "other", "unknown"]);
    expect(Array.from(pop.country, (c) => pop.countries[c])).toEqual([
      "US",
      "other",
      "unknown",
      "CN",
    ]);
    expect(pop.locale[3]).toBe(LOCALE_CHINESE);
    expect(pop.os[3]).toBe(OS_NT4_IIS4);
    expect(Array.from(pop.patched)).toEqual([0, 1, 0, 1]);
  });

  it("reports bad fields by line and field", () => {
    const message = errorOf(
      [
        "address,country,locale,os,patched",
        "1.1.1.1,USA,english,win2000-iis5,0",
        "2.2.2.2,US,klingon,win2000-iis5,0",
        "3.3.3.3,US,english,win95,0",
        "4.4.4.4,US,english,nt4-iis4,maybe",
        "5.5.5.5,US",
        "5.5.5.5.5,US,english,nt4-iis4,0",
        "6.6.6.6,US,english,nt4-iis4,0",
        "6.6.6.6,KR,english,nt4-iis4,0",
      ].join("\n"),
    );
    expect(message).toContain('hosts.csv:2: country: "USA" is not a 2-letter');
    expect(message).toContain(
      'hosts.csv:3: locale: "klingon" is not one of english, chinese, other',
    );
    expect(message).toContain('hosts.csv:4: os: "win95"');
    expect(message).toContain('hosts.csv:5: patched: "maybe"');
    expect(message).toContain("hosts.csv:6: row: 2 fields, header has 5");
    expect(message).toContain('hosts.csv:7: address: "5.5.5.5.5"');
    expect(message).toContain("hosts.csv:9: address: duplicate of line 8");
  });

  it("reports broken quoting and ambiguous headers", () => {
    expect(errorOf('ip\n1.1.1.1\n"2.2.2.2\n')).toContain(
      "hosts.csv:3: csv: unterminated quoted field",
    );
    expect(errorOf("ip,address\n1.1.1.1,1.1.1.1\n")).toContain("hosts.csv:1: ip: give either");
    expect(errorOf("ip,country,country\n1.1.1.1,US,US\n")).toContain("column named twice");
  });

  it("ignores quotes inside comment lines", () => {
    const pop = parseHostList('ip\n# a "quoted" note\n1.1.1.1\n', "h");
    expect(pop.size).toBe(1);
  });
});

describe("parseHostList: bounded, sanitised errors (issue 15)", () => {
  const thrown = (text: string): HostListError => {
    try {
      parseHostList(text, "hosts.csv");
    } catch (error) {
      expect(error).toBeInstanceOf(HostListError);
      return error as HostListError;
    }
    throw new Error("expected a HostListError");
  };

  it("keeps at most 10 messages of 200,000 duplicate rows, and counts them all", () => {
    const error = thrown("1.2.3.4\n".repeat(200_001));
    expect(error.errors.length).toBeLessThanOrEqual(HOST_LIST_MAX_REPORTED_ERRORS);
    expect(error.errorCount).toBe(200_000);
    expect(error.message).toContain("200000 bad rows");
    expect(error.message).toContain("... and 199990 more");
    expect(error.message).toContain("hosts.csv:2: address: duplicate of line 1");
  });

  it("quotes at most 40 characters of an offending field, without control characters", () => {
    const secret = "root:$6$SECRETSECRETSECRETSECRET:TAILPART-NOT-SHOWN:0:99999:7:::";
    const plain = thrown(`${secret}\n\u001b[2Jdaemon\u0007:*:18000\n`).message;
    expect(plain).not.toContain("TAILPART");
    expect(plain).toContain("root:$6$SECRET");
    expect(plain).toContain("[2Jdaemon:*:18000");
    expect(plain).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    const long = "x".repeat(38) + "TAILPART" + "y".repeat(10_000);
    const csv = thrown(`address,country,os\n1.2.3.4,${long},nt\u001b4\n`).message;
    expect(csv).not.toContain("TAILPART");
    expect(csv).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    for (const row of csv.split("\n")) expect(row.length).toBeLessThan(200);
  });
});

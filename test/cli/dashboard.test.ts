import { spawn } from "node:child_process";
import { get } from "node:http";
import { describe, expect, it } from "vitest";
import { BIN, runCli } from "./run-cli.ts";

/** Starts `wormscope dashboard ...args` and resolves with the URL it prints, and the child. */
function startDashboard(args: string[]) {
  const child = spawn(process.execPath, [BIN, "dashboard", ...args], {
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  const url = new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /(http:\/\/\S+\/)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`dashboard exited with ${code}`)));
  });
  return { child, url };
}

function fetchText(url: string): Promise<{ status: number; body: string; csp: string }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          csp: String(res.headers["content-security-policy"]),
        }),
      );
    }).on("error", reject);
  });
}

describe("wormscope dashboard", () => {
  it("serves the built app on loopback and stops on SIGTERM", async () => {
    const { child, url } = startDashboard(["--port", "0"]);
    try {
      const address = await url;
      expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const index = await fetchText(address);
      expect(index.status).toBe(200);
      expect(index.body).toContain("wormscope dashboard");
      expect(index.csp).toContain("default-src 'self'");
      const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("refuses a bad port with exit 2", () => {
    const r = runCli(["dashboard", "--port", "http"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--port: expected a port from 0 to 65535, got "http"');
  });
});

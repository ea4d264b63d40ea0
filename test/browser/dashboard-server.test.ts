import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  resolveInside,
  SECURITY_HEADERS,
  startDashboardServer,
  type DashboardServer,
} from "../../src/node/dashboard-server.ts";

/** A raw request (no URL normalisation by a client library), resolving status, headers and body. */
function get(
  port: number,
  path: string,
  method = "GET",
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("wormscope dashboard server", () => {
  let root: string;
  let server: DashboardServer;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "wormscope-dash-"));
    root = join(dir, "web");
    mkdirSync(join(root, "assets"), { recursive: true });
    writeFileSync(join(root, "index.html"), "<!doctype html><title>t</title>");
    writeFileSync(join(root, "assets", "app.js"), "export {};");
    writeFileSync(join(root, ".hidden"), "secret");
    writeFileSync(join(dir, "outside.txt"), "outside the root");
    symlinkSync(join(dir, "outside.txt"), join(root, "link.txt"));
    server = await startDashboardServer({ root, port: 0 });
  });
  afterAll(() => server.close());

  it("binds to loopback by default", () => {
    const address = server.server.address();
    expect(typeof address === "object" && address?.address).toBe("127.0.0.1");
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it("serves the built files with CSP and no-sniff headers", async () => {
    const index = await get(server.port, "/");
    expect(index.status).toBe(200);
    expect(index.headers["content-type"]).toBe("text/html; charset=utf-8");
    for (const [k, v] of Object.entries(SECURITY_HEADERS))
      expect(index.headers[k.toLowerCase()]).toBe(v);
    expect(String(index.headers["content-security-policy"])).toContain("script-src 'self'");
    const js = await get(server.port, "/assets/app.js");
    expect(js.status).toBe(200);
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(js.headers["x-content-type-options"]).toBe("nosniff");
  });

  it.each([
    "/../outside.txt",
    "/%2e%2e/outside.txt",
    "/assets/..%2f..%2foutside.txt",
    "/assets/%2e%2e/%2e%2e/outside.txt",
    "/..%5coutside.txt",
    "/.hidden",
    "/link.txt",
    "/missing.js",
    "/%00",
    "/%E0%A4%A",
  ])("refuses %s (404, nothing outside the root)", async (path) => {
    const r = await get(server.port, path);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain("outside the root");
    expect(r.body).not.toContain("secret");
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("answers only GET and HEAD", async () => {
    expect((await get(server.port, "/", "POST")).status).toBe(405);
    expect((await get(server.port, "/", "DELETE")).status).toBe(405);
    const head = await get(server.port, "/", "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
  });

  it("resolves paths inside the root only", () => {
    expect(resolveInside(root, "/index.html")).toMatch(/index\.html$/);
    expect(resolveInside(root, "/assets/../index.html")).toBeNull();
    expect(resolveInside(root, "/assets/")).toBeNull();
  });
});

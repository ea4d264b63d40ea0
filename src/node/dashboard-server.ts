/**
 * The static server behind `wormscope dashboard`: serves the built dashboard (dist/web/) and
 * nothing else. It binds to loopback unless told otherwise, answers only GET and HEAD, resolves
 * every path inside its root (a path that leaves it, or names a hidden file, is a 404), and sends
 * a Content-Security-Policy that allows the page's own scripts and workers only, with no-sniff,
 * no-referrer and no framing.
 */
import { createReadStream, existsSync, realpathSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the built dashboard is, from this module in dist/chunks/ or dist/node/ (or src/node/). */
export function dashboardRoot(): string {
  const here = fileURLToPath(new URL(".", import.meta.url));
  for (const candidate of [join(here, "..", "web"), join(here, "..", "..", "dist", "web")]) {
    if (existsSync(join(candidate, "index.html"))) return resolve(candidate);
  }
  return resolve(here, "..", "web");
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
};

/** The headers every answer carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; "),
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** The file a request path names inside `root`, or null (outside it, hidden, or not a file). */
export function resolveInside(root: string, urlPath: string): string | null {
  return locateInside(resolve(root), realpathSync(root), urlPath)?.path ?? null;
}

/**
 * The file a request path names inside `root` (whose real path is `realRoot`, resolved once per
 * server) and its size, or null.
 */
function locateInside(
  root: string,
  realRoot: string,
  urlPath: string,
): { path: string; size: number } | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return null;
  }
  if (path.includes("\0") || path.includes("\\")) return null;
  if (path.endsWith("/")) path += "index.html";
  const parts = path.split("/").filter((p) => p !== "");
  if (parts.some((p) => p === ".." || p === "." || p.startsWith("."))) return null;
  const file = resolve(root, ...parts);
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    // A symbolic link must not lead out of the root either.
    const real = realpathSync(file);
    if (!real.startsWith(realRoot + sep)) return null;
    const stat = statSync(real);
    return stat.isFile() ? { path: real, size: stat.size } : null;
  } catch {
    return null;
  }
}

export interface DashboardServer {
  readonly server: Server;
  readonly url: string;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the server on host:port (port 0: any free port). Rejects when it cannot listen. */
export function startDashboardServer(options: {
  readonly root?: string;
  readonly host?: string;
  readonly port?: number;
}): Promise<DashboardServer> {
  const root = resolve(options.root ?? dashboardRoot());
  const realRoot = realpathSync(root);
  const host = options.host ?? "127.0.0.1";
  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" });
      res.end("method not allowed\n");
      return;
    }
    const file = locateInside(root, realRoot, req.url ?? "/");
    if (!file) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("not found\n");
      return;
    }
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file.path).toLowerCase()] ?? "application/octet-stream",
      "Content-Length": file.size,
      "Cache-Control": file.path.endsWith("index.html") ? "no-cache" : "max-age=3600",
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    createReadStream(file.path)
      .on("error", () => res.destroy())
      .pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : (options.port ?? 0);
      const shown = host.includes(":") ? `[${host}]` : host;
      resolvePromise({
        server,
        host,
        port,
        url: `http://${shown}:${port}/`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

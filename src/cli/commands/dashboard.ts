/**
 * `wormscope dashboard [--port N] [--host 127.0.0.1]`: serves the built dashboard (docs/dashboard.md)
 * until interrupted. Loopback by default; another address only when asked, with a warning.
 */
import { Command } from "@commander-js/extra-typings";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { UserInputError } from "../../core/errors.ts";
import { dashboardRoot, startDashboardServer } from "../../node/dashboard-server.ts";

/** The default port (an unassigned one, unlikely to clash with development servers). */
export const DASHBOARD_PORT = 8431;

function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new UserInputError(`--port: expected a port from 0 to 65535, got "${text}"`);
  }
  return port;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

export function register(program: Command): void {
  program
    .command("dashboard")
    .description("serve the dashboard: the outbreak on the IPv4 map, in your browser")
    .option("--port <n>", `port to listen on (0: any free port)`, String(DASHBOARD_PORT))
    .option("--host <address>", "address to bind (loopback unless you say otherwise)", "127.0.0.1")
    .action(async (opts) => {
      const port = parsePort(opts.port);
      const root = dashboardRoot();
      if (!existsSync(join(root, "index.html"))) {
        throw new UserInputError(
          `dashboard: the built app is missing (${root}); run npm run build first`,
        );
      }
      if (!LOOPBACK.has(opts.host)) {
        process.stderr.write(
          `warning: binding to ${opts.host}: the dashboard is reachable from other machines\n`,
        );
      }
      let running;
      try {
        running = await startDashboardServer({ root, host: opts.host, port });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new UserInputError(
          code === "EADDRINUSE"
            ? `--port: ${port} is in use on ${opts.host}; pick another (or 0 for any free port)`
            : `dashboard: cannot listen on ${opts.host}:${port}: ${(error as Error).message}`,
        );
      }
      process.stdout.write(`wormscope dashboard: ${running.url} (Ctrl-C to stop)\n`);
      const stop = () => {
        void running.close().then(() => process.exit(0));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A PRIVATE PostgreSQL cluster for fault tests: initdb in a temporary directory, its own port and socket directory,
 * started and stopped by the test. It never touches the machine's PostgreSQL (port 5432). initdb refuses to run as
 * root, so as root every command runs as the `postgres` user (runuser), which then owns the directory.
 */
export interface PrivateCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust authentication, local only). */
  url: string;
  port: number;
  dataDir: string;
  /** pg_ctl stop; `immediate` is a crash (no checkpoint, recovery from the WAL on the next start). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** pg_ctl start, waiting until it accepts connections. */
  start(): Promise<void>;
  /** Stops the server (if running) and removes the directory. */
  destroy(): Promise<void>;
}

/** The directory with initdb and pg_ctl, or null when PostgreSQL's server binaries are not installed. */
export function postgresBinDir(): string | null {
  const fromEnv = process.env.PG_BIN_DIR;
  const candidates = fromEnv ? [fromEnv] : [];
  try {
    const versions = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => `/usr/lib/postgresql/${version}/bin`));
  } catch {
    // not a Debian layout
  }
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) ?? null;
}

const isRoot = () => process.getuid?.() === 0;

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Starts a new cluster on the first free port from `preferredPort` (5498 by default; never 5432). */
export async function startPrivateCluster(options: { preferredPort?: number } = {}): Promise<PrivateCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found');
  let port = options.preferredPort ?? 5498;
  while (port === 5432 || !(await portIsFree(port))) port++;

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kundeweb-ops-pg-'));
  if (isRoot()) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    fs.chownSync(dataDir, Number(stdout.trim()), Number(gid.trim()));
  }
  const as = (command: string, args: string[]) =>
    isRoot() ? run('runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args]) : run(path.join(bin, command), args);

  await as('initdb', ['-D', path.join(dataDir, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const serverOptions = [
    `-p ${port}`,
    `-k ${dataDir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=40',
    '-c shared_buffers=16MB',
    // durability as in production: fsync and synchronous commit stay on (the test checks nothing acknowledged is lost)
  ].join(' ');
  const logFile = path.join(dataDir, 'server.log');
  let running = false;
  const cluster: PrivateCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    async start() {
      await as('pg_ctl', ['-D', path.join(dataDir, 'data'), '-l', logFile, '-o', serverOptions, '-w', '-t', '30', 'start']);
      running = true;
    },
    async stop(mode = 'fast') {
      await as('pg_ctl', ['-D', path.join(dataDir, 'data'), '-m', mode, '-w', '-t', '30', 'stop']);
      running = false;
    },
    async destroy() {
      if (running) await cluster.stop('immediate').catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}

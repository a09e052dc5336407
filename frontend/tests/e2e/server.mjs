// Start the real backend on a fresh SQLite database with the demo organisation,
// serving the built web app, on a free port. Used by the end-to-end specs.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const frontend = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const backend = resolve(frontend, '..', 'backend');

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

function shiftwise(env, ...args) {
  const run = spawnSync('uv', ['run', '--no-sync', 'shiftwise', ...args], {
    cwd: backend,
    env,
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    throw new Error(`shiftwise ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  }
  return run.stdout;
}

async function waitForHealth(url, child, log) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log.join('')}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy:\n${log.join('')}`);
}

/**
 * `prepare(env)` replaces the demo data (it runs after migrating, before serving, with the
 * server's environment) and its answer is returned as `demo`.
 */
export async function startServer({ prepare } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'shiftwise-e2e-'));
  const port = await freePort();
  const env = {
    ...process.env,
    SHIFTWISE_DATABASE_URL: `sqlite+aiosqlite:///${join(dir, 'e2e.db')}`,
    SHIFTWISE_STATIC_DIR: join(frontend, 'dist'),
    SHIFTWISE_REDIS_URL: '',
    SHIFTWISE_LOG_LEVEL: 'WARNING',
  };
  delete env.SHIFTWISE_REDIS_URL;
  shiftwise(env, 'migrate');
  const demo = prepare ? await prepare(env, backend) : shiftwise(env, 'demo');
  const log = [];
  const child = spawn('uv', ['run', '--no-sync', 'shiftwise', 'serve', '--port', String(port)], {
    cwd: backend,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => log.push(String(d)));
  child.stderr.on('data', (d) => log.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, log);
  return {
    url,
    demo,
    log,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => {
        if (child.exitCode !== null) r();
        else child.once('exit', r);
        setTimeout(r, 10_000);
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

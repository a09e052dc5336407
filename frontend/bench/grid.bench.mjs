// Week-grid benchmark: time from navigation to a usable grid of 300 people × 7 days, and the
// frame times while scrolling it, in Debian's Chromium against the real server on a fresh
// SQLite database seeded by the backend's bench generator (backend/bench/generate.py).
//
//   npm run bench:grid            (builds first; make bench-grid from the repo root)
//   PEOPLE=3000 SHIFTS=4000 RUNS=5 node bench/grid.bench.mjs
//
// PEOPLE and SHIFTS are shared by the generator's ten locations, so the defaults put 300
// people and 400 shifts (about 640 seats, some 70% filled) in the week of the location shown.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { launch, PASSWORD, signIn } from '../tests/e2e/browser.mjs';
import { startServer } from '../tests/e2e/server.mjs';

const PEOPLE = Number(process.env.PEOPLE ?? 3000);
const SHIFTS = Number(process.env.SHIFTS ?? 4000);
const RUNS = Number(process.env.RUNS ?? 5);
const STEP = 40; // pixels scrolled per animation frame

function seed(env, backend) {
  const url = env.SHIFTWISE_DATABASE_URL;
  const run = spawnSync(
    'uv',
    [
      'run',
      '--no-sync',
      'python',
      '../frontend/bench/seed.py',
      url,
      String(PEOPLE),
      String(SHIFTS),
    ],
    { cwd: backend, env, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`seeding failed:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop());
}

const pct = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const median = (xs) =>
  pct(
    [...xs].sort((a, b) => a - b),
    0.5,
  );
const ms = (x) => `${x.toFixed(1)} ms`;

/** Navigate to the grid; resolve with ms from navigation start to the first frame in which
 * person rows are rendered and a shift in them can take focus. */
async function timeToUsableGrid(page, path) {
  await page.goto('about:blank');
  await page.goto(path, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    () => {
      const rows = document.querySelectorAll('[data-person-id]');
      const chip = document.querySelector('[data-day] [data-shift-id]');
      if (rows.length < 10 || !chip) return false;
      chip.focus();
      if (document.activeElement !== chip) return false;
      const api = performance
        .getEntriesByType('resource')
        .find((e) => e.name.includes('/api/v1/schedule?'));
      return { usable: performance.now(), api: api ? api.duration : null, rows: rows.length };
    },
    null,
    { polling: 'raf', timeout: 60_000 },
  );
  return handle.jsonValue();
}

/** Scroll the grid top to bottom and back, STEP px a frame; the gaps between frames. */
async function scrollFrames(page) {
  return page.evaluate(async (step) => {
    const scroller = document.querySelector('[aria-label="Week grid"]');
    const frames = [];
    let last = await new Promise(requestAnimationFrame);
    const tick = () =>
      new Promise((ok) =>
        requestAnimationFrame((t) => {
          frames.push(t - last);
          last = t;
          ok();
        }),
      );
    for (let dir of [1, -1]) {
      for (;;) {
        const before = scroller.scrollTop;
        scroller.scrollTop = before + dir * step;
        await tick();
        if (scroller.scrollTop === before) break;
      }
      dir = -dir;
    }
    return { frames, height: scroller.scrollHeight };
  }, STEP);
}

const started = Date.now();
// BENCH_URL and BENCH_SEED (the seed's JSON) reuse a server already seeded, while tuning.
const server = process.env.BENCH_URL
  ? { url: process.env.BENCH_URL, demo: JSON.parse(process.env.BENCH_SEED ?? '{}'), stop() {} }
  : await startServer({ prepare: seed });
const browser = await launch();
try {
  const data = server.demo;
  const email = `bench-${Date.now()}@bench.example`;
  const made = await fetch(`${server.url}/api/v1/users`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${data.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, role: 'admin', password: PASSWORD }),
  });
  if (made.status !== 201) throw new Error(`creating the bench user: ${await made.text()}`);
  const { context, page } = await signIn(browser, server.url, email, {
    width: 1400,
    height: 900,
  });
  await page.waitForURL('**/schedule**');
  const path = `/schedule?location=${data.location_id}&week=${data.monday}`;
  const loads = [];
  for (let i = 0; i < RUNS; i++) loads.push(await timeToUsableGrid(page, path));
  const scroll = await scrollFrames(page);
  await context.close();

  const usable = loads.map((l) => l.usable);
  const apiTimes = loads.map((l) => l.api).filter((x) => x != null);
  const frames = [...scroll.frames].sort((a, b) => a - b);
  const over = (limit) => frames.filter((f) => f > limit).length;
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `## Week grid: ${data.people / 10} people × 7 days (${loads[0].rows} rows in the page at once, virtualised)`,
  );
  console.log('');
  console.log(
    `Data: ${data.people} people, ${data.shifts} shifts, ${data.assignments} assignments over ten locations (one shown).`,
  );
  console.log(
    `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load average before: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}.`,
  );
  console.log('');
  console.log('| measure | median | p95 | max | runs |');
  console.log('|---|---|---|---|---|');
  const row = (name, xs) => {
    const s = [...xs].sort((a, b) => a - b);
    console.log(
      `| ${name} | ${ms(median(s))} | ${ms(pct(s, 0.95))} | ${ms(s.at(-1))} | ${s.length} |`,
    );
  };
  row('navigation → usable grid (rows rendered, a shift focusable)', usable);
  if (apiTimes.length) row('of which GET /api/v1/schedule', apiTimes);
  row(`frame time scrolling ${scroll.height} px down and up, ${STEP} px a frame`, frames);
  console.log('');
  console.log(
    `First (cold) load ${ms(usable[0])}; frames over 16.7 ms: ${over(16.7)} of ${frames.length}; over 33.4 ms: ${over(33.4)}.`,
  );
  console.log(`Benchmark took ${((Date.now() - started) / 1000).toFixed(0)} s in all.`);
} finally {
  await browser.close();
  await server.stop();
}

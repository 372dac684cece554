// Figures for the interactive app, measured on this machine in one run (no assertions):
//   1. first interactive frame of `ctr-learn` vs `node -e 0` (goal: within 3x)
//   2. a check's result on screen after its last Engine API answer (goal: within 100 ms)
//   3. memory (RSS) with a lesson open (goal: < 100 MB)
//   4. `ctr-learn --version` vs `node -e 0`
// Needs the build (node scripts/build.mjs) and, for 2 and 3, a Docker engine with busybox:latest.
// Usage: node scripts/bench.mjs [--runs N] [--only frame]   (--only frame: just figure 1, for quick iterations)
import { spawn as spawnChild } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'ctr-learn.js');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const onlyArg = process.argv.indexOf('--only');
const ONLY = onlyArg > 0 ? process.argv[onlyArg + 1] : null;
const now = () => performance.timeOrigin + performance.now();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;

if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('No build: run node scripts/build.mjs first.');
  process.exit(1);
}

/** The child's environment: no CI variables (Ink would draw only the last frame), its own home. */
function env(extra = {}) {
  const e = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_')) continue;
    e[k] = v;
  }
  return { ...e, TERM: 'xterm-256color', LANG: 'en_US.UTF-8', ...extra };
}

/** Wall time from spawn to exit of a plain child (no terminal). */
function timeExit(args) {
  return new Promise((resolve, reject) => {
    const t0 = now();
    const c = spawnChild(process.execPath, args, { stdio: 'ignore', env: env() });
    c.on('exit', () => resolve(now() - t0));
    c.on('error', reject);
  });
}

/** The app in a pseudo-terminal with a headless xterm reading the screen between frames. */
function startApp(args, extraEnv, { cols = 100, rows = 30 } = {}) {
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  const t0 = now();
  const p = pty.spawn(process.execPath, [bin, ...args], { name: 'xterm-256color', cols, rows, cwd: root, env: env(extraEnv) });
  let screen = '';
  const chunks = [];
  const waiters = [];
  const read = () => {
    const b = term.buffer.active;
    const lines = [];
    for (let y = 0; y < term.rows; y++) lines.push(b.getLine(b.viewportY + y)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
  p.onData((d) => {
    const at = now();
    chunks.push({ at, data: d });
    term.write(d, () => {
      if (term.modes.synchronizedOutputMode) return;
      screen = read();
      for (const w of [...waiters]) if (w.test(screen)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(at));
    });
  });
  let exitInfo = null;
  const exited = new Promise((resolve) => p.onExit(resolve));
  // An app that ends before the awaited screen must fail the bench loudly (the pty was the last
  // handle keeping this process alive: without this the bench would just stop, printing nothing).
  void exited.then((e) => {
    exitInfo = e;
    for (const w of waiters.splice(0)) w.reject(new Error(`the app exited (${JSON.stringify(e)}) before the screen matched ${w.what}; screen:\n${screen}\noutput:\n${chunks.map((c) => c.data).join('')}`));
  });
  return {
    t0,
    pid: p.pid,
    chunks,
    screen: () => screen,
    press: (s) => p.write(s),
    /** Resolves with the arrival time of the chunk that made the screen match. */
    waitFor(test, timeoutMs = 20_000) {
      const fn = typeof test === 'string' ? (s) => s.includes(test) : (s) => test.test(s);
      if (fn(screen)) return Promise.resolve(now());
      if (exitInfo) return Promise.reject(new Error(`the app exited (${JSON.stringify(exitInfo)}); screen:\n${screen}`));
      return new Promise((resolve, reject) => {
        const w = { test: fn, resolve, reject, what: String(test) };
        waiters.push(w);
        setTimeout(() => reject(new Error(`timed out waiting for ${test}; screen:\n${screen}`)), timeoutMs).unref();
      });
    },
    async quit() {
      p.write('\x04'); // Ctrl-D quits from an empty lesson prompt; on the home screen too
      p.write('q');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      try {
        p.kill('SIGKILL');
      } catch {
        /* gone */
      }
    },
  };
}

/** A lesson folder for the bench: one step graded by one container check, a name unique to this run. */
function benchLesson() {
  const name = `bench-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
  const dir = mkdtempSync(join(tmpdir(), 'ctr-bench-lessons-'));
  mkdirSync(join(dir, 'bench'));
  writeFileSync(
    join(dir, 'bench', 'lesson.yaml'),
    [
      'formatVersion: 1', 'id: bench', 'title: { en: "Bench lesson", ko: "벤치 레슨" }', 'track: bench', 'week: 1', 'order: 1',
      'requires: { images: [busybox:latest] }', `uses: { containers: [${name}] }`, 'steps:', '  - id: run',
      '    title: { en: Run it, ko: 실행 }', '    checks:',
      `      - { id: running, kind: container, container: ${name}, state: running, title: { en: "${name} is running", ko: "${name} 실행 중" } }`,
      `      - { id: exists, kind: container, container: ${name}, state: exists }`,
      '    hints: []', `    solution: { commands: ["docker run -d --name ${name} busybox:latest sleep 300"] }`, '',
    ].join('\n'),
  );
  const md = '# Bench\n\nIntro.\n\n<!-- step: run -->\n## Run it\n\nRun it.\n';
  writeFileSync(join(dir, 'bench', 'en.md'), md);
  writeFileSync(join(dir, 'bench', 'ko.md'), md);
  return { dir, name };
}

function rssMb(pid) {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : NaN;
}

const results = [];
const row = (what, figure, goal = '') => {
  results.push([what, figure, goal]);
  console.log(`${what.padEnd(52)} ${figure.padEnd(34)} ${goal}`);
};

console.log(`ctr-learn bench: ${RUNS} runs each, medians. Node ${process.version}, ${process.platform}.\n`);

// 4. --version vs node -e 0 (interleaved, so both see the same machine load)
if (!ONLY) {
  const bare = [];
  const version = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(await timeExit(['-e', '0']));
    version.push(await timeExit([bin, '--version']));
  }
  const b = median(bare);
  const v = median(version);
  row('`ctr-learn --version` vs `node -e 0`', `${ms(v)} vs ${ms(b)} (${(v / b).toFixed(2)}x)`);
}

// 1. First interactive frame: spawn to the screen showing the lesson list with its keys.
//    "first start": a new CTR_LEARN_HOME each run, so the lessons are parsed and validated;
//    "later starts": one home, so the parsed lessons of the previous start are reused.
async function firstFrame(home) {
  const app = startApp([], { CTR_LEARN_HOME: home });
  const at = await app.waitFor(/Lessons[\s\S]*q quit/);
  await app.quit();
  return at - app.t0;
}
{
  const bare = [];
  const cold = [];
  const warm = [];
  const warmHome = mkdtempSync(join(tmpdir(), 'ctr-bench-home-'));
  await firstFrame(warmHome);
  for (let i = 0; i < RUNS; i++) {
    bare.push(await timeExit(['-e', '0']));
    const home = mkdtempSync(join(tmpdir(), 'ctr-bench-home-'));
    cold.push(await firstFrame(home));
    rmSync(home, { recursive: true, force: true });
    warm.push(await firstFrame(warmHome));
  }
  rmSync(warmHome, { recursive: true, force: true });
  const b = median(bare);
  for (const [what, xs] of [['first start', cold], ['later starts', warm]]) {
    const f = median(xs);
    row(`first interactive frame (${what}) vs \`node -e 0\``, `${ms(f)} vs ${ms(b)} (${(f / b).toFixed(2)}x)`, 'goal: within 3x');
  }
}

// 2 and 3 need the engine.
if (ONLY === 'frame') process.exit(0);
const engineUp = await new Promise((resolve) => {
  const c = spawnChild('docker', ['version', '--format', '{{.Server.Version}}'], { stdio: 'ignore' });
  c.on('exit', (code) => resolve(code === 0));
  c.on('error', () => resolve(false));
});
if (!engineUp) {
  row('check result on screen after its last engine answer', 'skipped: no Docker engine');
  row('memory (RSS) with a lesson open', 'skipped: no Docker engine');
} else {
  const lesson = benchLesson();
  const home = mkdtempSync(join(tmpdir(), 'ctr-bench-home-'));
  const trace = join(home, 'trace.jsonl');
  const app = startApp([], { CTR_LEARN_HOME: home, CTR_LEARN_LESSONS: lesson.dir, CTR_LEARN_TRACE: trace });
  try {
    await app.waitFor('q quit');
    app.press('\r');
    await app.waitFor('export DOCKER_HOST=unix://');
    await new Promise((r) => setTimeout(r, 1000));
    row('memory (RSS) with a lesson open', `${rssMb(app.pid).toFixed(1)} MB`, 'goal: < 100 MB');

    app.press(`docker run -d --name ${lesson.name} busybox:latest sleep 300\r`);
    await app.waitFor(/Lesson complete|Step passed/);
    await new Promise((r) => setTimeout(r, 300));
    await app.waitFor('Ctrl-T check');
    const latencies = [];
    for (let i = 0; i < RUNS; i++) {
      writeFileSync(trace, '');
      const from = app.chunks.length;
      app.press('\x14'); // Ctrl-T: check (letters go to the prompt)
      // Wait for the check to finish in the app, then for its result frame to reach the terminal.
      let done = null;
      for (let k = 0; k < 400 && !done; k++) {
        await new Promise((r) => setTimeout(r, 10));
        const lines = readFileSync(trace, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
        const d = lines.find((l) => l.ev === 'checkDone');
        if (d) done = { at: d.t, lastAnswer: Math.max(...lines.filter((l) => l.ev === 'api' && l.t <= d.t).map((l) => l.t)) };
      }
      if (!done) throw new Error('the check did not finish');
      await new Promise((r) => setTimeout(r, 200));
      const shown = app.chunks.slice(from).find((c) => c.at >= done.at && c.data.includes('Step passed.'));
      if (!shown) throw new Error('no frame with the result arrived');
      latencies.push(shown.at - done.lastAnswer);
    }
    row('check result on screen after its last engine answer', `${ms(median(latencies))} (max ${ms(Math.max(...latencies))})`, 'goal: within 100 ms');
    row('memory (RSS) after the checks', `${rssMb(app.pid).toFixed(1)} MB`);
  } finally {
    await app.quit();
    spawnChild('docker', ['rm', '-f', lesson.name], { stdio: 'ignore' });
    rmSync(home, { recursive: true, force: true });
    rmSync(lesson.dir, { recursive: true, force: true });
  }
}
process.exit(0);

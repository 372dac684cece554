// Cheat sheet latency, measured in one run:
//  1. search time per keystroke (a query typed letter by letter) with the shipped entries and with
//     500 synthetic ones (goal: under 5 ms);
//  2. `ctr-learn cheat <words>` end to end against bare `node -e 0` (goal: within 1.5x), reading the
//     YAML (what a build without the compile step ships) and the compiled JSON; piped (plain text)
//     and in a terminal (a pseudo-terminal: there it also asks the engine for your names).
// Usage: node scripts/bench-cheat.mjs [--runs N] [--json]     (run `npm run build` first)
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawn as ptySpawn } from '@lydell/node-pty';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 21;
const asJson = args.includes('--json');
const bin = join(root, 'bin', 'ctr-learn.js');
if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

// The search code as the bundle has it (esbuild, one file), plus the synthetic-sheet helper.
const work = mkdtempSync(join(tmpdir(), 'bench-cheat-'));
const entry = join(work, 'entry.ts');
writeFileSync(
  entry,
  [
    `export { buildCheatIndex, searchCheats } from ${JSON.stringify(join(root, 'src/cheatsheet/search.ts'))};`,
    `export { compileCheatsheet } from ${JSON.stringify(join(root, 'src/cheatsheet/compile.ts'))};`,
    `export { syntheticSheet } from ${JSON.stringify(join(root, 'test/cheatsheet/synthetic.ts'))};`,
  ].join('\n'),
);
await build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: join(work, 'bench.mjs'),
  logLevel: 'warning',
  // Bundled CommonJS (yaml) calls require(), as in scripts/build.mjs.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const lib = await import(pathToFileURL(join(work, 'bench.mjs')).href);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const round = (x, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

// ---- 1. per keystroke ----
const compiledPath = join(work, 'pkg', 'dist', 'cheatsheet.json');
lib.compileCheatsheet({ root, out: compiledPath });
const { sheet } = (await import(pathToFileURL(compiledPath).href, { with: { type: 'json' } })).default;
const queries = ['docker stop -t', 'network prune', '포트포워딩', 'bind mount volume', 'logs follow', 'exce'];

function keystrokes(s) {
  const t0 = performance.now();
  const index = lib.buildCheatIndex(s);
  const buildMs = performance.now() - t0;
  const type = () => queries.flatMap((q) => [...q].map((_, i) => q.slice(0, i + 1)));
  for (const q of type()) lib.searchCheats(index, q, { limit: 8 }); // warm up
  const times = [];
  for (let r = 0; r < 20; r++) {
    for (const q of type()) {
      const t = performance.now();
      lib.searchCheats(index, q, { limit: 8 });
      times.push(performance.now() - t);
    }
  }
  return { entries: s.entries.length, indexBuildMs: round(buildMs), keystrokes: times.length, medianMs: round(median(times)), p95Ms: round(pct(times, 0.95)), maxMs: round(Math.max(...times)) };
}
const search = { shipped: keystrokes(sheet), synthetic500: keystrokes(lib.syntheticSheet(sheet, 500)) };

// ---- 2. end to end ----
// A copy of the package without cheatsheet/ and with the compiled JSON: what a wired build ships.
const pkg = join(work, 'pkg');
cpSync(join(root, 'bin'), join(pkg, 'bin'), { recursive: true });
cpSync(join(root, 'dist'), join(pkg, 'dist'), { recursive: true });
cpSync(join(root, 'package.json'), join(pkg, 'package.json'));
const usesYaml = !existsSync(join(root, 'dist', 'cheatsheet.json'));
const home = mkdtempSync(join(tmpdir(), 'bench-cheat-home-'));
const env = { ...process.env, CTR_LEARN_HOME: home };

function piped(argv) {
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  return Promise.resolve(performance.now() - t);
}
function terminal(argv) {
  return new Promise((resolve) => {
    const t = performance.now();
    const p = ptySpawn(process.execPath, argv, { env, cols: 120, rows: 40 });
    p.onData(() => {});
    p.onExit(() => resolve(performance.now() - t));
  });
}
const packaged = join(pkg, 'bin', 'ctr-learn.js');
const cases = {
  'node -e 0': [piped, ['-e', '0']],
  // This checkout reads YAML only when the build has not compiled dist/cheatsheet.json.
  [`cheat images (this checkout: ${usesYaml ? 'YAML' : 'compiled JSON'})`]: [piped, [bin, 'cheat', 'images']],
  'cheat images (compiled JSON)': [piped, [packaged, 'cheat', 'images']],
  'cheat stop (compiled JSON)': [piped, [packaged, 'cheat', 'stop']],
  'node -e 0 (terminal)': [terminal, ['-e', '0']],
  'cheat images (terminal, compiled JSON)': [terminal, [packaged, 'cheat', 'images']],
  'cheat stop (terminal, compiled JSON, asks the engine for names)': [terminal, [packaged, 'cheat', 'stop']],
};
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (const [how, argv] of Object.values(cases)) await how(argv); // warm the file cache
for (let i = 0; i < runs; i++) for (const [k, [how, argv]] of Object.entries(cases)) samples[k].push(await how(argv)); // interleaved
const baseOf = (k) => median(samples[k.includes('terminal') ? 'node -e 0 (terminal)' : 'node -e 0']);
const endToEnd = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, { medianMs: round(median(xs), 1), ratio: round(median(xs) / baseOf(k), 2) }]));
rmSync(work, { recursive: true, force: true });
rmSync(home, { recursive: true, force: true });

const result = { runs, search, endToEnd, currentBuildReads: usesYaml ? 'YAML (dist/cheatsheet.json missing)' : 'compiled JSON', engine: execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' }).trim() };
if (asJson) {
  console.log(JSON.stringify(result, null, 2));
} else {
  console.log('Search time per keystroke (limit 8, queries typed letter by letter):');
  for (const [name, s] of Object.entries(search)) {
    console.log(`  ${name.padEnd(13)} ${String(s.entries).padStart(4)} entries  median ${s.medianMs} ms  p95 ${s.p95Ms} ms  max ${s.maxMs} ms  (index built in ${s.indexBuildMs} ms, ${s.keystrokes} keystrokes)`);
  }
  console.log(`\nEnd to end, median of ${runs} runs (ratio to node -e 0 run the same way; goal <= 1.5):`);
  for (const [name, e] of Object.entries(endToEnd)) console.log(`  ${name.padEnd(64)} ${String(e.medianMs).padStart(6)} ms  x${e.ratio}`);
  console.log(`\nThe current build reads: ${result.currentBuildReads}.`);
}

import pty from '@lydell/node-pty';
const p = pty.spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof/cpu', '--cpu-prof-interval', '100', 'bin/ctr-learn.js'], { cols: 100, rows: 30, cwd: '/work/main', env: { ...process.env, CI: '', TERM: 'xterm-256color', CTR_LEARN_HOME: '/tmp/home-lead' } });
const t0 = Date.now(); let first = 0;
p.onData((d) => { if (!first) { first = Date.now() - t0; console.log('first output at', first); setTimeout(() => p.kill('SIGTERM'), 1500); } });
p.onExit(() => { console.log('exit', Date.now() - t0); process.exit(0); });

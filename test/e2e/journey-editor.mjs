#!/usr/bin/env node
// The journey test's $EDITOR: the app opens it with Ctrl-O on a workspace file, as it would open
// nano or vi. It writes what the test staged for that file (the step's solution, the way a learner
// would type it in) and notes the path it was given, then exits like an editor after a save.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const stage = process.env.JOURNEY_STAGE;
const file = process.argv[process.argv.length - 1];
if (!stage || !file) {
  console.error('journey-editor: JOURNEY_STAGE and a file argument are needed');
  process.exit(2);
}
const pendingPath = join(stage, 'pending.json');
const pending = existsSync(pendingPath) ? JSON.parse(readFileSync(pendingPath, 'utf8')) : {};
// The workspace path the test staged (relative, with /) that the given path ends with.
const rel = Object.keys(pending).find((r) => file === r || file.endsWith(`/${r}`));
if (rel === undefined) {
  appendFileSync(join(stage, 'edited.log'), `${JSON.stringify({ file, wrote: null })}\n`);
  process.exit(0);
}
writeFileSync(file, pending[rel]);
appendFileSync(join(stage, 'edited.log'), `${JSON.stringify({ file, wrote: rel })}\n`);

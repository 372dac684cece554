#!/usr/bin/env node
// Node 22.1+ keeps V8's compiled code of the bundle between starts (most of the first frame's
// cost is compiling Ink and React); Node 20 has no such switch and starts as before.
import module from 'node:module';
module.enableCompileCache?.();
const { cli } = await import('../dist/cli.js');
await cli(process.argv.slice(2));

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, expect, it } from 'vitest';

/**
 * The first frame loads only what it draws (run-app.ts): Ink, the screens, the lessons and the
 * progress to read. A value import that drags in a big library (one `import { X } from './schema'`
 * brought zod's 450 KB in and took the first frame from 3.0x to 4.4x `node -e 0`) is invisible in
 * review; this test reads the built bundle's static import graph and names the culprit.
 */

const DIST = resolve(__dirname, '../../dist');
/** Loaded after the first frame, or only by commands that draw no UI. */
const NOT_BEFORE_FIRST_FRAME = ['zod', 'yaml', 'markdown-it', 'kubernetes-models', '@kubernetes', 'conf', 'ajv', 'execa', 'fuse.js', 'tar-stream'];
/** The modules run-app.ts imports before its first render. */
const FIRST_FRAME_SOURCES = ['src/ui/run-app.ts', 'src/ui/App.tsx', 'src/ui/state/state.ts', 'src/ui/state/store.ts', 'node_modules/ink/src/render.ts'];

let files: string[] = [];
const sourcesOf = new Map<string, string[]>();

beforeAll(() => {
  files = readdirSync(DIST).filter((f) => f.endsWith('.js'));
  for (const f of files) {
    const map = JSON.parse(readFileSync(join(DIST, `${f}.map`), 'utf8')) as { sources: string[] };
    sourcesOf.set(f, map.sources.map((s) => s.replace(/^(\.\.\/)+/, '')));
  }
});

/** Chunks a chunk imports statically (`import"./x.js"`, `from"./x.js"`), not `import("./x.js")`. */
function staticImports(file: string): string[] {
  const code = readFileSync(join(DIST, file), 'utf8');
  return [...code.matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)].map((m) => m[1]);
}

function closure(start: string): Map<string, string> {
  const via = new Map<string, string>([[start, start]]);
  const queue = [start];
  while (queue.length) {
    const f = queue.shift()!;
    for (const next of staticImports(f)) if (!via.has(next)) (via.set(next, f), queue.push(next));
  }
  return via;
}

const packageOf = (source: string): string | null => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
  return m ? m[1] : null;
};

it.each(FIRST_FRAME_SOURCES)('%s loads no library that the first frame does not draw with', (source) => {
  const chunk = files.find((f) => sourcesOf.get(f)!.includes(source));
  expect(chunk, `no chunk of dist/ holds ${source}: run npm run build`).toBeDefined();
  const offenders: string[] = [];
  for (const [file, from] of closure(chunk!)) {
    for (const s of sourcesOf.get(file)!) {
      const pkg = packageOf(s);
      if (pkg && NOT_BEFORE_FIRST_FRAME.some((p) => pkg === p || pkg.startsWith(`${p}/`))) {
        const importer = sourcesOf.get(from)!.filter((x) => x.startsWith('src/'));
        offenders.push(`${pkg} (${file}, imported by a chunk holding ${importer.join(', ') || from})`);
        break;
      }
    }
  }
  expect(offenders).toEqual([]);
});

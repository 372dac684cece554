// Bundle ctr-learn into dist/ so `npx ctr-learn` needs no dependency download and starts fast.
// Ink and React sit behind dynamic imports (code splitting), so commands that draw no UI never load them.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * Ink's text tokenizers each make an Intl.Segmenter as they load, and the first Intl object of a
 * process costs ~10 ms (ICU starts up) before the first frame. They get src/ui/text/graphemes.ts
 * instead: the same segments, with Intl only for text that needs it. The build fails if a new
 * version of either no longer has the expected line, so the swap is never silently lost.
 */
const GRAPHEMES = fileURLToPath(new URL('../src/ui/text/graphemes.ts', import.meta.url));
const lazyGraphemeSegmenters = {
  name: 'lazy-grapheme-segmenters',
  setup(b) {
    const files = {
      '@alcalzone/ansi-tokenize/build/tokenize.js': 'new Intl.Segmenter(undefined, { granularity: "grapheme" })',
      'slice-ansi/tokenize-ansi.js': "new Intl.Segmenter(undefined, {granularity: 'grapheme'})",
    };
    b.onLoad({ filter: /(ansi-tokenize[\\/]build[\\/]tokenize|slice-ansi[\\/]tokenize-ansi)\.js$/ }, (args) => {
      const [file, expected] = Object.entries(files).find(([f]) => args.path.replaceAll('\\', '/').endsWith(f)) ?? [];
      if (!file) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (source.split(expected).length !== 2) throw new Error(`${file}: expected one \`${expected}\` to swap for graphemeSegmenter(); update scripts/build.mjs`);
      const contents = `import { graphemeSegmenter as __graphemeSegmenter } from ${JSON.stringify(GRAPHEMES)};\n${source.replace(expected, '__graphemeSegmenter()')}`;
      return { contents, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // React's production build only: the development one is ~1 MB more to parse and checks every render.
  define: { __VERSION__: JSON.stringify(pkg.version), 'process.env.DEV': '"false"', 'process.env.NODE_ENV': '"production"' },
  // Less to parse at every start (the first frame pays for it); the source maps keep traces readable.
  minify: true,
  // Ink imports react-devtools-core only when DEV is set; keep it out of the bundle.
  external: ['react-devtools-core'],
  // string-width builds an Intl.Segmenter and an RGI-emoji regex as it loads (~50 ms of every
  // start); ours gives the same widths and builds them only for text that needs them. Every
  // package that measures text (Ink, wrap-ansi, cli-truncate...) gets it.
  alias: { 'string-width': './src/ui/text/string-width.ts' },
  plugins: [lazyGraphemeSegmenters],
  // Bundled CommonJS dependencies call require(); give ESM chunks one.
  banner: { js: "import { createRequire as __ctrCreateRequire } from 'node:module'; const require = __ctrCreateRequire(import.meta.url);" },
});

// Precompile what the app and `ctr-learn cheat` read, so they never load yaml or zod for it:
//  - the cheat sheet, linted, with its search index. A sheet with problems fails the build with
//    `file:line CODE message`.
//  - the lessons as parsed JSON (dist/lessons.json), used while the lesson files are unchanged.
//    A lesson that does not load is listed here and left to the app (and `ctr-learn lint`).
await build({
  entryPoints: { cheat: 'src/cheatsheet/compile.ts', lessons: 'src/lessons/compiled.ts' },
  outdir: 'dist/.compile',
  bundle: true,
  platform: 'node',
  format: 'esm',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const { compileCheatsheet } = await import(new URL('../dist/.compile/cheat.js', import.meta.url));
compileCheatsheet({ root, out: fileURLToPath(new URL('../dist/cheatsheet.json', import.meta.url)) });
const { compileLessons } = await import(new URL('../dist/.compile/lessons.js', import.meta.url));
const lessons = await compileLessons({ root: fileURLToPath(new URL('../lessons', import.meta.url)), out: fileURLToPath(new URL('../dist/lessons.json', import.meta.url)) });
if (lessons.broken.length) {
  console.warn(`dist/lessons.json not written: ${lessons.broken.length} lesson problem(s) (ctr-learn lint lessons):\n${lessons.broken.join('\n')}`);
}
rmSync(new URL('../dist/.compile', import.meta.url), { recursive: true });

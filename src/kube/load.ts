import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isSeq, LineCounter, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import type { Lang } from '../lessons/schema';
import { sayKube, type KubeKey } from './say';

/** One thing said about a manifest, in either language, at `file:line:col` of the learner's file. */
export interface KubeProblem {
  file: string;
  line: number;
  col: number;
  /** Pieces of the message (a main one and maybe a "did you mean"), joined. */
  parts: { key: KubeKey; vars?: Record<string, string | number> }[];
}

export function problemText(p: KubeProblem, lang: Lang | undefined): string {
  return `${p.file}:${p.line}:${p.col} ${p.parts.map((x) => sayKube(lang, x.key, x.vars)).join('')}`;
}

/** One YAML document of a file: the object and where each of its parts is written. */
export interface ManifestDoc {
  file: string;
  /** 0-based position among the file's documents (`---` separated). */
  index: number;
  /** The document as data (null for an empty document). */
  data: unknown;
  doc: Document.Parsed;
  lc: LineCounter;
}

export interface ManifestFile {
  /** Relative to the workspace, with `/`. */
  file: string;
  docs: ManifestDoc[];
  /** YAML syntax errors (the file cannot be read as YAML). */
  problems: KubeProblem[];
}

/** Parse one file, every document, keeping positions. */
export function parseManifest(file: string, text: string): ManifestFile {
  const lc = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const docs = Array.isArray(parsed) ? parsed : [];
  const problems: KubeProblem[] = [];
  for (const d of docs) {
    for (const e of d.errors) {
      const { line, col } = lc.linePos(e.pos[0]);
      problems.push({ file, line, col, parts: [{ key: 'yamlError', vars: { message: e.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '') } }] });
    }
  }
  const out: ManifestDoc[] = problems.length ? [] : docs.map((doc, index) => ({ file, index, data: doc.toJS({ maxAliasCount: 100 }), doc, lc }));
  return { file, docs: out.filter((d) => d.data !== null && d.data !== undefined), problems };
}

const MANIFEST = /\.ya?ml$/i;

/** The workspace's manifests: the one file asked for, or every .yaml/.yml file (two folders deep, no dot folders). */
export function loadManifests(workspace: string, file?: string): { files: ManifestFile[]; missing?: string } {
  if (file) {
    const full = join(workspace, file);
    if (!existsSync(full) || !statSync(full).isFile()) return { files: [], missing: file };
    return { files: [parseManifest(file, readFileSync(full, 'utf8'))] };
  }
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.')) continue;
      const full = join(dir, e.name);
      if (e.isDirectory() && depth < 2) walk(full, depth + 1);
      else if (e.isFile() && MANIFEST.test(e.name)) found.push(relative(workspace, full).split('\\').join('/'));
    }
  };
  walk(workspace, 0);
  return { files: found.map((f) => parseManifest(f, readFileSync(join(workspace, f), 'utf8'))) };
}

/** JSON-pointer-like path segments, e.g. ['spec', 'containers', 0, 'image']. */
export type FieldPath = (string | number)[];

/**
 * Where a part of a document is written: the key of the last segment (`key`), or its value.
 * A path that goes further than the document does points at the deepest part that exists.
 */
export function locate(d: Pick<ManifestDoc, 'doc' | 'lc'>, path: FieldPath, at: 'key' | 'value' = 'value'): { line: number; col: number } {
  let node: YamlNode | null | undefined = d.doc.contents as YamlNode;
  let offset = node?.range?.[0] ?? 0;
  for (const [i, seg] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as { value?: unknown })?.value) === String(seg));
      if (!pair) break;
      const k = pair.key as YamlNode;
      const v = pair.value as YamlNode | null;
      if (last && at === 'key') {
        offset = k.range?.[0] ?? offset;
        break;
      }
      offset = v?.range?.[0] ?? k.range?.[0] ?? offset;
      node = v;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  const { line, col } = d.lc.linePos(offset);
  return { line, col };
}

/** `spec.containers[0].readinessProbe` */
export function showPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out || '(top)';
}

/** A problem at a part of a document. */
export function problemAt(d: ManifestDoc, path: FieldPath, at: 'key' | 'value', parts: KubeProblem['parts']): KubeProblem {
  return { file: d.file, ...locate(d, path, at), parts };
}

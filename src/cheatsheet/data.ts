import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BugError } from '../errors';
import { configDir, lessonsRoot, packageRoot } from '../paths';
import type { CompiledSheet } from './compile';
import type { CheatProblem } from './problems';
import type { PrebuiltIndex } from './search';
import type { CheatSheet } from './types';

export interface LoadedSheet {
  sheet: CheatSheet;
  /** Problems in the learner's personal file (its broken entries are left out). */
  problems: CheatProblem[];
  /** Where the shipped entries came from: the build's JSON, or the YAML (development). */
  source: 'compiled' | 'yaml';
  /** The search index of the shipped entries, when compiled: pass it to buildCheatIndex. */
  prebuilt?: PrebuiltIndex;
}

export interface LoadSheetOptions {
  env?: NodeJS.ProcessEnv;
  /** The package root holding dist/ and cheatsheet/ (default: this package). */
  root?: string;
  /** Merge in the learner's own entries (default true). */
  personal?: boolean;
}

/** Where the build writes the compiled sheet. */
export function compiledSheetPath(root = packageRoot()): string {
  return join(root, 'dist', 'cheatsheet.json');
}

/** The learner's own entries: same format as cheatsheet/*.yaml; section, title and order optional. */
export function personalSheetPath(env = process.env): string {
  return join(configDir(env), 'cheatsheet.yaml');
}

/**
 * The cheat sheet: the compiled JSON when it is there and current (fast: no yaml or zod), else the
 * YAML (a development checkout), plus the learner's personal entries, marked personal.
 */
export async function loadCheatSheet(opts: LoadSheetOptions = {}): Promise<LoadedSheet> {
  const env = opts.env ?? process.env;
  const root = opts.root ?? packageRoot();
  const compiled = readCompiled(root);
  let sheet = compiled?.sheet ?? (await readYaml(root, env));
  const problems: CheatProblem[] = [];
  const personal = personalSheetPath(env);
  if (opts.personal !== false && existsSync(personal)) {
    const { loadPersonal } = await import('./personal');
    const mine = loadPersonal(personal, configDir(env));
    problems.push(...mine.problems);
    if (mine.sheet) sheet = mergeSheets(sheet, mine.sheet);
  }
  return { sheet, problems, source: compiled ? 'compiled' : 'yaml', ...(compiled?.index ? { prebuilt: compiled.index } : {}) };
}

export function mergeSheets(base: CheatSheet, extra: CheatSheet): CheatSheet {
  return {
    sections: [...base.sections, ...extra.sections.filter((s) => !base.sections.some((b) => b.id === s.id))].sort((a, b) => a.order - b.order),
    entries: [...base.entries, ...extra.entries],
    lessonTitles: { ...extra.lessonTitles, ...base.lessonTitles },
  };
}

function readCompiled(root: string): Pick<CompiledSheet, 'sheet'> & Partial<Pick<CompiledSheet, 'index'>> | null {
  const path = compiledSheetPath(root);
  let mtime: number;
  try {
    mtime = statSync(path).mtimeMs;
  } catch {
    return null;
  }
  // In a checkout, YAML edited after the last build wins (the package ships only the JSON).
  const yamlDir = join(root, 'cheatsheet');
  if (existsSync(yamlDir) && readdirSync(yamlDir).some((n) => n.endsWith('.yaml') && statSync(join(yamlDir, n)).mtimeMs > mtime)) return null;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<CompiledSheet>;
    return data.format === 'ctr-learn-cheatsheet' && data.formatVersion === 1 && data.sheet ? { sheet: data.sheet, index: data.index } : null;
  } catch {
    return null;
  }
}

async function readYaml(root: string, env: NodeJS.ProcessEnv): Promise<CheatSheet> {
  // Parse and validate only: the linter runs in CI and in the build, not on every search.
  const [{ parseSheetFile, sheetFiles, toSheet }, { readLessonTitles }] = await Promise.all([import('./load'), import('./compile')]);
  const files = sheetFiles(join(root, 'cheatsheet'));
  if (!files.length) throw new BugError(`No cheat sheet in ${root}: neither dist/cheatsheet.json nor cheatsheet/*.yaml is there.`);
  const parsed = files.map((path) => parseSheetFile(path, root));
  const problems = parsed.flatMap((r) => r.problems);
  if (problems.length) {
    throw new BugError(`The cheat sheet shipped with ctr-learn does not load:\n${problems.map((p) => `${p.file}:${p.line} ${p.code} ${p.message}`).join('\n')}`);
  }
  return toSheet(parsed.map((r) => r.parsed!), { lessonTitles: readLessonTitles(lessonsRoot(env)) });
}

import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fillText } from '../lessons/personalize';
import { UserError } from '../errors';
import { ensureDir, workspacesDir } from '../paths';
import type { Lesson } from '../lessons/schema';

/**
 * A lesson's workspace: the folder of files the learner edits (a script, a page, a Dockerfile),
 * outside the package. It is the working directory of the learner's commands, so "$PWD/html"
 * means the workspace's html folder. Starter files are copied once; the learner's edits are kept.
 */
export function workspaceFor(lesson: Lesson, root = workspacesDir()): string {
  const dir = ensureDir(join(root, lesson.id), 0o755);
  const starter = join(lesson.dir, 'files');
  if (existsSync(starter)) copyLessonFiles(lesson, starter, dir, false);
  return dir;
}

/**
 * A lesson file's content for this learner: `[[key]]` in a text file becomes the learner's value
 * (a compose file's port, an env file's name); binary files (a NUL byte) are copied as they are.
 */
function lessonFile(lesson: Lesson, path: string): Buffer {
  const raw = readFileSync(path);
  if (!lesson.values || raw.includes(0)) return raw;
  return Buffer.from(fillText(raw.toString('utf8'), lesson.values), 'utf8');
}

/** Copy a lesson folder's files into the workspace, filled for the learner, keeping their modes. */
function copyLessonFiles(lesson: Lesson, from: string, to: string, overwrite: boolean): void {
  if (!lesson.values) {
    cpSync(from, to, { recursive: true, force: overwrite, errorOnExist: false });
    return;
  }
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, entry.name);
    const dest = join(to, entry.name);
    if (entry.isDirectory()) copyLessonFiles(lesson, src, dest, overwrite);
    else if (entry.isFile() && (overwrite || !existsSync(dest))) writeFileSync(dest, lessonFile(lesson, src), { mode: statSync(src).mode & 0o777 });
  }
}

/** Put the starter files back, overwriting the learner's edits (reset lesson). */
export function restoreStarterFiles(lesson: Lesson, dir: string): void {
  const starter = join(lesson.dir, 'files');
  if (existsSync(starter)) copyLessonFiles(lesson, starter, dir, true);
}

/**
 * The workspace exactly as a new learner gets it: everything else removed (an earlier attempt's
 * files, answers), the starter files put back. For `verify`, whose workspaces are its own: a file
 * an earlier attempt wrote must not make the next attempt pass. Never for a learner's workspace.
 */
export function freshWorkspace(lesson: Lesson, dir: string): void {
  for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
  restoreStarterFiles(lesson, dir);
}

/** Write the files of a reference solution or near-miss: workspace path → lesson file. */
export function writeAttemptFiles(lesson: Lesson, dir: string, files: Record<string, string>): void {
  for (const [dest, src] of Object.entries(files)) {
    const target = resolve(dir, dest);
    if (!target.startsWith(resolve(dir) + sep)) throw new UserError(`Lesson ${lesson.id}: file "${dest}" points outside the workspace.`, 'use a path inside the workspace');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, lessonFile(lesson, join(lesson.dir, src)));
  }
}

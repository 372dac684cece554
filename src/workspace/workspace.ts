import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
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
  if (existsSync(starter)) cpSync(starter, dir, { recursive: true, force: false, errorOnExist: false });
  return dir;
}

/** Put the starter files back, overwriting the learner's edits (reset lesson). */
export function restoreStarterFiles(lesson: Lesson, dir: string): void {
  const starter = join(lesson.dir, 'files');
  if (existsSync(starter)) cpSync(starter, dir, { recursive: true, force: true });
}

/** Write the files of a reference solution or near-miss: workspace path → lesson file. */
export function writeAttemptFiles(lesson: Lesson, dir: string, files: Record<string, string>): void {
  for (const [dest, src] of Object.entries(files)) {
    const target = resolve(dir, dest);
    if (!target.startsWith(resolve(dir) + sep)) throw new UserError(`Lesson ${lesson.id}: file "${dest}" points outside the workspace.`, 'use a path inside the workspace');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, readFileSync(join(lesson.dir, src)));
  }
}

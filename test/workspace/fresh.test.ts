import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { loadLesson } from '../../src/lessons/load';
import { personalize } from '../../src/lessons/personalize';
import { freshWorkspace, restoreStarterFiles, workspaceFor } from '../../src/workspace/workspace';

const LESSONS = fileURLToPath(new URL('../../lessons', import.meta.url));

it("verify's fresh workspace has the starter files and nothing an earlier attempt wrote", () => {
  const lesson = personalize(loadLesson(join(LESSONS, 'config-injection'), LESSONS).lesson!, { short: 'ada', portBase: 31700 });
  const ws = workspaceFor(lesson, mkdtempSync(join(tmpdir(), 'ctr-fresh-')));
  const starter = readdirSync(ws).sort();
  expect(starter.length).toBeGreaterThan(0);
  writeFileSync(join(ws, 'from-an-earlier-attempt.env'), 'X=1\n');
  writeFileSync(join(ws, starter[0]), 'edited\n');

  // What a learner's reset does: the starter files back, the learner's own files kept.
  restoreStarterFiles(lesson, ws);
  expect(existsSync(join(ws, 'from-an-earlier-attempt.env'))).toBe(true);

  writeFileSync(join(ws, starter[0]), 'edited\n');
  freshWorkspace(lesson, ws);
  expect(readdirSync(ws).sort()).toEqual(starter);
  expect(readFileSync(join(ws, starter[0]), 'utf8')).not.toBe('edited\n');
});

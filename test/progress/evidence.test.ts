import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openProgress } from '../../src/progress/store';

it('the evidence of a pass is what the checks saw at the first pass; later checks do not replace it', () => {
  const { store } = openProgress(mkdtempSync(join(tmpdir(), 'ctr-evidence-')));
  store.recordAttempt('run', 'a', false, ['a'], [{ check: 'running', actual: 'exited' }]);
  expect(store.lesson('run').steps.a.evidence).toBeUndefined();
  store.recordAttempt('run', 'a', true, ['a'], [{ check: 'running', actual: 'running' }]);
  store.recordAttempt('run', 'a', true, ['a'], [{ check: 'running', actual: 'running again' }]);
  expect(store.lesson('run').steps.a).toMatchObject({ attempts: 3, evidence: [{ check: 'running', actual: 'running' }] });
  // The UI records passes without evidence: still a pass.
  store.recordAttempt('run', 'b', true, ['a', 'b']);
  expect(store.lesson('run').steps.b.passedAt).toBeDefined();
});

import { describe, expect, it } from 'vitest';
import { isTransientEngineFailure } from '../../src/sandbox/run-command';

describe('a transient engine failure (retried by automation) versus the command failing to start', () => {
  const shim = 'docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process:';
  it.each([
    ['the shim timing out', `${shim} context deadline exceeded: unknown`, true],
    ['no such program (docker run -d IMAGE 1)', `${shim} exec: "1": executable file not found in $PATH: unknown`, false],
    ['a script path that is not there', `${shim} exec: "/counter.sh": stat /counter.sh: no such file or directory: unknown`, false],
    ['a file that is not executable', `${shim} exec: "/run.sh": permission denied: unknown`, false],
  ])('%s', (_name, stderr, transient) => {
    expect(isTransientEngineFailure({ exitCode: 125, stderr })).toBe(transient);
  });
});

import { chmodSync, renameSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ensureDir, packageRoot, stateDir } from '../paths';

/** A word the POSIX shell reads back exactly: single quotes, each ' written as '\''. */
export const shQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** The binary that is running now (bin/ctr-learn.js of this package), from src/ or dist/ alike. */
export const ownBin = () => join(packageRoot(), 'bin', 'ctr-learn.js');

/**
 * `ctr-learn shell` opens the learner's shell and tells them to run `ctr-learn check <lesson>`,
 * but when the app was started as `node bin/ctr-learn.js` or `npm start`, no `ctr-learn` is on
 * PATH. This writes a two-line `ctr-learn` into the state folder's bin/ that runs this same node
 * with this same bin (both quoted as words, nothing of the learner's is interpreted) and returns
 * that folder, to put first on the shell's PATH. Null when it cannot be written: then the banner
 * prints the full invocation instead (invocation()).
 */
export function writeCtrLearnWrapper(dir = join(stateDir(), 'bin'), node = process.execPath, bin = ownBin()): string | null {
  try {
    ensureDir(dir);
    const file = join(dir, 'ctr-learn');
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `#!/bin/sh\n# Written by ctr-learn shell: the ctr-learn that opened this shell.\nexec ${shQuote(node)} ${shQuote(bin)} "$@"\n`, { mode: 0o755 });
    chmodSync(tmp, 0o755);
    renameSync(tmp, file);
    return dir;
  } catch {
    return null;
  }
}

/** PATH with `dir` first. */
export const pathWith = (dir: string, path = process.env.PATH) => (path ? `${dir}${delimiter}${path}` : dir);

/** How to run this ctr-learn from a shell without the wrapper: the node and bin paths, quoted. */
export const invocation = (node = process.execPath, bin = ownBin()) => `${shQuote(node)} ${shQuote(bin)}`;

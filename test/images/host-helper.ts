import { HOST_BINARIES, installCommand, missingHostBinaries } from '../../src/images/host';

/**
 * Seed-image tests need Debian's busybox-static, tini and docker-registry. On CI their absence is
 * a failure (the CI script installs them); elsewhere the tests skip and say what to install.
 */
export function hostBinariesOrSkip(): boolean {
  const missing = missingHostBinaries(Object.values(HOST_BINARIES));
  if (missing.length === 0) return true;
  const msg = `missing ${missing.map((b) => b.path).join(', ')}: ${installCommand(missing)}`;
  if (process.env.CI) throw new Error(`CI is set but seed-image binaries are missing (${msg}).`);
  console.warn(`Skipping seed-image tests: ${msg}`);
  return false;
}

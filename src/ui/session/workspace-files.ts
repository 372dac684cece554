import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The files a learner may edit in the workspace (relative paths, no dot-files), at most 50. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const ent of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (out.length >= 50 || ent.name.startsWith('.')) continue;
      const full = join(d, ent.name);
      if (ent.isDirectory()) walk(full);
      else if (ent.isFile()) out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out;
}

import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkCheatsheet } from '../../src/cheatsheet/lint';
import { packageRoot } from '../../src/paths';

/** How the shipped cheat sheet speaks: what runs here, in the app's voice. */
const sheet = checkCheatsheet(join(packageRoot(), 'cheatsheet'), { shipped: true }).sheet!;

describe('the shipped cheat sheet', () => {
  test('Korean descriptions are in 해요체, as the app speaks (no plain written -다 / noun-only endings)', () => {
    // The sentence ends in 요; an example (예: …), parentheses and a full stop may follow it.
    const sentence = (ko: string) => {
      let s = ko.replace(/\.\s+예: .*$/, '').trim();
      for (let before = ''; before !== s; ) (before = s), (s = s.replace(/\s*\([^()]*\)$/, '').replace(/\.$/, '').trim());
      return s;
    };
    const notPolite = sheet.entries.filter((e) => !sentence(e.description.ko).endsWith('요')).map((e) => `${e.id}: ${e.description.ko}`);
    expect(notPolite).toEqual([]);
  });

  test('compose entries are docker-compose (what is installed here), each saying how Compose v2 spells it', () => {
    const compose = sheet.entries.filter((e) => e.section === 'compose');
    expect(compose.length).toBeGreaterThan(0);
    for (const e of compose) {
      expect(e.command).toMatch(/^docker-compose /);
      const v2 = e.command.replace(/^docker-compose/, 'docker compose');
      expect(e.description.en).toContain(`Compose v2 spells it ${v2}`);
      expect(e.description.ko).toContain(`Compose v2에서는 ${v2}`);
    }
    expect(sheet.entries.filter((e) => /^docker compose\b/.test(e.command)).map((e) => e.id)).toEqual([]);
  });
});

import { expect, it } from 'vitest';
import { t } from '../../../src/i18n/strings';
import { BINDINGS } from '../../../src/ui/input/keys';
import { displayWidth } from '../../../src/ui/text/text';

/** The ? help reads at 80 columns: the key column (at most 20) and each line of help fit, in both languages. */
it('every key’s help fits beside the key column at 80 columns, in English and Korean', () => {
  const tooLong = BINDINGS.flatMap((b) => (['en', 'ko'] as const).map((lang) => ({ key: b.label, lang, text: t(lang, b.help) }))).filter((x) => 20 + displayWidth(x.text) > 79);
  expect(tooLong).toEqual([]);
});

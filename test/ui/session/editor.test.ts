import { describe, expect, it } from 'vitest';
import { chooseEditor } from '../../../src/ui/session/editor';

const has = (programs: Record<string, string>) => (name: string) => programs[name] ?? null;

describe('which editor e opens', () => {
  it('the learner’s $VISUAL, then $EDITOR, with its arguments', () => {
    expect(chooseEditor('en', { VISUAL: 'code --wait', EDITOR: 'nano' }, '/home/me', has({}))).toEqual({ cmd: 'code', args: ['--wait'] });
    expect(chooseEditor('en', { EDITOR: 'micro' }, '/home/me', has({}))).toEqual({ cmd: 'micro', args: [] });
  });

  it('without either: nano when it is there', () => {
    expect(chooseEditor('en', {}, '', has({ nano: '/usr/bin/nano', vi: '/usr/bin/vim.basic' }))).toEqual({ cmd: 'nano', args: [] });
  });

  it('else vi, saying how to leave it: in vim’s own status line, above any other vi', () => {
    const vim = chooseEditor('en', {}, '', has({ vi: '/usr/bin/vim.basic' }));
    expect(vim.cmd).toBe('vi');
    expect(vim.args[0]).toBe('-c');
    expect(vim.args[1]).toMatch(/^echo ".*:wq and Enter to save and come back, :q! and Enter/);
    const busybox = chooseEditor('ko', {}, '', has({ vi: '/bin/busybox' }));
    expect(busybox).toMatchObject({ cmd: 'vi', args: [] });
    expect(busybox.before).toContain(':wq');
    expect(busybox.before).toContain('저장하고 돌아와요');
  });
});

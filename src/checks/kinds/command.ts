import { say } from '../../i18n/evidence';
import type { Evaluator } from '../types';
import { isOutcome, requireContainer } from './container';

const json = (a: string[] | null | undefined) => (a && a.length ? JSON.stringify(a) : null);

/** `ENTRYPOINT prog args` (shell form) is stored as ["/bin/sh", "-c", "prog args"]. */
export function isShellForm(entrypoint: string[] | null | undefined): boolean {
  return !!entrypoint && entrypoint.length === 3 && /^(\/bin\/)?sh$/.test(entrypoint[0]) && entrypoint[1] === '-c';
}

const same = (want: string[], got: string[] | null | undefined) => want.length === (got ?? []).length && want.every((w, i) => w === got![i]);

export const command: Evaluator<'command'> = async (check, ctx) => {
  const L = ctx.lang;
  const want: string[] = [];
  if (check.entrypointForm) want.push(say(L, check.entrypointForm === 'exec' ? 'cmdExecForm' : 'cmdShellForm'));
  if (check.entrypoint) want.push(say(L, 'cmdEntrypoint', { value: JSON.stringify(check.entrypoint) }));
  if (check.cmd) want.push(say(L, 'cmdCmd', { value: JSON.stringify(check.cmd) }));
  const expected = want.join(', ');
  const c = await requireContainer(ctx, check.container, expected);
  if (isOutcome(c)) return c;
  const ep = c.Config.Entrypoint;
  const form = ep && ep.length ? (isShellForm(ep) ? 'shell' : 'exec') : null;
  const actual = [
    say(L, 'cmdEntrypoint', { value: json(ep) ?? say(L, 'cmdNone') }) + (form ? say(L, form === 'shell' ? 'cmdIsShell' : 'cmdIsExec') : ''),
    say(L, 'cmdCmd', { value: json(c.Config.Cmd) ?? say(L, 'cmdNone') }),
  ].join(', ');
  const pass =
    (!check.entrypointForm || form === check.entrypointForm) &&
    (!check.entrypoint || same(check.entrypoint, ep)) &&
    (!check.cmd || same(check.cmd, c.Config.Cmd));
  return { pass, expected, actual };
};

import type { Lang } from '../../lessons/schema';
import { declaredPorts, isObj, isOutcome, portDeclared, requireContainer, requireObject, say, where, type KubeObject, type Obj } from '../../kube/workspace';
import type { FieldPath } from '../../kube/load';
import type { Evaluator, Outcome } from '../types';

const HANDLERS = ['httpGet', 'tcpSocket', 'exec', 'grpc'] as const;

/** A probe's timings with the API's defaults. */
export function timings(p: Obj): { initial: number; period: number; failures: number } {
  const n = (v: unknown, d: number) => (typeof v === 'number' ? v : d);
  return { initial: n(p.initialDelaySeconds, 0), period: n(p.periodSeconds, 10), failures: n(p.failureThreshold, 3) };
}

function handlerOf(p: Obj): { name: string; detail: string; port?: unknown; path?: unknown } {
  const name = HANDLERS.find((h) => isObj(p[h])) ?? '?';
  const h = (p[name] ?? {}) as Obj;
  if (name === 'httpGet') return { name, port: h.port, path: h.path ?? '/', detail: ` ${String(h.path ?? '/')} port ${String(h.port)}` };
  if (name === 'tcpSocket' || name === 'grpc') return { name, port: h.port, detail: ` port ${String(h.port)}` };
  if (name === 'exec') return { name, detail: ` ${JSON.stringify(h.command ?? [])}` };
  return { name, detail: '' };
}

function judge(check: Parameters<Evaluator<'kube-probe'>>[0], o: KubeObject, c: Obj, cpath: FieldPath, cname: string, L: Lang | undefined): Outcome {
  const field = `${check.probe}Probe`;
  const parts = [say(L, 'wantProbe', { field: `${check.probe}Probe` })];
  if (check.handler) parts.push(say(L, 'wantHandler', { handler: check.handler.join(' / ') }));
  const ports = declaredPorts(c);
  const portsText = ports.text || say(L, 'noPortsDeclared');
  if (check.declaredPort) parts.push(say(L, 'wantDeclaredPort', { ports: portsText }));
  if (check.path) parts.push(say(L, 'wantPath', { path: check.path }));
  if (check.slowStartSeconds) parts.push(say(L, 'wantSlowStart', { s: check.slowStartSeconds }));
  if (check.hangRestartSeconds) parts.push(say(L, 'wantHang', { s: check.hangRestartSeconds }));
  const expected = parts.join(', ');
  const fail = (actual: string): Outcome => ({ pass: false, expected, actual });

  const p = c[field];
  if (!isObj(p)) {
    const others = ['readinessProbe', 'livenessProbe', 'startupProbe'].filter((f) => isObj(c[f]));
    return fail(say(L, 'noProbe', { container: cname, at: where(o, cpath), field, others: others.length ? say(L, 'probeOthers', { list: others.join(', ') }) : '' }));
  }
  const at = where(o, [...cpath, field], 'key');
  const h = handlerOf(p);
  const is = say(L, 'probeIs', { field, handler: h.name, detail: h.detail, at });
  if (check.handler && !check.handler.includes(h.name as (typeof HANDLERS)[number])) return fail(is);
  if (check.declaredPort && (h.name === 'httpGet' || h.name === 'tcpSocket' || h.name === 'grpc') && !portDeclared(h.port, ports)) {
    return fail(say(L, 'portUndeclared', { field, handler: h.name, port: String(h.port), at: where(o, [...cpath, field, h.name, 'port']), container: cname, ports: portsText }));
  }
  if (check.path && h.name === 'httpGet' && h.path !== check.path) return fail(say(L, 'wrongPath', { field, path: String(h.path), at }));
  const notes: string[] = [is];
  if (check.slowStartSeconds) {
    // A liveness probe starts only once the startupProbe has succeeded: its budget is the one that counts.
    const startup = check.probe === 'liveness' && isObj(c.startupProbe) ? c.startupProbe : null;
    const t = timings(startup ?? p);
    const budget = t.initial + t.period * t.failures;
    const how = `${startup ? say(L, 'withStartup') : ''}${t.initial} + ${t.period} × ${t.failures}`;
    const spot = startup ? where(o, [...cpath, 'startupProbe'], 'key') : at;
    if (budget < check.slowStartSeconds) return fail(say(L, 'slowStartKilled', { budget, how, at: spot, s: check.slowStartSeconds }));
    notes.push(say(L, 'slowStartOk', { budget, how }));
  }
  if (check.hangRestartSeconds) {
    const t = timings(p);
    const total = t.period * t.failures;
    const how = `${t.period} × ${t.failures}`;
    if (total > check.hangRestartSeconds) return fail(say(L, 'hangSlow', { t: total, how, at }));
    notes.push(say(L, 'hangOk', { t: total, how }));
  }
  return { pass: true, expected, actual: notes.join('; ') };
}

export const kubeProbe: Evaluator<'kube-probe'> = async (check, ctx) => {
  const L = ctx.lang;
  const expected = say(L, 'wantProbe', { field: `${check.probe}Probe` });
  const found = await requireObject(ctx.workspace, check.object, check.file, expected, L);
  if (isOutcome(found)) return found;
  const c = requireContainer(found.o, check.container, expected, L);
  if (isOutcome(c)) return c;
  return judge(check, found.o, c.c, c.path, c.name, L);
};

import { declaredPorts, isObj, isOutcome, podSpecOf, portDeclared, requireObject, say, where } from '../../kube/workspace';
import { selects, showLabels, showSelector } from '../../kube/validate';
import type { Evaluator, Outcome } from '../types';

export const kubeSelector: Evaluator<'kube-selector'> = async (check, ctx) => {
  const L = ctx.lang;
  const parts = [say(L, 'wantSelectorMatches', { workload: check.object })];
  if (check.replicas !== undefined) parts.push(say(L, 'wantReplicas', { n: check.replicas }));
  if (check.service) parts.push(say(L, 'wantServiceFinds', { service: check.service, workload: check.object }));
  const expected = parts.join(', ');
  const fail = (actual: string): Outcome => ({ pass: false, expected, actual });
  const found = await requireObject(ctx.workspace, check.object, check.file, expected, L);
  if (isOutcome(found)) return found;
  const o = found.o;
  const ps = podSpecOf(o);
  if (!ps) return fail(say(L, 'notAWorkload', { object: check.object }));
  const spec = isObj(o.data.spec) ? o.data.spec : {};
  const sel = isObj(spec.selector) ? spec.selector : {};
  // A workload's own selector mismatch is refused by validation (requireObject); here it holds.
  const notes = [say(L, 'selectorMatches', { selector: showSelector(sel), labels: showLabels(ps.labels) })];
  if (check.replicas !== undefined) {
    const n = typeof spec.replicas === 'number' ? spec.replicas : 1;
    const is = spec.replicas === undefined ? say(L, 'replicasDefault', { at: where(o, ['spec'], 'key') }) : say(L, 'replicasAre', { n, at: where(o, ['spec', 'replicas']) });
    if (n !== check.replicas) return fail(is);
    notes.push(is);
  }
  if (check.service) {
    const s = await requireObject(ctx.workspace, check.service, check.file, expected, L);
    if (isOutcome(s)) return s;
    const sspec = isObj(s.o.data.spec) ? s.o.data.spec : {};
    const ssel = isObj(sspec.selector) ? sspec.selector : null;
    if (!ssel || !Object.keys(ssel).length) return fail(say(L, 'serviceNoSelector', { service: check.service, at: where(s.o, ['spec'], 'key') }));
    // A Service's selector is plain labels (no expressions); the API server accepts one that matches nothing.
    if (!selects({ matchLabels: ssel }, ps.labels)) {
      return fail(say(L, 'serviceMisses', { service: check.service, selector: showLabels(ssel), at: where(s.o, ['spec', 'selector']), workload: check.object, labels: showLabels(ps.labels) }));
    }
    const ports = (Array.isArray(sspec.ports) ? sspec.ports : []).filter(isObj);
    const declared = ((Array.isArray(ps.spec.containers) ? ps.spec.containers : []).filter(isObj)).map(declaredPorts);
    const all = { numbers: declared.flatMap((d) => d.numbers), names: declared.flatMap((d) => d.names), text: declared.map((d) => d.text).filter(Boolean).join(', ') };
    for (const [i, p] of ports.entries()) {
      const target = p.targetPort ?? p.port;
      if (!portDeclared(target, all)) {
        return fail(say(L, 'targetPortMisses', { service: check.service, port: String(target), at: where(s.o, ['spec', 'ports', i, p.targetPort === undefined ? 'port' : 'targetPort']), ports: all.text || say(L, 'noPortsDeclared') }));
      }
    }
    notes.push(say(L, 'serviceFinds', { service: check.service, selector: showLabels(ssel), workload: check.object, port: ports.map((p) => String(p.targetPort ?? p.port)).join(', ') }));
  }
  return { pass: true, expected, actual: notes.join('; ') };
};

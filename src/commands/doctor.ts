import type { Args } from '../cli/args';
import { paint, printJson, println } from '../cli/output';
import { EngineApi } from '../engine/api';
import { explain, ping, where } from '../engine/diagnose';
import { resolveEndpoint } from '../engine/endpoint';
import { inspectImage } from '../engine/objects';
import { CtrError, EngineUnavailable } from '../errors';
import { langSource, pickLang } from '../i18n/lang';
import type { Lang } from '../lessons/schema';
import { fill, t } from '../i18n/strings';
import { displayWidth } from '../ui/text/text';
import { peekProgress } from '../progress/peek';
import { quickCatalog } from '../lessons/cache';
import { runProcess } from '../proc/run';
import { configDir, workspacesDir } from '../paths';
import { detectLiveMode, doctorLine } from '../kube/live/mode';

interface Finding {
  what: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

/**
 * Which engine, which versions, and what is missing, each with the fix.
 * Exit 0 all good, 1 something is missing, 2 the engine cannot be reached (could not check).
 */
export async function run(args: Args): Promise<number> {
  const findings: Finding[] = [];
  const report: Record<string, unknown> = {};
  const lang = pickLang(args, peekProgress().data.lang);
  // Asked while the engine is pinged: a hung engine's 2 s are not added to the CLI's start-up.
  // Asked at the same time: a kubeconfig context that does not answer costs up to 2.5 s.
  const kube = detectLiveMode();
  const cliVersion = runProcess('docker', ['--version'], { description: 'docker --version', timeoutMs: 5000 }).catch(() => null);
  let api: EngineApi | null = null;
  // Unreachable is "could not check" (exit 2), not "something is missing" (exit 1).
  let unreachable = false;
  try {
    const ep = resolveEndpoint();
    report.endpoint = { url: ep.url, source: ep.source, origin: ep.origin?.kind };
    findings.push({ what: 'endpoint', ok: true, detail: where(lang, ep) });
    const pinged = await ping(ep);
    if (!pinged.ok) {
      unreachable = true;
      const { message, fix } = explain(pinged.diagnosis, lang);
      report.engine = { reachable: false, cause: pinged.diagnosis.cause, code: pinged.diagnosis.code };
      findings.push({ what: 'engine', ok: false, detail: message, fix });
    } else {
      api = new EngineApi(ep, 5000);
      const v = await api.json<{ Version: string; ApiVersion: string; Os: string; Arch: string; KernelVersion: string }>('GET', '/version');
      report.engine = { reachable: true, version: v.Version, apiVersion: v.ApiVersion, os: v.Os, arch: v.Arch };
      findings.push({ what: 'engine', ok: true, detail: fill(lang, 'doctor.engineOk', { version: v.Version, api: v.ApiVersion, os: v.Os, arch: v.Arch }) });
    }
  } catch (err) {
    unreachable = true;
    const e = err as CtrError;
    const texts = err instanceof CtrError ? err.texts?.[lang] : undefined;
    report.engine = { reachable: false, cause: err instanceof EngineUnavailable ? err.reason : undefined };
    findings.push({ what: 'engine', ok: false, detail: texts?.message ?? e.message, fix: texts?.fix ?? (lang === 'en' ? e.tryThis : undefined) ?? t(lang, 'doctor.engineFix') });
  }

  const cli = await cliVersion;
  findings.push(
    cli && cli.exitCode === 0
      ? { what: 'docker CLI', ok: true, detail: cli.stdout.trim() }
      : { what: 'docker CLI', ok: false, detail: t(lang, 'doctor.noCli'), fix: t(lang, 'doctor.noCliFix') },
  );

  // The cached catalog (as lessons and check read it): parsing every lesson costs ~1 s on a loaded machine.
  const { lessons, broken } = await quickCatalog();
  if (api && findings.find((f) => f.what === 'engine')?.ok) {
    const needed = [...new Set(lessons.flatMap((l) => l.requires.images))];
    const missing: string[] = [];
    for (const ref of needed) if (!(await inspectImage(api, ref))) missing.push(ref);
    findings.push(
      missing.length
        ? { what: 'images', ok: false, detail: fill(lang, 'doctor.imagesMissing', { refs: missing.join(', ') }), fix: t(lang, 'doctor.imagesFix') }
        : { what: 'images', ok: true, detail: fill(lang, 'doctor.imagesOk', { n: needed.length }) },
    );
  }
  findings.push(
    broken.length
      ? { what: 'lessons', ok: false, detail: fill(lang, 'doctor.lessonsBroken', { n: broken.length, first: broken[0] }), fix: 'ctr-learn lint' }
      : { what: 'lessons', ok: true, detail: fill(lang, 'doctor.lessonsOk', { n: lessons.length }) },
  );
  // Tier 3 of the Kubernetes lessons: a cluster is never required, so this line never fails doctor.
  const live = await kube;
  findings.push({ what: 'kubernetes', ...doctorLine(live, lang) });
  report.kubernetes = live;
  findings.push({ what: 'language', ok: true, detail: languageSource(args, lang, peekProgress().data.lang) });
  report.paths = { progress: configDir(), workspaces: workspacesDir() };
  api?.close();

  const ok = findings.every((f) => f.ok);
  if (args.flags.json) printJson({ ok, findings, ...report });
  else {
    // `what` stays English in --json (a stable key); on screen it is a word in the language.
    const label = (what: string) => t(lang, `doctor.${what === 'docker CLI' ? 'cli' : what}` as Parameters<typeof t>[1]);
    const column = Math.max(...findings.map((f) => displayWidth(label(f.what)))) + 1;
    for (const f of findings) {
      const l = label(f.what);
      println(`${f.ok ? paint('pass', '✔') : paint('fail', '✘')} ${l}${' '.repeat(column - displayWidth(l))}${f.detail}`);
      if (f.fix) println(`  ${paint('accent', `${t(lang, 'doctorFix')}:`)} ${f.fix}`);
    }
    println(paint('muted', fill(lang, 'doctor.paths', { progress: configDir(), workspaces: workspacesDir() })));
  }
  return ok ? 0 : unreachable ? 2 : 1;
}

/** The language and where it came from, and how to change it. */
function languageSource(args: Args, lang: Lang, saved: Lang | undefined): string {
  return t(lang, `lang.from.${langSource(args, saved)}`);
}

import { constants } from 'node:os';
import { normalizeRef } from '../../engine/objects';
import type { ContainerInspect, ImageInspect } from '../../engine/types';
import { say } from '../../i18n/evidence';
import type { CheckOf, Lang } from '../../lessons/schema';
import type { Evaluator, Outcome } from '../types';
import { isOutcome, requireContainer } from './container';

/** The run settings this kind reads, beyond what ContainerInspect/ImageInspect declare. */
interface RunSettings {
  Config?: { StopSignal?: string | null; StopTimeout?: number | null } | null;
  HostConfig?: { Init?: boolean | null; Memory?: number; MemorySwap?: number; NanoCpus?: number; CpuQuota?: number; CpuPeriod?: number };
}

/** "64m", "1g", "512k", "1048576" (bytes), as docker's --memory reads them (binary units). */
export function parseBytes(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i.exec(text.trim());
  if (!m) throw new Error(`not a size: ${text}`);
  const unit = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'b' | 'k' | 'm' | 'g'];
  return Math.round(Number(m[1]) * unit);
}

/** Bytes as a person writes them: 67108864 -> "64m", 0 -> "none". */
export function showBytes(n: number | undefined, lang: Lang | undefined): string {
  if (!n) return say(lang, 'runConfigNoLimit');
  for (const [unit, size] of [['g', 1024 ** 3], ['m', 1024 ** 2], ['k', 1024]] as const) {
    if (n % size === 0) return `${n / size}${unit}`;
  }
  return `${n}b`;
}

/** SIGINT, INT, sigint and 2 are one signal; null when the text names none. */
export function signalNumber(text: string): number | null {
  const t = text.trim().toUpperCase();
  if (/^\d+$/.test(t)) return Number(t);
  const name = t.startsWith('SIG') ? t : `SIG${t}`;
  return (constants.signals as Record<string, number>)[name] ?? null;
}

/** The CPUs a container may use: --cpus (NanoCpus), or --cpu-quota over --cpu-period (100 ms when unset). */
export function effectiveCpus(h: RunSettings['HostConfig']): number {
  if (h?.NanoCpus) return h.NanoCpus / 1e9;
  if (h?.CpuQuota && h.CpuQuota > 0) return h.CpuQuota / (h.CpuPeriod || 100_000);
  return 0;
}

/**
 * What the engine recorded for a container's (or an image's) run settings: --init, --memory,
 * --memory-swap, --cpus, --stop-signal / STOPSIGNAL, --stop-timeout. Read from inspect, never
 * from the command line: `-m 64M`, `--memory=67108864` and `docker update` all land here alike.
 */
export const runConfig: Evaluator<'run-config'> = async (check, ctx) => {
  const L = ctx.lang;
  const wants = wanted(check, L);
  const subject = check.container ?? normalizeRef(check.image ?? '');
  const expected = say(L, 'runConfigIs', { subject, settings: wants.map((w) => w.want).join(', ') });
  let settings: RunSettings;
  if (check.container) {
    const c = await requireContainer(ctx, check.container, expected);
    if (isOutcome(c)) return c;
    settings = c as ContainerInspect & RunSettings;
  } else {
    const { image, outside } = await ctx.lab.image(subject);
    if (!image) return { pass: false, expected, actual: say(L, outside ? 'imageNoneOutside' : 'imageNone', { ref: subject }) };
    settings = { Config: (image as ImageInspect & RunSettings).Config ?? null };
  }
  const seen = wants.map((w) => w.read(settings));
  const outcome: Outcome = {
    pass: seen.every((s) => s.ok),
    expected,
    actual: say(L, 'runConfigIs', { subject, settings: seen.map((s) => s.have).join(', ') }),
  };
  return outcome;
};

interface Want {
  want: string;
  read: (s: RunSettings) => { ok: boolean; have: string };
}

function wanted(check: CheckOf<'run-config'>, L: Lang | undefined): Want[] {
  const w: Want[] = [];
  if (check.init !== undefined) {
    const want = check.init;
    w.push({
      want: say(L, want ? 'runConfigInit' : 'runConfigNoInit'),
      read: (s) => {
        const has = s.HostConfig?.Init === true;
        return { ok: has === want, have: say(L, has ? 'runConfigInit' : 'runConfigNoInit') };
      },
    });
  }
  if (check.memory !== undefined) {
    const bytes = parseBytes(check.memory);
    w.push({
      want: say(L, 'runConfigMemory', { value: showBytes(bytes, L) }),
      read: (s) => ({ ok: (s.HostConfig?.Memory ?? 0) === bytes, have: say(L, 'runConfigMemory', { value: showBytes(s.HostConfig?.Memory, L) }) }),
    });
  }
  if (check.memorySwap !== undefined) {
    const bytes = check.memorySwap === '-1' ? -1 : parseBytes(check.memorySwap);
    const show = (n: number | undefined) => (n === -1 ? say(L, 'runConfigUnlimitedSwap') : showBytes(n, L));
    w.push({
      want: say(L, 'runConfigSwap', { value: show(bytes) }),
      read: (s) => ({ ok: (s.HostConfig?.MemorySwap ?? 0) === bytes, have: say(L, 'runConfigSwap', { value: show(s.HostConfig?.MemorySwap) }) }),
    });
  }
  if (check.cpus !== undefined) {
    const want = check.cpus;
    w.push({
      want: say(L, 'runConfigCpus', { value: want }),
      read: (s) => {
        const have = effectiveCpus(s.HostConfig);
        return { ok: Math.abs(have - want) < 1e-6, have: have ? say(L, 'runConfigCpus', { value: have }) : say(L, 'runConfigNoCpuLimit') };
      },
    });
  }
  if (check.stopSignal !== undefined) {
    const want = signalNumber(check.stopSignal);
    if (want === null) throw new Error(`stopSignal "${check.stopSignal}" names no signal`);
    w.push({
      want: say(L, 'runConfigStopSignal', { value: check.stopSignal }),
      read: (s) => {
        // Unset means the default: docker stop sends SIGTERM.
        const raw = s.Config?.StopSignal || '';
        const have = raw ? signalNumber(raw) : constants.signals.SIGTERM;
        return { ok: have === want, have: say(L, raw ? 'runConfigStopSignal' : 'runConfigStopSignalDefault', { value: raw }) };
      },
    });
  }
  if (check.stopTimeout !== undefined) {
    const want = check.stopTimeout;
    w.push({
      want: say(L, 'runConfigStopTimeout', { value: want }),
      read: (s) => {
        const have = s.Config?.StopTimeout;
        return { ok: have === want, have: have == null ? say(L, 'runConfigStopTimeoutDefault') : say(L, 'runConfigStopTimeout', { value: have }) };
      },
    });
  }
  return w;
}

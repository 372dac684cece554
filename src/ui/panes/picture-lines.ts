import { t } from '../../i18n/strings';
import type { Lang } from '../../lessons/schema';
import type { HealthPicture, ImagePicture, NetworkRow, Pictures } from '../../pictures/types';
import { seg, type UiLine, type UiSeg } from '../components/Lines';
import { displayWidth, fit, padTo, tf } from '../text/text';
import type { Tone } from '../text/theme';

/**
 * The pictures pane: the lesson's networks, image layer stacks and health timelines, drawn in
 * plain ASCII (box-drawing characters and arrows are two columns wide in some CJK terminals).
 */
export function pictureLines(lang: Lang, pictures: Pictures | null, width: number): UiLine[] {
  if (!pictures) return [[seg(t(lang, 'picturesLoading'), 'muted')]];
  const sections: UiLine[][] = [];
  if (pictures.networks) sections.push(networkLines(lang, pictures.networks));
  if (pictures.images) sections.push(imageLines(lang, pictures.images, width));
  if (pictures.health) sections.push(healthLines(lang, pictures.health, width));
  return sections.flatMap((lines, i) => (i === 0 ? lines : [[], ...lines]));
}

const heading = (text: string): UiLine => [seg(text, 'accent', { bold: true })];

const REACH: Record<NetworkRow['reach'], { key: 'reachName' | 'reachIp' | 'reachHost' | 'reachNone'; tone: Tone }> = {
  name: { key: 'reachName', tone: 'pass' },
  ip: { key: 'reachIp', tone: 'warn' },
  host: { key: 'reachHost', tone: 'muted' },
  none: { key: 'reachNone', tone: 'muted' },
};

export function networkLines(lang: Lang, rows: NetworkRow[]): UiLine[] {
  const label = (n: NetworkRow) => `${n.name} (${n.driver})`;
  const nameWidth = Math.max(...rows.map((n) => displayWidth(label(n))));
  const lines: UiLine[] = [heading(t(lang, 'picNetworks'))];
  for (const n of rows) {
    const who = n.containers.length ? seg(n.containers.join(', ')) : seg(t(lang, 'networkNone'), 'muted');
    const reach = REACH[n.reach];
    // Reaching by name only matters where two containers could talk.
    const how = n.containers.length ? [seg('  '), seg(t(lang, reach.key), reach.tone)] : [];
    lines.push([seg(`  ${padTo(label(n), nameWidth)}  `, 'accent'), who, ...how]);
  }
  return lines;
}

/** Bytes as `docker images` shows sizes (decimal units). */
export function humanSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let v = bytes / 1000;
  let u = 0;
  // (Rounded first: 999,600 bytes is "1.0 MB", not "1000 kB".)
  while (v >= 999.5 && u < units.length - 1) (v /= 1000), u++;
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

export function imageLines(lang: Lang, images: ImagePicture[], width: number): UiLine[] {
  const lines: UiLine[] = [heading(t(lang, 'picImages'))];
  // Tags of one image are one picture.
  const groups = new Map<string, ImagePicture[]>();
  for (const img of images) if (img.id) groups.set(img.id, [...(groups.get(img.id) ?? []), img]);
  const inner = Math.max(24, Math.min(64, width - 14));
  for (const [id, same] of groups) {
    const img = same[0];
    const own = img.layers.filter((l) => !l.fromBase);
    const base = img.layers.filter((l) => l.fromBase);
    const head: UiSeg[] = [seg(`  ${same.map((x) => x.ref).join(', ')}`, undefined, { bold: true }), seg(`  ${id}  `, 'muted')];
    head.push(seg(tf(lang, 'imageHead', { n: img.layers.length, own: own.length })));
    if (img.base) head.push(seg(`  ${tf(lang, 'imageBase', { base: img.base })}`, 'muted'));
    lines.push(head);
    const edge: UiLine = [seg(`  +${'-'.repeat(inner + 2)}+`, 'muted')];
    const row = (text: string, size: number, tone: Tone | undefined, mark: string): UiLine => {
      const sz = humanSize(size);
      const room = inner - displayWidth(sz) - 1;
      return [seg('  | ', 'muted'), seg(padTo(fit(text, room), room), tone), seg(` ${sz}`, 'muted'), seg(' | ', 'muted'), seg(mark, tone)];
    };
    lines.push(edge);
    for (const l of own) lines.push(row(l.createdBy, l.size, 'pass', t(lang, 'layerYours')));
    if (own.length && base.length) lines.push([seg(`  |${'='.repeat(inner + 2)}|`, 'muted')]);
    for (const l of base) lines.push(row(l.createdBy, l.size, 'muted', t(lang, 'layerBase')));
    lines.push(edge);
    if (base.length && img.base) {
      const size = humanSize(base.reduce((n, l) => n + l.size, 0));
      lines.push([seg(`  ${tf(lang, 'layerShared', { n: base.length, base: img.base, size })}`, 'muted')]);
    }
    if (img.configOnly.length) lines.push([seg(`  ${tf(lang, 'imageConfigOnly', { steps: img.configOnly.map((c) => c.split(' ')[0]).join(', ') })}`, 'muted')]);
  }
  for (const img of images) if (!img.id) lines.push([seg(`  ${tf(lang, 'imageMissing', { ref: img.ref })}`, 'muted')]);
  return lines;
}

const HEALTH_CHAR: Record<string, { ch: string; tone: Tone | undefined }> = {
  starting: { ch: '.', tone: 'muted' },
  healthy: { ch: '=', tone: 'pass' },
  unhealthy: { ch: 'x', tone: 'fail' },
};

export function healthLines(lang: Lang, pictures: HealthPicture[], width: number): UiLine[] {
  const lines: UiLine[] = [heading(t(lang, 'picHealth'))];
  const bar = Math.max(10, Math.min(50, width - 16));
  for (const p of pictures) {
    if (p.state === null) {
      lines.push([seg(`  ${tf(lang, 'healthMissing', { name: p.container })}`, 'muted')]);
      continue;
    }
    if (p.noCheck || p.changes.length === 0) {
      lines.push([seg(`  ${tf(lang, p.noCheck ? 'healthNoCheck' : 'healthNotStarted', { name: p.container, state: p.state })}`, 'muted')]);
      continue;
    }
    const now = HEALTH_CHAR[p.status] ?? HEALTH_CHAR.starting;
    lines.push([seg(`  ${p.container}`, undefined, { bold: true }), seg(` (${p.state})  `, 'muted'), seg(tf(lang, 'healthNow', { status: p.status, n: p.failingStreak }), now.tone)]);
    // One character per slice of time since the start, in the status the container had then.
    const segs: UiSeg[] = [seg('  |', 'muted')];
    for (let i = 0; i < bar; i++) {
      const at = ((i + 0.5) / bar) * p.span;
      const status = [...p.changes].reverse().find((c) => c.at <= at)?.status ?? 'starting';
      const look = HEALTH_CHAR[status] ?? HEALTH_CHAR.starting;
      const last = segs.at(-1)!;
      if (last.tone === look.tone && i > 0) last.text += look.ch;
      else segs.push(seg(look.ch, look.tone));
    }
    segs.push(seg(`|  ${p.span.toFixed(1)} s`, 'muted'));
    lines.push(segs);
    lines.push([seg(`  ${p.changes.map((c) => `${c.status} ${c.at.toFixed(1)} s`).join(' -> ')}`, 'muted')]);
  }
  if (pictures.some((p) => p.changes.length > 0 && !p.noCheck)) lines.push([seg(`  ${t(lang, 'healthLegend')}`, 'muted')]);
  return lines;
}

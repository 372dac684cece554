import type { MarkdownOptions, markdownLines } from './markdown';
import { wrapText, type Line } from './wrap';

/**
 * Markdown → screen lines, for the lesson screen. The renderer (markdown.ts with markdown-it,
 * ~100 KB to load and set up) is loaded right after the first frame, because the home screen shows
 * no Markdown; tests load it up front. In the few milliseconds before it is there, a lesson's text
 * would show as plain wrapped lines, and the app draws again once it has loaded.
 */
let renderer: typeof markdownLines | null = null;
let loading: Promise<void> | null = null;

export function loadMarkdown(): Promise<void> {
  loading ??= import('./markdown').then((m) => {
    renderer = m.markdownLines;
  });
  return loading;
}

export const markdownLoaded = (): boolean => renderer !== null;

export function renderMarkdown(src: string, width: number, opts: MarkdownOptions = {}): Line[] {
  return renderer ? renderer(src, width, opts) : wrapText(src, width);
}

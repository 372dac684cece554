import type { MarkdownOptions } from './markdown';
import { wrapText, type Line } from './wrap';

/**
 * Markdown → screen lines, for the lesson screen. The renderer (markdown.ts with markdown-it,
 * ~100 KB to load and set up) is loaded right after the first frame, because the home screen shows
 * no Markdown; run-app hands it to the state with the `markdownLoaded` event, and pure code (the
 * layout, the panes) gets it from there (`AppState.markdown`); tests load it up front. In the few
 * milliseconds before it is there, a lesson's text shows as plain wrapped lines, and the app draws
 * again once it has loaded.
 */
export type MarkdownRender = (src: string, width: number, opts?: MarkdownOptions) => Line[];

let loading: Promise<MarkdownRender> | null = null;

/** Load the renderer (once). */
export function loadMarkdown(): Promise<MarkdownRender> {
  loading ??= import('./markdown').then((m) => m.markdownLines);
  return loading;
}

/** With the renderer when it has loaded (null: not yet), else the text as plain wrapped lines. */
export function renderMarkdown(render: MarkdownRender | null, src: string, width: number, opts: MarkdownOptions = {}): Line[] {
  return render ? render(src, width, opts) : wrapText(src, width);
}

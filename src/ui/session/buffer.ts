/**
 * A bounded buffer flushed on a timer: a chatty child (docker logs -f of a million lines) or a
 * burst of Engine API calls becomes one state update every `intervalMs` with at most `max`
 * items, never one update per line. Older items beyond the bound are counted, not kept.
 */
export class BoundedBuffer<T> {
  private items: T[] = [];
  private dropped = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly max: number,
    private readonly onFlush: (items: T[], dropped: number) => void,
    private readonly intervalMs = 50,
  ) {}

  push(item: T): void {
    this.items.push(item);
    if (this.items.length > this.max * 2) {
      const cut = this.items.length - this.max;
      this.items = this.items.slice(cut);
      this.dropped += cut;
    }
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.items.length === 0 && this.dropped === 0) return;
    let items = this.items;
    let dropped = this.dropped;
    if (items.length > this.max) {
      dropped += items.length - this.max;
      items = items.slice(-this.max);
    }
    this.items = [];
    this.dropped = 0;
    this.onFlush(items, dropped);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

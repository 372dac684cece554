import type { Lesson } from '../../lessons/schema';
import { lessonPictures } from '../../pictures';
import type { LabReader } from '../../sandbox/lab';
import type { AppEvent } from '../state/events';

/** How often a health timeline on screen is read again. */
const PICTURE_REFRESH_MS = 2000;

/**
 * Reads a lesson's pictures (networks, image layers, health) for the picture pane. Only the
 * newest read is shown: an older, slower one must not replace it. A health timeline grows with
 * time: while one is on screen (`showing`), it is read again (`again`) every 2 s.
 */
export class PictureReader {
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly o: {
      dispatch: (e: AppEvent) => void;
      showing: (lessonId: string) => boolean;
      again: (lessonId: string) => void;
    },
  ) {}

  async load(lab: LabReader, lesson: Lesson): Promise<void> {
    const seq = ++this.seq;
    const pictures = await lessonPictures(lab, lesson);
    if (seq !== this.seq) return;
    this.o.dispatch({ type: 'picturesLoaded', lessonId: lesson.id, pictures });
    this.stop();
    if (pictures.health?.some((h) => h.state === 'running' && !h.noCheck)) {
      this.timer = setTimeout(() => {
        this.timer = null;
        if (this.o.showing(lesson.id)) this.o.again(lesson.id);
      }, PICTURE_REFRESH_MS);
      this.timer.unref();
    }
  }

  /** No more reading again. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

import type { EngineApi } from '../engine/api';
import type { Lesson } from '../lessons/schema';
import { healthPicture } from './health';
import { imagePicture } from './images';
import { networkRows } from './networks';
import { pictureSubjects } from './subjects';
import type { Pictures } from './types';

export { hasPictures, pictureSubjects } from './subjects';
export type { HealthPicture, ImageLayer, ImagePicture, NetworkRow, Pictures } from './types';

/** The lesson's pictures, from what its session holds on the engine now. */
export async function lessonPictures(api: EngineApi, lesson: Lesson, sessionId: string): Promise<Pictures> {
  const what = pictureSubjects(lesson);
  const scope = { lessonId: lesson.id, sessionId };
  // A part the engine could not answer (an object removed in between, a hiccup) is drawn as not
  // there yet; the others still are.
  const orElse = <T>(p: Promise<T>, fallback: T) => p.catch(() => fallback);
  const [networks, images, health] = await Promise.all([
    what.networks ? orElse(networkRows(api, lesson.id, sessionId), null) : null,
    what.images.length
      ? Promise.all(what.images.map((ref) => orElse(imagePicture(api, scope, ref, what.bases), { ref, id: null, base: null, layers: [], configOnly: [] })))
      : null,
    what.health.length
      ? Promise.all(what.health.map((name) => orElse(healthPicture(api, scope, name), { container: name, state: null, noCheck: false, status: '', failingStreak: 0, span: 0, changes: [] })))
      : null,
  ]);
  return { networks, images, health };
}

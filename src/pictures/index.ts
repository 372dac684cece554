import type { EngineApi } from '../engine/api';
import type { Lesson } from '../lessons/schema';
import { healthPicture, noHealthPicture } from './health';
import { imagePicture, noImagePicture } from './images';
import { networkRows } from './networks';
import { pictureSubjects } from './subjects';
import type { Pictures } from './types';

export { hasPictures } from './subjects';

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
      ? Promise.all(what.images.map((ref) => orElse(imagePicture(api, scope, ref, what.bases), noImagePicture(ref))))
      : null,
    what.health.length
      ? Promise.all(what.health.map((name) => orElse(healthPicture(api, scope, name), noHealthPicture(name))))
      : null,
  ]);
  return { networks, images, health };
}

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
  const [networks, images, health] = await Promise.all([
    what.networks ? networkRows(api, lesson.id, sessionId) : null,
    what.images.length ? Promise.all(what.images.map((ref) => imagePicture(api, scope, ref))) : null,
    what.health.length ? Promise.all(what.health.map((name) => healthPicture(api, scope, name))) : null,
  ]);
  return { networks, images, health };
}

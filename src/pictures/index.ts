import type { LabReader } from '../sandbox/lab';
import type { Lesson } from '../lessons/schema';
import { healthPicture, noHealthPicture } from './health';
import { imagePicture, noImagePicture } from './images';
import { networkRows } from './networks';
import { pictureSubjects } from './subjects';
import type { Pictures } from './types';

export { hasPictures } from './subjects';

/** The lesson's pictures, from what its lab holds on the engine now (`lab` looks at that lesson). */
export async function lessonPictures(lab: LabReader, lesson: Lesson): Promise<Pictures> {
  const what = pictureSubjects(lesson);
  // A part the engine could not answer (an object removed in between, a hiccup) is drawn as not
  // there yet; the others still are.
  const orElse = <T>(p: Promise<T>, fallback: T) => p.catch(() => fallback);
  const [networks, images, health] = await Promise.all([
    what.networks ? orElse(networkRows(lab), null) : null,
    what.images.length
      ? Promise.all(what.images.map((ref) => orElse(imagePicture(lab, ref, what.bases), noImagePicture(ref))))
      : null,
    what.health.length
      ? Promise.all(what.health.map((name) => orElse(healthPicture(lab, name), noHealthPicture(name))))
      : null,
  ]);
  return { networks, images, health };
}

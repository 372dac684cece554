import type { Lesson } from '../lessons/schema';

/**
 * What a lesson has pictures of: its networks, the images it makes, the containers it
 * health-checks. (No engine code here: the app's key table asks this before its first frame.)
 */
export function pictureSubjects(lesson: Lesson): { networks: boolean; images: string[]; bases: string[]; health: string[] } {
  const health = new Set<string>();
  // What the lesson's images may be built FROM: the images it requires and the bases its checks name.
  const bases = new Set(lesson.requires.images);
  for (const step of lesson.steps) {
    for (const c of step.checks) {
      if (c.kind === 'health') health.add(c.container);
      if (c.kind === 'image' && c.baseImage) bases.add(c.baseImage);
    }
  }
  return { networks: lesson.uses.networks.length > 0, images: lesson.uses.images, bases: [...bases], health: [...health] };
}

export function hasPictures(lesson: Lesson): boolean {
  const p = pictureSubjects(lesson);
  return p.networks || p.images.length > 0 || p.health.length > 0;
}

import type { Lesson } from '../lessons/schema';

/**
 * What a lesson has pictures of: its networks, the images it makes, the containers it
 * health-checks. (No engine code here: the app's key table asks this before its first frame.)
 */
export function pictureSubjects(lesson: Lesson): { networks: boolean; images: string[]; health: string[] } {
  const health = new Set<string>();
  for (const step of lesson.steps) for (const c of step.checks) if (c.kind === 'health') health.add(c.container);
  return { networks: lesson.uses.networks.length > 0, images: lesson.uses.images, health: [...health] };
}

export function hasPictures(lesson: Lesson): boolean {
  const p = pictureSubjects(lesson);
  return p.networks || p.images.length > 0 || p.health.length > 0;
}

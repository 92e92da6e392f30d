/** Every question of the course by id, with its lesson: for the review queue across lessons. */
import type { Lesson, LessonQuestion } from '$lib/content/load';
import { modules } from './index';

const byId = new Map<string, { lesson: Lesson; question: LessonQuestion }>();
for (const m of modules) for (const l of m.lessons) for (const q of l.questions) byId.set(q.id, { lesson: l, question: q });

export const findQuestion = (id: string) => byId.get(id);

/** What an assignment target ("module" or "module/lesson") covers, from the course content. */
import type { Lesson } from '$lib/content/load';
import { findLesson, findModule, modules } from './index';

export function lessonsOfTarget(target: string): Lesson[] {
	const [m, l] = target.split('/');
	if (!m) return [];
	if (l) {
		const lesson = findLesson(m, l);
		return lesson ? [lesson] : [];
	}
	return findModule(m)?.lessons ?? [];
}

export function targetTitle(target: string): string {
	const [m, l] = target.split('/');
	const module = m ? findModule(m) : undefined;
	if (!module) return 'A lesson no longer in the course';
	if (!l) return `Module: ${module.title}`;
	return findLesson(m!, l)?.title ?? 'A lesson no longer in the course';
}

/** Every possible target, for the "assign" form. */
export const targetOptions = () =>
	modules.flatMap((m) => [
		{ value: m.slug, label: `Whole module: ${m.title}` },
		...m.lessons.map((l) => ({ value: `${m.slug}/${l.slug}`, label: `Lesson: ${l.title}` }))
	]);

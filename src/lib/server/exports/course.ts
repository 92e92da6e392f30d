/**
 * What an export covers: the whole course, one module or one lesson. Pure: it is given the loaded
 * content (bundled by Vite in the app, read from lessons/ by the command line) and the slugs.
 */
import type { Lesson, LessonQuestion, Module, Source } from '$lib/content/load';

export interface Course {
	modules: readonly Module[];
	sources: readonly Source[];
}

export const FORMATS = ['gift', 'qti3'] as const;
export type Format = (typeof FORMATS)[number];
export const isFormat = (s: string): s is Format => (FORMATS as readonly string[]).includes(s);

export interface Selection {
	/** in words, for the file's header: "the whole course", "module 2, Intermediaries" */
	title: string;
	/** for file names: "back-channel", "back-channel-intermediaries" */
	name: string;
	lessons: { module: Module; moduleNumber: number; lesson: Lesson }[];
}

export type Selected = { ok: true; selection: Selection } | { ok: false; message: string };

export function select(course: Course, moduleSlug?: string, lessonSlug?: string): Selected {
	const all = course.modules.flatMap((module, i) => module.lessons.map((lesson) => ({ module, moduleNumber: i + 1, lesson })));
	if (moduleSlug === undefined) {
		if (lessonSlug !== undefined) return { ok: false, message: 'Name the module of the lesson too.' };
		return { ok: true, selection: { title: 'the whole course', name: 'back-channel', lessons: all } };
	}
	const i = course.modules.findIndex((m) => m.slug === moduleSlug);
	if (i < 0) return { ok: false, message: `There is no module "${moduleSlug}". The modules are: ${course.modules.map((m) => m.slug).join(', ')}.` };
	const module = course.modules[i]!;
	if (lessonSlug === undefined) {
		return { ok: true, selection: { title: `module ${i + 1}, ${module.title}`, name: `back-channel-${module.slug}`, lessons: all.filter((l) => l.module === module) } };
	}
	const lesson = module.lessons.find((l) => l.slug === lessonSlug);
	if (!lesson) return { ok: false, message: `Module "${moduleSlug}" has no lesson "${lessonSlug}". Its lessons are: ${module.lessons.map((l) => l.slug).join(', ')}.` };
	return {
		ok: true,
		selection: { title: `the lesson “${lesson.title}” (module ${i + 1}, ${module.title})`, name: `back-channel-${module.slug}-${lesson.slug}`, lessons: all.filter((l) => l.lesson === lesson) }
	};
}

export const questionsOf = (s: Selection): LessonQuestion[] => s.lessons.flatMap((l) => l.lesson.questions);

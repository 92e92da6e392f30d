/**
 * The course content, loaded and checked once when the server starts. Vite bundles the
 * files under lessons/ into the server build, so the running app needs no lessons/ folder
 * and the answer keys in lesson frontmatter never reach a client chunk.
 */
import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { formatProblem, loadContent, type ContentFile, type Lesson, type LessonQuestion, type Module, type Source } from '$lib/content/load';
import { shownArticle } from '$lib/content/article';
import type { QuestionContext } from '$lib/questions/common';
import { toPublic, type PublicQuestion } from '$lib/questions/registry';
import { firstShownOrder, SHUFFLED_FIRST } from '$lib/questions/shuffle';

const raw = import.meta.glob<string>('/lessons/**/*.{svx,yaml,yml,txt}', {
	query: '?raw',
	import: 'default',
	eager: true
});
const compiled = import.meta.glob<Component>('/lessons/**/*.svx', { import: 'default', eager: true });

const files: ContentFile[] = Object.entries(raw).map(([path, text]) => ({ path: path.slice(1), text }));
const { content, problems } = loadContent(files);
if (problems.length) {
	throw new Error(`The content under lessons/ has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
}

export const modules: readonly Module[] = content.modules;
export const sources: readonly Source[] = content.sources;
export const glossary = content.glossary;
export const timeline = content.timeline;

const moduleBySlug = new Map(modules.map((m) => [m.slug, m]));
const sourceById = new Map(sources.map((s) => [s.id, s]));

export const findModule = (slug: string) => moduleBySlug.get(slug);
export const findSource = (id: string) => sourceById.get(id);
export const findLesson = (module: string, lesson: string) =>
	moduleBySlug.get(module)?.lessons.find((l) => l.slug === lesson);

const lessonBySlug = new Map(modules.flatMap((m) => m.lessons.map((l) => [l.slug, l] as const)));
/** Lesson slugs are unique across the course (checked by the content loader). */
export const findLessonBySlug = (slug: string) => lessonBySlug.get(slug);

const bodyCache = new Map<string, string>();

/** The lesson's prose as HTML, rendered from its compiled mdsvex component once. */
export function lessonHtml(lesson: Lesson): string {
	let html = bodyCache.get(lesson.path);
	if (html === undefined) {
		const component = compiled[`/${lesson.path}`];
		html = component ? render(component).body : '';
		bodyCache.set(lesson.path, html);
	}
	return html;
}

/** Where a lesson sits in its module, for previous / next links. */
export function neighbours(lesson: Lesson) {
	const lessons = moduleBySlug.get(lesson.module)?.lessons ?? [];
	const i = lessons.findIndex((l) => l.slug === lesson.slug);
	return { previous: lessons[i - 1], next: lessons[i + 1], index: i, count: lessons.length };
}

/** What find-evidence questions show: each source's citable sentences, paragraph by paragraph, built once. */
const bodies = new Map(sources.map((s) => [s.id, shownArticle(s)]));
const questionContext: QuestionContext = { source: (id) => bodies.get(id) };

const shown = new Map<string, PublicQuestion>();

/**
 * The part of a question the browser may see: no key, no explanation, no citation; choices in
 * the order of their first showing (firstShownOrder). Made once per question.
 */
export function publicQuestion(q: LessonQuestion): PublicQuestion {
	let pub = shown.get(q.id);
	if (!pub) {
		pub = toPublic(q, questionContext);
		if (SHUFFLED_FIRST.has(pub.type) && 'choices' in pub) pub = { ...pub, choices: firstShownOrder(pub.choices, q.id) } as PublicQuestion;
		shown.set(q.id, pub);
	}
	return pub;
}

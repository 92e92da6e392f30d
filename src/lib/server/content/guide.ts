/**
 * The teacher's guide to a lesson: every question with its key, explanation, skill and cited
 * sentences. Server-only, and only for teacher pages: none of this may reach a student.
 */
import type { Lesson, Module } from '$lib/content/load';
import { shownKey, type PublicQuestion } from '$lib/questions/registry';
import { part } from '$lib/questions/two-part/parts';
import { keyTexts } from '../reports/class-data';
import { findSource, lessonHtml, publicQuestion } from './index';
import { citedPassage } from './passages';

/** What each skill is called, in a teacher's words (the guide and the lesson results page). */
export const skillNames = { recall: 'Recall', inference: 'Inference', compare: 'Compare', evaluate: 'Evaluate' } as const;

export const typeNames = {
	single: 'One answer',
	multiple: 'Several answers',
	'true-false': 'True or false',
	numeric: 'A number',
	ordering: 'Put in order',
	matching: 'Matching',
	'find-evidence': 'Find the evidence',
	'two-part': 'Two-part (answer, then evidence)',
	written: 'Written (claim, evidence, reasoning), scored by the teacher'
} as const;

/** The sentence numbers a key names, for questions answered by picking a sentence of an article. */
function keySentences(q: Lesson['questions'][number]): number[] {
	if (q.type === 'find-evidence') return shownKey(q).map(Number);
	if (q.type === 'two-part') return (part(shownKey(q), 'b') ?? []).map(Number);
	return [];
}

export function lessonGuide(lesson: Lesson) {
	const questions = lesson.questions.map((q, i) => ({
		n: i + 1,
		id: q.id,
		typeName: typeNames[q.type],
		skill: skillNames[q.skill],
		question: publicQuestion(q),
		key: keyTexts(q),
		keySentences: keySentences(q),
		explanation: q.explanation,
		citations: q.cite.map(citedPassage),
		/** a written question's model answer: teachers only, never on the worksheet */
		model: q.type === 'written' ? q.model : null
	}));
	// articles that questions ask students to pick sentences from: printed once, after the questions
	const shownBy = (pub: PublicQuestion) => ('source' in pub ? [pub] : 'articles' in pub ? pub.articles : []);
	const shownIn = (pub: PublicQuestion): string[] => shownBy(pub).map((a) => a.source.id);
	const articleIds = [...new Set(questions.flatMap((q) => shownIn(q.question)))];
	const articles = articleIds.map((id) => {
		const source = findSource(id)!;
		return {
			id,
			title: source.title,
			askedIn: questions.filter((q) => shownIn(q.question).includes(id)).map((q) => q.n),
			paragraphs: questions.flatMap((q) => shownBy(q.question)).find((a) => a.source.id === id)!.paragraphs
		};
	});
	const skills = Object.values(skillNames).map((name) => ({ name, count: questions.filter((q) => q.skill === name).length }));
	return { html: lessonHtml(lesson), questions, articles, skills };
}

export function moduleGuide(module: Module) {
	return module.lessons.map((l) => ({
		slug: l.slug,
		title: l.title,
		summary: l.summary,
		questions: l.questions.length,
		skills: Object.entries(skillNames).map(([id, name]) => ({ name, count: l.questions.filter((q) => q.skill === id).length }))
	}));
}

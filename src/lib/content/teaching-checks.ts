/**
 * Checks that the course teaches reasoning and does not repeat itself (issue 14): the skills
 * each lesson asks for, a two-part question in every lesson, no two questions testing the same
 * fact, and questions as readable as the prose. Run by `npm run check:content` with courseChecks.
 */
import { similarity } from './citations';
import type { Content, Lesson, LessonQuestion, Problem } from './load';
import { proseOf, readability, type Readability } from './readability';
import { skills, type Skill } from '../questions/common';

export const MIN_NOT_RECALL_PER_LESSON = 4;
export const MIN_NOT_RECALL_SHARE = 0.5;
export const MIN_TWO_PART_PER_LESSON = 1;
/** a claim argued from evidence, scored by the teacher */
export const MIN_WRITTEN_PER_MODULE = 1;
/** prompts at least this similar (1 − edit distance / length, case and spacing folded) are the same question */
export const SAME_PROMPT = 0.85;
export const MAX_QUESTION_GRADE = 11;

export type SkillCounts = Record<Skill, number>;

export interface Repeat {
	a: { id: string; path: string };
	b: { id: string; path: string };
	why: 'same type and cited sentences' | 'near-identical prompts';
	/** the reason a question of the pair gives for repeating, if any */
	reuse?: string;
}

export interface LessonTeaching {
	path: string;
	skills: SkillCounts;
	twoPart: number;
	questions: Readability;
}

const countSkills = (qs: readonly LessonQuestion[]): SkillCounts => {
	const out = Object.fromEntries(skills.map((s) => [s, 0])) as SkillCounts;
	for (const q of qs) out[q.skill]++;
	return out;
};

const notRecall = (c: SkillCounts) => c.inference + c.compare + c.evaluate;

/** Everything a student reads in a question before and after answering, but the quotes. */
export function questionText(q: LessonQuestion): string {
	const parts = [q.prompt, q.explanation];
	if ('choices' in q) parts.push(...q.choices.map((c) => c.text));
	if ('items' in q) parts.push(...q.items.map((i) => i.text));
	if ('pairs' in q) parts.push(...q.pairs.flatMap((p) => [p.left, p.right]));
	if ('partB' in q && q.partB) parts.push(q.partB);
	if ('rubric' in q) parts.push(q.model, ...q.rubric.flatMap((c) => [c.name, ...c.levels.map((l) => l.text)]));
	return proseOf(parts.join('\n'));
}

const citedSet = (q: LessonQuestion) =>
	[...new Set(q.cite.flatMap((c) => c.sentenceIds.map((id) => `${c.source}:${id}`)))].sort().join(' ');
const foldPrompt = (p: string) => p.toLowerCase().replace(/\s+/g, ' ').trim();

export function findRepeats(lessons: readonly Lesson[]): Repeat[] {
	const all = lessons.flatMap((l) => l.questions.map((q) => ({ q, path: l.path, cited: citedSet(q), prompt: foldPrompt(q.prompt) })));
	const out: Repeat[] = [];
	for (let i = 0; i < all.length; i++) {
		for (let j = i + 1; j < all.length; j++) {
			const [x, y] = [all[i]!, all[j]!];
			const why =
				x.q.type === y.q.type && x.cited && x.cited === y.cited
					? 'same type and cited sentences'
					: // prompts whose lengths differ by more than 1 − SAME_PROMPT cannot be that similar
						Math.min(x.prompt.length, y.prompt.length) >= SAME_PROMPT * Math.max(x.prompt.length, y.prompt.length) &&
						  similarity(x.prompt, y.prompt) >= SAME_PROMPT
						? 'near-identical prompts'
						: undefined;
			if (!why) continue;
			const reuse = y.q.reuse ?? x.q.reuse;
			out.push({ a: { id: x.q.id, path: x.path }, b: { id: y.q.id, path: y.path }, why, ...(reuse ? { reuse } : {}) });
		}
	}
	return out;
}

export function teachingChecks(content: Content): {
	problems: Problem[];
	lessons: LessonTeaching[];
	course: SkillCounts;
	twoPart: number;
	repeats: Repeat[];
	/** every question that says why it deliberately comes back to a fact taught elsewhere */
	reuses: { id: string; path: string; reuse: string }[];
} {
	const problems: Problem[] = [];
	const lessons = content.modules.flatMap((m) => m.lessons);
	const reports = lessons.map((lesson): LessonTeaching => {
		const counts = countSkills(lesson.questions);
		const twoPart = lesson.questions.filter((q) => q.type === 'two-part').length;
		if (notRecall(counts) < MIN_NOT_RECALL_PER_LESSON) {
			problems.push({ file: lesson.path, message: `skills: ${notRecall(counts)} question(s) ask more than recall; every lesson has at least ${MIN_NOT_RECALL_PER_LESSON} (inference, compare or evaluate)` });
		}
		if (twoPart < MIN_TWO_PART_PER_LESSON) {
			problems.push({ file: lesson.path, message: `questions: no two-part question; every lesson has at least ${MIN_TWO_PART_PER_LESSON}` });
		}
		const questions = readability(lesson.questions.map(questionText).join('\n'));
		if (questions.grade > MAX_QUESTION_GRADE) {
			problems.push({
				file: lesson.path,
				message: `questions (prompts, choices, explanations) read at US grade ${questions.grade.toFixed(1)} (Flesch–Kincaid); at most ${MAX_QUESTION_GRADE} (${(questions.words / Math.max(1, questions.sentences)).toFixed(1)} words a sentence, ${(questions.syllables / Math.max(1, questions.words)).toFixed(2)} syllables a word)`
			});
		}
		return { path: lesson.path, skills: counts, twoPart, questions };
	});
	const course = countSkills(lessons.flatMap((l) => l.questions));
	const total = lessons.reduce((n, l) => n + l.questions.length, 0);
	if (total && notRecall(course) / total < MIN_NOT_RECALL_SHARE) {
		problems.push({
			file: 'lessons',
			message: `skills: ${notRecall(course)} of ${total} questions ask more than recall; at least ${MIN_NOT_RECALL_SHARE * 100} % of the course must`
		});
	}
	const repeats = findRepeats(lessons);
	for (const r of repeats.filter((r) => !r.reuse)) {
		problems.push({
			file: r.b.path,
			question: r.b.id,
			message: `repeats "${r.a.id}" (${r.a.path}): ${r.why}. Test another fact, or give one of them a reuse: line saying why the repeat is deliberate`
		});
	}
	const reuses = lessons.flatMap((l) => l.questions.flatMap((q) => (q.reuse ? [{ id: q.id, path: l.path, reuse: q.reuse }] : [])));
	return { problems, lessons: reports, course, twoPart: reports.reduce((n, r) => n + r.twoPart, 0), repeats, reuses };
}

/**
 * Every module asks for at least one written argument (claim, evidence, reasoning). A rule of the
 * course as a whole, apart from `teachingChecks`, so that small made-up courses in tests need none.
 */
export function writtenPerModule(content: Content): Problem[] {
	return content.modules.flatMap((m) =>
		m.lessons.flatMap((l) => l.questions).filter((q) => q.type === 'written').length >= MIN_WRITTEN_PER_MODULE
			? []
			: [{ file: m.lessons[0]?.path ?? m.path, message: `questions: module "${m.slug}" has no written question; every module has at least ${MIN_WRITTEN_PER_MODULE}` }]
	);
}

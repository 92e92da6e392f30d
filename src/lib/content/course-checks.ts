/**
 * Checks over the whole course, run by `npm run check:content` after every file has loaded:
 * each source cited often enough, lesson prose at the right reading level and in our own words.
 * (Per-file checks live in load.ts; these need the whole course, so fixtures in tests can stay small.)
 */
import type { Content, Problem } from './load';
import { proseOf, readability, type Readability } from './readability';

export const MIN_QUESTIONS_PER_SOURCE = 20;
export const GRADE_RANGE = { min: 8, max: 11 } as const;
/** this many words in a row shared with an article is copying, not writing */
export const COPIED_RUN = 8;

const words = (text: string): string[] =>
	text
		.toLowerCase()
		.replace(/[’‘]/g, "'")
		.split(/[^\p{L}\p{N}']+/u)
		.filter(Boolean);

export interface LessonReport extends Readability {
	path: string;
	slug: string;
}

export function courseChecks(content: Content): { problems: Problem[]; lessons: LessonReport[]; questionsPerSource: Map<string, number> } {
	const problems: Problem[] = [];
	const lessons = content.modules.flatMap((m) => m.lessons);

	const questionsPerSource = new Map(content.sources.map((s) => [s.id, 0]));
	for (const q of lessons.flatMap((l) => l.questions)) {
		for (const id of new Set(q.cite.map((c) => c.source))) questionsPerSource.set(id, (questionsPerSource.get(id) ?? 0) + 1);
	}
	for (const s of content.sources) {
		const n = questionsPerSource.get(s.id) ?? 0;
		if (n < MIN_QUESTIONS_PER_SOURCE) {
			problems.push({ file: s.path, message: `cited by ${n} question(s); every source is cited by at least ${MIN_QUESTIONS_PER_SOURCE}` });
		}
	}

	// every run of COPIED_RUN words of every article's body (naming an article by its title is fine)
	const runs = new Set<string>();
	for (const s of content.sources) {
		for (const sentence of s.paragraphs.filter((p) => p.kind === 'text').flatMap((p) => p.sentences)) {
			const w = words(sentence.text);
			for (let i = 0; i + COPIED_RUN <= w.length; i++) runs.add(w.slice(i, i + COPIED_RUN).join(' '));
		}
	}

	const reports = lessons.map((lesson): LessonReport => {
		const r = readability(proseOf(lesson.body));
		if (r.grade < GRADE_RANGE.min || r.grade > GRADE_RANGE.max) {
			problems.push({
				file: lesson.path,
				line: lesson.bodyFirstLine,
				message: `prose reads at US grade ${r.grade.toFixed(1)} (Flesch–Kincaid); aim for ${GRADE_RANGE.min}–${GRADE_RANGE.max} (${r.words} words in ${r.sentences} sentences: ${(r.words / Math.max(1, r.sentences)).toFixed(1)} words a sentence, ${(r.syllables / Math.max(1, r.words)).toFixed(2)} syllables a word)`
			});
		}
		lesson.body.split('\n').forEach((line, i) => {
			const w = words(line);
			for (let k = 0; k + COPIED_RUN <= w.length; k++) {
				const run = w.slice(k, k + COPIED_RUN).join(' ');
				if (runs.has(run)) {
					problems.push({ file: lesson.path, line: lesson.bodyFirstLine + i, message: `prose copies an article ("${run}…"): write it in our own words, or make it a question's quote` });
					break;
				}
			}
		});
		return { ...r, path: lesson.path, slug: lesson.slug };
	});
	return { problems, lessons: reports, questionsPerSource };
}

/** The two downloads of a class: the gradebook matrix and every answer. Both through toCsv. */
import { formatInZone } from '$lib/time-zone';
import { toCsv } from '../csv';
import { localDay } from '../progress/local-day';
import { dueLabel } from '../progress/due';
import type { GradebookLesson, GradebookRow } from './gradebook';

/** "Year 10 History — B" → "year-10-history-b", for file names. */
export function fileSlug(text: string): string {
	const slug = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return slug || 'class';
}

const percent = (x: number | null) => (x === null ? null : Math.round(x * 100));

/** The class's rule for late answers, as the CSV states it in each late column's header. */
const lateRuleWords = { accept: 'late answers count', exclude: 'late answers do not count' } as const;

export function gradebookCsv(lessons: readonly GradebookLesson[], rows: readonly GradebookRow[], latePolicy: keyof typeof lateRuleWords = 'accept'): string {
	const header = [
		'Student',
		'Username',
		...lessons.flatMap((l) => [`${l.title}: score %`, `${l.title}: answered`, `${l.title}: state`, `${l.title}: answered late (${lateRuleWords[latePolicy]})`, `${l.title}: written answers waiting for grading`]),
		'Total score %',
		'Total answered',
		'Lessons done'
	];
	const body = rows.map((r) => [
		r.student.name,
		r.student.username,
		...r.cells.flatMap((c) => [percent(c.score), `${c.answered} of ${c.total}`, dueLabel[c.state], c.late, c.waiting]),
		percent(r.total.score),
		`${r.total.answered} of ${r.total.questions}`,
		r.total.done
	]);
	return toCsv(header, body);
}

export interface AnswerLine {
	name: string;
	username: string | null;
	lessonTitle: string;
	lessonKey: string;
	questionId: string;
	prompt: string;
	given: string[];
	correct: boolean;
	points: number;
	at: string;
	/** instead of right or wrong: a written answer's rubric scores, or that it waits for grading */
	verdict?: string;
}

export function answersCsv(lines: readonly AnswerLine[], timeZone: string): string {
	const header = [
		'Student',
		'Username',
		'Lesson',
		'Lesson id',
		'Question id',
		'Question',
		'Answer given',
		'Right or wrong',
		'Points',
		`Time (${timeZone})`,
		'Time (ISO, UTC)'
	];
	return toCsv(
		header,
		lines.map((a) => [
			a.name,
			a.username,
			a.lessonTitle,
			a.lessonKey,
			a.questionId,
			a.prompt,
			a.given.join('; '),
			a.verdict ?? (a.correct ? 'right' : 'wrong'),
			a.points,
			formatInZone(a.at, timeZone),
			a.at
		])
	);
}

/** The response for a download: `<class-name-slug>-<what>-YYYY-MM-DD.csv`, the date in the class's zone. */
export function csvResponse(csv: string, className: string, what: 'gradebook' | 'answers', timeZone: string, now = new Date()): Response {
	const filename = `${fileSlug(className)}-${what}-${localDay(now, timeZone)}.csv`;
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'no-store'
		}
	});
}

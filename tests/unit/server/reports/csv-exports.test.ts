import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { answersCsv, csvResponse, fileSlug, gradebookCsv } from '../../../../src/lib/server/reports/csv-exports';
import type { GradebookLesson, GradebookRow } from '../../../../src/lib/server/reports/gradebook';

const read = (csv: string) => parse(csv.replace(/^\uFEFF/, '')) as string[][];

describe('fileSlug', () => {
	it.each([
		['Year 10 History — B', 'year-10-history-b'],
		['Éducation civique', 'education-civique'],
		['"; rm -rf /', 'rm-rf'],
		['———', 'class']
	])('%s → %s', (name, slug) => expect(fileSlug(name)).toBe(slug));
});

describe('gradebookCsv', () => {
	it('a row per student: score %, answered and state per lesson, then the totals; formulas neutralised', () => {
		const lessons = [{ key: 'm/a', slug: 'a', module: 'm', title: 'The envoy', questionIds: ['q1', 'q2'], dueAt: null }] as GradebookLesson[];
		const rows: GradebookRow[] = [
			{
				student: { id: '1', name: '=HYPERLINK("x")', username: 'eve' },
				cells: [{ lesson: 'm/a', score: 0.5, right: 1, points: 1, answered: 2, total: 2, state: 'done-late', doneAt: null, late: 1, lateNotCounted: 1, waiting: 1 }],
				total: { right: 1, answered: 2, questions: 2, score: 0.5, done: 1 }
			},
			{
				student: { id: '2', name: 'Sam, Jr.', username: 'sam' },
				cells: [{ lesson: 'm/a', score: null, right: 0, points: 0, answered: 0, total: 2, state: 'not-started', doneAt: null, late: 0, lateNotCounted: 0, waiting: 0 }],
				total: { right: 0, answered: 0, questions: 2, score: null, done: 0 }
			}
		];
		const csv = gradebookCsv(lessons, rows, 'exclude');
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(read(csv)).toEqual([
			[
				'Student',
				'Username',
				'The envoy: score %',
				'The envoy: answered',
				'The envoy: state',
				'The envoy: answered late (late answers do not count)',
				'The envoy: written answers waiting for grading',
				'Total score %',
				'Total answered',
				'Lessons done'
			],
			[`'=HYPERLINK("x")`, 'eve', '50', '2 of 2', 'Done late', '1', '1', '50', '2 of 2', '1'],
			['Sam, Jr.', 'sam', '', '0 of 2', 'Not started', '0', '0', '', '0 of 2', '0']
		]);
		expect(read(gradebookCsv(lessons, rows))[0]).toContain('The envoy: answered late (late answers count)');
	});
});

describe('answersCsv', () => {
	it('one line per answer with the choice texts and the time in the class’s zone and in UTC', () => {
		const csv = answersCsv(
			[
				{
					name: 'Eve',
					username: 'eve',
					lessonTitle: 'The envoy',
					lessonKey: 'm/a',
					questionId: 'q1',
					prompt: 'Which countries?',
					given: ['Egypt', 'Qatar'],
					correct: false,
					points: 0.5,
					at: '2026-03-01T09:30:00.000Z'
				}
			],
			'Europe/Berlin'
		);
		const [header, line] = read(csv);
		expect(header).toEqual([
			'Student',
			'Username',
			'Lesson',
			'Lesson id',
			'Question id',
			'Question',
			'Answer given',
			'Right or wrong',
			'Points',
			'Time (Europe/Berlin)',
			'Time (ISO, UTC)'
		]);
		expect(line!.slice(0, 9)).toEqual(['Eve', 'eve', 'The envoy', 'm/a', 'q1', 'Which countries?', 'Egypt; Qatar', 'wrong', '0.5']);
		expect(line![9]).toMatch(/10:30/);
		expect(line![10]).toBe('2026-03-01T09:30:00.000Z');
	});
});

describe('csvResponse', () => {
	it('an attachment named after the class and the day in its zone, never cached', async () => {
		const res = csvResponse('x', 'Year 10 — B', 'gradebook', 'Pacific/Auckland', new Date('2026-03-01T20:00:00Z'));
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('cache-control')).toBe('no-store');
		// 20:00 UTC is already the next morning in Auckland
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="year-10-b-gradebook-2026-03-02.csv"');
		expect(await res.text()).toBe('x');
	});
});

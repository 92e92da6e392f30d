import { describe, expect, it } from 'vitest';
import type { Module } from '../../../../src/lib/content/load';
import { summarize, type AnswerRow } from '../../../../src/lib/server/progress/summary';

const lesson = (module: string, slug: string, ids: string[]) =>
	({ slug, module, title: slug.toUpperCase(), questions: ids.map((id) => ({ id })) }) as unknown as Module['lessons'][number];
const modules = [
	{ slug: 'm1', title: 'M1', lessons: [lesson('m1', 'a', ['a1', 'a2']), lesson('m1', 'b', ['b1'])] },
	{ slug: 'm2', title: 'M2', lessons: [lesson('m2', 'c', ['c1', 'c2'])] }
] as unknown as Module[];
const row = (lesson: string, questionId: string, correct: boolean, at: string): AnswerRow => ({ lesson, questionId, correct, at });

describe('summarize', () => {
	it('with no answers: nothing started, continue with the first lesson', () => {
		const s = summarize(modules, []);
		expect(s.started).toBe(false);
		expect(s.continueWith?.href).toBe('/modules/m1/a');
		expect(s.modules[0]).toMatchObject({ lessonsDone: 0, share: 0 });
	});

	it('scores latest and best per lesson, and counts done lessons', () => {
		const s = summarize(modules, [
			row('m1/a', 'a1', true, '2026-01-01T00:00:00Z'),
			row('m1/a', 'a1', false, '2026-01-01T00:01:00Z'),
			row('m1/a', 'a2', true, '2026-01-01T00:02:00Z'),
			row('m1/b', 'b1', false, '2026-01-01T00:03:00Z')
		]);
		const [a, b] = s.modules[0]!.lessons;
		expect(a).toMatchObject({ answered: 2, done: true, latest: 0.5, best: 1, missed: 1 });
		expect(b).toMatchObject({ answered: 1, done: true, latest: 0, best: 0, missed: 1 });
		expect(s.modules[0]).toMatchObject({ lessonsDone: 2, share: 1 });
		// both lessons of m1 done: continue with the next unfinished lesson
		expect(s.continueWith?.href).toBe('/modules/m2/c');
	});

	it('continues with the most recent unfinished lesson', () => {
		const s = summarize(modules, [row('m2/c', 'c1', true, '2026-01-02T00:00:00Z'), row('m1/a', 'a1', true, '2026-01-01T00:00:00Z')]);
		expect(s.continueWith?.href).toBe('/modules/m2/c');
	});

	it('ignores answers to questions no longer in the lesson', () => {
		const s = summarize(modules, [row('m1/a', 'gone', true, '2026-01-01T00:00:00Z')]);
		expect(s.modules[0]!.lessons[0]!.answered).toBe(0);
	});
});

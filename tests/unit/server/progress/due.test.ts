import { describe, expect, it } from 'vitest';
import { dueState } from '../../../../src/lib/server/progress/due';

const now = new Date('2026-05-10T12:00:00Z');

describe('dueState', () => {
	it('not started, in progress, due soon and overdue', () => {
		expect(dueState([], 3, null, now).state).toBe('not-started');
		expect(dueState(['2026-05-09T00:00:00Z'], 3, null, now).state).toBe('in-progress');
		expect(dueState([], 3, '2026-05-11T12:00:00Z', now).state).toBe('due-soon');
		expect(dueState([], 3, '2026-05-20T12:00:00Z', now).state).toBe('not-started');
		expect(dueState(['2026-05-09T00:00:00Z'], 3, '2026-05-10T11:59:00Z', now).state).toBe('overdue');
	});

	it('done on time or late, by when the last question was first answered', () => {
		const times = ['2026-05-08T00:00:00Z', '2026-05-09T10:00:00Z'];
		expect(dueState(times, 2, '2026-05-09T12:00:00Z', now)).toEqual({ state: 'done', doneAt: '2026-05-09T10:00:00Z' });
		expect(dueState(times, 2, '2026-05-09T09:00:00Z', now)).toEqual({ state: 'done-late', doneAt: '2026-05-09T10:00:00Z' });
		expect(dueState(times, 2, null, now).state).toBe('done');
	});
});

import { describe, expect, it } from 'vitest';
import { localDay } from '../../../../src/lib/server/progress/local-day';
import { reviewQueue, type AnswerEvent } from '../../../../src/lib/server/progress/review';

const ev = (correct: boolean, at: string, questionId = 'q1'): AnswerEvent => ({ questionId, correct, at });

describe('reviewQueue (two days right, Leitner-style)', () => {
	it('ignores questions never missed', () => {
		expect(reviewQueue([ev(true, '2026-03-01T10:00:00Z')], 'UTC', new Date('2026-03-01T12:00:00Z'))).toEqual([]);
	});

	it('a missed question is due at once (box 0)', () => {
		const q = reviewQueue([ev(false, '2026-03-01T10:00:00Z')], 'UTC', new Date('2026-03-01T10:05:00Z'));
		expect(q).toMatchObject([{ questionId: 'q1', box: 0, due: true, dueOn: '2026-03-01' }]);
	});

	it('one right answer moves it to box 1, due from the next day, not the same day', () => {
		const events = [ev(false, '2026-03-01T10:00:00Z'), ev(true, '2026-03-01T10:10:00Z'), ev(true, '2026-03-01T18:00:00Z')];
		expect(reviewQueue(events, 'UTC', new Date('2026-03-01T20:00:00Z'))).toMatchObject([{ box: 1, due: false, dueOn: '2026-03-02' }]);
		expect(reviewQueue(events, 'UTC', new Date('2026-03-02T08:00:00Z'))).toMatchObject([{ box: 1, due: true }]);
	});

	it('right on two different days leaves the queue', () => {
		const events = [ev(false, '2026-03-01T10:00:00Z'), ev(true, '2026-03-01T10:10:00Z'), ev(true, '2026-03-02T09:00:00Z')];
		expect(reviewQueue(events, 'UTC', new Date('2026-03-02T10:00:00Z'))).toEqual([]);
	});

	it('a wrong answer after a right one starts over', () => {
		const events = [
			ev(false, '2026-03-01T10:00:00Z'),
			ev(true, '2026-03-01T10:10:00Z'),
			ev(false, '2026-03-02T09:00:00Z'),
			ev(true, '2026-03-03T09:00:00Z')
		];
		expect(reviewQueue(events, 'UTC', new Date('2026-03-03T10:00:00Z'))).toMatchObject([{ box: 1, dueOn: '2026-03-04' }]);
	});

	it('days are the student’s days: two answers 20 minutes apart across local midnight count as two days', () => {
		// 23:50 and 00:10 in New York (UTC−5 in March before DST): same UTC day, different local days
		const events = [ev(false, '2026-03-02T04:00:00Z'), ev(true, '2026-03-02T04:50:00Z'), ev(true, '2026-03-02T05:10:00Z')];
		expect(localDay('2026-03-02T04:50:00Z', 'America/New_York')).toBe('2026-03-01');
		expect(localDay('2026-03-02T05:10:00Z', 'America/New_York')).toBe('2026-03-02');
		expect(reviewQueue(events, 'America/New_York', new Date('2026-03-02T06:00:00Z'))).toEqual([]);
		// ...while in UTC both are on 2026-03-02: still one day, still in the queue
		expect(reviewQueue(events, 'UTC', new Date('2026-03-02T06:00:00Z'))).toMatchObject([{ box: 1, due: false }]);
	});

	it('two answers on the same local day but different UTC days count as one day', () => {
		// in Los Angeles (UTC−8) 06:00Z and 07:30Z on 2026-03-02 are both the evening of 2026-03-01
		const events = [ev(false, '2026-03-02T05:00:00Z'), ev(true, '2026-03-02T06:00:00Z'), ev(true, '2026-03-02T07:30:00Z')];
		expect(reviewQueue(events, 'America/Los_Angeles', new Date('2026-03-02T07:40:00Z'))).toMatchObject([{ box: 1, due: false, dueOn: '2026-03-02' }]);
	});

	it('orders the queue by due day, oldest miss first', () => {
		const events = [ev(false, '2026-03-02T10:00:00Z', 'b'), ev(false, '2026-03-01T10:00:00Z', 'a')];
		expect(reviewQueue(events, 'UTC', new Date('2026-03-03T00:00:00Z')).map((i) => i.questionId)).toEqual(['a', 'b']);
	});
});

/**
 * The review queue, a two-box Leitner schedule computed from the answer history alone:
 * a question answered wrong enters box 0 (due now); a right answer moves it to box 1, due
 * from the student's next calendar day; a right answer on a later day takes it out of the
 * queue. A wrong answer at any point puts it back in box 0.
 */
import { localDay } from './local-day';

export interface AnswerEvent {
	questionId: string;
	correct: boolean;
	/** ISO-8601 UTC */
	at: string;
}

export interface ReviewItem {
	questionId: string;
	box: 0 | 1;
	/** the local day from which it is due */
	dueOn: string;
	due: boolean;
	lastWrongAt: string;
}

export function reviewQueue(events: readonly AnswerEvent[], timeZone: string, now: Date): ReviewItem[] {
	const byQuestion = new Map<string, AnswerEvent[]>();
	for (const e of [...events].sort((a, b) => a.at.localeCompare(b.at))) {
		const list = byQuestion.get(e.questionId) ?? [];
		list.push(e);
		byQuestion.set(e.questionId, list);
	}
	const today = localDay(now, timeZone);
	const items: ReviewItem[] = [];
	for (const [questionId, list] of byQuestion) {
		const lastWrong = list.findLastIndex((e) => !e.correct);
		if (lastWrong < 0) continue;
		const rightDays = [...new Set(list.slice(lastWrong + 1).map((e) => localDay(e.at, timeZone)))];
		if (rightDays.length >= 2) continue;
		const lastWrongAt = list[lastWrong]!.at;
		if (rightDays.length === 0) {
			const dueOn = localDay(lastWrongAt, timeZone);
			items.push({ questionId, box: 0, dueOn, due: true, lastWrongAt });
		} else {
			// due from the day after the first right day
			const dueOn = nextDay(rightDays[0]!);
			items.push({ questionId, box: 1, dueOn, due: today >= dueOn, lastWrongAt });
		}
	}
	return items.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.lastWrongAt.localeCompare(b.lastWrongAt));
}

function nextDay(day: string): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

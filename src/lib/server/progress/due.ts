/** The state of an assigned lesson for one student: what "Assigned to you" and the gradebook show. */

export type DueState = 'not-started' | 'in-progress' | 'due-soon' | 'overdue' | 'done' | 'done-late';

export const DUE_SOON_MS = 48 * 3600_000;

export const dueLabel: Record<DueState, string> = {
	'not-started': 'Not started',
	'in-progress': 'In progress',
	'due-soon': 'Due soon',
	overdue: 'Overdue',
	done: 'Done',
	'done-late': 'Done late'
};

/**
 * @param firstAnswerAt the time of each question's first answer (questions not answered are absent)
 * @param total the number of questions in the lesson
 */
export function dueState(firstAnswerAt: readonly string[], total: number, dueAt: string | null, now: Date): { state: DueState; doneAt: string | null } {
	const done = total > 0 && firstAnswerAt.length >= total;
	if (done) {
		const doneAt = [...firstAnswerAt].sort().at(-1)!;
		return { state: dueAt && doneAt > dueAt ? 'done-late' : 'done', doneAt };
	}
	if (dueAt) {
		const left = new Date(dueAt).getTime() - now.getTime();
		if (left < 0) return { state: 'overdue', doneAt: null };
		if (left <= DUE_SOON_MS) return { state: 'due-soon', doneAt: null };
	}
	return { state: firstAnswerAt.length ? 'in-progress' : 'not-started', doneAt: null };
}

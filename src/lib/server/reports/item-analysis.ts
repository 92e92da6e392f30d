/**
 * Classical item analysis for one lesson's questions, over a class's answers. Pure: given the
 * attempts, it returns the numbers, so every rule here is checked by unit tests.
 *
 * - The counted attempt of a student at a question follows the class's setting: their first,
 *   their best (most points; the earlier one on a tie) or their latest attempt.
 * - Facility index of a question: the share of the students who answered it whose counted
 *   attempt is right.
 * - Discrimination index (upper–lower groups, Kelley's 27%): the students who answered the
 *   question are ranked by their total score on the lesson (sum of the points of their counted
 *   attempts; a question they did not answer adds 0). The top 27% and the bottom 27% form the
 *   upper and lower groups (rounded, at least one student each; ties at the cut are broken by
 *   student id, so the result is stable). D = share right in the upper group − share right in
 *   the lower group, from −1 to 1; null with fewer than two students.
 * - A question scored on a scale (a written answer, 0…n rubric points, held as points/n): its
 *   facility is the mean score over the maximum (the mean of points), and D is the mean score
 *   over the maximum in the upper group minus that in the lower group. Answers still waiting for
 *   a teacher are left out until they are scored.
 */

export type Counting = 'first' | 'best' | 'latest';

/** What the reports say about the setting. */
export const countingSentence: Record<Counting, string> = {
	first: 'Counting each student’s first attempt at each question.',
	best: 'Counting each student’s best attempt at each question.',
	latest: 'Counting each student’s latest attempt at each question.'
};

export interface Attempt {
	correct: boolean;
	/** 0..1, partial credit */
	points: number;
	/** ISO time */
	at: string;
	/** a written answer a teacher has not scored yet: no points, and no place in the item statistics */
	waiting?: boolean;
}

export interface StudentAttempt extends Attempt {
	studentId: string;
	questionId: string;
}

/** Share of the class in each extreme group. */
export const GROUP_SHARE = 0.27;

/** The attempt that counts, or undefined for none. Ties in time keep the order given. */
export function countedAttempt<T extends Attempt>(attempts: readonly T[], counting: Counting): T | undefined {
	let pick: T | undefined;
	for (const a of attempts) {
		if (!pick) pick = a;
		else if (counting === 'first' ? a.at < pick.at : counting === 'latest' ? a.at >= pick.at : better(a, pick)) pick = a;
	}
	return pick;
}

/** For "best": more points, then right over wrong, then the earlier attempt. */
function better(a: Attempt, than: Attempt): boolean {
	if (a.points !== than.points) return a.points > than.points;
	if (a.correct !== than.correct) return a.correct;
	return a.at < than.at;
}

/** Attempts grouped by student, then by question, in the order given. */
export function groupAttempts<T extends StudentAttempt>(attempts: readonly T[]): Map<string, Map<string, T[]>> {
	const out = new Map<string, Map<string, T[]>>();
	for (const a of attempts) {
		let byQuestion = out.get(a.studentId);
		if (!byQuestion) out.set(a.studentId, (byQuestion = new Map()));
		const list = byQuestion.get(a.questionId);
		if (list) list.push(a);
		else byQuestion.set(a.questionId, [a]);
	}
	return out;
}

/** Size of each extreme group for n students: 27%, rounded, at least 1; 0 when n < 2. */
export const groupSize = (n: number) => (n < 2 ? 0 : Math.max(1, Math.round(n * GROUP_SHARE)));

export interface ItemStats {
	questionId: string;
	/** students who answered the question at least once */
	answered: number;
	/** share of them right on their first attempt; null when nobody answered */
	firstTry: number | null;
	/** share of them right on the counted attempt; null when nobody answered */
	facility: number | null;
	/** p(upper) − p(lower); null with fewer than two students */
	discrimination: number | null;
	/** students in each extreme group (0 when there is no discrimination index) */
	groupSize: number;
	/** right answers in the upper group (for a scaled question: the sum of scores over the maximum) */
	upperRight: number;
	lowerRight: number;
	/** the question is scored on a scale: facility and D are mean scores */
	scaled: boolean;
}

/**
 * Item statistics for each question id (in the order given). Attempts at questions not in the
 * list are ignored, for the totals too: a question removed from the lesson no longer counts.
 */
export function analyseItems(questionIds: readonly string[], attempts: readonly StudentAttempt[], counting: Counting, scaled: ReadonlySet<string> = new Set()): ItemStats[] {
	const ids = new Set(questionIds);
	const byStudent = groupAttempts(attempts.filter((a) => ids.has(a.questionId) && !a.waiting));
	// each student's counted attempt per question, and their lesson total
	const counted = new Map<string, Map<string, StudentAttempt>>();
	const total = new Map<string, number>();
	for (const [student, byQuestion] of byStudent) {
		const mine = new Map<string, StudentAttempt>();
		let sum = 0;
		for (const [q, list] of byQuestion) {
			const c = countedAttempt(list, counting)!;
			mine.set(q, c);
			sum += c.points;
		}
		counted.set(student, mine);
		total.set(student, sum);
	}

	return questionIds.map((questionId): ItemStats => {
		const takers = [...counted.keys()].filter((s) => counted.get(s)!.has(questionId));
		const n = takers.length;
		// right or wrong counts 1 or 0; a scaled question counts its score over the maximum
		const value = (a: Attempt) => (scaled.has(questionId) ? a.points : a.correct ? 1 : 0);
		const sum = (list: readonly string[]) => list.reduce((n, st) => n + value(counted.get(st)!.get(questionId)!), 0);
		const firstRight = takers.reduce((n, st) => n + value(countedAttempt(byStudent.get(st)!.get(questionId)!, 'first')!), 0);
		const right = sum(takers);
		const k = groupSize(n);
		let discrimination: number | null = null;
		let upperRight = 0;
		let lowerRight = 0;
		if (k > 0) {
			const ranked = [...takers].sort((a, b) => total.get(b)! - total.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
			upperRight = sum(ranked.slice(0, k));
			lowerRight = sum(ranked.slice(n - k));
			discrimination = (upperRight - lowerRight) / k;
		}
		return {
			questionId,
			answered: n,
			firstTry: n ? firstRight / n : null,
			facility: n ? right / n : null,
			discrimination,
			groupSize: k,
			upperRight,
			lowerRight,
			scaled: scaled.has(questionId)
		};
	});
}

export interface ChoiceCount {
	id: string;
	text: string;
	right: boolean;
	count: number;
	/** count / students; 0 when nobody answered */
	share: number;
}

/**
 * How often each choice was chosen on the counted attempts: `given` holds, per student, the
 * choice ids of that attempt (several for a multiple-select question, so shares can sum to
 * more than 100%). Ids that are not choices (an edited question) are left out.
 */
export function choiceDistribution(
	choices: readonly { id: string; text: string }[],
	rightIds: readonly string[],
	given: readonly (readonly string[])[]
): { students: number; choices: ChoiceCount[] } {
	const counts = new Map(choices.map((c) => [c.id, 0]));
	for (const ids of given) {
		for (const id of new Set(ids)) if (counts.has(id)) counts.set(id, counts.get(id)! + 1);
	}
	const students = given.length;
	return {
		students,
		choices: choices.map((c) => {
			const count = counts.get(c.id)!;
			return { id: c.id, text: c.text, right: rightIds.includes(c.id), count, share: students ? count / students : 0 };
		})
	};
}

/**
 * For answers that are not one pick among choices (a number, an order, a set of pairs, a
 * sentence): how often each whole answer was given, the most common first, the rest as one bar.
 */
export function answerDistribution(keyText: string, given: readonly string[], top = 5): { students: number; choices: ChoiceCount[] } {
	const counts = new Map<string, number>();
	for (const g of given) counts.set(g, (counts.get(g) ?? 0) + 1);
	const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
	const shown = sorted.slice(0, top);
	const students = given.length;
	const bar = (id: string, text: string, count: number): ChoiceCount => ({
		id,
		text,
		right: text === keyText,
		count,
		share: students ? count / students : 0
	});
	const bars = shown.map(([text, count], i) => bar(`answer-${i + 1}`, text, count));
	if (!bars.some((b) => b.right)) bars.unshift(bar('answer-key', keyText, counts.get(keyText) ?? 0));
	const rest = sorted.slice(top).reduce((n, [, c]) => n + c, 0);
	if (rest) bars.push({ ...bar('answer-other', 'Other answers', rest), right: false });
	return { students, choices: bars };
}

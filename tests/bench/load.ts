/** What the load targets share: students started at random moments, and the check that what the app acknowledged was stored. */
import { findAnswersByIdempotencyKeys } from '../../src/lib/server/db/answers';
import { createDb } from '../../src/lib/server/db/client';

/** Runs `student(i)` for i < count, each at a random moment within `windowMs`; a failure's message goes into `problems`. */
export function atRandomMoments(count: number, windowMs: number, student: (i: number) => Promise<void>, problems: string[]): Promise<void> {
	const one = (i: number) =>
		new Promise<void>((resolve) =>
			setTimeout(() => {
				student(i)
					.catch((e: unknown) => void problems.push(e instanceof Error ? e.message : String(e)))
					.finally(resolve);
			}, Math.random() * windowMs)
		);
	return Promise.all(Array.from({ length: count }, (_, i) => one(i))).then(() => {});
}

/** How many of the acknowledged submission keys have no answer in the SQLite file. */
export async function lostAnswers(file: string, acknowledged: string[]): Promise<number> {
	const check = createDb({ engine: 'sqlite', file });
	try {
		return acknowledged.length - (await findAnswersByIdempotencyKeys(check.db, acknowledged)).length;
	} finally {
		await check.close();
	}
}

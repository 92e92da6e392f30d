/**
 * Group commit for answers. Answers that arrive while a write is under way are written
 * together in one multi-row INSERT, and each is acknowledged only once that statement has
 * committed. One fsync (SQLite) or one round trip (PostgreSQL) then serves a whole batch
 * instead of a single answer, and "saved" still means on disk.
 */
import type { Kysely } from 'kysely';
import { answerRow, findAnswersByIdempotencyKeys, outcome, recordAnswer, type NewAnswer, type StoredAnswer } from './answers';
import type { Database } from './schema';

// 11 parameters a row: 500 rows stay far below both engines' limits on bound parameters
const MAX_BATCH = 500;

interface Pending {
	answer: NewAnswer;
	id: string;
	now: Date;
	resolve(result: { stored: StoredAnswer; duplicate: boolean }): void;
	reject(error: unknown): void;
}

export interface AnswerWriter {
	write(answer: NewAnswer, now?: Date): Promise<{ stored: StoredAnswer; duplicate: boolean }>;
	/** statements written so far, for tests and the benchmark */
	readonly batches: number;
}

const writers = new WeakMap<Kysely<Database>, AnswerWriter>();

/** The one writer of a database handle: every caller shares its queue. */
export function answerWriter(db: Kysely<Database>): AnswerWriter {
	let writer = writers.get(db);
	if (!writer) writers.set(db, (writer = createWriter(db)));
	return writer;
}

function createWriter(db: Kysely<Database>): AnswerWriter {
	const queue: Pending[] = [];
	let writing = false;
	let batches = 0;

	async function drain(): Promise<void> {
		writing = true;
		try {
			while (queue.length > 0) {
				const batch = queue.splice(0, MAX_BATCH);
				batches++;
				await writeBatch(db, batch);
			}
		} finally {
			writing = false;
		}
	}

	return {
		write(answer, now = new Date()) {
			return new Promise((resolve, reject) => {
				queue.push({ answer, id: crypto.randomUUID(), now, resolve, reject });
				// the first answer waits one turn of the event loop so that the others already
				// parsed in this turn join its batch; later ones join while a write is under way
				if (!writing && queue.length === 1) setImmediate(() => void drain());
			});
		},
		get batches() {
			return batches;
		}
	};
}

async function writeBatch(db: Kysely<Database>, batch: Pending[]): Promise<void> {
	let stored: StoredAnswer[];
	try {
		await db
			.insertInto('answers')
			.values(batch.map((p) => answerRow(p.answer, p.id, p.now)))
			.onConflict((oc) => oc.column('idempotency_key').doNothing())
			.execute();
		stored = await findAnswersByIdempotencyKeys(
			db,
			batch.map((p) => p.answer.idempotencyKey)
		);
	} catch (error) {
		// one bad row (say, of an account deleted a moment ago) must not fail the others:
		// the statement was atomic, so nothing of it is stored, and each answer is tried alone
		if (batch.length === 1) return batch[0]!.reject(error);
		await Promise.all(batch.map((p) => recordAnswer(db, p.answer, p.now).then(p.resolve, p.reject)));
		return;
	}
	const byKey = new Map(stored.map((row) => [row.idempotency_key, row]));
	for (const p of batch) {
		const row = byKey.get(p.answer.idempotencyKey);
		if (!row) {
			p.reject(new Error(`The answer with submission key ${p.answer.idempotencyKey} was not stored.`));
			continue;
		}
		try {
			p.resolve(outcome(row, p.id, p.answer));
		} catch (error) {
			p.reject(error);
		}
	}
}

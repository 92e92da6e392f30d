/** Joining a class by code, with guessing rate limited per IP and per account. */
import { getDb } from '../db';
import { addMembership, findClassByCode } from '../db/classes';
import { hit, limitKeys, refund } from '../db/rate-limit';
import { minutesToWait } from './wait';

export const JOIN_LIMIT = { max: 10, windowMs: 15 * 60_000 };

/** Counts one try for the IP and for the student (when signed in); a readable refusal when either is over the limit. */
export async function checkJoinLimit(ip: string, studentId?: string): Promise<string | null> {
	const { db } = await getDb();
	const keys = [limitKeys.joinIp(ip), ...(studentId ? [limitKeys.join(studentId)] : [])];
	for (const key of keys) {
		const r = await hit(db, key, JOIN_LIMIT);
		if (!r.allowed) {
			return `Too many join codes tried. Please wait ${minutesToWait(r.retryAfterMs)} and try again.`;
		}
	}
	return null;
}

/**
 * A right code gives its try back: only wrong codes count, so a class of 30 joining with the code
 * on the board from one school address is never stopped, while guessing still is.
 */
export async function refundJoin(ip: string, studentId?: string): Promise<void> {
	const { db } = await getDb();
	await refund(db, limitKeys.joinIp(ip));
	if (studentId) await refund(db, limitKeys.join(studentId));
}

export async function joinClass(studentId: string, code: string): Promise<{ ok: true; name: string } | { ok: false; message: string }> {
	const { db } = await getDb();
	const klass = await findClassByCode(db, code);
	if (!klass) return { ok: false, message: 'No class uses that code. Check it with your teacher.' };
	await addMembership(db, klass.id, studentId);
	return { ok: true, name: klass.name };
}

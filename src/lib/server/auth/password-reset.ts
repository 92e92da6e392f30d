/**
 * Forgotten passwords, for students who have no email: a teacher of one of their classes makes a
 * one-time code, the student uses it at /reset. Roster accounts get their first password the same
 * way (purpose `setup`). Teachers get theirs from whoever runs the server (`npm run admin`).
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { resetSchema } from '$lib/schemas/account';
import { clearLimit, hit, limitKeys, refund } from '../db/rate-limit';
import { teachesStudent } from '../db/classes';
import { redeemCode, storeCode, usableCodes } from '../db/password-codes';
import type { Database, PasswordCodeTable } from '../db/schema';
import { createSession, type NewSession } from '../db/sessions';
import { findLogin, findLoginByEmail, type User } from '../db/users';
import { dummyHash, hashPassword, verifyPassword } from './password';
import { formatCode, isCodeShape, newCode, normalizeCode } from './one-time-code';
import { minutesToWait } from './wait';

export const CODE_TTL_MS = 24 * 3600_000;

/** Only wrong codes count (a right one gives its try back), so a class setting up 30 cards behind one school address is never stopped. */
export const RESET_LIMITS = {
	perUsername: { max: 5, windowMs: 15 * 60_000 },
	perIp: { max: 30, windowMs: 15 * 60_000 }
};

export interface IssuedCode {
	code: string;
	expiresAt: Date;
}

export async function issueCode(
	db: Kysely<Database>,
	userId: string,
	purpose: PasswordCodeTable['purpose'],
	by: { id: string | null; name: string },
	now = new Date()
): Promise<IssuedCode> {
	const code = newCode();
	const { expiresAt } = await storeCode(db, {
		userId,
		codeHash: await hashPassword(code),
		purpose,
		createdBy: by.id,
		createdByName: by.name,
		now,
		ttlMs: CODE_TTL_MS
	});
	return { code: formatCode(code), expiresAt };
}

/** A teacher may make a code only for a student of one of their own classes; null otherwise. */
export async function teacherResetCode(db: Kysely<Database>, teacher: User, studentId: string, now = new Date()): Promise<IssuedCode | null> {
	if (teacher.role !== 'teacher' || !(await teachesStudent(db, teacher.id, studentId))) return null;
	return issueCode(db, studentId, 'reset', { id: teacher.id, name: teacher.display_name }, now);
}

export type ResetResult =
	| ({ ok: true; user: Pick<User, 'id' | 'role'> } & NewSession)
	| { ok: false; status: 400 | 429; field: 'code' | 'form'; message: string };

const WRONG = 'That code does not work for this username. It may be mistyped, used already or more than 24 hours old. Check both, or ask your teacher for a new code.';

export async function resetWithCode(
	db: Kysely<Database>,
	values: z.output<typeof resetSchema>,
	ip: string,
	now = new Date()
): Promise<ResetResult> {
	const keys = [
		[limitKeys.reset(values.username), RESET_LIMITS.perUsername],
		[limitKeys.resetIp(ip), RESET_LIMITS.perIp]
	] as const;
	for (const [key, limit] of keys) {
		const r = await hit(db, key, limit, now);
		if (!r.allowed) {
			return { ok: false, status: 429, field: 'form', message: `Too many wrong codes. Please wait ${minutesToWait(r.retryAfterMs)} and try again.` };
		}
	}
	const row = values.username.includes('@') ? await findLoginByEmail(db, values.username) : await findLogin(db, values.username);
	const code = normalizeCode(values.code);
	const codes = row && isCodeShape(code) ? await usableCodes(db, row.id, now) : [];
	let match: (typeof codes)[number] | undefined;
	for (const c of codes) if (await verifyPassword(c.code_hash, code)) match = c;
	// the same work whether or not the username exists or has a code
	if (!codes.length) await verifyPassword(await dummyHash(), code);
	if (!row || !match) return { ok: false, status: 400, field: 'code', message: WRONG };
	const redeemed = await redeemCode(db, { codeId: match.id, userId: row.id, passwordHash: await hashPassword(values.password), byName: match.created_by_name, now });
	if (!redeemed) return { ok: false, status: 400, field: 'code', message: WRONG };
	await clearLimit(db, limitKeys.reset(values.username));
	await refund(db, limitKeys.resetIp(ip));
	return { ok: true, user: { id: row.id, role: row.role }, ...(await createSession(db, row.id, now)) };
}

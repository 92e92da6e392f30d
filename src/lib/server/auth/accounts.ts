/** Sign-up and login for students: validated values in, a session (or a readable refusal) out. */
import type { z } from 'zod';
import type { loginSchema, signupSchema, teacherSignupSchema } from '$lib/schemas/account';
import { getDb } from '../db';
import { addMembership, findClassByCode } from '../db/classes';
import { clearLimit, hit, limitKeys, refund } from '../db/rate-limit';
import { createSession, type NewSession } from '../db/sessions';
import { claimGuestAnswers, createUser, findLogin, findLoginByEmail, UsernameTaken, type User } from '../db/users';
import { dummyHash, hashPassword, verifyPassword } from './password';
import { minutesToWait } from './wait';

export const LOGIN_LIMITS = {
	perUsername: { max: 5, windowMs: 15 * 60_000 },
	perIp: { max: 30, windowMs: 15 * 60_000 }
};

export type AccountResult =
	| ({ ok: true; user: User } & NewSession)
	| { ok: false; status: 400 | 401 | 409 | 429; field?: string; message: string };

export async function signUp(values: z.output<typeof signupSchema>, guestId: string | null): Promise<AccountResult> {
	const { db } = await getDb();
	const klass = values.code ? await findClassByCode(db, values.code) : undefined;
	if (values.code && !klass) return { ok: false, status: 400, field: 'code', message: 'No class uses that code. Check it with your teacher.' };
	try {
		const user = await createUser(db, {
			role: 'student',
			username: values.username,
			email: null,
			displayName: values.displayName,
			passwordHash: await hashPassword(values.password),
			timeZone: values.timeZone
		});
		if (klass) await addMembership(db, klass.id, user.id);
		if (guestId) await claimGuestAnswers(db, guestId, user.id);
		return { ok: true, user, ...(await createSession(db, user.id)) };
	} catch (e) {
		if (e instanceof UsernameTaken) return { ok: false, status: 409, field: 'username', message: e.message };
		throw e;
	}
}

export async function signUpTeacher(values: z.output<typeof teacherSignupSchema>): Promise<AccountResult> {
	const { db } = await getDb();
	try {
		const user = await createUser(db, {
			role: 'teacher',
			username: null,
			email: values.email,
			displayName: values.displayName,
			passwordHash: await hashPassword(values.password),
			timeZone: 'UTC'
		});
		return { ok: true, user, ...(await createSession(db, user.id)) };
	} catch (e) {
		if (e instanceof UsernameTaken) return { ok: false, status: 409, field: 'email', message: 'An account with that email address exists. Log in instead.' };
		throw e;
	}
}

export async function logIn(values: z.output<typeof loginSchema>, ip: string, guestId: string | null): Promise<AccountResult> {
	const { db } = await getDb();
	for (const [key, limit] of [
		[limitKeys.login(values.username), LOGIN_LIMITS.perUsername],
		[limitKeys.loginIp(ip), LOGIN_LIMITS.perIp]
	] as const) {
		const r = await hit(db, key, limit);
		if (!r.allowed) {
			return {
				ok: false,
				status: 429,
				message: `Too many login attempts. Please wait ${minutesToWait(r.retryAfterMs)} and try again.`
			};
		}
	}
	const row = values.username.includes('@') ? await findLoginByEmail(db, values.username) : await findLogin(db, values.username);
	const valid = await verifyPassword(row?.password_hash ?? (await dummyHash()), values.password);
	if (!row || !valid) return { ok: false, status: 401, message: 'That username and password do not match. Check both and try again.' };
	await clearLimit(db, limitKeys.login(values.username));
	// only failures count against an address: a class logging in behind one school address is never stopped
	await refund(db, limitKeys.loginIp(ip));
	if (guestId) await claimGuestAnswers(db, guestId, row.id);
	const { password_hash: _p, ...user } = row;
	return { ok: true, user, ...(await createSession(db, row.id)) };
}

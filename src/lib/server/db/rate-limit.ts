/** Fixed-window counters in the database, so limits hold across restarts and across app processes. */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

export interface Limit {
	max: number;
	windowMs: number;
}

/**
 * Every key says what it counts. The ones naming a person (their username or email as typed at
 * login, their account id) are that person's data: exported with it and deleted with the account.
 * IP keys name no account and are left alone.
 */
export const limitKeys = {
	/** login attempts for one username (or a teacher's email), cleared by a successful login */
	login: (name: string) => `login:user:${name}`,
	loginIp: (ip: string) => `login:ip:${ip}`,
	joinIp: (ip: string) => `join:ip:${ip}`,
	/** class codes tried by one signed-in student */
	join: (userId: string) => `join:user:${userId}`,
	/** wrong current passwords on /account, so a stolen session cannot guess the password */
	passwordChange: (userId: string) => `password:${userId}`,
	/** wrong one-time codes typed at /reset for one username (or a teacher's email) */
	reset: (name: string) => `reset:user:${name}`,
	resetIp: (ip: string) => `reset:ip:${ip}`
};

export function personalLimitKeys(user: { id: string; username: string | null; email: string | null }): string[] {
	const names = [user.username, user.email].filter((n): n is string => n !== null);
	return [...names.map(limitKeys.login), ...names.map(limitKeys.reset), limitKeys.join(user.id), limitKeys.passwordChange(user.id)];
}

export type LimitResult = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Counts one try in one statement, so two app processes hitting the same key at once each see
 * the other's count: a read, then a write, let both read 4 of 5 and both pass.
 * A refused try counts too; that changes nothing, since the window, not the count, ends a refusal.
 */
export async function hit(db: Kysely<Database>, key: string, limit: Limit, now = new Date()): Promise<LimitResult> {
	const at = now.toISOString();
	const windowOver = sql<boolean>`rate_limits.window_start <= ${new Date(now.getTime() - limit.windowMs).toISOString()}`;
	const row = await db
		.insertInto('rate_limits')
		.values({ key, window_start: at, count: 1 })
		.onConflict((oc) =>
			oc.column('key').doUpdateSet({
				window_start: sql<string>`case when ${windowOver} then ${at} else rate_limits.window_start end`,
				count: sql<number>`case when ${windowOver} then 1 else rate_limits.count + 1 end`
			})
		)
		.returning(['window_start', 'count'])
		.executeTakeFirstOrThrow();
	if (Number(row.count) <= limit.max) return { allowed: true };
	return { allowed: false, retryAfterMs: new Date(row.window_start).getTime() + limit.windowMs - now.getTime() };
}

export async function clearLimit(db: Kysely<Database>, key: string): Promise<void> {
	await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

/** Gives back one try: for limits that count only failures, a success returns what it took. */
export async function refund(db: Kysely<Database>, key: string): Promise<void> {
	await db.updateTable('rate_limits').set((eb) => ({ count: eb('count', '-', 1) })).where('key', '=', key).where('count', '>', 0).execute();
}

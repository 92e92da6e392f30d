/**
 * Server-side sessions. The cookie holds a random 256-bit token; the table holds only its
 * SHA-256, so a copy of the database cannot be used to sign in.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import type { User } from './users';

export const SESSION_ABSOLUTE_MS = 30 * 24 * 3600_000;
export const SESSION_IDLE_MS = 7 * 24 * 3600_000;
/** last_seen_at is written at most this often, so reads stay reads */
const TOUCH_EVERY_MS = 10 * 60_000;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new session of the account, as the cookie will carry it. */
export interface NewSession {
	token: string;
	expiresAt: Date;
	userId: string;
}

export async function createSession(db: Kysely<Database>, userId: string, now = new Date()): Promise<NewSession> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
	await db
		.insertInto('sessions')
		.values({
			id: digest(token),
			user_id: userId,
			created_at: now.toISOString(),
			expires_at: expiresAt.toISOString(),
			last_seen_at: now.toISOString()
		})
		.execute();
	return { token, expiresAt, userId };
}

export async function validateSession(db: Kysely<Database>, token: string, now = new Date()): Promise<User | null> {
	const id = digest(token);
	const row = await db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select([
			'sessions.expires_at',
			'sessions.last_seen_at',
			'users.id',
			'users.role',
			'users.username',
			'users.email',
			'users.display_name',
			'users.time_zone',
			'users.created_at',
			'users.reading_settings'
		])
		.where('sessions.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	const lastSeen = new Date(row.last_seen_at ?? row.expires_at).getTime();
	if (new Date(row.expires_at).getTime() <= now.getTime() || now.getTime() - lastSeen > SESSION_IDLE_MS) {
		await db.deleteFrom('sessions').where('id', '=', id).execute();
		return null;
	}
	if (now.getTime() - lastSeen > TOUCH_EVERY_MS) {
		await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
	}
	const { expires_at: _e, last_seen_at: _l, ...user } = row;
	return user;
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', digest(token)).execute();
}

/**
 * A new password: the hash is replaced and every session of the account ends (ASVS 3.3.3), in
 * one transaction; the caller then starts a fresh session for the browser that made the change.
 */
export async function replacePassword(db: Kysely<Database>, userId: string, passwordHash: string): Promise<void> {
	await db.transaction().execute(async (tx) => {
		await tx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
		await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
	});
}

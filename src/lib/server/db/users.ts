/** Accounts. Deleting a user removes every row about them: see tests/unit/server/db/privacy.test.ts. */
import type { Kysely } from 'kysely';
import { personalLimitKeys } from './rate-limit';
import type { Database, UserTable } from './schema';
import { deleteLtiOf } from './lti-privacy';
import { deleteWrittenOf } from './written';

export type User = Omit<UserTable, 'password_hash' | 'password_reset_at' | 'password_reset_by'>;

export class UsernameTaken extends Error {
	constructor() {
		// also thrown for a taken email address (the same unique-constraint path)
		super('That username is taken. Try another one.');
	}
}

export async function createUser(
	db: Kysely<Database>,
	u: { role: 'student' | 'teacher'; username: string | null; email: string | null; displayName: string; passwordHash: string; timeZone: string }
): Promise<User> {
	const row: UserTable = {
		id: crypto.randomUUID(),
		role: u.role,
		username: u.username,
		email: u.email,
		display_name: u.displayName,
		password_hash: u.passwordHash,
		time_zone: u.timeZone,
		created_at: new Date().toISOString(),
		password_reset_at: null,
		password_reset_by: null,
		reading_settings: null
	};
	const inserted = await db
		.insertInto('users')
		.values(row)
		.onConflict((oc) => oc.doNothing())
		.executeTakeFirst();
	if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new UsernameTaken();
	const { password_hash: _omit, password_reset_at: _at, password_reset_by: _by, ...user } = row;
	return user;
}

export async function findLogin(db: Kysely<Database>, username: string) {
	return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findLoginByEmail(db: Kysely<Database>, email: string) {
	return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUser(db: Kysely<Database>, id: string): Promise<User | undefined> {
	return db
		.selectFrom('users')
		.select(['id', 'role', 'username', 'email', 'display_name', 'time_zone', 'created_at', 'reading_settings'])
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function deleteUser(db: Kysely<Database>, id: string): Promise<void> {
	await db.transaction().execute(async (tx) => {
		const user = await tx.selectFrom('users').select(['id', 'username', 'email']).where('id', '=', id).executeTakeFirst();
		// attempt counters keyed by their username, email or id (the ones keyed by IP name nobody)
		await tx.deleteFrom('rate_limits').where('key', 'in', personalLimitKeys(user ?? { id, username: null, email: null })).execute();
		// explicit, so that nothing depends on the engine enforcing cascades
		await tx.deleteFrom('answers').where('user_id', '=', id).execute();
		await deleteWrittenOf(tx, id);
		await deleteLtiOf(tx, id);
		await tx.deleteFrom('password_codes').where('user_id', '=', id).execute();
		await tx.deleteFrom('memberships').where('student_id', '=', id).execute();
		await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
		await tx.deleteFrom('users').where('id', '=', id).execute();
	});
}

/** A guest who signs up or logs in keeps the answers of their browser session. */
export async function claimGuestAnswers(db: Kysely<Database>, guestId: string, userId: string): Promise<number> {
	const r = await db
		.updateTable('answers')
		.set({ user_id: userId, guest_id: null })
		.where('guest_id', '=', guestId)
		.where('user_id', 'is', null)
		.executeTakeFirst();
	return Number(r.numUpdatedRows);
}

export async function findPasswordHash(db: Kysely<Database>, id: string): Promise<string | undefined> {
	const row = await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
	return row?.password_hash;
}

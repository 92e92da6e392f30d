/** Roster imports: the usernames a preview must avoid, and creating the accounts all at once. */
import type { Kysely } from 'kysely';
import { codeRow } from './password-codes';
import type { Database } from './schema';

/** Usernames in use that a generated one from `bases` (or one of `exact`) could collide with. */
export async function takenUsernames(db: Kysely<Database>, bases: string[], exact: string[]): Promise<Set<string>> {
	if (!bases.length && !exact.length) return new Set();
	const rows = await db
		.selectFrom('users')
		.select('username')
		.where((eb) => eb.or([...bases.map((b) => eb('username', 'like', `${b}%`)), ...(exact.length ? [eb('username', 'in', exact)] : [])]))
		.execute();
	return new Set(rows.map((r) => r.username).filter((u): u is string => u !== null));
}

export interface RosterAccount {
	name: string;
	username: string;
	codeHash: string;
}

/** A username taken between the preview and now: the whole import is undone. */
export class RosterConflict extends Error {
	constructor(readonly username: string) {
		super(`The username ${username} was taken meanwhile.`);
	}
}

/**
 * Every account, its membership and its setup code, in one transaction: a class never ends up
 * with half a roster. Accounts have no usable password until the student uses the code.
 */
export async function createRosterAccounts(
	db: Kysely<Database>,
	r: { classId: string; accounts: RosterAccount[]; by: { id: string; name: string }; timeZone: string; now: Date; ttlMs: number }
): Promise<{ id: string; username: string }[]> {
	const at = r.now.toISOString();
	return db.transaction().execute(async (tx) => {
		const made: { id: string; username: string }[] = [];
		for (const a of r.accounts) {
			const id = crypto.randomUUID();
			const inserted = await tx
				.insertInto('users')
				.values({
					id,
					role: 'student',
					username: a.username,
					email: null,
					display_name: a.name,
					// no argon2 string verifies against this: nobody can log in before setting a password
					password_hash: '!',
					time_zone: r.timeZone,
					created_at: at,
					password_reset_at: null,
					password_reset_by: null
				})
				.onConflict((oc) => oc.doNothing())
				.executeTakeFirst();
			if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new RosterConflict(a.username);
			await tx.insertInto('memberships').values({ class_id: r.classId, student_id: id, joined_at: at }).execute();
			const code = { userId: id, codeHash: a.codeHash, purpose: 'setup' as const, createdBy: r.by.id, createdByName: r.by.name, now: r.now, ttlMs: r.ttlMs };
			await tx.insertInto('password_codes').values(codeRow(code)).execute();
			made.push({ id, username: a.username });
		}
		return made;
	});
}

/** One-time password codes: made by a teacher (or the server's administrator), used once at /reset. */
import type { Kysely } from 'kysely';
import type { Database, PasswordCodeTable } from './schema';

export interface NewCode {
	userId: string;
	codeHash: string;
	purpose: PasswordCodeTable['purpose'];
	createdBy: string | null;
	createdByName: string;
	now: Date;
	ttlMs: number;
}

/** The row a new code is stored as (also by roster imports, inside their own transaction). */
export function codeRow(c: NewCode): PasswordCodeTable {
	return {
		id: crypto.randomUUID(),
		user_id: c.userId,
		code_hash: c.codeHash,
		purpose: c.purpose,
		created_by: c.createdBy,
		created_by_name: c.createdByName,
		created_at: c.now.toISOString(),
		expires_at: new Date(c.now.getTime() + c.ttlMs).toISOString(),
		used_at: null
	};
}

/** A new code replaces any unused one of the same account: only the latest card or slip works. */
export async function storeCode(db: Kysely<Database>, c: NewCode): Promise<{ expiresAt: Date }> {
	const row = codeRow(c);
	await db.transaction().execute(async (tx) => {
		await tx.deleteFrom('password_codes').where('user_id', '=', c.userId).where('used_at', 'is', null).execute();
		await tx.insertInto('password_codes').values(row).execute();
	});
	return { expiresAt: new Date(row.expires_at) };
}

export async function usableCodes(db: Kysely<Database>, userId: string, now: Date) {
	return db
		.selectFrom('password_codes')
		.select(['id', 'code_hash', 'created_by_name'])
		.where('user_id', '=', userId)
		.where('used_at', 'is', null)
		.where('expires_at', '>', now.toISOString())
		.execute();
}

/**
 * Uses a code: in one transaction it is marked used (only if still unused, so two tabs racing
 * with the same code cannot both win), the password is replaced and every session ends.
 */
export async function redeemCode(
	db: Kysely<Database>,
	r: { codeId: string; userId: string; passwordHash: string; byName: string; now: Date }
): Promise<boolean> {
	return db.transaction().execute(async (tx) => {
		const used = await tx
			.updateTable('password_codes')
			.set({ used_at: r.now.toISOString() })
			.where('id', '=', r.codeId)
			.where('used_at', 'is', null)
			.executeTakeFirst();
		if (Number(used.numUpdatedRows) !== 1) return false;
		await tx
			.updateTable('users')
			.set({ password_hash: r.passwordHash, password_reset_at: r.now.toISOString(), password_reset_by: r.byName })
			.where('id', '=', r.userId)
			.execute();
		await tx.deleteFrom('sessions').where('user_id', '=', r.userId).execute();
		return true;
	});
}

export async function lastReset(db: Kysely<Database>, userId: string) {
	return db.selectFrom('users').select(['password_reset_at', 'password_reset_by']).where('id', '=', userId).executeTakeFirst();
}

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

/** A new code replaces any unused one of the same account: only the latest card or slip works. */
export async function storeCode(db: Kysely<Database>, c: NewCode): Promise<{ expiresAt: Date }> {
	const expiresAt = new Date(c.now.getTime() + c.ttlMs);
	await db.transaction().execute(async (tx) => {
		await tx.deleteFrom('password_codes').where('user_id', '=', c.userId).where('used_at', 'is', null).execute();
		await tx
			.insertInto('password_codes')
			.values({
				id: crypto.randomUUID(),
				user_id: c.userId,
				code_hash: c.codeHash,
				purpose: c.purpose,
				created_by: c.createdBy,
				created_by_name: c.createdByName,
				created_at: c.now.toISOString(),
				expires_at: expiresAt.toISOString(),
				used_at: null
			})
			.execute();
	});
	return { expiresAt };
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

/** Whether this teacher owns or co-teaches a class this student belongs to. */
export async function teachesStudent(db: Kysely<Database>, teacherId: string, studentId: string): Promise<boolean> {
	const row = await db
		.selectFrom('memberships')
		.innerJoin('classes', 'classes.id', 'memberships.class_id')
		.innerJoin('users', 'users.id', 'memberships.student_id')
		.select('memberships.student_id')
		.leftJoin('class_teachers', (j) => j.onRef('class_teachers.class_id', '=', 'classes.id').on('class_teachers.teacher_id', '=', teacherId))
		.where('memberships.student_id', '=', studentId)
		.where((eb) => eb.or([eb('classes.teacher_id', '=', teacherId), eb('class_teachers.teacher_id', '=', teacherId)]))
		.where('users.role', '=', 'student')
		.executeTakeFirst();
	return row !== undefined;
}

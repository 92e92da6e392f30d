/** Classes and memberships (the teacher side grows in its own issue). */
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export async function findClassByCode(db: Kysely<Database>, code: string) {
	return db.selectFrom('classes').select(['id', 'name']).where('join_code', '=', code).executeTakeFirst();
}

export async function addMembership(db: Kysely<Database>, classId: string, studentId: string): Promise<void> {
	await db
		.insertInto('memberships')
		.values({ class_id: classId, student_id: studentId, joined_at: new Date().toISOString() })
		.onConflict((oc) => oc.columns(['class_id', 'student_id']).doNothing())
		.execute();
}

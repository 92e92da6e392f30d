/** Everything stored about one student, for "download my data". */
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export async function exportUserData(db: Kysely<Database>, userId: string) {
	const user = await db
		.selectFrom('users')
		.select(['id', 'role', 'username', 'email', 'display_name', 'time_zone', 'created_at'])
		.where('id', '=', userId)
		.executeTakeFirst();
	const sessions = await db
		.selectFrom('sessions')
		.select(['created_at', 'expires_at', 'last_seen_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at')
		.execute();
	const memberships = await db
		.selectFrom('memberships')
		.innerJoin('classes', 'classes.id', 'memberships.class_id')
		.select(['classes.name as class_name', 'classes.section', 'memberships.joined_at'])
		.where('memberships.student_id', '=', userId)
		.execute();
	const answers = await db
		.selectFrom('answers')
		.select(['id', 'lesson', 'question_id', 'answer', 'correct', 'points', 'key_hash', 'created_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at')
		.execute();
	return { user, sessions, memberships, answers };
}

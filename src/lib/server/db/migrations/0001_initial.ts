import { sql, type Kysely } from 'kysely';

// Written once with Kysely's schema builder; runs unchanged on SQLite and PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('users')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('student', 'teacher')`))
		.addColumn('username', 'text', (c) => c.unique())
		.addColumn('email', 'text', (c) => c.unique())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

	await db.schema
		.createTable('classes')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('teacher_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('section', 'text')
		.addColumn('join_code', 'text', (c) => c.unique())
		.addColumn('time_zone', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('classes_teacher').on('classes').column('teacher_id').execute();

	await db.schema
		.createTable('memberships')
		.addColumn('class_id', 'text', (c) => c.notNull().references('classes.id').onDelete('cascade'))
		.addColumn('student_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('joined_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('memberships_pk', ['class_id', 'student_id'])
		.execute();
	await db.schema.createIndex('memberships_student').on('memberships').column('student_id').execute();

	await db.schema
		.createTable('assignments')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('class_id', 'text', (c) => c.notNull().references('classes.id').onDelete('cascade'))
		.addColumn('target', 'text', (c) => c.notNull())
		.addColumn('due_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('assignments_class').on('assignments').column('class_id').execute();

	await db.schema
		.createTable('answers')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
		.addColumn('guest_id', 'text')
		.addColumn('lesson', 'text', (c) => c.notNull())
		.addColumn('question_id', 'text', (c) => c.notNull())
		.addColumn('answer', 'text', (c) => c.notNull())
		.addColumn('correct', 'integer', (c) => c.notNull().check(sql`correct in (0, 1)`))
		.addColumn('points', 'real', (c) => c.notNull())
		.addColumn('key_hash', 'text', (c) => c.notNull())
		.addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('answers_user_question').on('answers').columns(['user_id', 'question_id']).execute();
	await db.schema.createIndex('answers_guest').on('answers').column('guest_id').execute();
	await db.schema.createIndex('answers_lesson_question').on('answers').columns(['lesson', 'question_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of ['answers', 'assignments', 'memberships', 'classes', 'sessions', 'users']) {
		await db.schema.dropTable(table).execute();
	}
}

import type { Kysely } from 'kysely';

// Written answers (claim, evidence, reasoning): the current draft and submission of each student
// at each question, every saved version, and every rubric grading (regrades keep the history).
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('written_answers')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('lesson', 'text', (c) => c.notNull())
		.addColumn('question_id', 'text', (c) => c.notNull())
		.addColumn('draft', 'text')
		.addColumn('draft_at', 'text')
		.addColumn('submitted', 'text')
		.addColumn('submitted_at', 'text')
		.addColumn('key_hash', 'text')
		.addColumn('graded_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('written_answers_one', ['user_id', 'lesson', 'question_id'])
		.execute();
	await db.schema.createIndex('written_answers_waiting').on('written_answers').columns(['graded_at', 'submitted_at']).execute();
	await db.schema
		.createTable('written_versions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('answer_id', 'text', (c) => c.notNull().references('written_answers.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('content', 'text', (c) => c.notNull())
		.addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('written_versions_answer').on('written_versions').columns(['answer_id', 'created_at']).execute();
	await db.schema
		.createTable('written_grades')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('answer_id', 'text', (c) => c.notNull().references('written_answers.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('grader_id', 'text', (c) => c.notNull())
		.addColumn('grader_name', 'text', (c) => c.notNull())
		.addColumn('scores', 'text', (c) => c.notNull())
		.addColumn('total', 'integer', (c) => c.notNull())
		.addColumn('max', 'integer', (c) => c.notNull())
		.addColumn('comment', 'text', (c) => c.notNull())
		.addColumn('rubric_hash', 'text', (c) => c.notNull())
		.addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('seen_at', 'text')
		.execute();
	await db.schema.createIndex('written_grades_answer').on('written_grades').columns(['answer_id', 'created_at']).execute();
	await db.schema.createIndex('written_grades_user').on('written_grades').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('written_grades').execute();
	await db.schema.dropTable('written_versions').execute();
	await db.schema.dropTable('written_answers').execute();
}

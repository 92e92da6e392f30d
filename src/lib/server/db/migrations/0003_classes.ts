import type { Kysely } from 'kysely';

// Classes: which attempt counts in the gradebook; answers looked up by learner and lesson.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('classes').addColumn('counting', 'text', (c) => c.notNull().defaultTo('latest')).execute();
	await db.schema.createIndex('answers_user_lesson').on('answers').columns(['user_id', 'lesson', 'created_at']).execute();
	await db.schema.createIndex('memberships_class').on('memberships').column('class_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropIndex('memberships_class').execute();
	await db.schema.dropIndex('answers_user_lesson').execute();
	await db.schema.alterTable('classes').dropColumn('counting').execute();
}

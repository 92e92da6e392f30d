import type { Kysely } from 'kysely';

// Co-teachers of a class; the end of term (archived classes); what late answers count for.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('class_teachers')
		.addColumn('class_id', 'text', (c) => c.notNull().references('classes.id').onDelete('cascade'))
		.addColumn('teacher_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('added_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('class_teachers_pk', ['class_id', 'teacher_id'])
		.execute();
	await db.schema.createIndex('class_teachers_teacher').on('class_teachers').column('teacher_id').execute();
	await db.schema.alterTable('classes').addColumn('archived_at', 'text').execute();
	await db.schema.alterTable('classes').addColumn('late_policy', 'text', (c) => c.notNull().defaultTo('accept')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('classes').dropColumn('late_policy').execute();
	await db.schema.alterTable('classes').dropColumn('archived_at').execute();
	await db.schema.dropTable('class_teachers').execute();
}

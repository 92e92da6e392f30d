import type { Kysely } from 'kysely';

// One-time codes a teacher (or whoever runs the server) gives a student to set a new password;
// the account remembers when its password was last reset, and by whom, for /account.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('password_codes')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('code_hash', 'text', (c) => c.notNull())
		.addColumn('purpose', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text')
		.addColumn('created_by_name', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.execute();
	await db.schema.createIndex('password_codes_user').on('password_codes').column('user_id').execute();
	await db.schema.alterTable('users').addColumn('password_reset_at', 'text').execute();
	await db.schema.alterTable('users').addColumn('password_reset_by', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('users').dropColumn('password_reset_by').execute();
	await db.schema.alterTable('users').dropColumn('password_reset_at').execute();
	await db.schema.dropTable('password_codes').execute();
}

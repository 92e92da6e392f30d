import type { Kysely } from 'kysely';

// Accounts: a student's time zone (for the review schedule), session idle tracking, rate limits.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('users').addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC')).execute();
	await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
	await db.schema
		.createTable('rate_limits')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('window_start', 'text', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('rate_limits').execute();
	await db.schema.alterTable('sessions').dropColumn('last_seen_at').execute();
	await db.schema.alterTable('users').dropColumn('time_zone').execute();
}

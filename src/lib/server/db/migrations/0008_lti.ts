import type { Kysely } from 'kysely';

// LTI 1.3: the platforms (LMSs) registered with us and their deployments, our own signing keys,
// the login-to-launch states, the accounts and classes launches made, the resource links that
// carry a line item, and the outbox of scores to return to those line items.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('lti_platforms')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('issuer', 'text', (c) => c.notNull())
		.addColumn('client_id', 'text', (c) => c.notNull())
		.addColumn('auth_url', 'text', (c) => c.notNull())
		.addColumn('token_url', 'text', (c) => c.notNull())
		.addColumn('jwks_url', 'text', (c) => c.notNull())
		.addColumn('frame_origins', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('lti_platforms_one', ['issuer', 'client_id'])
		.execute();
	await db.schema
		.createTable('lti_deployments')
		.addColumn('platform_id', 'text', (c) => c.notNull().references('lti_platforms.id').onDelete('cascade'))
		.addColumn('deployment_id', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('lti_deployments_pk', ['platform_id', 'deployment_id'])
		.execute();
	await db.schema
		.createTable('lti_keys')
		.addColumn('kid', 'text', (c) => c.primaryKey())
		.addColumn('private_jwk', 'text', (c) => c.notNull())
		.addColumn('public_jwk', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('lti_states')
		.addColumn('state', 'text', (c) => c.primaryKey())
		.addColumn('nonce', 'text', (c) => c.notNull().unique())
		.addColumn('platform_id', 'text', (c) => c.notNull().references('lti_platforms.id').onDelete('cascade'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.execute();
	await db.schema.createIndex('lti_states_expiry').on('lti_states').column('expires_at').execute();
	await db.schema
		.createTable('lti_accounts')
		.addColumn('issuer', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.notNull().unique().references('users.id').onDelete('cascade'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('lti_accounts_pk', ['issuer', 'subject'])
		.execute();
	await db.schema
		.createTable('lti_contexts')
		.addColumn('platform_id', 'text', (c) => c.notNull().references('lti_platforms.id').onDelete('cascade'))
		.addColumn('context_id', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		// null until an instructor launches: a class needs an owner
		.addColumn('class_id', 'text', (c) => c.references('classes.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('lti_contexts_pk', ['platform_id', 'context_id'])
		.execute();
	await db.schema
		.createTable('lti_context_learners')
		.addColumn('platform_id', 'text', (c) => c.notNull())
		.addColumn('context_id', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('joined_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('lti_context_learners_pk', ['platform_id', 'context_id', 'user_id'])
		.execute();
	await db.schema
		.createTable('lti_launch_codes')
		.addColumn('code_hash', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('target', 'text', (c) => c.notNull())
		.addColumn('browser_hash', 'text')
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.execute();
	await db.schema
		.createTable('lti_deep_links')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('platform_id', 'text', (c) => c.notNull().references('lti_platforms.id').onDelete('cascade'))
		.addColumn('deployment_id', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('return_url', 'text', (c) => c.notNull())
		.addColumn('data', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.execute();
	await db.schema
		.createTable('lti_grade_links')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('platform_id', 'text', (c) => c.notNull().references('lti_platforms.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('context_id', 'text', (c) => c.notNull())
		.addColumn('target', 'text', (c) => c.notNull())
		.addColumn('lineitem_url', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('lti_grade_links_one', ['user_id', 'lineitem_url'])
		.execute();
	await db.schema.createIndex('lti_grade_links_user').on('lti_grade_links').column('user_id').execute();
	await db.schema
		.createTable('lti_score_outbox')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('link_id', 'text', (c) => c.notNull().references('lti_grade_links.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('score_given', 'double precision', (c) => c.notNull())
		.addColumn('score_maximum', 'double precision', (c) => c.notNull())
		.addColumn('activity_progress', 'text', (c) => c.notNull())
		.addColumn('grading_progress', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', 'text', (c) => c.notNull())
		.addColumn('sent_at', 'text')
		.addColumn('last_error', 'text')
		.execute();
	await db.schema.createIndex('lti_score_outbox_due').on('lti_score_outbox').columns(['sent_at', 'next_attempt_at']).execute();
	await db.schema.createIndex('lti_score_outbox_link').on('lti_score_outbox').columns(['link_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const t of [
		'lti_score_outbox',
		'lti_grade_links',
		'lti_deep_links',
		'lti_launch_codes',
		'lti_context_learners',
		'lti_contexts',
		'lti_accounts',
		'lti_states',
		'lti_keys',
		'lti_deployments',
		'lti_platforms'
	])
		await db.schema.dropTable(t).execute();
}

/** A student's LTI rows: in "download my data", and gone with the account. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

export async function ltiExport(db: Kysely<Database>, userId: string) {
	const [lmsAccounts, lmsCourses, lmsLaunchCodes, lmsGradeColumns, lmsScores] = await Promise.all([
		db.selectFrom('lti_accounts').select(['issuer', 'subject', 'created_at']).where('user_id', '=', userId).orderBy('created_at').execute(),
		db.selectFrom('lti_context_learners').select(['platform_id', 'context_id', 'joined_at']).where('user_id', '=', userId).orderBy('joined_at').execute(),
		db.selectFrom('lti_launch_codes').select(['target', 'expires_at', 'used_at']).where('user_id', '=', userId).orderBy('expires_at').execute(),
		db
			.selectFrom('lti_grade_links')
			.select(['id', 'platform_id', 'subject', 'context_id', 'target', 'lineitem_url', 'created_at'])
			.where('user_id', '=', userId)
			.orderBy('created_at')
			.execute(),
		db
			.selectFrom('lti_score_outbox')
			.select(['id', 'link_id', 'score_given', 'score_maximum', 'activity_progress', 'grading_progress', 'created_at', 'attempts', 'next_attempt_at', 'sent_at', 'last_error'])
			.where('user_id', '=', userId)
			.orderBy('created_at')
			.execute()
	]);
	return { lmsAccounts, lmsCourses, lmsLaunchCodes, lmsGradeColumns, lmsScores };
}

/** Explicit, like the rest of deleteUser: nothing depends on the engine enforcing cascades. */
export async function deleteLtiOf(tx: Transaction<Database>, userId: string): Promise<void> {
	await tx.deleteFrom('lti_score_outbox').where('user_id', '=', userId).execute();
	await tx.deleteFrom('lti_grade_links').where('user_id', '=', userId).execute();
	await tx.deleteFrom('lti_launch_codes').where('user_id', '=', userId).execute();
	await tx.deleteFrom('lti_deep_links').where('user_id', '=', userId).execute();
	await tx.deleteFrom('lti_context_learners').where('user_id', '=', userId).execute();
	await tx.deleteFrom('lti_accounts').where('user_id', '=', userId).execute();
}

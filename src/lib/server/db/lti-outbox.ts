/**
 * The outbox of scores for LMS line items. A score is a row until the platform has taken it;
 * the rows of one line item go in the order they were made, each once; a row being sent is
 * leased (next_attempt_at pushed ahead) so that two processes never send it at the same time.
 */
import type { Kysely } from 'kysely';
import type { Database, LtiScoreOutboxTable } from './schema';

export type OutboxRow = LtiScoreOutboxTable;

/** The grade links (line items) of a student that a lesson's score goes to, with their class's counting rule. */
export async function gradeLinksOf(db: Kysely<Database>, userId: string, targets: readonly string[]) {
	return db
		.selectFrom('lti_grade_links')
		.leftJoin('lti_contexts', (j) => j.onRef('lti_contexts.platform_id', '=', 'lti_grade_links.platform_id').onRef('lti_contexts.context_id', '=', 'lti_grade_links.context_id'))
		.leftJoin('classes', 'classes.id', 'lti_contexts.class_id')
		.select(['lti_grade_links.id', 'lti_grade_links.target', 'classes.counting'])
		.where('lti_grade_links.user_id', '=', userId)
		.where('lti_grade_links.target', 'in', [...targets])
		.execute();
}

/** Queues a score unless it is the one last queued for this line item (nothing new to send). */
export async function queueScore(
	db: Kysely<Database>,
	s: Pick<OutboxRow, 'link_id' | 'user_id' | 'score_given' | 'score_maximum' | 'activity_progress' | 'grading_progress'>,
	at = new Date()
): Promise<boolean> {
	return db.transaction().execute(async (tx) => {
		const last = await tx
			.selectFrom('lti_score_outbox')
			.select(['score_given', 'score_maximum', 'activity_progress', 'grading_progress'])
			.where('link_id', '=', s.link_id)
			.orderBy('created_at', 'desc')
			.orderBy('id', 'desc')
			.executeTakeFirst();
		if (
			last &&
			Number(last.score_given) === s.score_given &&
			Number(last.score_maximum) === s.score_maximum &&
			last.activity_progress === s.activity_progress &&
			last.grading_progress === s.grading_progress
		)
			return false;
		const time = at.toISOString();
		await tx
			.insertInto('lti_score_outbox')
			.values({ id: crypto.randomUUID(), ...s, created_at: time, attempts: 0, next_attempt_at: time, sent_at: null, last_error: null })
			.execute();
		return true;
	});
}

/**
 * The line items with a score due now: for each, its oldest unsent row, when that row's time
 * has come (the later ones wait behind it). Chosen in SQL, so that however many rows wait behind
 * refused or unreachable line items, a due one elsewhere is found.
 */
export async function dueHeads(db: Kysely<Database>, at = new Date(), limit = 50) {
	return db
		.selectFrom('lti_score_outbox as o')
		.innerJoin('lti_grade_links', 'lti_grade_links.id', 'o.link_id')
		.select([
			'o.id',
			'o.link_id',
			'o.score_given',
			'o.score_maximum',
			'o.activity_progress',
			'o.grading_progress',
			'o.created_at',
			'o.attempts',
			'o.next_attempt_at',
			'lti_grade_links.platform_id',
			'lti_grade_links.subject',
			'lti_grade_links.lineitem_url'
		])
		.where('o.sent_at', 'is', null)
		.where('o.next_attempt_at', '<=', at.toISOString())
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('lti_score_outbox as earlier')
						.select('earlier.id')
						.whereRef('earlier.link_id', '=', 'o.link_id')
						.where('earlier.sent_at', 'is', null)
						.where((eb) => eb.or([eb('earlier.created_at', '<', eb.ref('o.created_at')), eb.and([eb('earlier.created_at', '=', eb.ref('o.created_at')), eb('earlier.id', '<', eb.ref('o.id'))])]))
				)
			)
		)
		.orderBy('o.next_attempt_at')
		.orderBy('o.id')
		.limit(limit)
		.execute();
}

/** Takes the row for sending, if no other process did since it was read: true when ours. */
export async function leaseRow(db: Kysely<Database>, row: { id: string; next_attempt_at: string }, until: Date): Promise<boolean> {
	const r = await db
		.updateTable('lti_score_outbox')
		.set({ next_attempt_at: until.toISOString() })
		.where('id', '=', row.id)
		.where('next_attempt_at', '=', row.next_attempt_at)
		.where('sent_at', 'is', null)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export async function markSent(db: Kysely<Database>, id: string, at = new Date()): Promise<void> {
	await db.updateTable('lti_score_outbox').set({ sent_at: at.toISOString(), last_error: null }).where('id', '=', id).execute();
}

export async function markFailed(db: Kysely<Database>, id: string, attempts: number, retryAt: Date, error: string): Promise<void> {
	await db
		.updateTable('lti_score_outbox')
		.set({ attempts, next_attempt_at: retryAt.toISOString(), last_error: error.slice(0, 500) })
		.where('id', '=', id)
		.execute();
}

/** Each LMS student's grade sync in a class: their line items, the last score sent, what waits, the last error. */
export async function syncStateOfClass(db: Kysely<Database>, classId: string) {
	return db
		.selectFrom('lti_contexts')
		.innerJoin('lti_grade_links', (j) => j.onRef('lti_grade_links.platform_id', '=', 'lti_contexts.platform_id').onRef('lti_grade_links.context_id', '=', 'lti_contexts.context_id'))
		.innerJoin('users', 'users.id', 'lti_grade_links.user_id')
		.leftJoin('lti_score_outbox', 'lti_score_outbox.link_id', 'lti_grade_links.id')
		.select((eb) => [
			'users.id as user_id',
			'users.display_name',
			'lti_grade_links.id as link_id',
			'lti_grade_links.target',
			eb.fn.max(eb.case().when('lti_score_outbox.sent_at', 'is not', null).then(eb.ref('lti_score_outbox.sent_at')).end()).as('last_sent_at'),
			eb.fn.count<number>(eb.case().when('lti_score_outbox.sent_at', 'is', null).then(eb.ref('lti_score_outbox.id')).end()).as('waiting'),
			eb.fn.max(eb.case().when('lti_score_outbox.sent_at', 'is', null).then(eb.ref('lti_score_outbox.last_error')).end()).as('last_error'),
			eb.fn.max(eb.case().when('lti_score_outbox.sent_at', 'is', null).then(eb.ref('lti_score_outbox.next_attempt_at')).end()).as('next_attempt_at')
		])
		.where('lti_contexts.class_id', '=', classId)
		.groupBy(['users.id', 'users.display_name', 'lti_grade_links.id', 'lti_grade_links.target'])
		.orderBy('users.display_name')
		.orderBy('lti_grade_links.target')
		.execute();
}

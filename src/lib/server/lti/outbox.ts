/**
 * Sends queued scores to LMS line items: in each process, a pass every few seconds and right
 * after a score is queued. A platform that is down or slow gets the same score again after a
 * backoff (1 s doubling to 5 min); later scores of that line item wait behind it, so none is
 * sent out of order, and a row is marked sent only once the platform took it. A refusal
 * retrying cannot mend (400, 403, 404) is kept, with its error, for the teacher to see.
 */
import type { Kysely } from 'kysely';
import { getDb } from '../db';
import { platformById } from '../db/lti';
import { dueHeads, leaseRow, markFailed, markSent } from '../db/lti-outbox';
import type { Database } from '../db/schema';
import { PlatformError, postScore } from './ags';

const PASS_MS = 2000;
const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 5 * 60_000;
/** a refusal that retrying cannot mend still gets a try this often (the platform may be mended) */
const REFUSED_RETRY_MS = 60 * 60_000;

export const backoff = (attempts: number) => Math.min(1000 * 2 ** Math.max(attempts - 1, 0), MAX_BACKOFF_MS);

/** One pass over what is due; how many scores were sent. */
export async function deliverDue(db: Kysely<Database>): Promise<number> {
	let sent = 0;
	for (const row of await dueHeads(db)) {
		if (!(await leaseRow(db, row, new Date(Date.now() + LEASE_MS)))) continue;
		const platform = await platformById(db, row.platform_id);
		try {
			if (!platform) throw new PlatformError('the platform is no longer registered', false);
			await postScore(db, platform, row.lineitem_url, {
				userId: row.subject,
				scoreGiven: Number(row.score_given),
				scoreMaximum: Number(row.score_maximum),
				activityProgress: row.activity_progress,
				gradingProgress: row.grading_progress,
				timestamp: row.created_at
			});
			await markSent(db, row.id);
			sent++;
		} catch (e) {
			const attempts = row.attempts + 1;
			const retry = e instanceof PlatformError ? e.retry : true;
			const message = e instanceof Error ? e.message : String(e);
			await markFailed(db, row.id, attempts, new Date(Date.now() + (retry ? backoff(attempts) : REFUSED_RETRY_MS)), message);
		}
	}
	return sent;
}

let running: Promise<void> | undefined;
let again = false;
let timer: ReturnType<typeof setInterval> | undefined;

/** A pass now (or right after the one running). */
export function kickOutbox(): void {
	if (running) {
		again = true;
		return;
	}
	running = (async () => {
		do {
			again = false;
			try {
				await deliverDue((await getDb()).db);
			} catch (e) {
				console.error('LTI score outbox:', e);
			}
		} while (again);
	})().finally(() => (running = undefined));
}

/** Started once per process (hooks.server.ts init). */
export function startOutbox(): void {
	timer ??= setInterval(kickOutbox, PASS_MS);
	timer.unref();
	kickOutbox();
}

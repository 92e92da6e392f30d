/** Fixed-window counters in the database, so limits hold across restarts and across app processes. */
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export interface Limit {
	max: number;
	windowMs: number;
}

export type LimitResult = { allowed: true } | { allowed: false; retryAfterMs: number };

export async function hit(db: Kysely<Database>, key: string, limit: Limit, now = new Date()): Promise<LimitResult> {
	return db.transaction().execute(async (tx) => {
		const row = await tx.selectFrom('rate_limits').selectAll().where('key', '=', key).executeTakeFirst();
		const start = row ? new Date(row.window_start).getTime() : 0;
		if (!row || now.getTime() - start >= limit.windowMs) {
			await tx
				.insertInto('rate_limits')
				.values({ key, window_start: now.toISOString(), count: 1 })
				.onConflict((oc) => oc.column('key').doUpdateSet({ window_start: now.toISOString(), count: 1 }))
				.execute();
			return { allowed: true } as const;
		}
		if (row.count >= limit.max) return { allowed: false, retryAfterMs: start + limit.windowMs - now.getTime() } as const;
		await tx.updateTable('rate_limits').set({ count: row.count + 1 }).where('key', '=', key).execute();
		return { allowed: true } as const;
	});
}

export async function clearLimit(db: Kysely<Database>, key: string): Promise<void> {
	await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

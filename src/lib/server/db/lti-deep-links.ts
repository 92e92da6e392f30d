/** A teacher's pending "add content" from an LMS: kept until they pick, used once. */
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export async function saveDeepLinkRequest(
	db: Kysely<Database>,
	r: { platformId: string; deploymentId: string; userId: string; returnUrl: string; data: string | null }
): Promise<string> {
	const id = crypto.randomUUID();
	await db
		.insertInto('lti_deep_links')
		.values({ id, platform_id: r.platformId, deployment_id: r.deploymentId, user_id: r.userId, return_url: r.returnUrl, data: r.data, created_at: new Date().toISOString(), used_at: null })
		.execute();
	return id;
}

/** The request, if it is this teacher's and not yet answered. */
export async function openDeepLinkRequest(db: Kysely<Database>, id: string, userId: string) {
	return db
		.selectFrom('lti_deep_links')
		.innerJoin('lti_platforms', 'lti_platforms.id', 'lti_deep_links.platform_id')
		.select(['lti_deep_links.id', 'lti_deep_links.deployment_id', 'lti_deep_links.return_url', 'lti_deep_links.data', 'lti_platforms.issuer', 'lti_platforms.client_id'])
		.where('lti_deep_links.id', '=', id)
		.where('lti_deep_links.user_id', '=', userId)
		.where('lti_deep_links.used_at', 'is', null)
		.executeTakeFirst();
}

export async function closeDeepLinkRequest(db: Kysely<Database>, id: string): Promise<boolean> {
	const r = await db.updateTable('lti_deep_links').set({ used_at: new Date().toISOString() }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

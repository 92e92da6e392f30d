/**
 * For a load balancer or a process supervisor: 200 "ok" while the app can reach its database,
 * 503 with a sentence when it cannot. Never cached; says nothing about who is asking.
 */
import { getDb } from '$lib/server/db';
import { databaseAnswers } from '$lib/server/db/health';
import type { RequestHandler } from './$types';

const headers = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };

export const GET: RequestHandler = async () => {
	const up = await getDb().then(({ db }) => databaseAnswers(db), () => false);
	return up ? new Response('ok', { headers }) : new Response('The database is not answering.', { status: 503, headers });
};

import { json } from '@sveltejs/kit';
import { dataAsJson } from '$lib/server/account-data';
import { getDb } from '$lib/server/db';
import { requireStudent } from '$lib/server/guard';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireStudent(locals, url);
	return json(await dataAsJson((await getDb()).db, user.id), {
		headers: {
			'content-disposition': `attachment; filename="back-channel-${user.username}-${new Date().toISOString().slice(0, 10)}.json"`,
			'cache-control': 'no-store'
		}
	});
};

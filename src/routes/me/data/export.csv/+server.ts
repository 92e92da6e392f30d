import { dataAsCsv } from '$lib/server/account-data';
import { getDb } from '$lib/server/db';
import { requireStudent } from '$lib/server/guard';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireStudent(locals, url);
	return new Response(await dataAsCsv((await getDb()).db, user.id), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="back-channel-${user.username}-${new Date().toISOString().slice(0, 10)}.csv"`,
			'cache-control': 'no-store'
		}
	});
};

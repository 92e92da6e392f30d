import type { ServerInit } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';

// Create and migrate the database before the first request is served.
export const init: ServerInit = async () => {
	const { engine, where } = await getDb();
	console.log(`Database ready: ${engine} at ${where}`);
};

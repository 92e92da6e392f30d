import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { jwks } from '$lib/server/lti/keys';
import type { RequestHandler } from './$types';

// Platforms fetch this to check what we sign; it may be cached for a while.
export const GET: RequestHandler = async () => json(await jwks((await getDb()).db), { headers: { 'cache-control': 'public, max-age=300' } });

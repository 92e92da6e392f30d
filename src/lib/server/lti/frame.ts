/** The registered platforms' origins, read at most every few seconds (lti:register runs in another process). */
import { getDb } from '../db';
import { platformOrigins } from '../db/lti';

const FRESH_MS = 5000;
let cached: { at: number; origins: Promise<string[]> } | undefined;

export function lmsOrigins(): Promise<string[]> {
	if (!cached || Date.now() - cached.at > FRESH_MS) {
		const origins = getDb().then(({ db }) => platformOrigins(db));
		cached = { at: Date.now(), origins };
		// a failed read is retried on the next request, not cached
		origins.catch(() => (cached = undefined));
	}
	return cached.origins;
}

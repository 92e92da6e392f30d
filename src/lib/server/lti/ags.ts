/**
 * Assignment and Grade Services, the two calls we make: an access token by OAuth2 client
 * credentials with a JWT assertion signed by our key (as LTI requires), then a score posted to
 * a line item. Tokens are kept per platform until shortly before they expire.
 */
import { SignJWT } from 'jose';
import type { Kysely } from 'kysely';
import type { Platform } from '../db/lti';
import type { Database } from '../db/schema';
import { SCORE_SCOPE } from './claims';
import { ALG, signingKey } from './keys';

const TIMEOUT_MS = 10_000;
const tokens = new Map<string, { token: string; until: number }>();

export class PlatformError extends Error {
	constructor(
		message: string,
		/** false when retrying cannot help (the platform refused what we sent) */
		readonly retry: boolean
	) {
		super(message);
	}
}

async function post(url: string, init: RequestInit): Promise<Response> {
	try {
		return await fetch(url, { ...init, method: 'POST', redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
	} catch (e) {
		const why = e instanceof Error && e.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : 'could not connect';
		throw new PlatformError(`${new URL(url).host}: ${why}`, true);
	}
}

async function accessToken(db: Kysely<Database>, platform: Platform): Promise<string> {
	const kept = tokens.get(platform.id);
	if (kept && kept.until > Date.now()) return kept.token;
	const { kid, key } = await signingKey(db);
	const assertion = await new SignJWT({})
		.setProtectedHeader({ alg: ALG, kid, typ: 'JWT' })
		.setIssuer(platform.client_id)
		.setSubject(platform.client_id)
		.setAudience(platform.token_url)
		.setJti(crypto.randomUUID())
		.setIssuedAt()
		.setExpirationTime('5m')
		.sign(key);
	const res = await post(platform.token_url, {
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
			client_assertion: assertion,
			scope: SCORE_SCOPE
		})
	});
	if (!res.ok) throw new PlatformError(`token endpoint answered ${res.status}`, res.status >= 500 || res.status === 429);
	const body = (await res.json().catch(() => null)) as { access_token?: unknown; expires_in?: unknown } | null;
	if (typeof body?.access_token !== 'string') throw new PlatformError('token endpoint gave no access_token', true);
	const life = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 300;
	tokens.set(platform.id, { token: body.access_token, until: Date.now() + Math.max(life - 30, 10) * 1000 });
	return body.access_token;
}

/** `${lineitem}/scores`, keeping the line item's query (AGS §3.4). */
export function scoresUrl(lineitem: string): string {
	const u = new URL(lineitem);
	u.pathname = `${u.pathname.replace(/\/+$/, '')}/scores`;
	return u.href;
}

export interface Score {
	userId: string;
	scoreGiven: number;
	scoreMaximum: number;
	activityProgress: string;
	gradingProgress: string;
	timestamp: string;
}

export async function postScore(db: Kysely<Database>, platform: Platform, lineitem: string, score: Score): Promise<void> {
	const token = await accessToken(db, platform);
	const res = await post(scoresUrl(lineitem), {
		headers: { 'content-type': 'application/vnd.ims.lis.v1.score+json', authorization: `Bearer ${token}` },
		body: JSON.stringify(score)
	});
	if (res.status === 401) tokens.delete(platform.id);
	if (!res.ok) throw new PlatformError(`score endpoint answered ${res.status}`, res.status >= 500 || res.status === 401 || res.status === 429 || res.status === 408);
}

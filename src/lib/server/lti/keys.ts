/** The tool's own RS256 key pair: made once, kept in the database, its public half at /lti/jwks. */
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { publicKeys, toolKey } from '../db/lti';

export const ALG = 'RS256';

async function makeKey() {
	const { publicKey, privateKey } = await generateKeyPair(ALG, { extractable: true });
	const kid = crypto.randomUUID();
	const pub = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' };
	const priv = { ...(await exportJWK(privateKey)), kid, alg: ALG };
	return { kid, privateJwk: JSON.stringify(priv), publicJwk: JSON.stringify(pub) };
}

let cached: Promise<{ kid: string; key: CryptoKey }> | undefined;

/** The private key we sign with, and its id (for the `kid` header). */
export function signingKey(db: Kysely<Database>): Promise<{ kid: string; key: CryptoKey }> {
	cached ??= (async () => {
		const row = await toolKey(db, makeKey);
		return { kid: row.kid, key: (await importJWK(JSON.parse(row.private_jwk) as JWK, ALG)) as CryptoKey };
	})().catch((e: unknown) => {
		cached = undefined;
		throw e;
	});
	return cached;
}

/** The JWK Set platforms verify our signatures with; makes the key pair on first use. */
export async function jwks(db: Kysely<Database>): Promise<{ keys: JWK[] }> {
	await signingKey(db);
	return { keys: (await publicKeys(db)).map((k) => JSON.parse(k) as JWK) };
}

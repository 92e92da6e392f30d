/**
 * `npm run lti:register -- --issuer … --client-id … --deployment-id … --auth-url … --token-url …
 * --jwks-url …`: registers an LMS (an LTI 1.3 platform) with this server, or updates it and adds
 * deployments. `npm run lti:register -- --list` shows what is registered. It prints what to enter
 * on the LMS's side. The tool's key pair is made here if the database has none.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { configFromEnv, createDb } from '../lib/server/db/client';
import { listPlatforms, registerPlatform } from '../lib/server/db/lti';
import { migrateToLatest } from '../lib/server/db/migrate';
import { signingKey } from '../lib/server/lti/keys';

const USAGE = `Usage:
  npm run lti:register -- --issuer <platform issuer> --client-id <our client id there>
      --deployment-id <id> [--deployment-id <another id> …]
      --auth-url <OIDC authorization URL> --token-url <OAuth2 token URL> --jwks-url <platform JWKS URL>
      [--frame-origin <an origin the LMS shows its pages on, e.g. https://myschool.instructure.com> …]
      [--origin <this server's public address, e.g. https://backchannel.school.org>]
  npm run lti:register -- --list`;

const loopback = (u: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
// an LMS's addresses carry tokens: https, except on this machine (tests, a local LMS)
const address = z
	.string()
	.url()
	.refine((s) => new URL(s).protocol === 'https:' || (new URL(s).protocol === 'http:' && loopback(new URL(s))), 'must be an https:// address (http:// only on localhost)');

const registration = z.object({
	issuer: z.string().trim().min(1).max(1000),
	'client-id': z.string().trim().min(1).max(1000),
	'deployment-id': z.array(z.string().trim().min(1).max(1000)).min(1, 'give at least one --deployment-id'),
	'auth-url': address,
	'token-url': address,
	'jwks-url': address,
	// Canvas and Schoology show a tool from the school's own domain, not their issuer's or login's
	'frame-origin': z.array(address.transform((s) => new URL(s).origin)).default([]),
	origin: z.string().url().optional()
});

const { values } = parseArgs({
	args: process.argv.slice(2),
	options: {
		issuer: { type: 'string' },
		'client-id': { type: 'string' },
		'deployment-id': { type: 'string', multiple: true },
		'auth-url': { type: 'string' },
		'token-url': { type: 'string' },
		'jwks-url': { type: 'string' },
		'frame-origin': { type: 'string', multiple: true },
		origin: { type: 'string' },
		list: { type: 'boolean' },
		help: { type: 'boolean', short: 'h' }
	}
});

async function main(): Promise<number> {
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	const parsed = values.list ? undefined : registration.safeParse({ ...values, 'deployment-id': values['deployment-id'] ?? [] });
	if (parsed && !parsed.success) {
		for (const i of parsed.error.issues) console.error(`--${String(i.path[0])}: ${i.code === 'invalid_type' ? 'missing' : i.message}`);
		console.error(USAGE);
		return 2;
	}
	const handle = createDb(configFromEnv());
	try {
		await migrateToLatest(handle.db);
		const { kid } = await signingKey(handle.db);
		if (!parsed) {
			const all = await listPlatforms(handle.db);
			if (all.length === 0) console.log(`No LMS is registered in the ${handle.engine} database at ${handle.where}.`);
			for (const p of all) {
				console.log(`${p.issuer} (client id ${p.client_id}), deployments: ${p.deployments.join(', ')}\n  auth ${p.auth_url}\n  token ${p.token_url}\n  keys ${p.jwks_url}\n  frames from ${p.frame_origins}`);
			}
			return 0;
		}
		const r = parsed.data;
		const { created } = await registerPlatform(handle.db, {
			issuer: r.issuer,
			clientId: r['client-id'],
			authUrl: r['auth-url'],
			tokenUrl: r['token-url'],
			jwksUrl: r['jwks-url'],
			deploymentIds: r['deployment-id'],
			frameOrigins: r['frame-origin']
		});
		console.log(`${created ? 'Registered' : 'Updated'} ${r.issuer} (client id ${r['client-id']}) in the ${handle.engine} database at ${handle.where}.`);
		console.log(`Deployments: ${r['deployment-id'].join(', ')}. Our signing key: ${kid}.`);
		const origin = (r.origin ?? process.env.ORIGIN)?.replace(/\/+$/, '');
		const at = (path: string) => (origin ? `${origin}${path}` : `<this server's address>${path}`);
		console.log('On the LMS, enter:');
		console.log(`  OIDC login initiation URL: ${at('/lti/login')}`);
		console.log(`  Redirect (launch) URL:     ${at('/lti/launch')}`);
		console.log(`  Target link URI:           ${at('/')} (or ${at('/modules/<module>/<lesson>')})`);
		console.log(`  Public keyset (JWKS) URL:  ${at('/lti/jwks')}`);
		console.log('  Services: deep linking; assignment and grade services (line items and scores).');
		return 0;
	} finally {
		await handle.close();
	}
}

process.exitCode = await main();

/** OIDC login initiation (the first step of an LTI launch): a state and a nonce, then off to the platform. */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { createState, platformsOf } from '../db/lti';
import type { Database } from '../db/schema';
import { LtiRefusal } from './refusal';

const loginParams = z.object({
	iss: z.string().trim().min(1).max(1000),
	login_hint: z.string().min(1).max(2000),
	target_link_uri: z.string().url().max(2000),
	lti_message_hint: z.string().max(4000).optional(),
	client_id: z.string().min(1).max(1000).optional(),
	lti_deployment_id: z.string().min(1).max(1000).optional()
});

/** The platform's authorization address with our request on it, and the state (for its cookie). */
export async function initiateLogin(db: Kysely<Database>, params: Record<string, string>, origin: string): Promise<{ location: string; state: string }> {
	const parsed = loginParams.safeParse(params);
	if (!parsed.success) {
		const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].join(', ');
		throw new LtiRefusal(400, 'Not a login we understand', `The LMS's login initiation is missing or has a wrong ${fields}. It needs iss, login_hint and target_link_uri.`);
	}
	const p = parsed.data;
	const platforms = await platformsOf(db, p.iss, p.client_id);
	if (platforms.length === 0) {
		throw new LtiRefusal(403, 'Unknown platform', `No LMS with the issuer ${p.iss}${p.client_id ? ` and client id ${p.client_id}` : ''} is registered here. Whoever runs Back Channel can register it with npm run lti:register.`);
	}
	if (platforms.length > 1) throw new LtiRefusal(400, 'Which registration?', `Several registrations share the issuer ${p.iss}; the LMS must send its client_id.`);
	const platform = platforms[0]!;
	const { state, nonce } = await createState(db, platform.id);
	const auth = new URL(platform.auth_url);
	const q = {
		scope: 'openid',
		response_type: 'id_token',
		response_mode: 'form_post',
		prompt: 'none',
		client_id: platform.client_id,
		redirect_uri: `${origin}/lti/launch`,
		login_hint: p.login_hint,
		state,
		nonce,
		...(p.lti_message_hint !== undefined ? { lti_message_hint: p.lti_message_hint } : {})
	};
	for (const [k, v] of Object.entries(q)) auth.searchParams.set(k, v);
	return { location: auth.href, state };
}

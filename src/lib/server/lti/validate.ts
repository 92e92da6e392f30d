/**
 * Validates an LTI 1.3 launch in full, with jose for the token: the signature by the
 * platform's JWKS, iss, aud/azp, exp/iat, the state and its nonce (each usable once), the
 * deployment, the message type and version, and a role we know. Anything wrong is an
 * LtiRefusal with a status and words for the page.
 */
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Kysely } from 'kysely';
import { consumeState, deploymentKnown, platformsOf, type Platform } from '../db/lti';
import type { Database } from '../db/schema';
import { LTI, launchClaims, roleOf, type LaunchClaims } from './claims';
import { LtiRefusal } from './refusal';

/** How old a token may be, and how far clocks may disagree. */
const MAX_AGE_S = 10 * 60;
const CLOCK_SKEW_S = 60;

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
// jose caches the fetched keys per set and refetches when a new kid appears
const keySetOf = (url: string) => {
	let set = keySets.get(url);
	if (!set) keySets.set(url, (set = createRemoteJWKSet(new URL(url), { timeoutDuration: 5000, cooldownDuration: 5000 })));
	return set;
};

export interface ValidLaunch {
	platform: Platform;
	claims: LaunchClaims;
	role: 'student' | 'teacher';
	/** the login's state cookie came back: this browser started the login (else the user confirms at /lti/start) */
	bound: boolean;
}

function unverified(idToken: string): JWTPayload {
	try {
		return decodeJwt(idToken);
	} catch {
		throw new LtiRefusal(400, 'Not a launch', 'The launch carried no readable id_token.');
	}
}

/** The registered platform the token claims to come from and be meant for. */
async function platformFor(db: Kysely<Database>, payload: JWTPayload): Promise<Platform> {
	if (typeof payload.iss !== 'string') throw new LtiRefusal(400, 'Not a launch', 'The id_token names no issuer (iss).');
	const candidates = await platformsOf(db, payload.iss);
	if (candidates.length === 0) {
		throw new LtiRefusal(403, 'Unknown platform', `No LMS with the issuer ${payload.iss} is registered here. Whoever runs Back Channel can register it with npm run lti:register.`);
	}
	const aud = Array.isArray(payload.aud) ? payload.aud : payload.aud === undefined ? [] : [payload.aud];
	// the aud check itself is jwtVerify's; this only picks which registration to check against
	return candidates.find((p) => aud.includes(p.client_id)) ?? candidates[0]!;
}

async function verify(idToken: string, platform: Platform): Promise<JWTPayload> {
	try {
		const { payload } = await jwtVerify(idToken, keySetOf(platform.jwks_url), {
			issuer: platform.issuer,
			audience: platform.client_id,
			algorithms: ['RS256'],
			requiredClaims: ['exp', 'iat', 'sub', 'nonce'],
			maxTokenAge: MAX_AGE_S,
			clockTolerance: CLOCK_SKEW_S
		});
		return payload;
	} catch (e) {
		if (e instanceof errors.JWTExpired) throw new LtiRefusal(401, 'Launch expired', 'The launch token has expired (its exp has passed). Start the activity again from your LMS.');
		if (e instanceof errors.JWTClaimValidationFailed) {
			if (e.claim === 'aud') throw new LtiRefusal(401, 'Wrong audience', `The launch token is not meant for this tool: its audience (aud) does not include our client id ${platform.client_id}.`);
			if (e.claim === 'iat') throw new LtiRefusal(401, 'Launch too old', 'The launch token was issued too long ago (iat). Start the activity again from your LMS.');
			throw new LtiRefusal(401, 'Invalid launch', `The launch token's ${e.claim} claim is not valid: ${e.reason === 'missing' ? 'it is missing' : e.message}.`);
		}
		if (e instanceof errors.JWSSignatureVerificationFailed || e instanceof errors.JWKSNoMatchingKey || e instanceof errors.JOSEAlgNotAllowed) {
			throw new LtiRefusal(401, 'Wrong signature', "The launch token's signature does not match any key the LMS publishes: it was not signed by the registered platform.");
		}
		if (e instanceof errors.JWKSTimeout || e instanceof errors.JWKSInvalid || (e instanceof TypeError && /fetch/i.test(e.message))) {
			throw new LtiRefusal(401, 'Keys unavailable', "The LMS's public keys could not be fetched, so the launch could not be checked. Try again in a moment.");
		}
		if (e instanceof errors.JOSEError) throw new LtiRefusal(401, 'Invalid launch', `The launch token could not be verified (${e.code}).`);
		throw e;
	}
}

/**
 * `stateCookie` is the state our login set in this browser, when the browser kept it: if it
 * came back, it must match. When third-party cookies are blocked it does not come back, and the
 * state (in our database, single use, bound to the platform and the nonce) is what holds.
 */
export async function validateLaunch(
	db: Kysely<Database>,
	form: { idToken: string; state: string; stateCookie: string | undefined }
): Promise<ValidLaunch> {
	const platform = await platformFor(db, unverified(form.idToken));
	const payload = await verify(form.idToken, platform);
	const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
	if ((aud.length > 1 || payload.azp !== undefined) && payload.azp !== platform.client_id) {
		throw new LtiRefusal(401, 'Wrong audience', `The launch token's authorized party (azp) is not our client id ${platform.client_id}.`);
	}
	if (form.stateCookie !== undefined && form.stateCookie !== form.state) {
		throw new LtiRefusal(400, 'Launch does not match', 'This launch answers a login started in another window or tab. Start the activity again from your LMS.');
	}
	const state = await consumeState(db, form.state);
	if (!state.ok) {
		if (state.why === 'used') throw new LtiRefusal(409, 'Launch already used', 'This launch has already been used: its state and nonce were spent by an earlier launch, so it is refused as a replay. Start the activity again from your LMS.');
		if (state.why === 'expired') throw new LtiRefusal(400, 'Launch expired', 'The login for this launch started over 10 minutes ago. Start the activity again from your LMS.');
		throw new LtiRefusal(400, 'Unknown launch', 'This launch does not answer a login started here (unknown state). Start the activity from your LMS.');
	}
	if (state.platformId !== platform.id) throw new LtiRefusal(400, 'Launch does not match', 'This launch comes from a different LMS than the login it answers.');
	if (payload.nonce !== state.nonce) {
		throw new LtiRefusal(409, 'Launch already used', "The launch token's nonce is not the one this login issued: a token from an earlier launch was sent again (a replay).");
	}
	const parsed = launchClaims.safeParse(payload);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		const field = String(issue.path[0] ?? '').replace(LTI, '');
		throw new LtiRefusal(400, 'Not a launch we understand', `The launch's ${field || 'claims'} ${field ? 'claim ' : ''}is missing or not valid (${issue.message}). We take LTI 1.3.0 resource-link and deep-linking launches.`);
	}
	const claims = parsed.data;
	const deployment = claims[`${LTI}deployment_id`];
	if (!(await deploymentKnown(db, platform.id, deployment))) {
		throw new LtiRefusal(403, 'Unknown deployment', `The deployment ${deployment} of this LMS is not registered here. Whoever runs Back Channel can add it with npm run lti:register -- --deployment-id.`);
	}
	const role = roleOf(claims[`${LTI}roles`]);
	if (!role) {
		throw new LtiRefusal(403, 'No role', 'The launch gives no role we know (a learner or an instructor of the course), so we cannot tell whether to sign you in as a student or a teacher.');
	}
	return { platform, claims, role, bound: form.stateCookie !== undefined };
}

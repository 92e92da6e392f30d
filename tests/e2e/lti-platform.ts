/**
 * An LTI 1.3 platform (an LMS such as Canvas or Moodle) standing in for one in the end-to-end
 * tests: node:http on loopback, jose for every token. It is reached as http://localhost:<port>
 * while the tool runs at http://127.0.0.1:<port>, so its course page frames the tool from another
 * site, as a real LMS does.
 *
 * It does what a platform does in a launch (OIDC third-party login: the login initiation, the
 * authorization step that answers with a signed id_token posted by form_post), serves its keys,
 * grants access tokens for the assignment and grade services (OAuth2 client_credentials with a
 * JWT client assertion, checked against the tool's JWKS), takes scores for the line items it
 * made, and takes deep-linking responses (checked against the tool's JWKS too). Every launch
 * can carry a fault (another key, another audience, an expired token, another deployment,
 * issuer or roles) so that the tests can see the tool refuse it.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { freePort, startServer } from './global-setup';

export const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
export const AGS_CLAIM = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';
export const DL_CLAIM = 'https://purl.imsglobal.org/spec/lti-dl/claim/';
export const SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';
const LINEITEM_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem';
const RESULT_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly';
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const SCORE_TYPE = 'application/vnd.ims.lis.v1.score+json';

export const ROLES = {
	learner: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner', 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student'],
	instructor: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor', 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Faculty'],
	none: [] as string[]
};

/** The course every launch comes from unless it names another. */
export const COURSE = { id: 'course-hn-101', title: 'Hostage Negotiation 101 (LMS course)' };

export interface LaunchOptions {
	role?: 'learner' | 'instructor' | 'none';
	sub?: string;
	name?: string;
	context?: { id: string; title: string } | null;
	/** "module/lesson": sent as custom.target and in target_link_uri */
	target?: string;
	/** include the AGS claim with the line item of (context, target); default true for learners */
	lineitem?: boolean;
	messageType?: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
	faults?: {
		/** sign with another key pair (under the registered key's kid) */
		otherKey?: boolean;
		aud?: string;
		/** exp this many seconds ago */
		expiredSeconds?: number;
		deploymentId?: string;
		roles?: string[];
		/** the id_token's iss (the login initiation still names the registered issuer) */
		issuer?: string;
	};
}

export interface Score {
	lineitem: string;
	userId: string;
	scoreGiven: number;
	scoreMaximum: number;
	timestamp: string;
	activityProgress: string;
	gradingProgress: string;
	/** when the platform took it */
	receivedAt: number;
}

export interface DeepLinkResponse {
	contentItems: unknown[];
	data?: string;
	deploymentId: string;
	payload: JWTPayload;
}

export interface LaunchForm {
	id_token: string;
	state: string;
	/** the tool's bc_lti_state_<state> cookie as a Cookie header pair, if it set one */
	stateCookie: string | undefined;
	/** where the platform's form posts: the redirect_uri the tool asked for */
	action: string;
	/** the Set-Cookie header of the login initiation, with its flags */
	stateSetCookie: string | undefined;
}

export interface Platform {
	url: string;
	issuer: string;
	clientId: string;
	deploymentId: string;
	authUrl: string;
	tokenUrl: string;
	jwksUrl: string;
	/** runs the register CLI on the tool's database (DATABASE_FILE or DATABASE_URL in env) */
	register(env: Record<string, string>, extraDeployments?: string[]): Promise<string>;
	/** HTTP only: the login initiation at the tool (a GET), the authorization step; what the platform would post */
	launchForm(tool: string, o?: LaunchOptions): Promise<LaunchForm>;
	/** a platform page that frames the tool and starts the launch in the frame */
	coursePage(tool: string, o?: LaunchOptions): string;
	/** a platform page that starts the launch in the whole window (an LMS's "open in a new window") */
	windowPage(tool: string, o?: LaunchOptions): string;
	/** the line item the platform made for (context, target) */
	lineitemOf(contextId: string, target: string): string | undefined;
	scores: Score[];
	/** how many token requests were granted */
	tokenRequests: number;
	/** token and score requests answered 503 while down */
	downHits: number;
	deepLinkResponses: DeepLinkResponse[];
	/** every request the platform refused, and why (for failure messages) */
	errors: string[];
	setDown(down: boolean): void;
	close(): Promise<void>;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function hiddenForm(action: string, fields: Record<string, string>, attrs: string): string {
	const inputs = Object.entries(fields)
		.map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
		.join('');
	return `<form method="post" action="${escapeHtml(action)}" ${attrs}>${inputs}<noscript><button type="submit">Continue</button></noscript></form>`;
}

function page(title: string, body: string): string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const c of req) chunks.push(c as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

/** The hidden fields of the platform's auto-posting form (id_token and state) and where it posts. */
export function parseAutoPost(html: string): { action: string; fields: Record<string, string> } {
	const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
	const action = /<form method="post" action="([^"]*)"/.exec(html)?.[1];
	if (action === undefined) throw new Error(`no form in the platform's answer:\n${html.slice(0, 500)}`);
	const fields: Record<string, string> = {};
	for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields[unescape(m[1]!)] = unescape(m[2]!);
	return { action: unescape(action), fields };
}

/** Posts the platform's form to the tool as the browser's form_post would, without following redirects. */
export async function postLaunch(form: Pick<LaunchForm, 'id_token' | 'state' | 'action'>, { cookie, origin }: { cookie?: string; origin?: string } = {}) {
	const res = await fetch(form.action, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
			...(origin ? { origin } : {}),
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams({ id_token: form.id_token, state: form.state }).toString(),
		redirect: 'manual'
	});
	return { status: res.status, location: res.headers.get('location'), setCookies: res.headers.getSetCookie(), text: await res.text() };
}

interface Pending {
	id: string;
	tool: string;
	o: LaunchOptions;
	role: 'learner' | 'instructor' | 'none';
	sub: string;
	name: string;
	context: { id: string; title: string } | null;
	messageType: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
	targetLinkUri: string;
	/** the deep-linking request's data, echoed by the response */
	data: string;
}

export async function startPlatform(): Promise<Platform> {
	const port = await freePort();
	const url = `http://localhost:${port}`;
	const clientId = `back-channel-${randomUUID().slice(0, 8)}`;
	const deploymentId = 'deployment-1';
	const kid = `platform-${randomUUID().slice(0, 8)}`;
	const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
	// a key pair nobody registered: what a forged launch is signed with
	const other = await generateKeyPair('RS256');
	const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };

	const pending = new Map<string, Pending>();
	const lineitems = new Map<string, { n: number; url: string; contextId: string; target: string }>();
	const issuedData = new Map<string, string>();
	const tokens = new Map<string, { scopes: string[]; expires: number }>();
	const usedJtis = new Set<string>();
	const toolKeys = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
	let lastTool: string | undefined;
	let down = false;

	const keysOf = (tool: string) => {
		let set = toolKeys.get(tool);
		if (!set) toolKeys.set(tool, (set = createRemoteJWKSet(new URL(`${tool}/lti/jwks`))));
		return set;
	};

	const lineitemFor = (contextId: string, target: string) => {
		const key = `${contextId}\n${target}`;
		let item = lineitems.get(key);
		if (!item) {
			const n = lineitems.size + 1;
			// Moodle's shape: the score URL is the line item's path + /scores, with its query kept
			item = { n, url: `${url}/lineitems/${n}/lineitem?type_id=1`, contextId, target };
			lineitems.set(key, item);
		}
		return item.url;
	};

	function plan(tool: string, o: LaunchOptions = {}): Pending {
		const role = o.role ?? 'learner';
		const sub = o.sub ?? `user-${randomUUID()}`;
		const messageType = o.messageType ?? 'LtiResourceLinkRequest';
		const targetLinkUri = messageType === 'LtiDeepLinkingRequest' ? `${tool}/lti/launch` : o.target ? `${tool}/modules/${o.target}` : `${tool}/`;
		const p: Pending = {
			id: randomUUID(),
			tool,
			o,
			role,
			sub,
			name: o.name ?? `Pat ${role === 'instructor' ? 'Teacher' : 'Learner'} ${sub.slice(-6)}`,
			context: o.context === undefined ? COURSE : o.context,
			messageType,
			targetLinkUri,
			data: `dl-${randomUUID()}`
		};
		pending.set(p.id, p);
		lastTool = tool;
		return p;
	}

	function loginParams(p: Pending): Record<string, string> {
		return {
			iss: url,
			login_hint: p.sub,
			target_link_uri: p.targetLinkUri,
			lti_message_hint: p.id,
			client_id: clientId,
			lti_deployment_id: deploymentId
		};
	}

	async function idToken(p: Pending, nonce: string): Promise<string> {
		const f = p.o.faults ?? {};
		const now = Math.floor(Date.now() / 1000);
		const exp = f.expiredSeconds !== undefined ? now - f.expiredSeconds : now + 300;
		const iat = Math.min(now, exp - 300);
		const [given, ...family] = p.name.split(' ');
		const claims: Record<string, unknown> = {
			sub: p.sub,
			nonce,
			name: p.name,
			given_name: given,
			family_name: family.join(' '),
			azp: f.aud ?? clientId,
			[`${LTI}message_type`]: p.messageType,
			[`${LTI}version`]: '1.3.0',
			[`${LTI}deployment_id`]: f.deploymentId ?? deploymentId,
			[`${LTI}target_link_uri`]: p.targetLinkUri,
			[`${LTI}roles`]: f.roles ?? ROLES[p.role],
			[`${LTI}tool_platform`]: { guid: `platform-${port}`, name: 'Stand-in LMS', product_family_code: 'back-channel-tests', version: '1' },
			[`${LTI}launch_presentation`]: { document_target: 'iframe', return_url: `${url}/return` }
		};
		if (p.context) {
			claims[`${LTI}context`] = { id: p.context.id, label: p.context.id.toUpperCase(), title: p.context.title, type: ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering'] };
		}
		if (p.o.target !== undefined) claims[`${LTI}custom`] = { target: p.o.target };
		if (p.messageType === 'LtiResourceLinkRequest') {
			claims[`${LTI}resource_link`] = { id: `rl-${p.context?.id ?? 'none'}-${p.o.target ?? 'course'}`, title: p.o.target ? `Back Channel: ${p.o.target}` : 'Back Channel' };
			if (p.o.lineitem ?? p.role === 'learner') {
				const contextId = p.context?.id ?? 'none';
				claims[AGS_CLAIM] = {
					scope: [LINEITEM_SCOPE, RESULT_SCOPE, SCORE_SCOPE],
					lineitems: `${url}/contexts/${encodeURIComponent(contextId)}/lineitems?type_id=1`,
					lineitem: lineitemFor(contextId, p.o.target ?? '')
				};
			}
		} else {
			issuedData.set(p.data, p.id);
			claims[`${DL_CLAIM}deep_linking_settings`] = {
				deep_link_return_url: `${url}/deep-link-return`,
				accept_types: ['ltiResourceLink'],
				accept_presentation_document_targets: ['iframe', 'window'],
				accept_multiple: false,
				auto_create: true,
				title: 'Back Channel',
				data: p.data
			};
		}
		return new SignJWT(claims)
			.setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
			.setIssuer(f.issuer ?? url)
			.setAudience(f.aud ?? clientId)
			.setIssuedAt(iat)
			.setExpirationTime(exp)
			.sign(f.otherKey ? other.privateKey : privateKey);
	}

	const state = { scores: [] as Score[], tokenRequests: 0, downHits: 0, deepLinkResponses: [] as DeepLinkResponse[], errors: [] as string[] };

	function refuse(res: ServerResponse, status: number, why: string, json = false) {
		state.errors.push(`${status} ${why}`);
		if (json) {
			res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: status === 401 ? 'invalid_client' : 'invalid_request', error_description: why }));
		} else {
			res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(page('Refused', `<main><h1>Refused</h1><p>${escapeHtml(why)}</p></main>`));
		}
	}

	/** OIDC authorization: the tool's login sent the browser here with its state and nonce. */
	async function authorize(res: ServerResponse, q: URLSearchParams) {
		const p = pending.get(q.get('lti_message_hint') ?? '');
		const wrong: string[] = [];
		if (!p) return refuse(res, 400, `unknown lti_message_hint ${q.get('lti_message_hint')}`);
		const expect: Record<string, string> = {
			scope: 'openid',
			response_type: 'id_token',
			response_mode: 'form_post',
			prompt: 'none',
			client_id: clientId,
			redirect_uri: `${p.tool}/lti/launch`,
			login_hint: p.sub
		};
		for (const [k, v] of Object.entries(expect)) if (q.get(k) !== v) wrong.push(`${k}=${q.get(k)} (expected ${v})`);
		for (const k of ['state', 'nonce']) if (!q.get(k)) wrong.push(`${k} missing`);
		if (wrong.length) return refuse(res, 400, `authorization request: ${wrong.join(', ')}`);
		const token = await idToken(p, q.get('nonce')!);
		const form = hiddenForm(q.get('redirect_uri')!, { id_token: token, state: q.get('state')! }, 'id="launch"');
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
		res.end(page('Launching Back Channel', `${form}<script>document.getElementById('launch').submit()</script>`));
	}

	/** OAuth2 client_credentials with the tool's signed client assertion. */
	async function token(req: IncomingMessage, res: ServerResponse) {
		const form = new URLSearchParams(await readBody(req));
		if (form.get('grant_type') !== 'client_credentials') return refuse(res, 400, `token: grant_type ${form.get('grant_type')}`, true);
		if (form.get('client_assertion_type') !== JWT_BEARER) return refuse(res, 400, `token: client_assertion_type ${form.get('client_assertion_type')}`, true);
		const scopes = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
		if (!scopes.includes(SCORE_SCOPE)) return refuse(res, 400, `token: scope ${form.get('scope')} lacks the score scope`, true);
		if (!lastTool) return refuse(res, 401, 'token: no tool has been launched yet', true);
		let payload: JWTPayload;
		try {
			({ payload } = await jwtVerify(form.get('client_assertion') ?? '', keysOf(lastTool), {
				issuer: clientId,
				subject: clientId,
				audience: `${url}/token`,
				algorithms: ['RS256'],
				requiredClaims: ['jti', 'exp']
			}));
		} catch (e) {
			return refuse(res, 401, `token: client assertion: ${(e as Error).message}`, true);
		}
		if (usedJtis.has(payload.jti!)) return refuse(res, 401, `token: jti ${payload.jti} used before`, true);
		usedJtis.add(payload.jti!);
		const access = randomUUID();
		const granted = scopes.filter((s) => [SCORE_SCOPE, LINEITEM_SCOPE, RESULT_SCOPE].includes(s));
		tokens.set(access, { scopes: granted, expires: Date.now() + 3600_000 });
		state.tokenRequests++;
		res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
		res.end(JSON.stringify({ access_token: access, token_type: 'Bearer', expires_in: 3600, scope: granted.join(' ') }));
	}

	async function score(req: IncomingMessage, res: ServerResponse, u: URL, n: number) {
		const item = [...lineitems.values()].find((i) => i.n === n);
		if (!item || u.searchParams.get('type_id') !== '1') return refuse(res, 404, `score: no line item at ${u.pathname}${u.search}`, true);
		const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
		const t = auth ? tokens.get(auth) : undefined;
		if (!t || t.expires < Date.now() || !t.scopes.includes(SCORE_SCOPE)) return refuse(res, 401, `score: bearer token ${auth ? 'not granted' : 'missing'}`, true);
		const type = req.headers['content-type']?.split(';')[0]?.trim();
		if (type !== SCORE_TYPE) return refuse(res, 415, `score: content-type ${type}`, true);
		let body: Record<string, unknown>;
		try {
			body = JSON.parse(await readBody(req)) as Record<string, unknown>;
		} catch {
			return refuse(res, 400, 'score: body is not JSON', true);
		}
		const problems: string[] = [];
		if (typeof body.userId !== 'string' || !body.userId) problems.push('userId');
		if (typeof body.scoreGiven !== 'number' || body.scoreGiven < 0) problems.push('scoreGiven');
		if (typeof body.scoreMaximum !== 'number' || body.scoreMaximum <= 0) problems.push('scoreMaximum');
		if (!['Initialized', 'Started', 'InProgress', 'Submitted', 'Completed'].includes(String(body.activityProgress))) problems.push('activityProgress');
		if (!['FullyGraded', 'Pending', 'PendingManual', 'Failed', 'NotReady'].includes(String(body.gradingProgress))) problems.push('gradingProgress');
		if (typeof body.timestamp !== 'string' || Number.isNaN(Date.parse(body.timestamp))) problems.push('timestamp');
		if (problems.length) return refuse(res, 400, `score: bad ${problems.join(', ')} in ${JSON.stringify(body)}`, true);
		state.scores.push({
			lineitem: item.url,
			userId: body.userId as string,
			scoreGiven: body.scoreGiven as number,
			scoreMaximum: body.scoreMaximum as number,
			timestamp: body.timestamp as string,
			activityProgress: body.activityProgress as string,
			gradingProgress: body.gradingProgress as string,
			receivedAt: Date.now()
		});
		res.writeHead(204).end();
	}

	/** The tool's deep-linking response, posted from the tool's page in the frame. */
	async function deepLinkReturn(req: IncomingMessage, res: ServerResponse) {
		const jwt = new URLSearchParams(await readBody(req)).get('JWT');
		if (!jwt) return refuse(res, 400, 'deep link: no JWT field');
		if (!lastTool) return refuse(res, 400, 'deep link: no tool has been launched yet');
		let payload: JWTPayload;
		try {
			({ payload } = await jwtVerify(jwt, keysOf(lastTool), { issuer: clientId, audience: url, algorithms: ['RS256'], requiredClaims: ['nonce', 'exp', 'iat'] }));
		} catch (e) {
			return refuse(res, 400, `deep link: ${(e as Error).message}`);
		}
		const problems: string[] = [];
		if (payload[`${LTI}message_type`] !== 'LtiDeepLinkingResponse') problems.push(`message_type ${String(payload[`${LTI}message_type`])}`);
		if (payload[`${LTI}version`] !== '1.3.0') problems.push(`version ${String(payload[`${LTI}version`])}`);
		if (payload[`${LTI}deployment_id`] !== deploymentId) problems.push(`deployment_id ${String(payload[`${LTI}deployment_id`])}`);
		const data = payload[`${DL_CLAIM}data`];
		if (typeof data !== 'string' || !issuedData.has(data)) problems.push(`data ${String(data)} is not what a request carried`);
		const items = payload[`${DL_CLAIM}content_items`];
		if (!Array.isArray(items)) problems.push('content_items missing');
		if (problems.length) return refuse(res, 400, `deep link: ${problems.join('; ')}`);
		state.deepLinkResponses.push({ contentItems: items as unknown[], data: data as string, deploymentId: payload[`${LTI}deployment_id`] as string, payload });
		const titles = (items as { title?: string }[]).map((i) => `<li>${escapeHtml(i.title ?? '(untitled)')}</li>`).join('');
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('Content added', `<main><h1>Content added</h1><ul>${titles}</ul></main>`));
	}

	function launchPage(res: ServerResponse, p: Pending, framed: boolean) {
		const form = hiddenForm(`${p.tool}/lti/login`, loginParams(p), `id="login" target="${framed ? 'tool-frame' : '_self'}"`);
		const frame = framed ? `<iframe name="tool-frame" title="Back Channel" style="width: 100%; height: 80vh; border: 1px solid #888"></iframe>` : '';
		const title = p.context?.title ?? 'Stand-in LMS';
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
		res.end(page(title, `<main><h1>${escapeHtml(title)}</h1>${frame}${form}</main><script>document.getElementById('login').submit()</script>`));
	}

	async function handle(req: IncomingMessage, res: ServerResponse) {
		const u = new URL(req.url ?? '/', url);
		if (u.pathname === '/favicon.ico') {
			res.writeHead(204).end();
			return;
		}
		if (req.method === 'GET' && u.pathname === '/jwks') {
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
			return;
		}
		if (u.pathname === '/auth') {
			const q = req.method === 'POST' ? new URLSearchParams(await readBody(req)) : u.searchParams;
			return authorize(res, q);
		}
		if (req.method === 'POST' && u.pathname === '/token') {
			if (down) {
				state.downHits++;
				res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
				return;
			}
			return token(req, res);
		}
		const scoreUrl = /^\/lineitems\/(\d+)\/lineitem\/scores$/.exec(u.pathname);
		if (req.method === 'POST' && scoreUrl) {
			if (down) {
				state.downHits++;
				res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
				return;
			}
			return score(req, res, u, Number(scoreUrl[1]));
		}
		if (req.method === 'POST' && u.pathname === '/deep-link-return') return deepLinkReturn(req, res);
		const launch = /^\/(course|window)\/([0-9a-f-]{36})$/.exec(u.pathname);
		if (req.method === 'GET' && launch) {
			const p = pending.get(launch[2]!);
			if (!p) return refuse(res, 404, `no launch ${launch[2]}`);
			return launchPage(res, p, launch[1] === 'course');
		}
		return refuse(res, 404, `${req.method} ${u.pathname}: nothing here`);
	}

	const onRequest = (req: IncomingMessage, res: ServerResponse) => {
		handle(req, res).catch((e: unknown) => {
			state.errors.push(`500 ${String(e)}`);
			if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
			res.end(String(e));
		});
	};
	// localhost is 127.0.0.1 here; ::1 too, for a resolver that tries it first
	const servers: Server[] = [];
	const listen = (host: string) =>
		new Promise<Server | undefined>((resolve, reject) => {
			const s = createServer(onRequest);
			s.once('error', (e: NodeJS.ErrnoException) => (host === '::1' ? resolve(undefined) : reject(e)));
			s.listen(port, host, () => resolve(s));
		});
	servers.push((await listen('127.0.0.1'))!);
	const v6 = await listen('::1');
	if (v6) servers.push(v6);

	return {
		url,
		issuer: url,
		clientId,
		deploymentId,
		authUrl: `${url}/auth`,
		tokenUrl: `${url}/token`,
		jwksUrl: `${url}/jwks`,
		get scores() {
			return state.scores;
		},
		get tokenRequests() {
			return state.tokenRequests;
		},
		get downHits() {
			return state.downHits;
		},
		get deepLinkResponses() {
			return state.deepLinkResponses;
		},
		get errors() {
			return state.errors;
		},
		register(env, extraDeployments = []) {
			const args = ['tsx', 'src/cli/lti-register.ts', '--issuer', url, '--client-id', clientId, '--deployment-id', deploymentId];
			for (const d of extraDeployments) args.push('--deployment-id', d);
			args.push('--auth-url', `${url}/auth`, '--token-url', `${url}/token`, '--jwks-url', `${url}/jwks`);
			return new Promise((resolve, reject) => {
				execFile('npx', args, { env: { ...process.env, ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
					if (err) reject(new Error(`lti-register failed: ${err.message}\n${stdout}\n${stderr}`));
					else resolve(stdout);
				});
			});
		},
		async launchForm(tool, o) {
			const p = plan(tool, o);
			const login = await fetch(`${tool}/lti/login?${new URLSearchParams(loginParams(p))}`, { redirect: 'manual' });
			const location = login.headers.get('location');
			if (login.status !== 302 || !location) throw new Error(`login initiation: HTTP ${login.status} → ${location}\n${(await login.text()).slice(0, 800)}`);
			const stateSetCookie = login.headers.getSetCookie().find((c) => c.startsWith('bc_lti_state_'));
			const auth = await fetch(location, { redirect: 'manual' });
			const html = await auth.text();
			if (auth.status !== 200) throw new Error(`authorization at the platform: HTTP ${auth.status}\n${html.slice(0, 800)}`);
			const { action, fields } = parseAutoPost(html);
			return { id_token: fields.id_token!, state: fields.state!, action, stateCookie: stateSetCookie?.split(';')[0], stateSetCookie };
		},
		coursePage(tool, o) {
			return `${url}/course/${plan(tool, o).id}`;
		},
		windowPage(tool, o) {
			return `${url}/window/${plan(tool, o).id}`;
		},
		lineitemOf(contextId, target) {
			return lineitems.get(`${contextId}\n${target}`)?.url;
		},
		setDown(d) {
			down = d;
		},
		async close() {
			await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
			for (const s of servers) s.closeAllConnections();
		}
	};
}

/** The origins a Content-Security-Policy lets frame the page. */
export const frameAncestors = (csp: string): string[] => /(?:^|;)\s*frame-ancestors ([^;]*)/.exec(csp)?.[1]!.trim().split(/\s+/) ?? [];

/**
 * A server of its own (its database in a temporary file) with a platform registered in it, once
 * its pages may be framed by the platform (the server reads the registered origins every 5 s).
 */
export async function startToolWithPlatform(): Promise<{ tool: string; child: ChildProcess; databaseFile: string; platform: Platform; stop(): Promise<void> }> {
	const databaseFile = join(mkdtempSync(join(tmpdir(), 'bc-lti-')), 'lti.db');
	const [{ url: tool, child }, platform] = await Promise.all([startServer({ DATABASE_FILE: databaseFile }), startPlatform()]);
	const stop = async () => {
		child.kill('SIGTERM');
		await platform.close();
	};
	try {
		await platform.register({ DATABASE_FILE: databaseFile });
		const deadline = Date.now() + 20_000;
		for (;;) {
			const res = await fetch(`${tool}/lti/launch`);
			await res.arrayBuffer();
			const csp = res.headers.get('content-security-policy') ?? '';
			if (frameAncestors(csp).includes(platform.url)) break;
			if (Date.now() > deadline) throw new Error(`the tool's pages never let ${platform.url} frame them: HTTP ${res.status} ${JSON.stringify([...res.headers])}`);
			await new Promise((r) => setTimeout(r, 250));
		}
	} catch (e) {
		await stop();
		throw e;
	}
	return { tool, child, databaseFile, platform, stop };
}

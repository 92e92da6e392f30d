/**
 * LTI 1.3 launches against a platform stand-in (lti-platform.ts), over HTTP: every way a launch
 * is refused (each a 4xx page that says why), the login initiation's own refusals, and a good
 * launch to a session, with the browser's cookies kept and without them (the "new tab" way).
 * In Chromium: axe on the refusal page and on the "open in a new tab" page, and that tab's link.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runAxe } from './axe';
import { APP_STARTED, launch } from './browser';
import { describeViolations, fold, lessonWithAllTypes } from './content';
import { postLaunch, startToolWithPlatform, type LaunchOptions, type Platform } from './lti-platform';

const L = lessonWithAllTypes();
const TARGET = `${L.module.slug}/${L.lesson.slug}`;

let tool: string;
let platform: Platform;
let stop: () => Promise<void>;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];
const table: { refusal: string; status: number; title: string; message: string }[] = [];

beforeAll(async () => {
	({ tool, platform, stop } = await startToolWithPlatform());
});
afterAll(async () => {
	if (table.length) {
		const w = Math.max(...table.map((r) => r.refusal.length));
		console.log(
			['LTI refusals (status, title: message)', ...table.map((r) => `${r.refusal.padEnd(w)}  ${r.status}  ${r.title}: ${r.message}`)].join('\n')
		);
	}
	await Promise.all(contexts.map((c) => c.close()));
	await browser?.close();
	await stop?.();
});

/** The text of an element of a page's HTML (its first match), tags and Svelte's comments removed. */
function textOf(html: string, open: RegExp): string | undefined {
	const m = new RegExp(`${open.source}([\\s\\S]*?)</`, 'i').exec(html.replace(/<!--[\s\S]*?-->/g, ''));
	return m ? fold(m[1]!.replace(/<[^>]+>/g, '')) : undefined;
}
const h1Of = (html: string) => textOf(html, /<h1[^>]*>/);
const leadOf = (html: string) => textOf(html, /<p class="lead[^"]*"[^>]*>/);
/** A page's words: tags and comments gone, white space folded. */
const plainText = (html: string) => fold(html.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, ' ')).replace(/\( /g, '(').replace(/ \)/g, ')');
const cookiePair = (setCookies: string[], name: string) => setCookies.find((c) => c.startsWith(`${name}=`))?.split(';')[0];

/** The flags a cookie must carry to be kept in an LMS's frame. */
function expectEmbeddedCookie(setCookie: string | undefined, name: string) {
	expect(setCookie, `Set-Cookie ${name}`).toBeDefined();
	const flags = setCookie!.split(';').map((f) => f.trim().toLowerCase());
	expect(flags, `${name}: ${setCookie}`).toContain('samesite=none');
	expect(flags, `${name}: ${setCookie}`).toContain('secure');
	expect(flags, `${name}: ${setCookie}`).toContain('partitioned');
	expect(flags, `${name}: ${setCookie}`).toContain('httponly');
}

/** A launch through login and authorization, posted to the tool: the tool's answer. */
async function launchWith(o: LaunchOptions) {
	const form = await platform.launchForm(tool, o);
	return postLaunch(form, { cookie: form.stateCookie, origin: platform.url });
}

function expectRefusal(refusal: string, res: { status: number; text: string; setCookies: string[] }, status: number, title: string, says: RegExp | string) {
	const h1 = h1Of(res.text) ?? '';
	const message = leadOf(res.text) ?? '';
	table.push({ refusal, status: res.status, title: h1, message });
	expect(res.status, `${refusal}: ${h1}: ${message}`).toBe(status);
	expect(h1).toBe(title);
	if (typeof says === 'string') expect(message).toContain(says);
	else expect(message).toMatch(says);
	expect(plainText(res.text)).toContain(`Error ${status}`);
	// nothing of a session for a refused launch
	expect(res.setCookies.filter((c) => /^(bc_session|bc_lti_probe)=[^;]/.test(c))).toEqual([]);
}

describe('refused launches', () => {
	test('a token signed with a key the platform does not publish: 401 Wrong signature', async () => {
		expectRefusal('wrong signature', await launchWith({ target: TARGET, faults: { otherKey: true } }), 401, 'Wrong signature', /signature/i);
	});

	test('a token meant for another tool: 401 Wrong audience', async () => {
		expectRefusal('wrong audience', await launchWith({ target: TARGET, faults: { aud: 'some-other-tool' } }), 401, 'Wrong audience', /audience/i);
	});

	test('an expired token: 401 Launch expired', async () => {
		expectRefusal('expired token', await launchWith({ target: TARGET, faults: { expiredSeconds: 120 } }), 401, 'Launch expired', /expired/i);
	});

	test('the same id_token and state posted twice: the first signs in, the second is a replay (409)', async () => {
		const form = await platform.launchForm(tool, { target: TARGET });
		const first = await postLaunch(form, { cookie: form.stateCookie, origin: platform.url });
		expect(first.status, h1Of(first.text)).toBe(303);
		expect(first.location).toMatch(/^\/lti\/start\?code=/);
		const again = await postLaunch(form, { cookie: form.stateCookie, origin: platform.url });
		expectRefusal('replayed nonce', again, 409, 'Launch already used', /replay/i);
	});

	test('a deployment that is not registered: 403 Unknown deployment', async () => {
		const res = await launchWith({ target: TARGET, faults: { deploymentId: 'deployment-nobody-registered' } });
		expectRefusal('unknown deployment', res, 403, 'Unknown deployment', 'deployment-nobody-registered');
	});

	test('a launch without a role: 403 No role', async () => {
		expectRefusal('missing role', await launchWith({ target: TARGET, faults: { roles: [] } }), 403, 'No role', /role/i);
	});

	test('a token from an issuer that is not registered: 403 Unknown platform', async () => {
		const res = await launchWith({ target: TARGET, faults: { issuer: 'https://lms.elsewhere.example' } });
		expectRefusal('unknown issuer', res, 403, 'Unknown platform', 'https://lms.elsewhere.example');
	});

	test('a login initiation without login_hint and target_link_uri: 400, as a GET and as a POST', async () => {
		const get = await fetch(`${tool}/lti/login?${new URLSearchParams({ iss: platform.issuer, client_id: platform.clientId })}`, { redirect: 'manual' });
		const text = await get.text();
		expect(get.status).toBe(400);
		expect(h1Of(text)).toBe('Not a login we understand');
		expect(leadOf(text)).toMatch(/login_hint/);
		expect(leadOf(text)).toMatch(/target_link_uri/);
		expect(get.headers.getSetCookie().filter((c) => c.startsWith('bc_lti_state_'))).toEqual([]);

		// an LMS's cross-site form post
		const post = await fetch(`${tool}/lti/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: platform.url, accept: 'text/html' },
			body: new URLSearchParams({ iss: platform.issuer }).toString(),
			redirect: 'manual'
		});
		const postText = await post.text();
		expect(post.status, postText.slice(0, 300)).toBe(400);
		expect(h1Of(postText)).toBe('Not a login we understand');
	});

	test('a login initiation from an unregistered issuer: 403 Unknown platform', async () => {
		const params = { iss: 'https://lms.elsewhere.example', login_hint: 'u1', target_link_uri: `${tool}/`, client_id: platform.clientId };
		const res = await fetch(`${tool}/lti/login?${new URLSearchParams(params)}`, { redirect: 'manual' });
		const text = await res.text();
		expect(res.status).toBe(403);
		expect(h1Of(text)).toBe('Unknown platform');
	});

	test('a GET of /lti/launch: 200, a page that says where launches come from', async () => {
		const res = await fetch(`${tool}/lti/launch`, { redirect: 'manual' });
		const text = await res.text();
		expect(res.status).toBe(200);
		expect(h1Of(text)).toBe('Launch from your LMS');
		expect(leadOf(text)).toMatch(/learning management system/);
	});
});

describe('a good launch over HTTP', () => {
	test('login sets the state cookie and sends the browser to the platform with every parameter', async () => {
		const sub = `http-${crypto.randomUUID()}`;
		const res = await fetch(
			`${tool}/lti/login?${new URLSearchParams({ iss: platform.issuer, login_hint: sub, target_link_uri: `${tool}/modules/${TARGET}`, lti_message_hint: 'hint-1', client_id: platform.clientId, lti_deployment_id: platform.deploymentId })}`,
			{ redirect: 'manual' }
		);
		expect(res.status).toBe(302);
		const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('bc_lti_state_'));
		expectEmbeddedCookie(setCookie, 'bc_lti_state_…');
		expect(setCookie!.split(';').map((f) => f.trim().toLowerCase())).toContain('path=/lti');
		const to = new URL(res.headers.get('location')!);
		expect(to.origin + to.pathname).toBe(platform.authUrl);
		const q = Object.fromEntries(to.searchParams);
		expect(q).toMatchObject({
			scope: 'openid',
			response_type: 'id_token',
			response_mode: 'form_post',
			prompt: 'none',
			client_id: platform.clientId,
			redirect_uri: `${tool}/lti/launch`,
			login_hint: sub,
			lti_message_hint: 'hint-1'
		});
		// one cookie per login, named after its state, holding it
		expect(setCookie!.split(';')[0]).toBe(`bc_lti_state_${q.state!.slice(0, 16)}=${q.state}`);
		expect(q.nonce?.length).toBeGreaterThanOrEqual(16);
		// a POST (the LMS's form) is answered 303, so the browser GETs the platform's page
		const post = await fetch(`${tool}/lti/login`, {
			method: 'POST',
			// what a browser sends when it submits the LMS's form
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: platform.url, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' },
			body: new URLSearchParams({ iss: platform.issuer, login_hint: sub, target_link_uri: `${tool}/`, client_id: platform.clientId }).toString(),
			redirect: 'manual'
		});
		expect(post.status).toBe(303);
		expect(post.headers.get('location')).toMatch(new RegExp(`^${platform.authUrl}\\?`));
	});

	test('303 to /lti/start; with the probe cookie a session and 303 to the lesson; the code works once', async () => {
		const sub = `http-${crypto.randomUUID()}`;
		const name = 'Robin Launchwell';
		const res = await launchWith({ sub, name, target: TARGET });
		expect(res.status, `${h1Of(res.text)}: ${leadOf(res.text)}`).toBe(303);
		expect(res.location).toMatch(/^\/lti\/start\?code=[\w%-]+$/);
		const probeSet = res.setCookies.find((c) => c.startsWith('bc_lti_probe='));
		expectEmbeddedCookie(probeSet, 'bc_lti_probe');
		const probe = probeSet!.split(';')[0]!;

		const start = await fetch(`${tool}${res.location}`, { headers: { cookie: probe }, redirect: 'manual' });
		expect(start.status, await start.clone().text()).toBe(303);
		expect(start.headers.get('location')).toBe(`/modules/${TARGET}`);
		const sessionSet = start.headers.getSetCookie().find((c) => c.startsWith('bc_session='));
		expectEmbeddedCookie(sessionSet, 'bc_session');
		const session = sessionSet!.split(';')[0]!;

		const lesson = await fetch(`${tool}/modules/${TARGET}`, { headers: { cookie: session }, redirect: 'manual' });
		const html = await lesson.text();
		expect(lesson.status).toBe(200);
		expect(h1Of(html)).toBe(fold(L.lesson.title));
		expect(plainText(html)).toContain(`Sign out (${name})`);

		// an LMS account has no password here: its account page says so, and a change is refused with words
		const account = await fetch(`${tool}/account`, { headers: { cookie: session }, redirect: 'manual' });
		expect(plainText(await account.text())).toContain('You sign in through your LMS');
		const change = await fetch(`${tool}/account?/password`, {
			method: 'POST',
			headers: { cookie: session, origin: tool, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
			body: new URLSearchParams({ current: 'x', password: 'a new password 1', confirm: 'a new password 1' }),
			redirect: 'manual'
		});
		expect(change.status).toBe(400);
		expect(plainText(await change.text())).toContain('it has no password here to change');

		const again = await fetch(`${tool}${res.location}`, { headers: { cookie: probe }, redirect: 'manual' });
		const againText = await again.text();
		expect(again.status).toBe(400);
		expect(h1Of(againText)).toBe('Launch expired');
		expect(again.headers.getSetCookie().filter((c) => c.startsWith('bc_session=') && !c.startsWith('bc_session=;'))).toEqual([]);

		// an LMS account has no username: it deletes itself by typing the word delete
		const dataPage = plainText(await (await fetch(`${tool}/me/data`, { headers: { cookie: session } })).text());
		expect(dataPage).toContain('Type the word delete to confirm');
		const post = (confirm: string) =>
			fetch(`${tool}/me/data?/delete`, {
				method: 'POST',
				headers: { cookie: session, origin: tool, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ confirm }),
				redirect: 'manual'
			});
		expect((await post('robin')).status).toBe(400);
		const deleted = await post('Delete');
		expect(deleted.status).toBe(303);
		expect(deleted.headers.get('location')).toBe('/?deleted=1');
		const after = await fetch(`${tool}/me`, { headers: { cookie: session }, redirect: 'manual' });
		expect(after.status).toBe(303);
		expect(after.headers.get('location')).toMatch(/^\/login/);
	});

	test('without the probe cookie: 200 with an "Open in a new tab" link, and that link signs in once', async () => {
		const name = 'Sam Newtab';
		const res = await launchWith({ name, target: TARGET });
		expect(res.status).toBe(303);
		const start = await fetch(`${tool}${res.location}`, { redirect: 'manual' });
		const html = await start.text();
		expect(start.status).toBe(200);
		expect(h1Of(html)).toBe('Open Back Channel in a new tab');
		expect(start.headers.getSetCookie().filter((c) => c.startsWith('bc_session='))).toEqual([]);
		const href = /<a [^>]*href="([^"]*)"[^>]*>Open in a new tab<\/a>/.exec(html)?.[1]?.replace(/&amp;/g, '&');
		expect(href).toMatch(/^\/lti\/start\?code=[\w%-]+&tab=1$/);

		// the tab asks who to continue as, and signs in only on a same-origin POST
		const tabPage = await fetch(`${tool}${href}`, { redirect: 'manual' });
		const tabHtml = await tabPage.text();
		expect(tabPage.status).toBe(200);
		expect(h1Of(tabHtml)).toBe(`Continue as ${name}`);
		expect(tabPage.headers.getSetCookie().filter((c) => c.startsWith('bc_session='))).toEqual([]);
		const continueForm = { code: /name="code" value="([^"]+)"/.exec(tabHtml)![1]!, tab: '1' };
		const tab = await fetch(`${tool}/lti/start?/continue`, {
			method: 'POST',
			headers: { origin: tool, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(continueForm),
			redirect: 'manual'
		});
		expect(tab.status).toBe(303);
		expect(tab.headers.get('location')).toBe(`/modules/${TARGET}`);
		// first-party in its own tab: the everyday SameSite=Lax cookie
		expect(tab.headers.getSetCookie().find((c) => c.startsWith('bc_session='))?.toLowerCase()).toContain('samesite=lax');
		const session = cookiePair(tab.headers.getSetCookie(), 'bc_session');
		expect(session).toBeDefined();
		const lesson = await (await fetch(`${tool}/modules/${TARGET}`, { headers: { cookie: session! } })).text();
		expect(plainText(lesson)).toContain(`Sign out (${name})`);

		const twice = await fetch(`${tool}${href}`, { redirect: 'manual' });
		expect(twice.status).toBe(400);
	});

	test('a code bound to one browser, opened with the probe cookie of another launch: the page asks who to continue as', async () => {
		// the attacker's own launch, bound in their browser; its code sent to a browser that holds the probe of a launch of its own
		const attacker = await launchWith({ name: 'Quinn Boundelsewhere', target: TARGET });
		const victim = await launchWith({ name: 'Avery Ownlaunch', target: TARGET });
		expect([attacker.status, victim.status]).toEqual([303, 303]);
		const victimProbe = cookiePair(victim.setCookies, 'bc_lti_probe')!;
		const start = await fetch(`${tool}${attacker.location}`, { headers: { cookie: victimProbe }, redirect: 'manual' });
		const html = await start.text();
		expect(start.status).toBe(200);
		expect(h1Of(html)).toBe('Continue as Quinn Boundelsewhere');
		expect(start.headers.getSetCookie().filter((c) => c.startsWith('bc_session='))).toEqual([]);
		// the victim's own code, with its own probe, still signs in at once
		const own = await fetch(`${tool}${victim.location}`, { headers: { cookie: victimProbe }, redirect: 'manual' });
		expect(own.status).toBe(303);
		expect(own.headers.get('location')).toBe(`/modules/${TARGET}`);
	});

	test('a launch posted from a browser that did not start the login (login CSRF) signs nobody in by a GET: the page asks who to continue as', async () => {
		const name = 'Riley Otherbrowser';
		const form = await platform.launchForm(tool, { name, target: TARGET });
		// the id_token and state posted without the state cookie, as an attacker's page would post their own launch from a victim's browser
		const res = await postLaunch(form, { origin: platform.url });
		expect(res.status, `${h1Of(res.text)}: ${leadOf(res.text)}`).toBe(303);
		const probe = cookiePair(res.setCookies, 'bc_lti_probe');
		const start = await fetch(`${tool}${res.location}`, { headers: { cookie: probe! }, redirect: 'manual' });
		const html = await start.text();
		expect(start.status).toBe(200);
		expect(h1Of(html)).toBe(`Continue as ${name}`);
		expect(plainText(html)).toContain('If that is not you, close this page');
		expect(start.headers.getSetCookie().filter((c) => c.startsWith('bc_session='))).toEqual([]);
		// and the POST that would continue is refused from another site
		const forged = await fetch(`${tool}/lti/start?/continue`, {
			method: 'POST',
			headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ code: /name="code" value="([^"]+)"/.exec(html)![1]! }),
			redirect: 'manual'
		});
		expect(forged.status).toBe(403);
	});
});

describe('in Chromium', () => {
	beforeAll(async () => {
		browser = await launch();
	});

	test('the refusal page of a launch in the whole window: axe finds nothing', async () => {
		const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
		contexts.push(context);
		const page = await context.newPage();
		// the platform's page is not ours: its frame's goto, not the page's (which waits for our app's start)
		await page.mainFrame().goto(platform.windowPage(tool, { target: TARGET, faults: { otherKey: true } }));
		await page.waitForURL(`${tool}/lti/launch`, { timeout: 20_000 });
		await page.locator('#svelte-announcer').waitFor({ state: 'attached', timeout: 15_000 });
		expect(fold(await page.locator('h1').innerText())).toBe('Wrong signature');
		const results = await runAxe(page);
		expect(results.violations, describeViolations(results)).toEqual([]);
	});

	test('the "open in a new tab" page: axe finds nothing, and its link opens the lesson signed in', async () => {
		const name = 'Kim Tabopener';
		const res = await launchWith({ name, target: TARGET });
		expect(res.status).toBe(303);
		const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
		contexts.push(context);
		const page = await context.newPage();
		// this browser never got the probe cookie: as when the LMS's frame blocks our cookies
		await page.goto(`${tool}${res.location}`);
		expect(fold(await page.locator('h1').innerText())).toBe('Open Back Channel in a new tab');
		const results = await runAxe(page);
		expect(results.violations, describeViolations(results)).toEqual([]);

		const [tab] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Open in a new tab' }).click()]);
		await tab.getByRole('button', { name: `Continue as ${name}` }).waitFor({ timeout: 20_000 });
		const confirmAxe = await runAxe(tab);
		expect(confirmAxe.violations, describeViolations(confirmAxe)).toEqual([]);
		await tab.getByRole('button', { name: `Continue as ${name}` }).click();
		await tab.waitForURL(`${tool}/modules/${TARGET}`, { timeout: 20_000 });
		await tab.locator(APP_STARTED).first().waitFor({ state: 'attached', timeout: 15_000 });
		expect(fold(await tab.locator('h1').innerText())).toBe(fold(L.lesson.title));
		expect(await tab.getByRole('button', { name: `Sign out (${name})` }).count()).toBe(1);
	});
});

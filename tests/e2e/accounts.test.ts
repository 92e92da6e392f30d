/**
 * What accounts must keep out: guessed passwords (the login rate limit, per username and per
 * address), other students (nobody sees or claims another's answers), and anonymous visitors
 * (every personal page and download sends them to log in; nothing is deleted on their say).
 */
import type { ChildProcess } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch } from './browser';
import {
	answerInPage,
	baseURL,
	cookieHeader,
	fillLogIn,
	fillSignUp,
	fold,
	lessonWithAllTypes,
	newStudent,
	postAnswer,
	postForm,
	questionCard,
	rightAnswer,
	signUpByPost,
	wrongAnswer,
	type Student
} from './content';
import { startServer } from './global-setup';
import { LOGIN_LIMITS } from '../../src/lib/server/auth/accounts';

let browser: Browser;
const contexts: BrowserContext[] = [];
const L = lessonWithAllTypes();

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await Promise.all(contexts.map((c) => c.close()));
	await browser?.close();
});

async function newPage(javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 800 } });
	contexts.push(context);
	return { context, page: await context.newPage() };
}

/** The HTML of one question's card in a lesson page. */
function cardHtml(html: string, id: string): string {
	const start = html.indexOf(`id="q-${id}"`);
	expect(start, `no card q-${id}`).toBeGreaterThan(-1);
	// without its hidden "saved on this device" note, there for the page's script to show
	return html.slice(start, html.indexOf('</section>', html.indexOf('</form>', start))).replace(/<p class="waiting[^"]*"[^>]*\shidden[^>]*>[^<]*<\/p>/, '');
}

const TOO_MANY = /Too many login attempts\. Please wait (\d+) minutes? and try again\./;

describe('login rate limit (on a server of its own)', () => {
	let server: { url: string; child: ChildProcess } | undefined;
	afterAll(() => {
		server?.child.kill('SIGTERM');
	});

	test('five wrong passwords lock the username (even against the right one), and the address after 30 tries', async () => {
		server = await startServer();
		const base = server.url;
		const s = newStudent('rate');
		await signUpByPost(s, base);
		const login = (username: string, password: string, headers: Record<string, string> = {}) =>
			postForm('/login', { username, password }, { base, headers });

		const { perUsername, perIp } = LOGIN_LIMITS;
		for (let i = 1; i <= perUsername.max; i++) {
			const r = await login(s.username, `wrong password ${i}`);
			expect(r.status, `attempt ${i}`).toBe(401);
			expect(r.text).toContain('That username and password do not match.');
		}
		const blocked = await login(s.username, 'wrong password 6');
		expect(blocked.status).toBe(429);
		const wait = TOO_MANY.exec(blocked.text);
		expect(wait, 'the 429 page says how long to wait').not.toBeNull();
		expect(Number(wait![1])).toBe(perUsername.windowMs / 60_000);
		expect(blocked.text).toMatch(/role="alert"[^>]*>Too many login attempts/);
		expect(blocked.cookie).not.toContain('bc_session=');

		// as use:enhance posts it: the failure status is inside the JSON
		const enhanced = await login(s.username, 'wrong password 7', { accept: 'application/json', 'x-sveltekit-action': 'true' });
		const result = JSON.parse(enhanced.text) as { type: string; status: number; data: string };
		expect(result).toMatchObject({ type: 'failure', status: 429 });
		expect(result.data).toMatch(/Too many login attempts/);

		// in a browser, the right password is refused too while the limit holds
		const context = await browser.newContext({ javaScriptEnabled: false });
		contexts.push(context);
		const page = await context.newPage();
		await page.goto(`${base}/login`);
		const [response] = await Promise.all([page.waitForNavigation(), fillLogIn(page, s.username, s.password)]);
		expect(response?.status()).toBe(429);
		expect(fold(await page.getByRole('alert').innerText())).toMatch(TOO_MANY);
		expect(fold(await page.getByRole('alert').innerText())).toBe('Too many login attempts. Please wait 15 minutes and try again.');
		expect((await context.cookies()).some((c) => c.name === 'bc_session')).toBe(false);
		expect(await page.getByLabel('Username').inputValue()).toBe(s.username);

		// another username from the same address still gets an honest answer …
		let allowed = 0;
		let last = await login(`nobody-${allowed}`, 'some password');
		expect(last.status).toBe(401);
		allowed++;
		// … until the address has used up its attempts (refused attempts do not count)
		while (last.status !== 429 && allowed < perIp.max + 5) {
			last = await login(`nobody-${allowed}`, 'some password');
			if (last.status === 401) allowed++;
		}
		expect(last.status).toBe(429);
		expect(last.text).toMatch(TOO_MANY);
		expect(perUsername.max + allowed).toBe(perIp.max);
	});

	test('right passwords do not count against an address: a whole class logs in from one school address', async () => {
		const started = await startServer();
		try {
			const students = Array.from({ length: LOGIN_LIMITS.perIp.max + 5 }, (_, i) => newStudent(`class${i}`));
			for (const s of students) await signUpByPost(s, started.url);
			for (const s of students) expect((await postForm('/login', { username: s.username, password: s.password }, { base: started.url })).status, s.username).toBe(303);
		} finally {
			started.child.kill('SIGTERM');
		}
	});
});

describe('privacy between students', () => {
	async function signUpInBrowser(s: Student) {
		const { context, page } = await newPage(true);
		await page.goto(`${baseURL()}/signup`, { waitUntil: 'networkidle' });
		await fillSignUp(page, s);
		await page.waitForURL((u) => u.pathname === '/me');
		return { context, page };
	}

	test('B never sees A’s data and cannot claim A’s submission key', async () => {
		const A = newStudent('alice');
		const B = newStudent('bob');
		const a = await signUpInBrowser(A);
		const b = await signUpInBrowser(B);

		// A opens the lesson; the key of A's form is read before A submits
		await a.page.goto(`${baseURL()}${L.path}`, { waitUntil: 'networkidle' });
		const idem = await questionCard(a.page, L.single).locator('input[name="idem"]').inputValue();
		expect(idem).toMatch(/^[0-9a-f-]{36}$/);
		expect(await a.page.content()).toContain(`value="${idem}"`);
		const aPick = wrongAnswer(L.single)[0]!;
		await answerInPage(a.page, L.single, [aPick]);
		expect(fold(await questionCard(a.page, L.single).getByRole('status').innerText())).toContain('Not quite.');

		// B answers one question of its own
		await b.page.goto(`${baseURL()}${L.path}`, { waitUntil: 'networkidle' });
		await answerInPage(b.page, L.multiple, rightAnswer(L.multiple));
		const bCookie = await cookieHeader(b.context);

		// B posts an answer with A's key: refused as a plain form post …
		const bPick = rightAnswer(L.single)[0]!;
		const fields: [string, string][] = [
			['question', L.single.id],
			['choice', bPick],
			['idem', idem]
		];
		const plain = await postAnswer(L.path, fields, { cookie: bCookie });
		expect(plain.status).toBe(409);
		expect(plain.text).toMatch(/role="alert"[^>]*>This submission key was already used for a different answer\./);
		const leaked = fold(L.single.explanation).slice(0, 40);
		expect(plain.text.includes(leaked), 'the explanation of the question is on the 409 page').toBe(false);
		expect(plain.text.includes(A.displayName), 'A is named on the 409 page').toBe(false);
		const single = cardHtml(plain.text, L.single.id);
		expect(single).toMatch(/role="alert"/);
		expect(single.includes('role="status"'), 'the refused card shows feedback').toBe(false);
		expect(single.includes('your answer'), 'the refused card marks an answer').toBe(false);
		expect(single.includes('checked'), 'the refused card has a choice checked').toBe(false);
		// … and as use:enhance posts it
		const enhanced = await postAnswer(L.path, fields, {
			cookie: bCookie,
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
		});
		expect(enhanced.status).toBe(200);
		const result = JSON.parse(enhanced.text) as { type: string; status: number; data: string };
		expect(result).toMatchObject({ type: 'failure', status: 409 });
		expect(result.data).not.toContain(leaked);
		expect(result.data).not.toContain(aPick);
		// … and as the lesson page's script posts it: the card comes back with the refusal, and no more
		const scripted = await postForm(`${L.path}/card`, fields, { cookie: bCookie });
		expect([scripted.status, scripted.headers.get('x-card')]).toEqual([409, 'html']);
		expect(scripted.text).toMatch(/role="alert"[^>]*>This submission key was already used for a different answer\./);
		expect(scripted.text.includes(leaked), 'the explanation of the question is in the refused card').toBe(false);
		expect(scripted.text.includes(A.displayName), 'A is named in the refused card').toBe(false);
		expect(scripted.text.includes('your answer'), 'the refused card marks an answer').toBe(false);
		// the same key with A's own answer is A's stored answer, not a conflict
		const aAgain = await postAnswer(L.path, [['question', L.single.id], ['choice', aPick], ['idem', idem]], {
			cookie: await cookieHeader(a.context)
		});
		expect(aAgain.status).toBe(200);

		// B's pages and download: only B
		await b.page.goto(`${baseURL()}${L.path}`);
		expect(await questionCard(b.page, L.single).getByRole('status').count()).toBe(0);
		const bodies: Record<string, string> = {};
		for (const path of ['/me', '/me/review', '/me/data', '/me/data/export.json', '/me/data/export.csv', L.path]) {
			const res = await b.context.request.get(`${baseURL()}${path}`, { maxRedirects: 0 });
			expect(res.status(), path).toBe(200);
			bodies[path] = await res.text();
		}
		for (const [path, body] of Object.entries(bodies)) {
			expect(body.includes(A.username), `A's username in B's ${path}`).toBe(false);
			expect(body.includes(A.displayName), `A's name in B's ${path}`).toBe(false);
		}
		expect(bodies['/me']!.includes(`Hello, ${B.displayName}`)).toBe(true);
		expect(bodies['/me/data']!.includes(B.username)).toBe(true);
		expect(cardHtml(bodies[L.path]!, L.single.id).includes('role="status"'), 'B sees feedback on a question only A answered').toBe(false);
		const bData = JSON.parse(bodies['/me/data/export.json']!) as {
			user: { username: string };
			answers: { question_id: string; correct: boolean }[];
		};
		expect(bData.user.username).toBe(B.username);
		expect(bData.answers.map((x) => [x.question_id, x.correct])).toEqual([[L.multiple.id, true]]);
		// nothing due for B: A's missed question is not in B's review
		expect(fold(await b.page.goto(`${baseURL()}/me/review`).then(() => b.page.locator('main').innerText()))).toContain(
			'Nothing to review right now'
		);

		// and A's data is A's alone, unchanged by B's attempts
		const aData = JSON.parse(await (await a.context.request.get(`${baseURL()}/me/data/export.json`)).text()) as typeof bData;
		expect(aData.user.username).toBe(A.username);
		expect(aData.answers.map((x) => [x.question_id, x.correct])).toEqual([[L.single.id, false]]);
		const aJson = JSON.stringify(aData);
		expect(aJson).not.toContain(B.username);
		expect(aJson).not.toContain(B.displayName);

		// B cannot delete A's account by typing A's username
		const del = await postForm('/me/data?/delete', { confirm: A.username }, { cookie: bCookie });
		expect(del.status).toBe(400);
		expect(del.text).toContain(`type your username (${B.username}) exactly`);
		expect((await a.context.request.get(`${baseURL()}/me`, { maxRedirects: 0 })).status()).toBe(200);
		expect((await b.context.request.get(`${baseURL()}/me`, { maxRedirects: 0 })).status()).toBe(200);
	});

	test('the page to return to after logging in (?next=) is always on this site', async () => {
		const s = newStudent('next');
		const cookie = await signUpByPost(s);
		const base = baseURL();
		const offSite: string[] = [];
		// each value as a browser would resolve the Location header (backslashes count as slashes, dot-segments are resolved)
		for (const next of ['https://example.com/', '//example.com', '/\\example.com', '/\\/example.com', '\\\\example.com', '/.//example.com', '/a/..//example.com', '/%2e//example.com']) {
			const query = `/login?next=${encodeURIComponent(next)}`;
			const login = await postForm(query, { username: s.username, password: s.password });
			expect(login.status, `POST ${query}`).toBe(303);
			if (new URL(login.location!, base).origin !== base) offSite.push(`POST ${query} → Location: ${login.location}`);
			// a signed-in student who merely opens such a link is redirected at once
			const open = await fetch(`${base}${query}`, { headers: { cookie }, redirect: 'manual' });
			expect(open.status, `GET ${query}`).toBe(303);
			const location = open.headers.get('location')!;
			if (new URL(location, base).origin !== base) offSite.push(`GET ${query} (signed in) → Location: ${location}`);
		}
		expect(offSite, `redirects to another site:\n${offSite.join('\n')}`).toEqual([]);
		// and a local page is honoured
		const local = await postForm(`/login?next=${encodeURIComponent('/me/review')}`, { username: s.username, password: s.password });
		expect(local.location).toBe('/me/review');
	});

	test('anonymous visitors are sent to log in, cannot sign out by a link, and cannot delete anything', async () => {
		for (const path of ['/me', '/me/review', '/me/data', '/me/data/export.json', '/me/data/export.csv']) {
			const res = await fetch(`${baseURL()}${path}`, { redirect: 'manual' });
			expect(res.status, path).toBe(303);
			expect(res.headers.get('location'), path).toBe(`/login?next=${encodeURIComponent(path)}`);
			expect(await res.text()).not.toContain('"answers"');
		}
		// a GET of /logout (a link, a prefetch) signs nobody out: it only goes home
		const logout = await fetch(`${baseURL()}/logout`, { redirect: 'manual' });
		expect(logout.status).toBe(303);
		expect(logout.headers.get('location')).toBe('/');

		// a student's account survives an anonymous delete with the right username typed
		const s = newStudent('keep');
		const cookie = await signUpByPost(s);
		const del = await postForm('/me/data?/delete', { confirm: s.username });
		expect(del.status).toBe(303);
		expect(del.location).toMatch(/^\/login\?next=/);
		const me = await fetch(`${baseURL()}/me`, { headers: { cookie }, redirect: 'manual' });
		expect(me.status).toBe(200);
		expect(await me.text()).toContain(s.displayName);
		const relog = await postForm('/login', { username: s.username, password: s.password });
		expect(relog.status).toBe(303);
		expect(relog.location).toBe('/me');
		// as an enhanced post, the anonymous delete is a redirect to log in as well
		const enhanced = await postForm('/me/data?/delete', { confirm: s.username }, { headers: { accept: 'application/json', 'x-sveltekit-action': 'true' } });
		const result = JSON.parse(enhanced.text) as { type: string; location?: string };
		expect(result.type).toBe('redirect');
		expect(result.location).toMatch(/^\/login\?next=/);
		expect((await fetch(`${baseURL()}/me`, { headers: { cookie }, redirect: 'manual' })).status).toBe(200);
	});
});

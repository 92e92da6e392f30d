/**
 * Security headers on every kind of response: each page of the route inventory (as someone
 * allowed to see it), every endpoint, a 404, a redirect, failed form posts and `__data.json`
 * carry nosniff, the referrer policy, X-Frame-Options and a Content-Security-Policy that runs no
 * inline script but kit's own, nonced one (none at all on the pages kit does not hydrate), and
 * that no site may frame. Then, in Chromium, public and teacher pages load and hydrate, and an
 * answer is graded in place, without a CSP violation.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { routeInventory, type Access } from '../../src/lib/server/route-inventory';
import { launch } from './browser';
import {
	addCookies,
	allLessons,
	answerInPage,
	baseURL,
	content,
	createClassByPost,
	joinCodeIn,
	newStudent,
	newTeacher,
	questionCard,
	rightAnswer,
	signUpByPost,
	signUpTeacherByPost,
	signUpWithCode,
	type QuestionOf
} from './content';

const started = Date.now();
const M = content().modules[0]!;
const L = M.lessons[0]!;
const SOURCE = content().sources[0]!.id;

/** Who is signed in for each kind of access, and the class and student the teacher pages name. */
const as: Record<Access, string> = { anyone: '', 'signed-in': '', student: '', teacher: '', 'class-teacher': '', 'class-owner': '' };
const params: Record<string, string> = { module: M.slug, lesson: L.slug, source: SOURCE, class: '', student: '', format: 'gift' };

beforeAll(async () => {
	const [student, teacher] = await Promise.all([signUpByPost(newStudent('hdr')), signUpTeacherByPost(newTeacher('hdr'))]);
	as['signed-in'] = as.student = student;
	as.teacher = as['class-teacher'] = as['class-owner'] = teacher;
	params.class = await createClassByPost(teacher, 'Headers class');
	const classPage = `/teacher/classes/${params.class}`;
	await signUpWithCode(newStudent('hdrc'), joinCodeIn((await get(classPage, teacher)).text)!);
	params.student = new RegExp(`${classPage}/students/([0-9a-f-]{36})`).exec((await get(classPage, teacher)).text)![1]!;
});

async function get(path: string, cookie = '', accept = 'text/html') {
	const res = await fetch(`${baseURL()}${path}`, { headers: { accept, ...(cookie ? { cookie } : {}) }, redirect: 'manual' });
	return { status: res.status, headers: res.headers, text: await res.text() };
}

/** A route id with its parameters filled from real content and the class made above. */
const fill = (id: string) => id.replace(/\[(\w+)\]/g, (_, name: string) => params[name]!);

/** The directives of a Content-Security-Policy header, by name. */
function directives(csp: string): Map<string, string[]> {
	return new Map(
		csp
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((d) => d[0])
			.map(([name, ...values]) => [name!.toLowerCase(), values])
	);
}

/**
 * Pages SvelteKit does not hydrate (`csr = false`): their one script is a module file of this
 * site, so they have no inline script and their policy no nonce.
 */
const notHydrated = new Set(['/modules/[module]/[lesson]', '/me/review']);

/** Every header this suite asks of a response; for an HTML page, the nonce its inline script carries. */
function expectHeaders(res: Awaited<ReturnType<typeof get>>, what: string) {
	const h = res.headers;
	expect(h.get('x-content-type-options'), `${what}: nosniff`).toBe('nosniff');
	expect(h.get('referrer-policy'), `${what}: referrer`).toBe('same-origin');
	expect(h.get('x-frame-options'), `${what}: x-frame-options`).toBe('DENY');
	const csp = h.get('content-security-policy');
	expect(csp, `${what}: CSP`).toBeTruthy();
	const d = directives(csp!);
	expect(d.get('frame-ancestors'), `${what}: frame-ancestors`).toEqual(["'none'"]);
	expect(d.get('object-src') ?? d.get('default-src'), `${what}: object-src`).toEqual(["'none'"]);
	// what scripts may run: script-src, or default-src where there is none
	const scripts = d.get('script-src') ?? d.get('default-src')!;
	expect(scripts, `${what}: script sources`).toBeTruthy();
	expect(scripts, `${what}: no inline scripts`).not.toContain("'unsafe-inline'");
	expect(scripts, `${what}: no eval`).not.toContain("'unsafe-eval'");
	if (h.get('content-type')?.startsWith('text/html')) {
		expect(d.get('script-src')?.[0], `${what}: own scripts only`).toBe("'self'");
		const nonces = scripts.filter((s) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(s));
		const inline = [...res.text.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]!);
		if (notHydrated.has(what)) {
			expect(nonces, `${what}: no nonce (${csp})`).toEqual([]);
			expect(scripts, `${what}: own scripts only`).toEqual(["'self'"]);
			expect(inline, `${what}: no inline script`).toEqual([]);
			expect(res.text, `${what}: its module script`).toMatch(/<script type="module" src="\/_app\/immutable\/[^"]+\.js"/);
		} else {
			expect(nonces, `${what}: one nonce in script-src (${csp})`).toHaveLength(1);
			// kit's inline start-up script carries that nonce, and every inline script does
			expect(inline.length, `${what}: kit's start-up script`).toBeGreaterThan(0);
			for (const attrs of inline) expect(attrs, `${what}: inline script`).toContain(`nonce="${nonces[0]!.slice(7, -1)}"`);
		}
		expect(res.text, `${what}: no inline event handlers`).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
	} else {
		// anything kit did not render as a page loads nothing at all
		expect(d.get('default-src'), `${what}: non-page default-src`).toEqual(["'none'"]);
	}
}

describe('headers', () => {
	test('every page of the route inventory, as someone allowed to see it', async () => {
		const pages = routeInventory.filter((r) => r.page);
		expect(pages.length).toBeGreaterThan(15);
		const seen = await Promise.all(pages.map(async (r) => ({ r, res: await get(fill(r.id), as[r.page!]) })));
		for (const { r, res } of seen) {
			// /logout only redirects a GET home
			expect(res.status, r.id).toBe(r.id === '/logout' ? 303 : 200);
			expectHeaders(res, r.id);
		}
	});

	test('a fresh nonce on every render', async () => {
		const nonce = async () => /'nonce-([^']+)'/.exec((await get('/login')).headers.get('content-security-policy') ?? '')?.[1];
		const [a, b] = await Promise.all([nonce(), nonce()]);
		expect(a).toBeTruthy();
		expect(b).toBeTruthy();
		expect(a).not.toBe(b);
	});

	test('every endpoint, as its owner', async () => {
		const endpoints = routeInventory.filter((r) => r.endpoint?.GET);
		expect(endpoints.length).toBeGreaterThan(3);
		for (const r of endpoints) {
			const res = await get(fill(r.id), as[r.endpoint!.GET!], '*/*');
			expect(res.status, r.id).toBe(200);
			expect(res.headers.get('content-type'), r.id).toMatch(/^(text\/csv|text\/plain|application\/json)/);
			expectHeaders(res, r.id);
		}
	});

	test('a 404 page, a 404 lesson, a redirect to log in and __data.json', async () => {
		const missing = await get('/no-such-page');
		expect(missing.status).toBe(404);
		expectHeaders(missing, '404');
		const noLesson = await get(`/modules/${M.slug}/no-such-lesson`);
		expect(noLesson.status).toBe(404);
		expectHeaders(noLesson, '404 lesson');
		const redirect = await get('/me');
		expect(redirect.status).toBe(303);
		expect(redirect.headers.get('location')).toBe('/login?next=%2Fme');
		expectHeaders(redirect, 'redirect');
		const data = await get(`/modules/${M.slug}/${L.slug}/__data.json`, '', '*/*');
		expect(data.status).toBe(200);
		expectHeaders(data, '__data.json');
	});

	test('a failed form post, from a plain form and from use:enhance', async () => {
		// sign-up with every field empty: refused by validation, before any rate limit counts it
		const post = async (accept: string, extra: Record<string, string> = {}) => {
			const res = await fetch(`${baseURL()}/signup`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', accept, origin: baseURL(), ...extra },
				body: new URLSearchParams({ displayName: '', username: '', password: '', code: '' })
			});
			return { status: res.status, headers: res.headers, text: await res.text() };
		};
		const plain = await post('text/html');
		expect(plain.status).toBe(400);
		expectHeaders(plain, 'failed sign-up page');
		const enhanced = await post('application/json', { 'x-sveltekit-action': 'true' });
		expect(enhanced.status).toBe(200);
		expect((JSON.parse(enhanced.text) as { type: string; status: number })).toMatchObject({ type: 'failure', status: 400 });
		expectHeaders(enhanced, 'use:enhance failure');
	});
});

describe('in Chromium', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(async () => {
		await browser?.close();
	});

	test("pages load and hydrate (the lesson page runs its own script) and a question is graded in place without a CSP violation", async () => {
		const context = await browser.newContext();
		const problems: string[] = [];
		// reported from every page the context opens, across navigations
		await context.exposeBinding('cspViolation', ({ page }, v: string) => problems.push(`${page.url()}: ${v}`));
		await context.addInitScript(() => {
			document.addEventListener('securitypolicyviolation', (e) =>
				(window as unknown as { cspViolation(v: string): void }).cspViolation(`${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`)
			);
		});
		const page = await context.newPage();
		page.on('console', (m) => {
			if (m.type() === 'error' || m.type() === 'warning') problems.push(`${page.url()}: console.${m.type()}: ${m.text()}`);
		});
		page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));

		const lesson = allLessons().find((l) => l.lesson.questions.some((q) => q.type === 'single'))!;
		const single = lesson.lesson.questions.find((q): q is QuestionOf<'single'> => q.type === 'single')!;
		for (const path of ['/', `/sources/${SOURCE}`, '/glossary', '/timeline', '/login', lesson.path]) {
			const res = await page.goto(`${baseURL()}${path}`, { waitUntil: 'networkidle' });
			expect(res?.status(), path).toBe(200);
			// hydrated: kit's route announcer exists only once the app runs in the page; the lesson
			// page is not hydrated, and its own script marks <html> when it has run
			await page.locator(path === lesson.path ? 'html[data-ready]' : '#svelte-announcer').waitFor({ state: 'attached' });
		}

		// with JavaScript the answer is graded in place: the page (and this mark on it) stays
		await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
		await answerInPage(page, single, rightAnswer(single));
		expect(await questionCard(page, single).getByRole('status').innerText()).toContain('Right.');
		expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

		// and the teacher's pages: the class, its gradebook and a lesson's results chart
		await addCookies(context, as['class-owner']);
		const classPage = `/teacher/classes/${params.class}`;
		for (const path of [classPage, `${classPage}/gradebook`, `${classPage}/lessons/${L.slug}`]) {
			const res = await page.goto(`${baseURL()}${path}`, { waitUntil: 'networkidle' });
			expect(res?.status(), path).toBe(200);
			await page.locator('#svelte-announcer').waitFor({ state: 'attached' });
		}

		expect(problems).toEqual([]);
		await context.close();
	});

	afterAll(() => console.log(`security-headers: ${((Date.now() - started) / 1000).toFixed(1)} s`));
});

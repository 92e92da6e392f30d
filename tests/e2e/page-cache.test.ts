/**
 * The lesson page cache, against the built server: students in the same state get the same page
 * but for their own name, keys and nonce; one student's feedback, name or keys never show in
 * another's page; the keys of a page served from the cache store an answer once; the gzip body
 * it joins reads in chromium, whose scripts run under the page's policy.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch } from './browser';
import { addCookies, allLessons, answerFields, baseURL, newStudent, postForm, signUpByPost, type Student } from './content';

// the heaviest kind of lesson page: one with a find-evidence article
const ref = allLessons().find((r) => r.lesson.questions.some((q) => q.type === 'find-evidence'))!;
const question = ref.lesson.questions.find((q) => q.type !== 'written' && q.type !== 'find-evidence')!;

/** A GET as a browser makes it, read back as text whatever its encoding (node:http does not decode). */
function get(path: string, cookie: string, acceptEncoding = 'gzip, deflate, br'): Promise<{ status: number; encoding: string | undefined; csp: string; text: string }> {
	return new Promise((resolve, reject) => {
		request(`${baseURL()}${path}`, { headers: { cookie, 'accept-encoding': acceptEncoding, accept: 'text/html' } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const body = Buffer.concat(chunks);
				const encoding = res.headers['content-encoding'];
				resolve({ status: res.statusCode ?? 0, encoding, csp: String(res.headers['content-security-policy']), text: (encoding === 'gzip' ? gunzipSync(body) : encoding === 'br' ? brotliDecompressSync(body) : body).toString() });
			});
		})
			.on('error', reject)
			.end();
	});
}

const keysOf = (html: string) => [...html.matchAll(/name="idem" value="([^"]+)"/g)].map((m) => m[1]!);
const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1] ?? '';

/** The page with this student's own values taken out: what must be the same for everyone in the same state. */
function blanked(page: { text: string; csp: string }, who: Student): string {
	const nonce = nonceOf(page.csp);
	let out = (nonce ? page.text.replaceAll(nonce, 'NONCE') : page.text).replaceAll(who.displayName, 'NAME');
	for (const k of keysOf(page.text)) out = out.replaceAll(k, 'KEY');
	return out;
}

describe('the lesson page cache', () => {
	const a = newStudent('pca');
	const b = newStudent('pcb');
	let cookieA: string;
	let cookieB: string;
	beforeAll(async () => {
		[cookieA, cookieB] = await Promise.all([signUpByPost(a), signUpByPost(b)]);
	});

	test('two new students get the same page but for their own name and keys, fresh per response; it has no inline script, so no nonce', async () => {
		const [pa, pb, pa2] = [await get(ref.path, cookieA), await get(ref.path, cookieB), await get(ref.path, cookieA)];
		for (const p of [pa, pb, pa2]) {
			expect(p.status).toBe(200);
			expect(p.encoding).toBe('gzip');
			expect(p.text).toContain('</html>');
		}
		expect(pa.text).toContain(a.displayName);
		expect(pa.text).not.toContain(b.displayName);
		expect(pb.text).toContain(b.displayName);
		expect(pb.text).not.toContain(a.displayName);
		expect(blanked(pa, a)).toBe(blanked(pb, b));
		// one key per question form, only in its form (the page is not hydrated: no page data), none ever served twice
		const keys = [pa, pb, pa2].flatMap((p) => keysOf(p.text));
		expect(keys.length).toBe(3 * ref.lesson.questions.length);
		expect(new Set(keys).size).toBe(keys.length);
		for (const p of [pa, pb]) for (const k of keysOf(p.text)) expect(p.text.split(k).length - 1).toBe(1);
		// its one script is a file of this site, so the policy allows no inline script at all
		for (const p of [pa, pb, pa2]) {
			expect(nonceOf(p.csp)).toBe('');
			expect(p.csp).toContain("script-src 'self';");
			expect([...p.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual([expect.stringMatching(/^<script type="module" src="\/_app\/immutable\/[^"]+\.js"( crossorigin)?>$/)]);
		}
	});

	test('a hydrated page from the cache (/me) gets a fresh nonce per response, on every inline script', async () => {
		const [pa, pb, pa2] = [await get('/me', cookieA), await get('/me', cookieB), await get('/me', cookieA)];
		expect(new Set([pa, pb, pa2].map((p) => nonceOf(p.csp))).size).toBe(3);
		for (const p of [pa, pb, pa2]) {
			const inline = [...p.text.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>/g)].map((m) => m[0]);
			expect(inline.length).toBeGreaterThan(0);
			for (const tag of inline) expect(tag).toContain(`nonce="${nonceOf(p.csp)}"`);
		}
	});

	test("one student's answer shows in their page and never in another's, and a cached page's key stores an answer once", async () => {
		const before = await get(ref.path, cookieA);
		const key = keysOf(before.text)[ref.lesson.questions.indexOf(question)]!;
		const fields: [string, string][] = [['question', question.id], ['idem', key], ...answerFields(question, false)];
		const first = await postForm(`${ref.path}?/answer`, fields, { cookie: cookieA });
		const again = await postForm(`${ref.path}?/answer`, fields, { cookie: cookieA });
		expect([first.status, again.status]).toEqual([200, 200]);

		const afterA = await get(ref.path, cookieA);
		const afterB = await get(ref.path, cookieB);
		// A's page now has the feedback; B's is still the page of a student who has answered nothing
		expect(blanked(afterA, a)).not.toBe(blanked(before, a));
		expect(afterA.text).toMatch(/Not quite|Partly right/);
		expect(afterB.text).not.toMatch(/Not quite|Partly right/);
		expect(blanked(afterB, b)).toBe(blanked(before, a));
		// the retried post with the same key was stored once
		const exported = JSON.parse((await get('/me/data/export.json', cookieA, 'identity')).text) as { answers: { question_id: string }[] };
		expect(exported.answers.filter((x) => x.question_id === question.id)).toHaveLength(1);
		// a browser that takes no gzip gets the same page as text
		const plain = await get(ref.path, cookieA, 'identity');
		expect(plain.encoding).toBeUndefined();
		expect(blanked(plain, a)).toBe(blanked(afterA, a));
	});

	test('a guest gets the page too, with no name; a retry page holds only the missed question', async () => {
		const guest = await get(ref.path, '');
		expect(guest.status).toBe(200);
		expect(guest.text).toMatch(/Log in|Sign up/);
		expect(guest.text).not.toContain(a.displayName);
		const retry = await get(`${ref.path}?retry=missed`, cookieA);
		expect(retry.status).toBe(200);
		expect([...retry.text.matchAll(/name="question" value="([^"]+)"/g)].map((m) => m[1])).toEqual([question.id]);
		expect((await get(`${ref.path}?retry=missed`, cookieB)).text).not.toContain(`name="question" value="${question.id}"`);
	});

	test.each(['/', '/me', '/modules/' + ref.module.slug, '/sources/001', '/sources/001?hl=2,3'])('%s: the same for two students in the same state but for their names', async (path) => {
		const c = newStudent('pcd');
		const d = newStudent('pce');
		const [cookieC, cookieD] = await Promise.all([signUpByPost(c), signUpByPost(d)]);
		const [pc, pd] = [await get(path, cookieC), await get(path, cookieD)];
		expect([pc.status, pd.status, pc.encoding, pd.encoding]).toEqual([200, 200, 'gzip', 'gzip']);
		expect(pc.text).toContain(c.displayName);
		expect(pc.text).not.toContain(d.displayName);
		expect(pd.text).not.toContain(c.displayName);
		expect(blanked(pc, c)).toBe(blanked(pd, d));
		// and A, who has answered, does not get their page
		const pa = await get(path, cookieA);
		expect(pa.text).not.toContain(c.displayName);
		if (path === '/me') expect(blanked(pa, a)).not.toBe(blanked(pc, c));
	});

	test('students asking at once for a page nobody has asked for yet each get their own, whole', async () => {
		// a lesson no other test opens as a signed-in student first: its first render is shared by all ten
		const other = allLessons().at(-1)!;
		const students = Array.from({ length: 10 }, () => newStudent('pcf'));
		const cookies = await Promise.all(students.map((s) => signUpByPost(s)));
		const pages = await Promise.all(cookies.map((c) => get(other.path, c)));
		const blanks = new Set(pages.map((p, i) => blanked(p, students[i]!)));
		expect(pages.map((p) => p.status)).toEqual(cookies.map(() => 200));
		pages.forEach((p, i) => {
			expect(p.text).toContain(students[i]!.displayName);
			for (const s of students) if (s !== students[i]) expect(p.text).not.toContain(s.displayName);
		});
		expect(blanks.size).toBe(1);
		const keys = pages.flatMap((p) => keysOf(p.text));
		expect(new Set(keys).size).toBe(keys.length);
	});

	test('readers with different reading settings get different pages, each with their own on <html>; the same settings, the same page', async () => {
		const htmlTag = (text: string) => /<html[^>]*>/.exec(text)![0];
		const path = '/modules/' + ref.module.slug;
		// guests: the defaults, then two themes, then the defaults again (not a themed page left in the cache)
		const guests = [await get(path, ''), await get(path, 'bc_reading=theme-contrast'), await get(path, 'bc_reading=theme-dark'), await get(path, '')];
		expect(guests.map((g) => [g.status, g.encoding, htmlTag(g.text)])).toEqual([
			[200, 'gzip', '<html lang="en">'],
			[200, 'gzip', '<html lang="en" data-theme="contrast">'],
			[200, 'gzip', '<html lang="en" data-theme="dark">'],
			[200, 'gzip', '<html lang="en">']
		]);
		// two students with the same settings share a page; one who changes them gets a page of their own at once
		const c = newStudent('pcg');
		const d = newStudent('pch');
		const [cookieC, cookieD] = await Promise.all([signUpByPost(c), signUpByPost(d)]);
		const largest = { size: 'largest', leading: 'default', tracking: 'default', font: 'plain', theme: 'device' };
		for (const cookie of [cookieC, cookieD]) expect((await postForm('/settings?/save', largest, { cookie })).status).toBe(200);
		const [pc, pd] = [await get(path, cookieC), await get(path, cookieD)];
		expect(htmlTag(pc.text)).toBe('<html lang="en" data-size="largest" data-font="plain">');
		expect(blanked(pc, c)).toBe(blanked(pd, d));
		expect((await postForm('/settings?/save', { ...largest, size: 'default', theme: 'contrast' }, { cookie: cookieD })).status).toBe(200);
		expect(htmlTag((await get(path, cookieD)).text)).toBe('<html lang="en" data-font="plain" data-theme="contrast">');
		expect(htmlTag((await get(path, cookieC)).text)).toBe('<html lang="en" data-size="largest" data-font="plain">');
	});

	test('a guest asking for /me is still sent to log in, and a student after them gets their own /me', async () => {
		const guest = await get('/me', '');
		expect(guest.status).toBe(303);
		const mine = await get('/me', cookieB);
		expect(mine.status).toBe(200);
		expect(mine.text).toContain(`Hello, ${b.displayName}`);
	});
});

describe('in chromium', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(async () => browser?.close());

	test.each([
		[ref.path, "the lesson's own script", 'html[data-ready]'],
		['/me', "SvelteKit's inline start-up script, under the fresh nonce,", '#svelte-announcer']
	])('%s from the cache loads and runs %s with no CSP complaint, and shows the student their name', async (path, _how, started) => {
		const s = newStudent('pcc');
		const cookie = await signUpByPost(s);
		await get(path, cookie); // now in the cache for a student in this state
		const context = await browser.newContext();
		await addCookies(context, cookie);
		const page = await context.newPage();
		const refused: string[] = [];
		page.on('console', (m) => {
			if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
		});
		const res = await page.goto(`${baseURL()}${path}`);
		expect(res?.status()).toBe(200);
		expect(await res?.headerValue('content-encoding')).toBe('gzip');
		await page.locator(started).waitFor({ state: 'attached' });
		expect(refused).toEqual([]);
		expect(await page.getByText(s.displayName, { exact: false }).count()).toBeGreaterThan(0);
		await context.close();
	});
});

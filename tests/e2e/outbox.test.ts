/**
 * The answer outbox in chromium, against a server of this file's own (so it can be killed and
 * restarted on the same port and data): answers made offline are kept in the browser with their
 * submission keys, survive a reload and a closed tab, and are sent when the connection returns;
 * the server stores each once and the feedback appears. A server killed with an answer in flight
 * (after it stored it, before the browser heard back) gets the answer again after its restart:
 * no duplicate, none lost. Written drafts use the same outbox. Waiting answers are sent only for
 * the account that made them, and deleting the account clears them from the browser.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDb } from '../../src/lib/server/db/client';
import { allLessons, fillAnswer, newStudent, postForm, signUpByPost, writtenEvidence, type QuestionOf } from './content';
import { freePort, startServer } from './global-setup';
import { launch } from './browser';

const SAVED_HERE = 'Saved on this device — it will be checked when you are back online';

const ref = allLessons().find((l) => l.lesson.questions.some((q) => q.type === 'written'))!;
const choiceQuestions = ref.lesson.questions.filter((q) => q.type === 'single' || q.type === 'multiple' || q.type === 'true-false');
const written = ref.lesson.questions.find((q): q is QuestionOf<'written'> => q.type === 'written')!;
if (choiceQuestions.length < 3) throw new Error(`${ref.path} has fewer than three choice questions`);

const dataFile = join(mkdtempSync(join(tmpdir(), 'bc-outbox-')), 'outbox.db');
let port = 0;
let base = '';
let server: ChildProcess | undefined;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function start() {
	({ url: base, child: server } = await startServer({ PORT: String(port), DATABASE_FILE: dataFile }));
}

async function kill() {
	const child = server!;
	const gone = new Promise((r) => child.once('exit', r));
	child.kill('SIGKILL');
	await gone;
}

beforeAll(async () => {
	port = await freePort();
	await start();
	browser = await launch();
});

afterAll(async () => {
	await Promise.all(contexts.map((c) => c.close()));
	await browser?.close();
	server?.kill('SIGTERM');
});

/** What the server stored: answers and written versions of one student, by submission key. */
async function stored(username: string) {
	const { db, close } = createDb({ engine: 'sqlite', file: dataFile });
	try {
		const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
		const answers = await db.selectFrom('answers').select(['question_id', 'idempotency_key', 'correct']).where('user_id', '=', user.id).execute();
		const versions = await db.selectFrom('written_versions').select(['kind', 'content', 'idempotency_key']).where('user_id', '=', user.id).execute();
		return { answers, versions };
	} finally {
		await close();
	}
}

/** A student signed up over HTTP, in a browser context of their own. */
async function studentPage(tag: string) {
	const student = newStudent(tag);
	const cookie = await signUpByPost(student, base);
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	contexts.push(context);
	await context.addCookies(cookie.split('; ').map((pair) => ({ name: pair.split('=')[0]!, value: pair.slice(pair.indexOf('=') + 1), url: base })));
	const page = await context.newPage();
	return { student, cookie, context, page };
}

const lessonUrl = () => `${base}${ref.path}`;
const card = (page: Page, id: string) => page.locator(`#q-${id}`);
const waitingKeys = (page: Page) =>
	page.evaluate(() => (JSON.parse(localStorage.getItem('bc-outbox') ?? '[]') as { key: string; question: string }[]).map((e) => e.key));

/** Answers a choice question in the page (right or wrong) and presses Check answer, without waiting for a reply. */
async function answer(page: Page, q: (typeof choiceQuestions)[number], right: boolean) {
	const c = card(page, q.id);
	await fillAnswer(c, q, right);
	await c.getByRole('button', { name: /check/i }).click();
}

const verdict = (page: Page, id: string) => card(page, id).locator('.feedback-wrap');
const waitingNote = (page: Page, id: string) => card(page, id).locator('.waiting:not([hidden])');

// with JavaScript a card posts to the lesson's card address (answers and written saves alike)
const cardPosts = (url: URL) => url.pathname.endsWith('/card');
const answerPosts = cardPosts;
const writePosts = cardPosts;
/** What one student's written versions hold, oldest first: [kind, claim]. */
const claims = async (username: string) => (await stored(username)).versions.map((v) => [v.kind, JSON.parse(v.content).claim as string]);
/** The server is there; the answers do not get through. */
const unreachable = (route: Route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue());

/** The context offline, once the page knows it (the switch reaches the page a moment later). */
async function goOffline(context: BrowserContext, page: Page) {
	await context.setOffline(true);
	await page.waitForFunction(() => !navigator.onLine);
}

/** Waits until the element shows the text. */
const shows = (where: Locator, text: string | RegExp, timeout = 10_000) => where.filter({ hasText: text }).first().waitFor({ timeout });

describe('the answer outbox', () => {
	test('three answers made offline survive a reload and are stored once, graded, when the connection returns', async () => {
		const { student, context, page } = await studentPage('ob3');
		await page.goto(lessonUrl(), { waitUntil: 'networkidle' });
		const plan = [true, false, true];
		await goOffline(context, page);
		for (const [i, q] of choiceQuestions.slice(0, 3).entries()) {
			await answer(page, q, plan[i]!);
			await shows(waitingNote(page, q.id), SAVED_HERE);
		}
		const keys = await waitingKeys(page);
		expect(keys).toHaveLength(3);
		expect(new Set(keys).size).toBe(3);
		expect((await stored(student.username)).answers).toEqual([]);
		// the reload meets no network: chromium's own offline page. (While that page replaces this
		// one, chromium sometimes lets the leaving page's requests through: what waits may be sent
		// then, which is fine; stored once all the same, as checked below.)
		await page.reload().catch(() => undefined);

		await context.setOffline(false);
		await page.goto(lessonUrl(), { waitUntil: 'networkidle' });
		for (const [i, q] of choiceQuestions.slice(0, 3).entries()) {
			await shows(verdict(page, q.id), plan[i] ? /Right\./ : /Not quite\./, 20_000);
			expect(await waitingNote(page, q.id).count()).toBe(0);
		}
		const { answers } = await stored(student.username);
		expect(answers.map((a) => a.idempotency_key).sort()).toEqual([...keys].sort());
		expect(answers.map((a) => [a.question_id, a.correct]).sort()).toEqual(choiceQuestions.slice(0, 3).map((q, i) => [q.id, plan[i] ? 1 : 0]).sort());
		expect(await waitingKeys(page)).toEqual([]);
	});

	test('back online, what waits is sent by itself, without a reload; a written draft goes the same way', async () => {
		const { student, context, page } = await studentPage('obo');
		await page.goto(lessonUrl(), { waitUntil: 'networkidle' });
		await goOffline(context, page);
		const q = choiceQuestions[0]!;
		await answer(page, q, true);
		await shows(waitingNote(page, q.id), SAVED_HERE);

		const w = card(page, written.id);
		const claim = `Offline claim ${Date.now().toString(36)}`;
		await w.locator('[name="claim"]').fill(claim);
		await w.locator(`[name="evidence"][value="${writtenEvidence(written, true)}"]`).check();
		await w.getByRole('button', { name: 'Save draft' }).click();
		await shows(w.locator('.status'), 'Saved on this device');

		// closing the tab keeps them: a new tab of the same browser finds them
		await page.close();
		const again = await context.newPage();
		await again.goto('about:blank');
		await context.setOffline(false);
		await again.goto(lessonUrl(), { waitUntil: 'networkidle' });
		await shows(verdict(again, q.id), /Right\./, 20_000);
		await shows(card(again, written.id).locator('.status'), /Draft saved at/, 20_000);
		const { answers, versions } = await stored(student.username);
		expect(answers).toHaveLength(1);
		expect(versions.map((v) => [v.kind, JSON.parse(v.content).claim])).toEqual([['draft', claim]]);

		// offline again, then the connection returns with the page still open
		await goOffline(context, again);
		const q2 = choiceQuestions[1]!;
		await answer(again, q2, false);
		await shows(waitingNote(again, q2.id), SAVED_HERE);
		await context.setOffline(false);
		await shows(verdict(again, q2.id), /Not quite\./, 20_000);
		expect((await stored(student.username)).answers).toHaveLength(2);
	});

	test('the server killed with an answer in flight, after storing it: the answer is sent again after the restart, stored once', { timeout: 120_000 }, async () => {
		const { student, page } = await studentPage('obk');
		await page.goto(lessonUrl(), { waitUntil: 'networkidle' });
		const q = choiceQuestions[2]!;
		// the post reaches the server and is stored; the server dies before the browser hears back
		let reached = false;
		await page.route(
			answerPosts,
			async (route) => {
				if (route.request().method() !== 'POST') return route.continue();
				const response = await route.fetch();
				expect(response.status()).toBe(200);
				reached = true;
				await kill();
				await route.abort('connectionreset');
			},
			{ times: 1 }
		);
		await answer(page, q, true);
		await shows(waitingNote(page, q.id), SAVED_HERE, 20_000);
		expect(reached).toBe(true);
		const [key] = await waitingKeys(page);
		expect((await stored(student.username)).answers.map((a) => a.idempotency_key)).toEqual([key]);

		// and one posted while the server is down: refused connection, kept
		const q2 = choiceQuestions[0]!;
		await answer(page, q2, false);
		await shows(waitingNote(page, q2.id), SAVED_HERE, 20_000);
		expect(await waitingKeys(page)).toHaveLength(2);

		await start();
		await shows(verdict(page, q.id), /Right\./, 40_000);
		await shows(verdict(page, q2.id), /Not quite\./, 40_000);
		const { answers } = await stored(student.username);
		expect(answers.map((a) => [a.question_id, a.idempotency_key]).sort()).toEqual(
			[
				[q.id, key],
				[q2.id, expect.any(String)]
			].sort()
		);
		expect(await waitingKeys(page)).toEqual([]);
	});

	test('an answer made while an earlier one waits goes behind it; after a reload the inputs show what waits', async () => {
		const { student, page } = await studentPage('obq');
		await page.goto(lessonUrl(), { waitUntil: 'networkidle' });
		await page.route(answerPosts, unreachable);
		const q = choiceQuestions[0]!;
		await answer(page, q, false);
		await shows(waitingNote(page, q.id), SAVED_HERE);
		const posted = (await page.evaluate(() => JSON.parse(localStorage.getItem('bc-outbox')!) as { fields: [string, string][] }[]))[0]!.fields;
		const picked = posted.filter(([n]) => n === 'choice').map(([, v]) => v);

		await page.reload({ waitUntil: 'networkidle' });
		await shows(waitingNote(page, q.id), SAVED_HERE);
		const checked = await card(page, q.id).locator('input[name="choice"]:checked').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
		expect(checked.sort()).toEqual(picked.sort());

		// the server can be reached again, but the first answer has not been sent yet: the second waits behind it
		await page.unroute(answerPosts, unreachable);
		await answer(page, q, true);
		await shows(verdict(page, q.id), /Right\./, 20_000);
		const { answers } = await stored(student.username);
		expect(answers.map((a) => a.correct)).toEqual([0, 1]);
		expect(await waitingKeys(page)).toEqual([]);
	});

	test('text typed while a waiting draft is sent is kept, and saved after it', async () => {
		const { student, context, page } = await studentPage('obw');
		await page.goto(lessonUrl(), { waitUntil: 'networkidle' });
		await goOffline(context, page);
		const w = card(page, written.id);
		const claim = w.locator('[name="claim"]');
		await claim.fill('First part');
		await w.getByRole('button', { name: 'Save draft' }).click();
		await shows(w.locator('.status'), 'Saved on this device');
		await claim.pressSequentially(' and more');
		await context.setOffline(false);
		await expect.poll(async () => (await stored(student.username)).versions.map((v) => JSON.parse(v.content).claim), { timeout: 20_000 }).toContain('First part');
		await claim.pressSequentially(' typed after');
		expect(await claim.inputValue()).toBe('First part and more typed after');
		await expect.poll(async () => (await stored(student.username)).versions.map((v) => JSON.parse(v.content).claim).at(-1), { timeout: 20_000 }).toBe('First part and more typed after');
	});

	test('text typed while Submit is on its way stays in the editor, and saves itself as a draft after it', async () => {
		const { student, page } = await studentPage('obs');
		await page.goto(lessonUrl(), { waitUntil: 'networkidle' });
		const w = card(page, written.id);
		const claim = w.locator('[name="claim"]');
		await claim.fill('Sent text');
		await w.locator(`[name="evidence"][value="${writtenEvidence(written, true)}"]`).check();
		await w.getByLabel('Your reasoning').fill('Because the report says so.');
		// the submission reaches the server only once more has been typed
		let release = () => {};
		const typed = new Promise<void>((r) => (release = r));
		await page.route(writePosts, async (route) => (route.request().method() === 'POST' ? (await typed, route.continue()) : route.continue()), { times: 1 });
		const posted = page.waitForRequest((r) => r.method() === 'POST' && writePosts(new URL(r.url())));
		await w.getByRole('button', { name: 'Submit for grading' }).click();
		await posted;
		await claim.pressSequentially(' plus typed');
		release();
		await shows(w.locator('.status'), 'Submitted.', 20_000);
		await expect.poll(() => claims(student.username), { timeout: 20_000 }).toEqual([
			['submission', 'Sent text'],
			['draft', 'Sent text plus typed']
		]);
		expect(await claim.inputValue()).toBe('Sent text plus typed');
	});

	test('while a newer save still waits, the editor keeps its text when an older one is stored', async () => {
		const { student, context, page } = await studentPage('obn');
		await page.goto(lessonUrl(), { waitUntil: 'networkidle' });
		await goOffline(context, page);
		const w = card(page, written.id);
		const claim = w.locator('[name="claim"]');
		await claim.fill('Version one');
		await w.locator(`[name="evidence"][value="${writtenEvidence(written, true)}"]`).check();
		await w.getByLabel('Your reasoning').fill('Because the report says so.');
		await w.getByRole('button', { name: 'Submit for grading' }).click();
		await shows(w.locator('.status'), 'it will be submitted');
		await claim.pressSequentially(' two');
		// the draft saves itself behind the submission
		await expect.poll(() => waitingKeys(page), { timeout: 10_000 }).toHaveLength(2);

		// the submission is stored; the draft's post hangs until released
		let posts = 0;
		let release = () => {};
		const later = new Promise<void>((r) => (release = r));
		const hold = async (route: Route) => {
			if (route.request().method() === 'POST' && ++posts === 2) await later;
			await route.continue();
		};
		await page.route(writePosts, hold);
		await context.setOffline(false);
		await expect.poll(() => claims(student.username), { timeout: 20_000 }).toEqual([['submission', 'Version one']]);
		await expect.poll(() => posts, { timeout: 10_000 }).toBe(2);
		// time for any page data the stored submission would bring
		await page.waitForTimeout(2_000);
		expect(await claim.inputValue()).toBe('Version one two');
		release();
		await expect.poll(() => claims(student.username), { timeout: 20_000 }).toEqual([
			['submission', 'Version one'],
			['draft', 'Version one two']
		]);
		await expect.poll(() => waitingKeys(page)).toEqual([]);
		expect(await claim.inputValue()).toBe('Version one two');
		await page.unroute(writePosts, hold);
	});

	test('a written save refused while another page is open waits for its own page, which shows why and keeps the text', async () => {
		const { student, page } = await studentPage('obr');
		await page.goto(lessonUrl(), { waitUntil: 'networkidle' });
		const refuse = (route: Route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue());
		await page.route(writePosts, refuse);
		const w = card(page, written.id);
		const text = `Kept claim ${Date.now().toString(36)}`;
		await w.locator('[name="claim"]').fill(text);
		await w.getByRole('button', { name: 'Save draft' }).click();
		await shows(w.locator('.status'), 'Saved on this device');
		// what waits now names a sentence that is in no article: the server will refuse it
		await page.evaluate(() => {
			const list = JSON.parse(localStorage.getItem('bc-outbox')!) as { fields: [string, string][] }[];
			list[0]!.fields.push(['evidence', 'no-such-article']);
			localStorage.setItem('bc-outbox', JSON.stringify(list));
		});
		await page.unroute(writePosts, refuse);

		// sent from the home page: refused, and kept (no card there could show the text again)
		const refused = page.waitForResponse((r) => r.request().method() === 'POST' && writePosts(new URL(r.url())));
		await page.goto(`${base}/`, { waitUntil: 'networkidle' });
		await refused;
		await expect
			.poll(() => page.evaluate(() => (JSON.parse(localStorage.getItem('bc-outbox') ?? '[]') as { refused?: boolean }[]).map((e) => e.refused)))
			.toEqual([true]);
		// and not sent again from there
		let again = 0;
		const count = (route: Route) => (route.request().method() === 'POST' && again++, route.continue());
		await page.route(writePosts, count);
		await page.reload({ waitUntil: 'networkidle' });
		await page.waitForTimeout(1_500);
		expect(again).toBe(0);
		await page.unroute(writePosts, count);

		// its own page sends it, says why it was refused, and the text, still in the editor, saves itself as a draft
		await page.goto(lessonUrl(), { waitUntil: 'networkidle' });
		const back = card(page, written.id);
		await shows(back, 'not a sentence of the articles', 20_000);
		await back.getByRole('alert').waitFor();
		expect(await back.locator('[name="claim"]').inputValue()).toBe(text);
		await expect.poll(() => claims(student.username), { timeout: 20_000 }).toEqual([['draft', text]]);
		await expect.poll(() => waitingKeys(page)).toEqual([]);
	});

	test("a guest's answer that never reached the server follows them into the account they log in to", async () => {
		const s = newStudent('obg');
		await signUpByPost(s, base);
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
		contexts.push(context);
		const page = await context.newPage();
		await page.goto(lessonUrl(), { waitUntil: 'networkidle' });
		// a guest before answering: the page has someone to file a waiting answer under
		expect((await context.cookies()).find((c) => c.name === 'bc_owner')?.value).toMatch(/^g/);
		await page.route(answerPosts, unreachable);
		const q = choiceQuestions[0]!;
		await answer(page, q, true);
		await shows(waitingNote(page, q.id), SAVED_HERE);
		const [key] = await waitingKeys(page);

		await page.goto(`${base}/login`);
		await page.getByLabel(/^Username/).fill(s.username);
		await page.getByLabel('Password').fill(s.password);
		await page.getByRole('button', { name: /log in/i }).click();
		await page.waitForURL((u) => u.pathname !== '/login');
		await page.unroute(answerPosts, unreachable);
		await page.goto(lessonUrl(), { waitUntil: 'networkidle' });
		await shows(verdict(page, q.id), /Right\./, 20_000);
		expect((await stored(s.username)).answers.map((a) => a.idempotency_key)).toEqual([key]);
		expect(await waitingKeys(page)).toEqual([]);
	});

	test('a signed-in browser without the owner cookie gets it, from a cached page too', async () => {
		const s = newStudent('obc');
		const cookie = await signUpByPost(s, base);
		expect(cookie).toContain('bc_owner=u');
		const session = /bc_session=[^;]+/.exec(cookie)![0];
		for (let i = 0; i < 2; i++) {
			const res = await fetch(`${base}${ref.path}`, { headers: { cookie: session } });
			expect(res.status).toBe(200);
			expect(res.headers.getSetCookie().join('\n')).toContain(/bc_owner=[^;]+/.exec(cookie)![0]);
		}
		// with it, the same page comes from the cache and sets nothing
		const res = await fetch(`${base}${ref.path}`, { headers: { cookie } });
		expect(res.headers.getSetCookie()).toEqual([]);
	});

	test('waiting answers are sent only for the account that made them; deleting it clears them from the browser', { timeout: 120_000 }, async () => {
		const { student: a, context, page } = await studentPage('oba');
		await page.goto(lessonUrl(), { waitUntil: 'networkidle' });
		await page.route(answerPosts, unreachable);
		const q = choiceQuestions[0]!;
		await answer(page, q, true);
		await shows(waitingNote(page, q.id), SAVED_HERE);
		expect(await waitingKeys(page)).toHaveLength(1);

		// A signs out, B signs in on the same browser: A's answer stays waiting, unsent
		await page.getByRole('button', { name: /sign out/i }).click();
		await page.waitForURL((u) => !u.pathname.startsWith('/modules'));
		await page.unroute(answerPosts, unreachable);
		const b = newStudent('obb');
		const bCookie = await signUpByPost(b, base);
		await context.addCookies([{ name: 'bc_session', value: /bc_session=([^;]+)/.exec(bCookie)![1]!, url: base }]);
		await page.goto(lessonUrl(), { waitUntil: 'networkidle' });
		await page.waitForTimeout(1500);
		expect((await stored(b.username)).answers).toEqual([]);
		expect((await stored(a.username)).answers).toEqual([]);
		expect(await waitingKeys(page)).toHaveLength(1);
		expect(await waitingNote(page, q.id).count()).toBe(0);
		// sent anyway under B's session (a tab opened before B signed in), the server refuses it
		const [entry] = await page.evaluate(() => JSON.parse(localStorage.getItem('bc-outbox')!) as { fields: [string, string][]; owner: string }[]);
		const forB = await postForm(`${ref.path}?/answer`, entry!.fields, {
			base,
			cookie: bCookie,
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true', 'x-outbox-owner': entry!.owner }
		});
		// an enhanced form's refusal: HTTP 200 carrying the action's failure and its status
		expect(JSON.parse(forB.text)).toMatchObject({ type: 'failure', status: 409 });
		expect(forB.text).toContain('someone else than who is signed in now');
		expect((await stored(b.username)).answers).toEqual([]);

		// A again: sent on the first page load, under A
		await postForm('/logout', {}, { base, cookie: bCookie });
		await context.clearCookies();
		await page.goto(`${base}/login`);
		await page.getByLabel(/^Username/).fill(a.username);
		await page.getByLabel('Password').fill(a.password);
		await page.getByRole('button', { name: /log in/i }).click();
		await page.waitForURL((u) => u.pathname !== '/login');
		await page.goto(lessonUrl(), { waitUntil: 'networkidle' });
		await shows(verdict(page, q.id), /Right\./, 20_000);
		expect((await stored(a.username)).answers).toHaveLength(1);

		// one more waiting, then A deletes the account: the browser forgets it
		await page.route(answerPosts, unreachable);
		const q2 = choiceQuestions[1]!;
		await answer(page, q2, true);
		await shows(waitingNote(page, q2.id), SAVED_HERE);
		expect(await waitingKeys(page)).toHaveLength(1);
		await page.goto(`${base}/me/data`);
		await page.getByLabel('Type your username to confirm').fill(a.username);
		await page.getByRole('button', { name: 'Delete my account' }).click();
		await page.waitForURL((u) => u.searchParams.has('deleted'));
		await expect.poll(() => waitingKeys(page)).toEqual([]);
		expect((await context.cookies()).map((c) => c.name)).not.toContain('bc_forget');
	});
});

/**
 * A student's whole path in a real browser: answers as a guest, signs up and finds those
 * answers on the dashboard, signs out and in, retries what they missed, sees the review
 * schedule, downloads their data as JSON and CSV, and deletes the account. Once with
 * JavaScript and once without; and the keyboard alone can answer a question.
 */
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch } from './browser';
import { addCookies,
	answerInPage,
	baseURL,
	citedText,
	fillLogIn,
	fillSignUp,
	fold,
	lessonWithAllTypes,
	newStudent,
	postAnswer,
	questionCard,
	rightAnswer,
	signUpByPost,
	wrongAnswer, isAnswerPost } from './content';
import type { LessonQuestion } from '../../src/lib/content/load';

let browser: Browser;
const contexts: BrowserContext[] = [];
const L = lessonWithAllTypes();
const N = L.lesson.questions.length;

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await Promise.all(contexts.map((c) => c.close()));
	await browser?.close();
});

async function newPage(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 800 } });
	contexts.push(context);
	return { context, page: await context.newPage() };
}

async function goto(page: Page, path: string, js: boolean) {
	const response = await page.goto(`${baseURL()}${path}`, { waitUntil: js ? 'networkidle' : 'load' });
	expect(response?.status(), `GET ${path}`).toBe(200);
	return response!;
}

const pathOf = (page: Page) => {
	const u = new URL(page.url());
	return u.pathname + u.search;
};

/** A graded card: verdict, explanation and the cited sentences, and the picked choice marked. */
async function expectFeedback(page: Page, q: LessonQuestion, verdict: 'Right.' | 'Not quite.', picked: string) {
	const status = questionCard(page, q).getByRole('status');
	await expect.poll(() => status.count()).toBe(1);
	expect(fold(await status.locator('.verdict').innerText())).toBe(verdict === 'Right.' ? '✓ Right.' : '✗ Not quite.');
	const text = fold(await status.innerText());
	expect(text).toContain(fold(q.explanation));
	for (const c of q.cite) expect(text).toContain(fold(citedText(c)));
	expect(await questionCard(page, q).locator(`input[name="choice"][value="${picked}"]`).isChecked()).toBe(true);
	const row = questionCard(page, q).locator('label', { has: page.locator(`input[value="${picked}"]`) });
	expect(fold(await row.innerText())).toContain(verdict === 'Right.' ? '✓ your answer, right' : '✗ your answer');
}

/** The dashboard after one right and one wrong answer in lesson L. */
async function expectDashboard(page: Page, displayName: string, answered: number) {
	// a client-side navigation may change the address a moment before the page
	await expect.poll(async () => fold(await page.locator('h1').innerText())).toBe(`Hello, ${displayName}`);
	const row = page.locator('tr', { has: page.locator(`a[href="${L.path}"]`) });
	expect(await row.count()).toBe(1);
	expect(fold(await row.locator('th').innerText())).toBe(fold(L.lesson.title));
	expect(fold(await row.locator('td').first().innerText())).toBe(`${answered} / ${N}`);
	const review = page.locator('section[aria-labelledby="review"]');
	expect(fold(await review.innerText())).toContain('One question you missed is ready to practise.');
	expect(await review.getByRole('link', { name: 'Review now' }).getAttribute('href')).toBe('/me/review');
	// the nav knows who is signed in
	expect(await page.getByRole('link', { name: 'My progress' }).count()).toBe(1);
	expect(await page.getByRole('link', { name: 'Log in' }).count()).toBe(0);
}

const right = rightAnswer(L.single)[0]!;
const wrong = wrongAnswer(L.trueFalse)[0]!;
const tfRight = rightAnswer(L.trueFalse)[0]!;

describe('a student with JavaScript', () => {
	test('answers as a guest, signs up, signs out and in, retries, reviews, downloads the data and deletes the account', async () => {
		const s = newStudent('js');
		const { context, page } = await newPage(true);

		// as a guest: one right, one wrong
		await goto(page, L.path, true);
		await answerInPage(page, L.single, [right]);
		await answerInPage(page, L.trueFalse, [wrong]);
		await expectFeedback(page, L.single, 'Right.', right);
		await expectFeedback(page, L.trueFalse, 'Not quite.', wrong);

		// sign up from the nav; the guest answers move to the account
		await page.getByRole('link', { name: 'Sign up' }).click();
		await page.waitForURL((u) => u.pathname === '/signup');
		await fillSignUp(page, s);
		await page.waitForURL((u) => u.pathname === '/me');
		expect(pathOf(page)).toBe('/me?welcome=1');
		expect(fold(await page.getByRole('status').filter({ hasText: 'Your account is ready' }).innerText())).toBe(
			'Your account is ready. Any answers you gave as a guest are saved to it.'
		);
		await expectDashboard(page, s.displayName, 2);

		// the lesson shows both stored answers with their feedback
		await page.locator('tr').getByRole('link', { name: L.lesson.title }).click();
		await page.waitForURL((u) => u.pathname === L.path);
		await expectFeedback(page, L.single, 'Right.', right);
		await expectFeedback(page, L.trueFalse, 'Not quite.', wrong);
		expect(fold(await page.locator('.questions').innerText())).toContain(`You have answered 2 of ${N}`);

		// sign out (a POST): /me now sends to the login page
		await page.getByRole('button', { name: /^Sign out/ }).click();
		await page.waitForURL((u) => u.pathname === '/');
		await expect.poll(() => page.getByRole('link', { name: 'Log in' }).count()).toBe(1);
		// whoever uses this browser next sees none of the student's answers
		await goto(page, L.path, true);
		expect(await page.locator('section.question .feedback-wrap').count()).toBe(0);
		expect(fold(await page.locator('.questions').innerText())).not.toContain('You have answered');
		const me = await page.goto(`${baseURL()}/me`);
		expect(pathOf(page)).toBe('/login?next=%2Fme');
		expect(await me?.request().redirectedFrom()?.response().then((r) => r?.status())).toBe(303);

		// log in again: back on the same dashboard
		await page.waitForLoadState('networkidle');
		await fillLogIn(page, s.username, s.password);
		await page.waitForURL((u) => u.pathname === '/me');
		await expectDashboard(page, s.displayName, 2);

		// retry only the missed question, and get it right
		await goto(page, L.path, true);
		await page.getByRole('link', { name: 'Retry the question I missed' }).click();
		await page.waitForURL((u) => u.search === '?retry=missed');
		await expect
			.poll(() => page.locator('section.question').evaluateAll((els) => els.map((e) => e.id)))
			.toEqual([`q-${L.trueFalse.id}`]);
		expect(await questionCard(page, L.trueFalse).getByRole('status').count()).toBe(0);
		await answerInPage(page, L.trueFalse, [tfRight]);
		await expectFeedback(page, L.trueFalse, 'Right.', tfRight);

		// right once today: out of today's review, back tomorrow
		await goto(page, '/me/review', true);
		const main = fold(await page.locator('main').innerText());
		expect(main).toContain('Nothing to review right now');
		expect(main).toContain('One question comes back tomorrow, to check that it stuck.');
		expect(await page.locator('section.question').count()).toBe(0);
		await goto(page, '/me', true);
		expect(fold(await page.locator('section[aria-labelledby="review"]').innerText())).toContain('Nothing to review right now.');

		// download the data, with this browser's cookies
		const jsonRes = await context.request.get(`${baseURL()}/me/data/export.json`);
		expect(jsonRes.status()).toBe(200);
		expect(jsonRes.headers()['content-disposition']).toMatch(new RegExp(`^attachment; filename="back-channel-${s.username}-\\d{4}-\\d\\d-\\d\\d\\.json"$`));
		const jsonText = await jsonRes.text();
		// no hash of the password, of a one-time code or of the session, and no submission key (when
		// a password was set with a code, and by whom, is the student's to see)
		expect(jsonText).not.toMatch(/password_hash|code_hash|argon2|idempotency/i);
		expect(jsonText).not.toContain(s.password);
		const data = JSON.parse(jsonText) as {
			user: { username: string; display_name: string };
			sessions: unknown[];
			answers: { lesson: string; question_id: string; correct: boolean; answer: unknown }[];
		};
		expect(data.user.username).toBe(s.username);
		expect(data.user.display_name).toBe(s.displayName);
		expect(data.sessions.length).toBeGreaterThanOrEqual(1);
		expect(data.answers.map((a) => [a.question_id, a.correct])).toEqual([
			[L.single.id, true],
			[L.trueFalse.id, false],
			[L.trueFalse.id, true]
		]);
		expect(new Set(data.answers.map((a) => a.lesson))).toEqual(new Set([`${L.module.slug}/${L.lesson.slug}`]));

		const csvRes = await context.request.get(`${baseURL()}/me/data/export.csv`);
		expect(csvRes.status()).toBe(200);
		expect(csvRes.headers()['content-type']).toBe('text/csv; charset=utf-8');
		const csv = await csvRes.text();
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const rows = parse(csv.replace(/^\uFEFF/, '')) as string[][];
		expect(rows[0]).toEqual(['record', 'time', 'detail 1', 'detail 2', 'detail 3', 'detail 4', 'detail 5']);
		const account = rows.filter((r) => r[0] === 'account');
		expect(account).toHaveLength(1);
		expect(account[0]!.slice(2, 4)).toEqual([`username=${s.username}`, `name=${s.displayName}`]);
		const answers = rows.filter((r) => r[0] === 'answer');
		expect(answers.map((r) => [r[3], r[5]])).toEqual([
			[L.single.id, 'right'],
			[L.trueFalse.id, 'wrong'],
			[L.trueFalse.id, 'right']
		]);
		expect(JSON.parse(answers[1]![4]!)).toEqual(data.answers[1]!.answer);
		expect(rows.filter((r) => r[0] === 'session').length).toBe(data.sessions.length);
		for (const r of rows) expect(r).toHaveLength(7);

		// delete the account: a wrong confirmation is refused, the username deletes
		await goto(page, '/me/data', true);
		await page.getByLabel('Type your username to confirm').fill('not-my-name');
		await page.getByRole('button', { name: 'Delete my account' }).click();
		await expect
			.poll(async () => fold(await page.locator('.field').filter({ hasText: 'Type your username' }).innerText()))
			.toContain(`To delete your account, type your username (${s.username}) exactly.`);
		await page.getByLabel('Type your username to confirm').fill(s.username);
		await page.getByRole('button', { name: 'Delete my account' }).click();
		await page.waitForURL((u) => u.pathname === '/' && u.search === '?deleted=1');
		expect(fold(await page.getByRole('status').filter({ hasText: 'deleted' }).innerText())).toBe(
			'Your account and everything stored about it have been deleted.'
		);
		expect(await page.getByRole('link', { name: 'Log in' }).count()).toBe(1);
		expect((await context.request.get(`${baseURL()}/me/data/export.json`, { maxRedirects: 0 })).status()).toBe(303);

		// the account is gone: logging in fails
		await page.getByRole('link', { name: 'Log in' }).click();
		await page.waitForURL((u) => u.pathname === '/login');
		await fillLogIn(page, s.username, s.password);
		const alert = page.getByRole('alert');
		await alert.waitFor();
		expect(fold(await alert.innerText())).toBe('That username and password do not match. Check both and try again.');
		expect(new URL(page.url()).pathname).toBe('/login');
	});

	test('the keyboard alone answers a question: Tab to a choice, Space picks it, Enter checks it', async () => {
		const { page } = await newPage(true);
		await goto(page, L.path, true);
		const card = questionCard(page, L.single);
		// the first choice the page shows (choices are shown in a fixed shuffle, not as authored)
		const first = { id: (await card.locator('input[name="choice"]').first().getAttribute('value'))! };
		// start from the last focusable element before this question, then Tab into it
		const before = await card.evaluate((section) => {
			const focusable = [
				...document.querySelectorAll<HTMLElement>('a[href], button, input:not([type="hidden"]), select, textarea, [tabindex]:not([tabindex="-1"])')
			].filter((el) => !section.contains(el) && section.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
			const last = focusable.at(-1);
			last?.focus();
			return last ? last.outerHTML.slice(0, 80) : null;
		});
		expect(before).not.toBeNull();
		// the card's "Read aloud" comes first, then its choices
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Read aloud: question ${L.lesson.questions.indexOf(L.single) + 1}`);
		await page.keyboard.press('Tab');
		const focused = await page.evaluate(() => {
			const el = document.activeElement as HTMLInputElement | null;
			return { name: el?.name, value: el?.value, checked: el?.checked, card: el?.closest('section')?.id };
		});
		expect(focused).toEqual({ name: 'choice', value: first.id, checked: false, card: `q-${L.single.id}` });
		await page.keyboard.press('Space');
		expect(await card.locator(`input[value="${first.id}"]`).isChecked()).toBe(true);
		await Promise.all([
			page.waitForResponse(isAnswerPost),
			page.keyboard.press('Enter')
		]);
		const verdict = first.id === L.single.answer ? 'Right.' : 'Not quite.';
		await expectFeedback(page, L.single, verdict, first.id);
		// focus moved to this question's feedback
		await expect
			.poll(() =>
				page.evaluate(() => {
					const wrap = document.activeElement?.closest('.feedback-wrap');
					return wrap ? wrap.closest('section')?.id : null;
				})
			)
			.toBe(`q-${L.single.id}`);
	});
});

describe('a student without JavaScript', () => {
	test('answers as a guest, signs up, and finds the answers on the dashboard, the lesson and the review', async () => {
		const s = newStudent('nojs');
		const { page } = await newPage(false);

		await goto(page, L.path, false);
		await answerInPage(page, L.single, [right]);
		expect(pathOf(page)).toBe(`${L.path}?/answer`);
		await answerInPage(page, L.trueFalse, [wrong]);
		await expectFeedback(page, L.single, 'Right.', right);
		await expectFeedback(page, L.trueFalse, 'Not quite.', wrong);

		await page.getByRole('link', { name: 'Sign up' }).click();
		await page.waitForURL((u) => u.pathname === '/signup');
		await fillSignUp(page, s);
		await page.waitForURL((u) => u.pathname === '/me');
		expect(pathOf(page)).toBe('/me?welcome=1');
		expect(fold(await page.getByRole('status').innerText())).toContain('Your account is ready.');
		await expectDashboard(page, s.displayName, 2);

		await page.locator('tr').getByRole('link', { name: L.lesson.title }).click();
		await page.waitForURL((u) => u.pathname === L.path);
		await expectFeedback(page, L.single, 'Right.', right);
		await expectFeedback(page, L.trueFalse, 'Not quite.', wrong);
		expect(await page.getByRole('link', { name: 'Retry the question I missed' }).getAttribute('href')).toBe(
			'?retry=missed#questions-heading'
		);

		// the review holds the missed question; a right answer there takes it out for today
		await goto(page, '/me/review', false);
		expect(await page.locator('section.question').evaluateAll((els) => els.map((e) => e.id))).toEqual([`q-${L.trueFalse.id}`]);
		expect(fold(await page.locator('main').innerText())).toContain(`From ${fold(L.lesson.title)}`);
		const card = questionCard(page, L.trueFalse);
		await card.locator(`input[name="choice"][value="${tfRight}"]`).check();
		const [posted] = await Promise.all([page.waitForNavigation(), card.getByRole('button', { name: 'Check answer' }).click()]);
		expect(posted?.status()).toBe(200);
		expect(pathOf(page)).toBe('/me/review?/answer');
		await goto(page, '/me/review', false);
		const main = fold(await page.locator('main').innerText());
		expect(main).toContain('Nothing to review right now');
		expect(main).toContain('One question comes back tomorrow');

		// signing out works as a plain form post
		await page.getByRole('button', { name: /^Sign out/ }).click();
		await page.waitForURL((u) => u.pathname === '/');
		expect(await page.getByRole('link', { name: 'Log in' }).count()).toBe(1);
	});

	test('a right answer in the review shows its feedback, although the question leaves the queue', async () => {
		const s = newStudent('nojsrev');
		const cookie = await signUpByPost(s);
		const missed = await postAnswer(L.path, [['question', L.trueFalse.id], ['choice', wrong]], { cookie });
		expect(missed.status).toBe(200);
		const { context, page } = await newPage(false);
		await addCookies(context, cookie);
		await goto(page, '/me/review', false);
		const card = questionCard(page, L.trueFalse);
		await card.locator(`input[name="choice"][value="${tfRight}"]`).check();
		const [posted] = await Promise.all([page.waitForNavigation(), card.getByRole('button', { name: 'Check answer' }).click()]);
		expect(posted?.status()).toBe(200);
		// With JavaScript the card keeps its feedback in place; without it the page is rendered
		// again, and the student must still see whether the answer was right, why, and the source.
		const status = page.getByRole('status').filter({ hasText: fold(L.trueFalse.explanation).slice(0, 40) });
		expect(await status.count(), 'no feedback for the answer just given in the review (without JavaScript)').toBe(1);
		await expectFeedback(page, L.trueFalse, 'Right.', tfRight);
	});
});

/**
 * Answering questions in a real browser, with JavaScript on (use:enhance keeps the page and
 * moves focus to the feedback) and off (the form posts and the server renders the feedback).
 * Right and wrong answers come from the keys in lessons/, never from this file.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch } from './browser';
import { answerFields,
	baseURL,
	citedText,
	content,
	fold,
	lessonWithAllTypes,
	postAnswer,
	rightAnswer,
	wrongAnswer, isAnswerPost } from './content';
import type { LessonQuestion } from '../../src/lib/content/load';
import { score } from '../../src/lib/questions/multiple/score';

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

async function open(path: string, javaScriptEnabled: boolean): Promise<Page> {
	const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 800 } });
	contexts.push(context);
	const page = await context.newPage();
	const response = await page.goto(`${baseURL()}${path}`, { waitUntil: javaScriptEnabled ? 'networkidle' : 'load' });
	expect(response?.status()).toBe(200);
	return page;
}

const card = (page: Page, q: LessonQuestion) => page.locator(`#q-${q.id}`);

async function choose(page: Page, q: LessonQuestion, ids: string[]) {
	for (const id of ids) await card(page, q).locator(`input[name="choice"][value="${id}"]`).check();
}

/** What every graded card must show: the verdict, the explanation and the cited sentences. */
async function expectFeedback(page: Page, q: LessonQuestion, verdict: 'Right.' | 'Not quite.' | 'Partly right.') {
	const status = card(page, q).getByRole('status');
	await expect.poll(() => status.count()).toBe(1);
	expect(fold(await status.locator('.verdict').innerText())).toContain(verdict);
	expect(fold(await status.innerText())).toContain(fold(q.explanation));
	const quotes = status.locator('blockquote');
	expect(await quotes.count()).toBe(q.cite.length);
	for (const [i, c] of q.cite.entries()) {
		const shown = fold(await quotes.nth(i).innerText());
		expect(shown).toBe(fold(citedText(c)));
		expect(shown).toBe(fold(c.quote));
	}
}

/** The mark of a highlighted sentence, and whether it is inside the viewport. */
async function markInView(page: Page, id: number) {
	return page.evaluate((id) => {
		const el = document.getElementById(`s-${id}`);
		if (!el) return { tag: null, text: '', inView: false };
		const r = el.getBoundingClientRect();
		return {
			tag: el.tagName.toLowerCase(),
			text: el.textContent ?? '',
			inView: r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth
		};
	}, id);
}

async function followHighlightLink(page: Page, q: LessonQuestion) {
	const c = q.cite[0]!;
	const link = card(page, q).getByRole('link', { name: /Read it highlighted in the article/ }).first();
	const href = await link.getAttribute('href');
	expect(href).toBe(`/sources/${c.source}?hl=${c.sentenceIds.join(',')}#s-${c.sentenceIds[0]}`);
	await link.click();
	await page.waitForURL((url) => url.pathname === `/sources/${c.source}`);
	const url = new URL(page.url());
	expect(url.searchParams.get('hl')).toBe(c.sentenceIds.join(','));
	expect(url.hash).toBe(`#s-${c.sentenceIds[0]}`);
	for (const id of c.sentenceIds) {
		const mark = page.locator(`mark#s-${id}`);
		await mark.waitFor();
		const source = content().sources.find((s) => s.id === c.source)!;
		expect(fold(await mark.innerText())).toBe(fold(source.sentences[id - 1]!.text));
	}
	expect(fold((await page.locator('mark').allInnerTexts()).join(' '))).toBe(fold(citedText(c)));
	// the first cited sentence is scrolled into view
	await expect.poll(async () => (await markInView(page, c.sentenceIds[0]!)).inView, { timeout: 5000 }).toBe(true);
	const first = await markInView(page, c.sentenceIds[0]!);
	expect(first.tag).toBe('mark');
}

describe(`with JavaScript: ${L.path}`, () => {
	test('grades a right and a wrong answer in place, focuses the feedback, and links to the highlighted sentence', async () => {
		const page = await open(L.path, true);
		const posts: string[] = [];
		page.on('request', (r) => {
			if (r.method() === 'POST') posts.push(r.url());
		});

		// right: the single-choice question, with the key from lessons/
		await choose(page, L.single, rightAnswer(L.single));
		await card(page, L.single).getByRole('button', { name: 'Check answer' }).click();
		await expectFeedback(page, L.single, 'Right.');
		const rightId = rightAnswer(L.single)[0]!;
		const rightRow = card(page, L.single).locator('label', { has: page.locator(`input[value="${rightId}"]`) });
		expect(fold(await rightRow.innerText())).toContain('your answer, right');
		// use:enhance kept the page: no navigation to the action URL
		expect(new URL(page.url()).pathname).toBe(L.path);
		expect(new URL(page.url()).search).toBe('');
		expect(posts).toHaveLength(1);
		expect(new URL(posts[0]!).pathname).toBe(`${L.path}/card`);

		// focus moved into this question's feedback
		const focus = await page.evaluate(() => {
			const el = document.activeElement;
			const wrap = el?.closest('.feedback-wrap');
			return { inWrap: !!wrap, section: wrap?.closest('section')?.id ?? null, hasStatus: !!wrap?.querySelector('[role="status"]') };
		});
		expect(focus).toEqual({ inWrap: true, section: `q-${L.single.id}`, hasStatus: true });

		// wrong: the true-false question, answered against its key
		const wrong = wrongAnswer(L.trueFalse);
		await choose(page, L.trueFalse, wrong);
		await card(page, L.trueFalse).getByRole('button', { name: 'Check answer' }).click();
		await expectFeedback(page, L.trueFalse, 'Not quite.');
		const tf = card(page, L.trueFalse);
		expect(fold(await tf.locator('label', { has: page.locator(`input[value="${wrong[0]}"]`) }).innerText())).toContain(
			'✗ your answer'
		);
		expect(
			fold(await tf.locator('label', { has: page.locator(`input[value="${rightAnswer(L.trueFalse)[0]}"]`) }).innerText())
		).toContain('✓ right answer');
		const focusedSection = await page.evaluate(() => document.activeElement?.closest('section')?.id);
		expect(focusedSection).toBe(`q-${L.trueFalse.id}`);
		// the first question keeps its feedback
		expect(await card(page, L.single).getByRole('status').count()).toBe(1);

		await followHighlightLink(page, L.trueFalse);
	});

	test('the browser blocks an empty single-choice or true/false answer (required radios)', async () => {
		const page = await open(L.path, true);
		const posts: string[] = [];
		page.on('request', (r) => {
			if (r.method() === 'POST') posts.push(r.url());
		});
		for (const q of [L.single, L.trueFalse]) {
			await card(page, q).getByRole('button', { name: 'Check answer' }).click();
			const missing = await card(page, q)
				.locator('input[name="choice"]')
				.first()
				.evaluate((el) => (el as HTMLInputElement).validity.valueMissing);
			expect(missing).toBe(true);
			expect(await card(page, q).getByRole('status').count()).toBe(0);
		}
		// give a late request a chance to show up before concluding there was none
		await page.waitForTimeout(300);
		expect(posts).toEqual([]);
	});

	test('an empty multiple-select answer gets a readable error from the server, shown as an alert', async () => {
		const page = await open(L.path, true);
		const q = L.multiple;
		expect(await card(page, q).locator('input[name="choice"]:checked').count()).toBe(0);
		const response = page.waitForResponse(isAnswerPost);
		await card(page, q).getByRole('button', { name: 'Check answer' }).click();
		await response;
		const alert = card(page, q).getByRole('alert');
		await alert.waitFor();
		expect(fold(await alert.innerText())).toMatch(/^Choose at least one answer/);
		expect(await card(page, q).getByRole('status').count()).toBe(0);
		const describedBy = await card(page, q).locator('fieldset').getAttribute('aria-describedby');
		expect(describedBy).toBe(await alert.getAttribute('id'));

		// then answering fixes it: the alert goes and the feedback comes
		await choose(page, q, rightAnswer(q));
		await card(page, q).getByRole('button', { name: 'Check answer' }).click();
		await expectFeedback(page, q, 'Right.');
		expect(await card(page, q).getByRole('alert').count()).toBe(0);
	});

	test('the server answers an empty multiple-select post with status 400 and the message', async () => {
		// as a plain form post (no JavaScript): the lesson page again, with the alert
		const plain = await postAnswer(L.path, [['question', L.multiple.id]]);
		expect(plain.status).toBe(400);
		expect(plain.type).toContain('text/html');
		expect(plain.text).toMatch(/role="alert"[^>]*>Choose at least one answer before checking\./);

		// as use:enhance posts it: a JSON action result of type failure
		const enhanced = await postAnswer(L.path, [['question', L.multiple.id]], {
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
		});
		// SvelteKit sends action results with HTTP 200; the failure status is inside
		expect(enhanced.type).toContain('application/json');
		const result = JSON.parse(enhanced.text) as { type: string; status: number; data: string };
		expect(result.type).toBe('failure');
		expect(result.status).toBe(400);
		expect(result.data).toContain('Choose at least one answer before checking.');

		// as the lesson page's script posts it: to the card address, which renders the card with the alert
		const card = await fetch(`${baseURL()}${L.path}/card`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL() },
			body: new URLSearchParams([['question', L.multiple.id], ['idem', crypto.randomUUID()]]).toString()
		});
		expect([card.status, card.headers.get('x-card')]).toEqual([400, 'html']);
		const cardText = await card.text();
		expect(cardText).toMatch(/^(<!--\[-->)?<section[^>]*id="q-/);
		expect(cardText).toMatch(/role="alert"[^>]*>Choose at least one answer before checking\./);

		// a right answer without the form's submission key is refused with a readable message
		const noKey = await postAnswer(
			L.path,
			[['question', L.single.id], ...rightAnswer(L.single).map((id) => ['choice', id] as [string, string])],
			{ idem: null }
		);
		expect(noKey.status).toBe(400);
		expect(noKey.text).toMatch(/role="alert"[^>]*>The form is missing its submission key\./);

		// and an answer to a question of another lesson is refused, not graded
		const other = content()
			.modules.flatMap((m) => m.lessons)
			.find((l) => l.slug !== L.lesson.slug)!.questions[0]!;
		const foreign = await postAnswer(L.path, [
			['question', other.id],
			...answerFields(other, true)
		]);
		expect(foreign.status).toBe(404);
		expect(foreign.text).not.toContain(fold(other.explanation).slice(0, 40));
	});
});

describe(`without JavaScript: ${L.path}`, () => {
	test('posting an answer renders the feedback for that question, keeps the choice checked, and the link highlights', async () => {
		const page = await open(L.path, false);
		const q = L.multiple;
		const wrong = wrongAnswer(q);
		const given = [rightAnswer(q)[0]!, ...wrong];
		await choose(page, q, given);
		const [response] = await Promise.all([
			page.waitForNavigation(),
			card(page, q).getByRole('button', { name: 'Check answer' }).click()
		]);
		expect(response?.status()).toBe(200);
		expect(response?.request().method()).toBe('POST');
		const url = new URL(page.url());
		expect(url.pathname).toBe(L.path);
		expect(url.search).toBe('?/answer');
		expect(url.hash).toBe(`#q-${q.id}`);

		// one right pick and one wrong pick: never full marks; the verdict follows the type's scorer
		const scored = score(given, rightAnswer(q));
		expect(scored.correct).toBe(false);
		const verdict = scored.points > 0 ? 'Partly right.' : 'Not quite.';
		await expectFeedback(page, q, verdict);
		for (const id of given) {
			expect(await card(page, q).locator(`input[name="choice"][value="${id}"]`).isChecked()).toBe(true);
		}
		const unchecked = q.choices.filter((c) => !given.includes(c.id));
		for (const c of unchecked) {
			expect(await card(page, q).locator(`input[name="choice"][value="${c.id}"]`).isChecked()).toBe(false);
		}
		expect(fold(await card(page, q).innerText())).toContain('✗ your answer');
		expect(fold(await card(page, q).innerText())).toContain('✓ your answer, right');
		// only the answered question shows feedback, and it says the answer was stored
		expect(await page.getByRole('status').count()).toBe(1);
		expect(fold(await card(page, q).getByRole('status').innerText())).toContain('Your answer is saved.');

		// opening the lesson again (a GET) shows the stored answer with its feedback
		await page.goto(`${baseURL()}${L.path}`);
		await expectFeedback(page, q, verdict);
		for (const id of given) {
			expect(await card(page, q).locator(`input[name="choice"][value="${id}"]`).isChecked()).toBe(true);
		}
		expect(await page.getByRole('status').count()).toBe(1);

		await followHighlightLink(page, q);
	});

	test('an empty multiple-select post shows the server error on the page', async () => {
		const page = await open(L.path, false);
		const [response] = await Promise.all([
			page.waitForNavigation(),
			card(page, L.multiple).getByRole('button', { name: 'Check answer' }).click()
		]);
		expect(response?.status()).toBe(400);
		const alert = card(page, L.multiple).getByRole('alert');
		expect(fold(await alert.innerText())).toBe('Choose at least one answer before checking.');
		expect(await page.getByRole('alert').count()).toBe(1);
	});
});

/**
 * The two-part question (Part A choice, Part B supporting sentence) in chromium: full, half and no
 * credit with and without JavaScript, answered by keyboard alone, its key absent from the page and
 * its data before an answer, axe clean before and after, and screenshots at 1280 and 375 px.
 */
import { mkdirSync } from 'node:fs';
import { runAxe } from './axe';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch } from './browser';
import { allLessons, baseURL, citedText, describeViolations, fold, searchable, type QuestionOf, isAnswerPost } from './content';

const SHOTS = 'test-results/screenshots';

const ref = allLessons().find((l) => l.lesson.questions.some((q) => q.type === 'two-part'));
if (!ref) throw new Error('the course has no two-part question');
const q = ref.lesson.questions.find((x): x is QuestionOf<'two-part'> => x.type === 'two-part')!;
const proving = q.proving[0]!.sentenceIds[0]!;
const provingSet = new Set(q.proving.flatMap((p) => p.sentenceIds));
const wrongChoice = q.choices.find((c) => c.id !== q.answer)!.id;

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
	browser = await launch();
	mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
	await Promise.all(contexts.map((c) => c.close()));
	await browser?.close();
});

async function open(javaScriptEnabled: boolean, width = 1280): Promise<Page> {
	const context = await browser.newContext({ javaScriptEnabled, viewport: { width, height: 900 } });
	contexts.push(context);
	const page = await context.newPage();
	const res = await page.goto(`${baseURL()}${ref!.path}`, { waitUntil: javaScriptEnabled ? 'networkidle' : 'load' });
	expect(res?.status()).toBe(200);
	return page;
}

/** The first sentence of the shown article that does not support the right Part A answer. */
async function wrongSentence(page: Page): Promise<string> {
	const values = await page.locator(`#q-${q.id} input[name="sentence"]`).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
	return values.find((v) => !provingSet.has(Number(v)))!;
}

async function submit(page: Page, js: boolean, choice: string, sentence: string) {
	const card = page.locator(`#q-${q.id}`);
	const status = card.getByRole('status');
	const shown = async () => ((await status.count()) > 0 ? fold(await status.innerText()) : null);
	const before = await shown();
	await card.locator(`input[name="choice"][value="${choice}"]`).check();
	await card.locator(`input[name="sentence"][value="${sentence}"]`).check();
	await Promise.all([page.waitForResponse(isAnswerPost), card.locator('button[type="submit"]').click()]);
	if (!js) await page.waitForLoadState('load');
	// with JavaScript the response lands before the page redraws: wait for the new verdict, which
	// in these tests always differs from the one shown before
	await expect.poll(shown).not.toBe(before);
	await status.waitFor();
	return fold(await status.innerText());
}

describe.each([true, false])('JavaScript %s', (js) => {
	test('full, half and no credit, each said in words, with the proof', async () => {
		const page = await open(js);
		const card = page.locator(`#q-${q.id}`);
		// the scoring is told before answering
		expect(fold(await card.locator('.scoring').innerText())).toBe(
			'Two parts. Both right: full credit. Part A right but Part B wrong: half credit. Part A wrong: no credit.'
		);
		const full = await submit(page, js, q.answer, String(proving));
		expect(full).toMatch(/^✓ Right\./);
		expect(full).toContain(fold(q.explanation));
		for (const c of q.cite) expect(full).toContain(fold(citedText(c)));

		const half = await submit(page, js, q.answer, await wrongSentence(page));
		expect(half).toMatch(/^◐ Partly right\./);
		expect(half).toContain('50 % credit');
		// Part A marked right, Part B's pick marked wrong and the proving sentence shown, in words
		expect(fold(await card.locator('.choices .badge').allInnerTexts().then((t) => t.join(' | ')))).toContain('✓ your answer, right');
		const sentenceBadges = (await card.locator('.article .badge').allInnerTexts()).map(fold);
		expect(sentenceBadges).toContain('✗ your pick');
		expect(sentenceBadges).toContain('✓ this sentence proves it');

		const zero = await submit(page, js, wrongChoice, String(proving));
		expect(zero).toMatch(/^✗ Not quite\./);
		expect(fold(await card.locator('.choices .badge').allInnerTexts().then((t) => t.join(' | ')))).toContain('✗ your answer');
	});
});

test('a missing part is refused with words, and nothing is graded', async () => {
	const page = await open(false);
	const card = page.locator(`#q-${q.id}`);
	// required inputs would stop the browser from posting: post as a form without them would
	await card.locator('input[required]').evaluateAll((els) => els.forEach((e) => e.removeAttribute('required')));
	await card.locator(`input[name="choice"][value="${q.answer}"]`).check();
	await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), card.locator('button[type="submit"]').click()]);
	await page.waitForLoadState('load');
	expect(fold(await page.locator(`#q-${q.id}`).getByRole('alert').innerText())).toBe('Pick a sentence for Part B before checking.');
	expect(await page.locator(`#q-${q.id}`).getByRole('status').count()).toBe(0);
});

test('answered by keyboard alone: arrows pick in each part, Enter checks', async () => {
	const page = await open(true);
	const card = page.locator(`#q-${q.id}`);
	const choiceIds = await card.locator('input[name="choice"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
	const sentenceIds = await card.locator('input[name="sentence"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
	// focus the first Part A radio, then walk with arrow keys to the right choice
	await card.locator('input[name="choice"]').first().focus();
	for (let i = 0; i < choiceIds.indexOf(q.answer); i++) await page.keyboard.press('ArrowDown');
	if (choiceIds.indexOf(q.answer) === 0) await page.keyboard.press('Space');
	expect(await card.locator(`input[name="choice"][value="${q.answer}"]`).isChecked()).toBe(true);
	// Tab leaves the Part A group for the Part B group
	await page.keyboard.press('Tab');
	expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('sentence');
	for (let i = 0; i < sentenceIds.indexOf(String(proving)); i++) await page.keyboard.press('ArrowDown');
	if (sentenceIds.indexOf(String(proving)) === 0) await page.keyboard.press('Space');
	expect(await card.locator(`input[name="sentence"][value="${proving}"]`).isChecked()).toBe(true);
	await page.keyboard.press('Tab');
	expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Check answer');
	await page.keyboard.press('Enter');
	await card.getByRole('status').waitFor();
	expect(fold(await card.getByRole('status').innerText())).toMatch(/^✓ Right\./);
	// focus moved to the feedback, so a screen reader hears it
	expect(await page.evaluate(() => document.activeElement?.classList.contains('feedback-wrap'))).toBe(true);
});

test('the key is absent from the page and its data before answering', async () => {
	const html = searchable(await (await fetch(`${baseURL()}${ref!.path}`)).text());
	const data = await (await fetch(`${baseURL()}${ref!.path}/__data.json`)).text();
	expect(html).toContain(searchable(q.prompt));
	for (const text of [html, searchable(data)]) {
		expect(text).not.toContain(searchable(q.explanation));
		expect(text).not.toContain('"proving"');
		expect(text).not.toContain(`"answer":"${q.answer}"`);
		expect(text).not.toContain('sentenceIds');
	}
	// the raw data node carries the public part's fields only
	expect(data).toContain('partB');
	const page = await open(true);
	expect(await page.locator(`#q-${q.id} .right, #q-${q.id} .wrong, #q-${q.id} .badge`).count()).toBe(0);
});

test.each([1280, 375])('axe clean and screenshots before and after answering at %i px', async (width) => {
	const page = await open(true, width);
	const card = page.locator(`#q-${q.id}`);
	await card.scrollIntoViewIfNeeded();
	if (width === 375) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
	const before = await runAxe(page, `#q-${q.id}`);
	expect(describeViolations(before)).toBe('');
	await card.screenshot({ path: `${SHOTS}/two-part-before-${width}.png` });
	await submit(page, true, q.answer, await wrongSentence(page));
	const after = await runAxe(page, `#q-${q.id}`);
	expect(describeViolations(after)).toBe('');
	if (width === 375) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
	await card.screenshot({ path: `${SHOTS}/two-part-after-${width}.png` });
});

/**
 * One question of every type answered in chromium, right and wrong, with JavaScript (use:enhance,
 * feedback in place) and without (the form posts and the server renders the page). Answers come
 * from the keys in lessons/; the page must grade them as the key says and show the proving sentence.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch } from './browser';
import { allLessons, baseURL, citedText, content, fillAnswer, fold, type LessonRef, isAnswerPost } from './content';
import type { LessonQuestion } from '../../src/lib/content/load';
import { questionTypes, teacherScored } from '../../src/lib/questions/registry';

/**
 * The first question of each type the server grades, with its lesson. Written answers are
 * scored by a teacher; tests/e2e/written.test.ts drives them through drafts, the queue and feedback.
 */
const picks = questionTypes.filter((type) => !teacherScored(type)).map((type) => {
	for (const ref of allLessons()) {
		const q = ref.lesson.questions.find((x) => x.type === type);
		if (q) return { type, ref, q };
	}
	throw new Error(`no question of type ${type} in the course`);
});

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await Promise.all(contexts.map((c) => c.close()));
	await browser?.close();
});

async function open(ref: LessonRef, javaScriptEnabled: boolean): Promise<Page> {
	const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 } });
	contexts.push(context);
	const page = await context.newPage();
	const res = await page.goto(`${baseURL()}${ref.path}`, { waitUntil: javaScriptEnabled ? 'networkidle' : 'load' });
	expect(res?.status()).toBe(200);
	return page;
}

async function answer(page: Page, q: LessonQuestion, right: boolean, js: boolean) {
	const card = page.locator(`#q-${q.id}`);
	await fillAnswer(card, q, right);
	const button = card.locator('button[type="submit"]');
	await Promise.all([page.waitForResponse(isAnswerPost), button.click()]);
	if (!js) await page.waitForLoadState('load');
	const status = page.locator(`#q-${q.id}`).getByRole('status');
	await status.waitFor();
	return status;
}

describe.each([true, false])('JavaScript %s', (js) => {
	test.each(picks.map((p) => [p.type, p] as const))('%s: a right answer, then a wrong one, each graded with its proof', async (_type, { ref, q }) => {
		const page = await open(ref, js);
		for (const right of [true, false]) {
			const status = await answer(page, q, right, js);
			// polled: with JavaScript the first answer's verdict is still shown until the second's arrives
			const verdict = async () => fold(await status.locator('.verdict').innerText());
			if (right) await expect.poll(verdict).toBe('✓ Right.');
			else await expect.poll(verdict).toMatch(/^(✗ Not quite\.|◐ Partly right\.)$/);
			expect(fold(await status.innerText())).toContain(fold(q.explanation));
			expect((await status.locator('blockquote').allInnerTexts()).map(fold)).toEqual(q.cite.map((c) => fold(citedText(c))));
			// the card marks the answer in words, not by colour alone
			const badges = (await page.locator(`#q-${q.id} .badge`).allInnerTexts()).map(fold).join(' | ');
			expect(badges).toMatch(right ? /✓/ : /✗/);
			if (!right) expect(badges).toMatch(/✓|right answer|right match|belongs in position/);
			if (!right && js && q.type === 'find-evidence') {
				// the proving sentence is scrolled into view inside the article box
				const visible = await page.locator(`#q-${q.id} .article`).evaluate((box) => {
					const proving = box.querySelector('.sentence.right')!.getBoundingClientRect();
					const frame = box.getBoundingClientRect();
					return proving.top >= frame.top - 1 && proving.bottom <= frame.bottom + 1;
				});
				expect(visible).toBe(true);
			}
		}
	});
});

test('ordering works from the keyboard: Move up and Move down, with the position lists following', async () => {
	const { ref, q } = picks.find((p) => p.type === 'ordering')!;
	if (q.type !== 'ordering') throw new Error('not an ordering question');
	const page = await open(ref, true);
	const card = page.locator(`#q-${q.id}`);
	const shown = async () => (await card.locator('ol.ordering > li .text').allInnerTexts()).map(fold);
	const before = await shown();
	expect(before).not.toEqual(q.items.map((i) => fold(i.text)));
	// bring the last item shown to the top with the keyboard only
	const last = q.items.find((i) => fold(i.text) === before.at(-1))!;
	for (let at = before.length - 1; at > 0; at--) {
		await card.getByRole('button', { name: `Move up: ${last.text}` }).focus();
		await page.keyboard.press('Enter');
	}
	expect(await shown()).toEqual([before.at(-1), ...before.slice(0, -1)]);
	expect(await card.locator(`select[name="pos-${last.id}"]`).inputValue()).toBe('1');
	// the top item cannot move further up, and focus stayed on the moved item's controls
	expect(await card.getByRole('button', { name: `Move up: ${last.text}` }).isDisabled()).toBe(true);
	expect(await page.evaluate(() => document.activeElement?.closest('li')?.textContent ?? '')).toContain(last.text);
	expect(await card.locator('[aria-live="polite"]').innerText()).toContain(`${last.text}: now in position 1`);
	// and back down one place
	await card.getByRole('button', { name: `Move down: ${last.text}` }).focus();
	await page.keyboard.press('Enter');
	expect((await shown())[1]).toBe(fold(last.text));
	expect(await card.locator(`select[name="pos-${last.id}"]`).inputValue()).toBe('2');
});

test('without JavaScript, a position used twice is refused with a message, and nothing is graded', async () => {
	const { ref, q } = picks.find((p) => p.type === 'ordering')!;
	if (q.type !== 'ordering') throw new Error('not an ordering question');
	const page = await open(ref, false);
	const card = page.locator(`#q-${q.id}`);
	for (const item of q.items) await card.locator(`select[name="pos-${item.id}"]`).selectOption('1');
	await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), card.locator('button[type="submit"]').click()]);
	await page.waitForLoadState('load');
	const alert = page.locator(`#q-${q.id}`).getByRole('alert');
	expect(fold(await alert.innerText())).toBe('Each position can be used once, but two items are in position 1.');
	expect(await page.locator(`#q-${q.id}`).getByRole('status').count()).toBe(0);
});

test.each(['/timeline', '/glossary', picks.find((p) => p.type === 'find-evidence')!.ref.path])('%s fits 375 px', async (path) => {
	const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
	contexts.push(context);
	const page = await context.newPage();
	expect((await page.goto(`${baseURL()}${path}`))?.status()).toBe(200);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

test('the timeline lists every event of lessons/timeline.yaml in order, each with its cited sentence', async () => {
	const page = await (await browser.newContext()).newPage();
	await page.goto(`${baseURL()}/timeline`);
	const events = content().timeline;
	expect((await page.locator('.timeline > li h2').allInnerTexts()).map(fold)).toEqual(events.map((e) => fold(e.title)));
	expect((await page.locator('.timeline > li time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime'))))).toEqual(events.map((e) => e.when));
	expect((await page.locator('.timeline blockquote').allInnerTexts()).map(fold)).toEqual(events.flatMap((e) => e.cite.map((c) => fold(citedText(c)))));
	// lessons listed as words with commas, each a link
	const withLessons = events.filter((e) => e.lessons.length);
	expect((await page.locator('.timeline .lessons').allInnerTexts()).map(fold)).toEqual(
		withLessons.map((e) => `Learn more: ${e.lessons.map((slug) => allLessons().find((l) => l.lesson.slug === slug)!.lesson.title).join(', ')}`)
	);
	await page.context().close();
});

test("a lesson's key terms link to their glossary entries, which link back", async () => {
	const ref = allLessons().find((l) => l.lesson.keyTerms.length)!;
	const page = await (await browser.newContext()).newPage();
	await page.goto(`${baseURL()}${ref.path}`);
	const id = ref.lesson.keyTerms[0]!;
	const entry = content().glossary.find((g) => g.id === id)!;
	await page.locator('.terms').getByRole('link', { name: entry.term, exact: true }).click();
	await page.waitForURL((u) => u.pathname === '/glossary' && u.hash === `#${id}`);
	const card = page.locator(`[id="${id}"]`);
	expect(fold(await card.locator('dt').innerText())).toBe(fold(entry.term));
	expect(await card.getByRole('link', { name: ref.lesson.title, exact: true }).getAttribute('href')).toBe(ref.path);
	await page.context().close();
});

/**
 * A retry (`?retry=missed`) and the review show a missed question's choices shuffled. With
 * JavaScript the card the server renders after each answer keeps the order the student was
 * looking at, answer after answer (the card carries its `shuffle`), as a hydrated page did.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { answerInPage, baseURL, lessonWithAllTypes, newStudent, postAnswer, questionCard, rightAnswer, signUpByPost, wrongAnswer } from './content';
import { usePages } from './pages';

const L = lessonWithAllTypes();
const Q = L.single;
const lessonOrder = Q.choices.map((c) => c.id);
const openPage = usePages();

const orderOf = (page: Page) => questionCard(page, Q).locator('input[name="choice"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

const missOnce = (cookie: string) => postAnswer(L.path, [['question', Q.id], ['choice', wrongAnswer(Q)[0]!]], { cookie });

/** Opens `path` until the question shows in an order other than the lesson's (each miss reshuffles it), so that keeping it means something. */
async function openShuffled(page: Page, path: string, cookie: string): Promise<string[]> {
	for (let tries = 0; tries < 6; tries++) {
		await page.goto(`${baseURL()}${path}`);
		const order = await orderOf(page);
		expect([...order].sort()).toEqual([...lessonOrder].sort());
		if (order.join() !== lessonOrder.join()) return order;
		expect((await missOnce(cookie)).status).toBe(200);
	}
	throw new Error(`${path}: the choices came in the lesson's own order six times running`);
}

describe.each([
	['a retry of the missed questions', `${L.path}?retry=missed`],
	['the review queue', '/me/review']
])('%s, with JavaScript', (_what, path) => {
	test('keeps the order of the choices through a wrong answer and a right one', async () => {
		const cookie = await signUpByPost(newStudent('shuf'));
		expect((await missOnce(cookie)).status).toBe(200);
		const page = await openPage(true, cookie);
		const shown = await openShuffled(page, path, cookie);

		await answerInPage(page, Q, wrongAnswer(Q));
		expect(await questionCard(page, Q).getByRole('status').first().innerText()).toContain('Not quite.');
		expect(await orderOf(page)).toEqual(shown);

		await answerInPage(page, Q, rightAnswer(Q));
		await expect.poll(async () => (await questionCard(page, Q).innerText()).includes('Right.')).toBe(true);
		expect(await orderOf(page)).toEqual(shown);
		// the page, not a navigation, answered: still the same address
		expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(path);
	});
});

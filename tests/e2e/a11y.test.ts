/**
 * axe-core on the main kinds of page, in the light and the dark colour scheme (the stylesheet
 * promises AA contrast in both) and in the high-contrast theme (AAA, 7:1): WCAG 2.0/2.1 A and
 * AA and WCAG 2.2 AA rules, zero violations. Each page is brought into its state once and
 * checked in the three themes in turn.
 */
import { expectNoViolations, showTheme, type Theme } from './axe';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch } from './browser';
import { baseURL, fillAnswer, lessonWithAllTypes, rightAnswer, wrongAnswer } from './content';
import type { LessonQuestion } from '../../src/lib/content/load';

const L = lessonWithAllTypes();
const cite = L.single.cite[0]!;

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
	browser = await launch();
});
afterAll(async () => {
	await Promise.all(contexts.map((c) => c.close()));
	await browser?.close();
});

async function answer(page: Page, q: LessonQuestion, ids: string[]) {
	const card = page.locator(`#q-${q.id}`);
	for (const id of ids) await card.locator(`input[name="choice"][value="${id}"]`).check();
	await card.getByRole('button', { name: 'Check answer' }).click();
	await card.getByRole('status').waitFor();
}

const pages: { name: string; path: string; prepare?: (page: Page) => Promise<void> }[] = [
	{ name: 'home', path: '/' },
	{
		name: 'lesson with feedback',
		path: L.path,
		async prepare(page) {
			await answer(page, L.single, rightAnswer(L.single));
			await answer(page, L.trueFalse, wrongAnswer(L.trueFalse));
			// every other type, answered wrong, so their feedback marks are checked too
			for (const q of L.lesson.questions.filter((x) => !['single', 'multiple', 'true-false'].includes(x.type))) {
				const card = page.locator(`#q-${q.id}`);
				await fillAnswer(card, q, false);
				await card.getByRole('button', { name: 'Check answer' }).click();
				await card.getByRole('status').waitFor();
			}
			// an error state too
			await page.locator(`#q-${L.multiple.id}`).getByRole('button', { name: 'Check answer' }).click();
			await page.locator(`#q-${L.multiple.id}`).getByRole('alert').waitFor();
		}
	},
	{
		name: 'highlighted source',
		path: `/sources/${cite.source}?hl=${cite.sentenceIds.join(',')}#s-${cite.sentenceIds[0]}`,
		async prepare(page) {
			await page.locator(`mark#s-${cite.sentenceIds[0]}`).waitFor();
		}
	},
	{ name: 'source with debris', path: '/sources/001' },
	{
		name: 'reading settings, saved',
		path: '/settings',
		async prepare(page) {
			await page.getByRole('button', { name: 'Save' }).click();
			await page.getByRole('status').waitFor();
		}
	},
	{ name: 'timeline', path: '/timeline' },
	{ name: 'glossary', path: '/glossary#intermediary' }
];

const THEMES: Theme[] = ['light', 'dark', 'contrast'];

describe('axe in the light and dark schemes and in high contrast', () => {
	test.each(pages)('$name has no WCAG A/AA violations in any, nor under 7:1 contrast in high contrast', async ({ path, prepare }) => {
		const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 800 } });
		contexts.push(context);
		const page = await context.newPage();
		const response = await page.goto(`${baseURL()}${path}`, { waitUntil: prepare ? 'networkidle' : 'load' });
		expect(response?.status()).toBe(200);
		await prepare?.(page);
		for (const theme of THEMES) {
			await showTheme(page, theme);
			await expectNoViolations(page, path, theme);
		}
		await context.close();
		contexts.splice(contexts.indexOf(context), 1);
	});
});

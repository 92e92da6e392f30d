/**
 * The pages around the questions: the course index, the sources, not-found pages, page debris
 * and bad highlight links, and the layout at a phone width (375 px) with screenshots for people.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch } from './browser';
import { allLessons, baseURL, content, fold, lessonWithAllTypes, searchable, wrongAnswer } from './content';

const SHOTS = 'test-results/screenshots';
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	browser = await launch();
	context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
});
afterAll(async () => {
	await context?.close();
	await browser?.close();
});

/** Opens a page; `hydrated` waits for the network to go quiet, so that the app's JavaScript has started. */
async function open(path: string, ctx = context, hydrated = false): Promise<{ page: Page; status: number | undefined }> {
	const page = await ctx.newPage();
	const response = await page.goto(`${baseURL()}${path}`, { waitUntil: hydrated ? 'networkidle' : 'load' });
	return { page, status: response?.status() };
}

/** The text of the first h1 of an HTML page. */
const h1Of = (html: string) => (/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, '');

describe('course index', () => {
	test('the home page lists every module and every lesson, linked', async () => {
		const { page, status } = await open('/');
		expect(status).toBe(200);
		const modules = content().modules;
		expect(modules.length).toBeGreaterThan(0);
		for (const m of modules) {
			const link = page.locator(`a[href="/modules/${m.slug}"]`).first();
			expect(fold(await link.innerText())).toBe(fold(m.title));
			for (const l of m.lessons) {
				const lessonLink = page.locator(`a[href="/modules/${m.slug}/${l.slug}"]`);
				expect(await lessonLink.count()).toBe(1);
				expect(fold(await lessonLink.innerText())).toBe(fold(l.title));
			}
		}
		// and nothing more: as many lesson links as lessons
		const lessonLinks = await page.locator('a[href^="/modules/"]').evaluateAll((as) =>
			as.map((a) => a.getAttribute('href')).filter((h) => h?.split('/').length === 4)
		);
		expect(new Set(lessonLinks)).toEqual(new Set(allLessons().map((l) => l.path)));
		await page.close();
	});

	test('every module page and lesson page answers 200 with its title', async () => {
		for (const m of content().modules) {
			const res = await fetch(`${baseURL()}/modules/${m.slug}`);
			expect(res.status).toBe(200);
			const html = await res.text();
			expect(searchable(h1Of(html))).toContain(searchable(m.title));
			for (const l of m.lessons) expect(html).toContain(`href="/modules/${m.slug}/${l.slug}"`);
		}
		for (const { path, lesson } of allLessons()) {
			const res = await fetch(`${baseURL()}${path}`);
			expect(res.status).toBe(200);
			const html = await res.text();
			expect(searchable(h1Of(html))).toBe(searchable(lesson.title));
			const cards = html.match(/<section class="card question[^"]*" id="q-[^"]+"/g) ?? [];
			expect(cards.map((c) => /id="q-([^"]+)"/.exec(c)![1])).toEqual(lesson.questions.map((q) => q.id));
		}
	});
});

describe('sources', () => {
	test('/sources lists the five sources with their titles', async () => {
		const sources = content().sources;
		expect(sources).toHaveLength(5);
		const { page, status } = await open('/sources');
		expect(status).toBe(200);
		const links = page.locator('main a[href^="/sources/"]');
		expect(await links.count()).toBe(sources.length);
		for (const s of sources) {
			const link = page.locator(`main a[href="/sources/${s.id}"]`);
			expect(fold(await link.innerText())).toBe(fold(s.title));
		}
		await page.close();
	});

	test('/sources/001 shows its page debris, labelled as not part of the article', async () => {
		const source = content().sources.find((s) => s.id === '001')!;
		const debris = source.paragraphs.filter((p) => p.kind === 'debris');
		expect(debris.length).toBeGreaterThan(0);
		const { page, status } = await open('/sources/001');
		expect(status).toBe(200);
		const shown = page.locator('article p', { hasText: 'Not part of the article' });
		expect(await shown.count()).toBe(debris.length);
		for (const [i, p] of debris.entries()) {
			const text = fold(await shown.nth(i).innerText());
			expect(text.toLowerCase()).toContain(`not part of the article (${fold(p.why!)})`.toLowerCase());
			for (const s of p.sentences) expect(text).toContain(fold(s.text));
		}
		// the article's own paragraphs are not labelled
		const labels = await page.locator('article').getByText('Not part of the article', { exact: false }).count();
		expect(labels).toBe(debris.length);
		await page.close();
	});

	test('a highlight link with a sentence number that does not exist says so, with status 200', async () => {
		const { page, status } = await open('/sources/000?hl=999');
		expect(status).toBe(200);
		const note = page.getByRole('note').filter({ hasText: 'do not exist' });
		expect(await note.count()).toBe(1);
		expect(fold(await note.innerText())).toBe(
			'Some sentence numbers in this link do not exist in this article, so they are not highlighted.'
		);
		expect(await page.locator('mark').count()).toBe(0);
		await page.close();

		// a valid number highlights that sentence and shows no such notice
		const ok = await open('/sources/000?hl=2');
		expect(ok.status).toBe(200);
		expect(await ok.page.locator('mark#s-2').count()).toBe(1);
		expect(await ok.page.getByRole('note').filter({ hasText: 'do not exist' }).count()).toBe(0);
		await ok.page.close();
	});
});

describe('not found', () => {
	const lesson = allLessons()[0]!;
	test.each([
		['an unknown lesson', `/modules/${lesson.module.slug}/no-such-lesson`],
		['an unknown module', '/modules/no-such-module'],
		['a lesson under an unknown module', `/modules/no-such-module/${lesson.lesson.slug}`],
		['an unknown source', '/sources/999']
	])('%s answers 404 with a link back to the course', async (_, path) => {
		const res = await fetch(`${baseURL()}${path}`, { headers: { accept: 'text/html' } });
		expect(res.status).toBe(404);
		const html = await res.text();
		expect(searchable(h1Of(html))).toBe('We could not find that page');
		const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
		expect(main).toMatch(/<a [^>]*href="\/"[^>]*>Go to the course<\/a>/);
	});
});

describe('at 375 px wide nothing scrolls sideways', () => {
	const L = lessonWithAllTypes();
	const q = L.single;
	const c = q.cite[0]!;
	const sourcePath = `/sources/${c.source}?hl=${c.sentenceIds.join(',')}#s-${c.sentenceIds[0]}`;

	async function overflow(page: Page) {
		return page.evaluate(() => ({
			scrollWidth: document.documentElement.scrollWidth,
			clientWidth: document.documentElement.clientWidth,
			wide: [...document.querySelectorAll('body *')]
				.filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
				.slice(0, 5)
				.map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')}`)
		}));
	}

	async function answerOne(page: Page) {
		const card = page.locator(`#q-${q.id}`);
		for (const id of wrongAnswer(q)) await card.locator(`input[name="choice"][value="${id}"]`).check();
		await card.getByRole('button', { name: 'Check answer' }).click();
		await card.getByRole('status').waitFor();
		return card;
	}

	test.each([375, 1280])('home, a graded lesson and a highlighted source at %i px', async (width) => {
		const ctx = await browser.newContext({ viewport: { width, height: width === 375 ? 812 : 800 } });
		try {
			const home = (await open('/', ctx)).page;
			const h = await overflow(home);
			expect(h.scrollWidth, `home overflows: ${h.wide.join(', ')}`).toBeLessThanOrEqual(width);

			const lesson = (await open(L.path, ctx, true)).page;
			await lesson.screenshot({ path: `${SHOTS}/lesson-${width}.png`, fullPage: true });
			const card = await answerOne(lesson);
			await card.scrollIntoViewIfNeeded();
			await lesson.screenshot({ path: `${SHOTS}/graded-answer-${width}.png` });
			const g = await overflow(lesson);
			expect(g.scrollWidth, `graded lesson overflows: ${g.wide.join(', ')}`).toBeLessThanOrEqual(width);
			// the screenshot shows a graded answer: the wrong pick and the right answer are marked
			expect(fold(await card.innerText())).toContain('✗ your answer');
			expect(fold(await card.innerText())).toContain('✓ right answer');

			const source = (await open(sourcePath, ctx)).page;
			await source.locator(`mark#s-${c.sentenceIds[0]}`).waitFor();
			await source.waitForTimeout(600); // a link from another page scrolls again once the page is styled (src/lib/deep-link.ts)
			await source.screenshot({ path: `${SHOTS}/highlighted-source-${width}.png` });
			const s = await overflow(source);
			expect(s.scrollWidth, `source overflows: ${s.wide.join(', ')}`).toBeLessThanOrEqual(width);
		} finally {
			await ctx.close();
		}
	});
});

/** What the browser tests of the teacher's tools share: pages with a session, axe, screenshots, printing to text. */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launch } from './browser';
import { expectNoViolations, showTheme } from './axe';
import { addCookies } from './content';

export const SHOTS = 'test-results/screenshots';

/** A fresh context's options: signed in with `cookie` when given, `width` × `height`, and any of playwright's own. */
export type ContextOptions = { cookie?: string; width?: number; height?: number } & Omit<BrowserContextOptions, 'javaScriptEnabled' | 'viewport'>;

/**
 * For a test file: launches chromium before its tests and closes it, with every context opened,
 * after them. `openPage` opens a page in a fresh context, signed in with `cookie` when given;
 * `openPage.context` opens the context alone, with more options.
 */
export function usePages() {
	let browser: Browser | undefined;
	const contexts: BrowserContext[] = [];
	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		browser = await launch();
	});
	afterAll(async () => {
		await Promise.all(contexts.map((c) => c.close()));
		await browser?.close();
	});
	async function openContext(javaScriptEnabled: boolean, { cookie, width = 1280, height = 900, ...options }: ContextOptions = {}): Promise<BrowserContext> {
		const context = await browser!.newContext({ ...options, javaScriptEnabled, viewport: { width, height } });
		contexts.push(context);
		if (cookie) await addCookies(context, cookie);
		return context;
	}
	const openPage = async (javaScriptEnabled: boolean, cookie?: string, width = 1280): Promise<Page> => (await openContext(javaScriptEnabled, { cookie, width })).newPage();
	return Object.assign(openPage, { context: openContext });
}

/**
 * axe runs as a script in the page, so only with JavaScript on: in the light and dark schemes
 * and in high contrast (there with AAA's 7:1), then back to light for whatever the test does next.
 */
export async function expectAxeClean(page: Page) {
	for (const theme of ['light', 'dark', 'contrast'] as const) {
		await showTheme(page, theme);
		await expectNoViolations(page, page.url(), theme);
	}
	await showTheme(page, 'light');
}

/** The page printed to PDF by chromium (at `pdf`), read back as text with pdftotext (Debian's poppler-utils). */
export async function printedText(page: Page, pdf: string, layout = false): Promise<string> {
	await page.pdf({ path: pdf, format: 'A4', printBackground: true });
	return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), pdf, '-'], { encoding: 'utf8' });
}

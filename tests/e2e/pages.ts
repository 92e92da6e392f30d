/** What the browser tests of the teacher's tools share: pages with a session, axe, screenshots, printing to text. */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launch } from './browser';
import { expectNoViolations, showTheme } from './axe';
import { addCookies } from './content';

export const SHOTS = 'test-results/screenshots';

/**
 * For a test file: launches chromium before its tests and closes it, with every context opened,
 * after them. `openPage` opens a page in a fresh context, signed in with `cookie` when given.
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
	return async function openPage(javaScriptEnabled: boolean, cookie?: string, width = 1280): Promise<Page> {
		const context = await browser!.newContext({ javaScriptEnabled, viewport: { width, height: 900 } });
		contexts.push(context);
		if (cookie) await addCookies(context, cookie);
		return context.newPage();
	};
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

/** What the browser tests of the teacher's tools share: pages with a session, axe, screenshots, printing to text. */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { addCookies, describeViolations } from './content';

export const SHOTS = 'test-results/screenshots';
export const A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Opens pages in fresh contexts (closed by `closeAll`), signed in with `cookie` when given. */
export function pageMaker(browser: () => Browser) {
	const contexts: BrowserContext[] = [];
	mkdirSync(SHOTS, { recursive: true });
	return {
		async open(javaScriptEnabled: boolean, cookie?: string, width = 1280): Promise<Page> {
			const context = await browser().newContext({ javaScriptEnabled, viewport: { width, height: 900 } });
			contexts.push(context);
			if (cookie) await addCookies(context, cookie);
			return context.newPage();
		},
		closeAll: () => Promise.all(contexts.map((c) => c.close()))
	};
}

/** axe runs as a script in the page, so only with JavaScript on. */
export async function expectAxeClean(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
	expect(results.violations, describeViolations(results)).toEqual([]);
}

/** The page printed to PDF by chromium (at `pdf`), read back as text with pdftotext (Debian's poppler-utils). */
export async function printedText(page: Page, pdf: string, layout = false): Promise<string> {
	await page.pdf({ path: pdf, format: 'A4', printBackground: true });
	return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), pdf, '-'], { encoding: 'utf8' });
}

/** axe-core in the page, as every accessibility check here runs it, and the themes it runs in. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeViolations } from './content';

export const A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs the WCAG 2.2 A/AA rules on the page (or inside `include`); `enhancedContrast` adds WCAG
 * AAA's 7:1 contrast rule (`color-contrast-enhanced`, off by default), which the high-contrast
 * theme promises. Every rule runs on every node as before; `resultTypes` only stops axe from
 * building a selector and the HTML of each node that passed (one example per rule is kept),
 * which was most of its time on long pages.
 */
export function runAxe(page: Page, include?: string, { enhancedContrast = false } = {}) {
	const builder = new AxeBuilder({ page })
		.withTags(A11Y_TAGS)
		.options({ resultTypes: ['violations'], ...(enhancedContrast && { rules: { 'color-contrast-enhanced': { enabled: true } } }) });
	return (include ? builder.include(include) : builder).analyze();
}

/**
 * The colour themes every page is checked in: the device's light and dark schemes (no setting),
 * and high contrast as a reader's setting shows it: the attribute the server writes on <html>
 * (tests/e2e/reading-settings.test.ts proves it does), set in place as /settings does after a
 * save with JavaScript, so that a page keeps the state it was brought into (answers, errors).
 */
export type Theme = 'light' | 'dark' | 'contrast';

const BACKGROUND: Record<Theme, string> = { light: 'rgb(251, 250, 247)', dark: 'rgb(20, 22, 26)', contrast: 'rgb(0, 0, 0)' };

export async function showTheme(page: Page, theme: Theme): Promise<void> {
	await page.emulateMedia({ colorScheme: theme === 'dark' ? 'dark' : 'light' });
	await page.evaluate((t) => {
		if (t === 'contrast') document.documentElement.setAttribute('data-theme', 'contrast');
		else document.documentElement.removeAttribute('data-theme');
	}, theme);
	expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), `the page is in the ${theme} theme`).toBe(BACKGROUND[theme]);
}

/** axe finds nothing in the page as it is now; in high contrast, nothing under 7:1 either. */
export async function expectNoViolations(page: Page, what: string, theme: Theme, include?: string): Promise<void> {
	// no transitions or smooth scrolling in the middle of a colour check
	await page.waitForTimeout(150);
	const results = await runAxe(page, include, { enhancedContrast: theme === 'contrast' });
	expect(results.passes.length, 'axe ran no checks').toBeGreaterThan(0);
	if (theme === 'contrast') expect(results.passes.map((p) => p.id), 'the 7:1 rule ran').toContain('color-contrast-enhanced');
	expect(results.violations.length, `axe violations on ${what} (${theme}):\n${describeViolations(results)}`).toBe(0);
}

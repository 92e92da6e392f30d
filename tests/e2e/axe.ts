/** axe-core in the page, as every accessibility check here runs it. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export const A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs the WCAG 2.2 A/AA rules on the page (or inside `include`). Every rule runs on every node
 * as before; `resultTypes` only stops axe from building a selector and the HTML of each node
 * that passed (one example per rule is kept), which was most of its time on long pages.
 */
export function runAxe(page: Page, include?: string) {
	const builder = new AxeBuilder({ page }).withTags(A11Y_TAGS).options({ resultTypes: ['violations'] });
	return (include ? builder.include(include) : builder).analyze();
}

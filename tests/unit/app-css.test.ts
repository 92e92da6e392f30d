/**
 * The stylesheet's colour themes, read as text: the dark palette is written twice (for a dark
 * device when no theme is chosen, and for a chosen Dark: CSS has no "this media query or this
 * attribute"), so the two must not drift apart; and printing resets every colour a theme sets.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// without comments, and with all white space as one space
const css = readFileSync(new URL('../../src/app.css', import.meta.url), 'utf8')
	.replace(/\/\*[\s\S]*?\*\//g, '')
	.replace(/\s+/g, ' ');

/** The custom properties the rule for `selector` declares, as name → value; the first such rule after `within` (an at-rule) when given. */
function tokens(selector: string, within?: string): Record<string, string> {
	const from = within === undefined ? 0 : css.indexOf(`${within} {`);
	expect(from, within).toBeGreaterThanOrEqual(0);
	const at = css.indexOf(`${selector} {`, from);
	expect(at, selector).toBeGreaterThanOrEqual(0);
	const body = css.slice(css.indexOf('{', at) + 1, css.indexOf('}', at));
	return Object.fromEntries([...body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

const light = tokens(':root');
const deviceDark = tokens(':root:not([data-theme])', '@media (prefers-color-scheme: dark)');
const chosenDark = tokens(":root[data-theme='dark']");
const contrast = tokens(":root[data-theme='contrast']");
const printed = tokens(':root:not([data-theme]), :root[data-theme]', '@media print');

describe('app.css colour themes', () => {
	it('a dark device and a chosen Dark have the same palette, token for token', () => {
		expect(Object.keys(deviceDark).length).toBeGreaterThan(10);
		expect(chosenDark).toEqual(deviceDark);
	});

	it('every theme sets the same colours, all of them from the light scheme', () => {
		const names = Object.keys(deviceDark).sort();
		expect(Object.keys(contrast).sort()).toEqual(names);
		for (const name of names) expect(light, name).toHaveProperty(name);
	});

	it('printing resets every colour a theme sets', () => {
		const missing = Object.keys({ ...deviceDark, ...contrast }).filter((name) => !(name in printed));
		expect(missing).toEqual([]);
	});
});

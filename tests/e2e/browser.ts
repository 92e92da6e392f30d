/** Debian's chromium driven by playwright-core: never a downloaded browser. */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { speechHome } from './speech';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * `speech: true` gives the browser a speech engine: Debian's speech-dispatcher with espeak-ng,
 * which chromium starts itself, configured in a home of its own (see ./speech.ts).
 */
export async function launch({ speech = false }: { speech?: boolean } = {}): Promise<Browser> {
	if (!existsSync(CHROMIUM)) {
		throw new Error(
			`Chromium was not found at ${CHROMIUM}. Install Debian's package (apt-get install chromium) ` +
				'or set CHROMIUM_PATH; the README test line does this for you.'
		);
	}
	const voice = speech ? speechHome() : undefined;
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			...(voice ? ['--enable-speech-dispatcher'] : [])
		],
		...(voice ? { env: { ...process.env, ...voice.env } } : {})
	});
	if (voice) {
		const close = browser.close.bind(browser);
		browser.close = async (options) => {
			await close(options);
			voice.cleanUp();
		};
	}
	// Tests that type right after `goto` would race the app's start when files run side by side
	// (a field filled before hydration, a click that lands mid-start): with JavaScript on, every
	// page's `goto` also waits until the app has started.
	const newContext = browser.newContext.bind(browser);
	browser.newContext = async (options) => {
		const context = await newContext(options);
		if (options?.javaScriptEnabled !== false) context.on('page', waitForAppOnGoto);
		return context;
	};
	return browser;
}

/**
 * SvelteKit adds its route announcer only once the app runs in the page: the sign it has
 * started. A lesson page is not hydrated: its own script marks <html data-ready> when done.
 */
export const APP_STARTED = '#svelte-announcer, html[data-ready]';

function waitForAppOnGoto(page: Page): void {
	const goto = page.goto.bind(page);
	page.goto = async (url, options) => {
		const response = await goto(url, options);
		if (response?.headers()['content-type']?.startsWith('text/html')) {
			await page.locator(APP_STARTED).first().waitFor({ state: 'attached', timeout: 15_000 });
		}
		return response;
	};
}

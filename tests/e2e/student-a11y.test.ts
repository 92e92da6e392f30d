/**
 * The student pages under axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA; zero violations) in
 * the states that matter: forms with errors, a dashboard with progress, feedback, a review
 * with a question due and an empty one; every page in its last state, and the states with
 * colours of their own, also in the dark scheme and in high contrast (there with AAA's 7:1). Then the same pages at a phone width (375 px, nothing scrolls sideways) and at
 * 1280 px, with screenshots for people.
 */
import { mkdirSync } from 'node:fs';
import { expectNoViolations, showTheme } from './axe';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch } from './browser';
import {
	addCookies,
	answerInPage,
	baseURL,
	fillLogIn,
	fold,
	lessonWithAllTypes,
	newStudent,
	overflow,
	postAnswer,
	rightAnswer,
	signUpByPost,
	zoneAtMidday,
	wrongAnswer
} from './content';

const SHOTS = 'test-results/screenshots';
const L = lessonWithAllTypes();

let browser: Browser;
type Kind = 'anonymous' | 'progress' | 'caught-up';
/** one browser context per kind of visitor, shared by the tests of this file */
const contexts = {} as Record<Kind, BrowserContext>;

/**
 * A signed-up student with answers in lesson L: `progress` has one right and one wrong answer
 * (one question due for review); `caught-up` missed a question and then answered it right
 * (nothing due until tomorrow). Returns the session cookie.
 */
async function student(kind: Exclude<Kind, 'anonymous'>): Promise<string> {
	// caught-up is out of the queue until tomorrow in its own zone: keep tomorrow hours away
	const cookie = await signUpByPost(newStudent('axe'), undefined, kind === 'caught-up' ? zoneAtMidday() : undefined);
	const answers: [string, string][] =
		kind === 'progress'
			? [
					[L.single.id, rightAnswer(L.single)[0]!],
					[L.trueFalse.id, wrongAnswer(L.trueFalse)[0]!]
				]
			: [
					[L.trueFalse.id, wrongAnswer(L.trueFalse)[0]!],
					[L.trueFalse.id, rightAnswer(L.trueFalse)[0]!]
				];
	for (const [question, choice] of answers) {
		const res = await postAnswer(L.path, [['question', question], ['choice', choice]], { cookie });
		expect(res.status).toBe(200);
	}
	return cookie;
}

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	const [b, progress, caughtUp] = await Promise.all([launch(), student('progress'), student('caught-up')]);
	browser = b;
	for (const [kind, cookie] of [
		['anonymous', null],
		['progress', progress],
		['caught-up', caughtUp]
	] as const) {
		contexts[kind] = await browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 800 } });
		if (cookie) await addCookies(contexts[kind], cookie);
	}
});
afterAll(async () => {
	await Promise.all(Object.values(contexts).map((c) => c.close()));
	await browser?.close();
});

/** Opens a page as that kind of visitor; `hydrated` waits for the app's JavaScript to start. */
async function openAs(kind: Kind, path: string, hydrated: boolean): Promise<Page> {
	const page = await contexts[kind].newPage();
	const response = await page.goto(`${baseURL()}${path}`, { waitUntil: hydrated ? 'networkidle' : 'load' });
	expect(response?.status(), `GET ${path}`).toBe(200);
	return page;
}


interface State {
	state: string;
	/** brings the page into this state (after the states before it) */
	prepare?: (page: Page) => Promise<void>;
	/**
	 * checked in the dark scheme and in high contrast too: the states with colours of their own
	 * (errors, the progress bar and badges, the danger zone), as is each page's last state;
	 * feedback in every theme is checked in a11y.test.ts
	 */
	dark?: boolean;
}

const pages: { name: string; kind: Kind; path: string; states: State[] }[] = [
	{
		name: 'sign-up',
		kind: 'anonymous',
		path: '/signup',
		states: [
			{ state: 'empty form' },
			{
				state: 'field errors after a failed submit',
				dark: true,
				async prepare(page) {
					await page.getByLabel('Your name').fill('Axe Tester');
					await page.getByLabel('Username').fill('not valid!');
					await page.getByLabel('Password').fill('long enough password');
					await page.getByLabel('Class join code (optional)').fill('nope');
					await page.getByRole('button', { name: 'Create account' }).click();
					await expect.poll(() => page.locator('input[aria-invalid="true"]').count()).toBe(2);
					expect(fold(await page.locator('#f-username-error').innerText())).toBe(
						'Use only letters, digits, dots, dashes and underscores.'
					);
					expect(await page.getByLabel('Username').getAttribute('aria-describedby')).toBe('f-username-hint f-username-error');
					expect(await page.getByLabel('Class join code (optional)').getAttribute('aria-invalid')).toBe('true');
				}
			}
		]
	},
	{
		name: 'login',
		kind: 'anonymous',
		path: '/login',
		states: [
			{
				state: 'after a failed login',
				async prepare(page) {
					await fillLogIn(page, newStudent('nobody').username, 'not the password');
					await page.getByRole('alert').waitFor();
				}
			}
		]
	},
	{ name: 'dashboard', kind: 'progress', path: '/me', states: [{ state: 'with progress', dark: true }] },
	{
		name: 'lesson, signed in',
		kind: 'progress',
		path: L.path,
		states: [
			{
				state: 'stored and new feedback',
				async prepare(page) {
					expect(await page.getByRole('status').count()).toBeGreaterThanOrEqual(2);
					await answerInPage(page, L.multiple, rightAnswer(L.multiple));
				}
			}
		]
	},
	{
		name: 'review',
		kind: 'progress',
		path: '/me/review',
		states: [
			{
				state: 'a question due',
				async prepare(page) {
					expect(await page.locator('section.question').count()).toBe(1);
				}
			},
			{
				state: 'the due question answered',
				async prepare(page) {
					await answerInPage(page, L.trueFalse, wrongAnswer(L.trueFalse));
				}
			}
		]
	},
	{
		name: 'review',
		kind: 'caught-up',
		path: '/me/review',
		states: [
			{
				state: 'nothing due',
				async prepare(page) {
					expect(fold(await page.locator('main').innerText())).toContain('Nothing to review right now');
				}
			}
		]
	},
	{
		name: 'your data',
		kind: 'progress',
		path: '/me/data',
		states: [
			{ state: 'downloads and delete form' },
			{
				state: 'a wrong confirmation',
				dark: true,
				async prepare(page) {
					await page.getByLabel('Type your username to confirm').fill('someone-else');
					await page.getByRole('button', { name: 'Delete my account' }).click();
					await page.locator('#f-confirm-error').waitFor();
				}
			}
		]
	},
	{
		name: 'account',
		kind: 'caught-up',
		path: '/account',
		states: [
			{ state: 'password form' },
			{
				state: 'a wrong current password and new passwords that differ',
				dark: true,
				async prepare(page) {
					await page.getByLabel('Current password').fill('not the password');
					await page.getByLabel('New password', { exact: true }).fill('first new password');
					await page.getByLabel('New password again').fill('second new password');
					await page.getByRole('button', { name: 'Change password' }).click();
					await page.locator('#f-confirm-error').waitFor();
				}
			}
		]
	}
];

describe('axe on the student pages', () => {
	test.each(pages.map((p) => ({ ...p, list: p.states.map((s) => s.state).join('; ') })))(
		'$name ($list) has no WCAG A/AA violations, in light, dark and high contrast',
		async ({ kind, path, states }) => {
			const page = await openAs(kind, path, states.some((s) => s.prepare));
			try {
				for (const [i, { state, prepare, dark }] of states.entries()) {
					await showTheme(page, 'light');
					await prepare?.(page);
					await expectNoViolations(page, `${path}, ${state}`, 'light');
					// every page in its last state, and the states with colours of their own, also in the dark and in high contrast
					if (!dark && i < states.length - 1) continue;
					for (const theme of ['dark', 'contrast'] as const) {
						await showTheme(page, theme);
						await expectNoViolations(page, `${path}, ${state}`, theme);
					}
				}
			} finally {
				await page.close();
			}
		}
	);
});

describe('the student pages at a phone width and on a desktop', () => {
	test('sign-up, dashboard, review, your data and account fit 375 px and 1280 px, with screenshots', async () => {
		const shots: [Kind, string, string][] = [
			['anonymous', '/signup', 'signup'],
			['progress', '/me', 'dashboard'],
			['progress', '/me/review', 'review'],
			['progress', '/me/data', 'your-data'],
			['caught-up', '/account', 'account']
		];
		for (const [kind, path, name] of shots) {
			const page = await openAs(kind, path, false);
			try {
				for (const width of [375, 1280]) {
					await page.setViewportSize({ width, height: width === 375 ? 812 : 800 });
					await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
					const o = await overflow(page);
					expect(o.scrollWidth, `${path} overflows at ${width} px: ${o.wide.join(', ')}`).toBeLessThanOrEqual(width);
				}
			} finally {
				await page.close();
			}
		}
	});
});

describe('changing the password with JavaScript', () => {
	test('says so, empties the form, and the page has no WCAG A/AA violations', async () => {
		const s = newStudent('pwjs');
		const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 1280, height: 800 } });
		try {
			await addCookies(context, await signUpByPost(s));
			const page = await context.newPage();
			await page.goto(`${baseURL()}/account`, { waitUntil: 'networkidle' });
			await page.getByLabel('Current password').fill(s.password);
			await page.getByLabel('New password', { exact: true }).fill('a brand new password');
			await page.getByLabel('New password again').fill('a brand new password');
			await page.getByRole('button', { name: 'Change password' }).click();
			await page.getByRole('status').filter({ hasText: 'Your password is changed.' }).waitFor();
			for (const label of ['Current password', 'New password again']) expect(await page.getByLabel(label).inputValue(), label).toBe('');
			expect(await page.getByLabel('New password', { exact: true }).inputValue()).toBe('');
			await page.screenshot({ path: `${SHOTS}/account-changed-1280.png`, fullPage: true });
			await expectNoViolations(page, '/account, password changed', 'light');
		} finally {
			await context.close();
		}
	});
});

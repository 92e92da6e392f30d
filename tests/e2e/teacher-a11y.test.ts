/**
 * The teacher pages (and /join) under axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA; zero
 * violations) in the states that matter: empty and full, with form errors, and a class whose
 * students are in every state (done, done late, overdue, due soon, in progress); the richest
 * states, and every page's last, in the dark scheme and in high contrast (there with AAA's 7:1) too. Then the same pages at a phone width (375 px: nothing scrolls
 * sideways but the gradebook table inside its own region) and at 1280 px, with screenshots.
 */
import { mkdirSync } from 'node:fs';
import { expectNoViolations, showTheme } from './axe';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch } from './browser';
import {
	addCookies,
	answerByPost,
	baseURL,
	content,
	createClassByPost,
	fold,
	joinCodeIn,
	newStudent,
	newTeacher,
	overflow,
	postForm,
	signUpTeacherByPost,
	signUpWithCode
} from './content';

const SHOTS = 'test-results/screenshots';
const M = content().modules[0]!;
const [L1, L2, L3] = M.lessons as [(typeof M.lessons)[number], (typeof M.lessons)[number], (typeof M.lessons)[number]];
const pathOf = (l: typeof L1) => `/modules/${M.slug}/${l.slug}`;
const utcInput = (ms: number) => new Date(ms).toISOString().slice(0, 16);

let browser: Browser;
type Kind = 'anonymous' | 'new-teacher' | 'teacher' | 'student';
/** one browser context per kind of visitor, shared by the tests of this file */
const contexts = {} as Record<Kind, BrowserContext>;
const taken = newTeacher('axe');
/** the class with students and assignments, the empty one, and its first student */
let full = '';
let empty = '';
let studentId = '';

/**
 * A teacher with two classes: `full` has three lessons assigned (one due yesterday, one due
 * tomorrow, one without a date) and two students, one of whom finished two lessons (one late)
 * while the other started two; `empty` has nothing. Returns the cookies.
 */
async function world() {
	const [teacher, newcomer] = await Promise.all([signUpTeacherByPost(taken), signUpTeacherByPost(newTeacher('axe-new'))]);
	[full, empty] = await Promise.all([
		createClassByPost(teacher, 'Year 10 Civics', { section: 'Period 2' }),
		createClassByPost(teacher, 'Year 12 Politics')
	]);
	const day = 86_400_000;
	for (const [l, due] of [
		[L1, utcInput(Date.now() - day)],
		[L2, utcInput(Date.now() + day)],
		[L3, '']
	] as const) {
		const r = await postForm(`/teacher/classes/${full}?/assign`, { target: `${M.slug}/${l.slug}`, due }, { cookie: teacher });
		expect(r.status).toBe(200);
	}
	const code = joinCodeIn(await (await fetch(`${baseURL()}/teacher/classes/${full}`, { headers: { cookie: teacher } })).text())!;
	const [first, second] = await Promise.all([
		signUpWithCode({ ...newStudent('axe1'), displayName: 'Amira Haddad' }, code),
		signUpWithCode({ ...newStudent('axe2'), displayName: 'Jonas Weber' }, code)
	]);
	// the first: all of lesson 1 (late) and of lesson 3 (done); the second: half of lesson 1, one question of lesson 3
	for (const [l, n, cookie] of [
		[L1, L1.questions.length, first],
		[L3, L3.questions.length, first],
		[L1, 3, second],
		[L3, 1, second]
	] as const) {
		for (const [i, q] of l.questions.slice(0, n).entries()) {
			await answerByPost(pathOf(l), q, i % 3 !== 2, cookie);
		}
	}
	const roster = await (await fetch(`${baseURL()}/teacher/classes/${full}`, { headers: { cookie: teacher } })).text();
	studentId = new RegExp(`/teacher/classes/${full}/students/([0-9a-f-]{36})"[^>]*>Amira Haddad<`).exec(roster)![1]!;
	return { teacher, newcomer, student: second };
}

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	const [b, cookies] = await Promise.all([launch(), world()]);
	browser = b;
	for (const [kind, cookie] of [
		['anonymous', null],
		['new-teacher', cookies.newcomer],
		['teacher', cookies.teacher],
		['student', cookies.student]
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


/** Submits a plain form (not enhanced) and waits for the page the server answers with. */
async function submit(page: Page, button: string | Locator): Promise<number> {
	const target = typeof button === 'string' ? page.getByRole('button', { name: button, exact: true }) : button;
	const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle' }), target.click()]);
	return response?.status() ?? 0;
}

interface State {
	state: string;
	/** brings the page into this state (after the states before it) */
	prepare?: (page: Page) => Promise<void>;
	/** checked in the dark scheme and in high contrast too (as is each page's last state) */
	dark?: boolean;
}

/** paths are functions: the ids are made in beforeAll */
const classPage = (id: string) => `/teacher/classes/${id}`;
/** `typed`: the states fill in forms, so the page's app must have started first */
const pages: { name: string; kind: Kind; path: () => string; typed?: boolean; states: State[] }[] = [
	{
		name: 'teacher sign-up',
		kind: 'anonymous',
		path: () => '/teacher/signup',
		typed: true,
		states: [
			{ state: 'empty form' },
			{
				state: 'field errors after a failed submit',
				dark: true,
				async prepare(page) {
					// spaces pass the browser's `required`; "x@y" passes type=email but not the server
					await page.getByLabel('Your name').fill('   ');
					await page.getByLabel('Email').fill('x@y');
					await page.getByLabel('Password').fill('long enough password');
					await page.getByRole('button', { name: 'Create teacher account' }).click();
					await expect.poll(() => page.locator('input[aria-invalid="true"]').count()).toBe(2);
					expect(await page.getByLabel('Your name').getAttribute('aria-describedby')).toBe('f-displayName-hint f-displayName-error');
					expect(await page.getByLabel('Email').getAttribute('aria-describedby')).toBe('f-email-hint f-email-error');
				}
			},
			{
				state: 'an email address already in use',
				async prepare(page) {
					await page.getByLabel('Your name').fill('Axe Tester');
					await page.getByLabel('Email').fill(taken.email);
					await page.getByLabel('Password').fill('long enough password');
					await page.getByRole('button', { name: 'Create teacher account' }).click();
					await expect
						.poll(async () => fold(await page.locator('#f-email-error').innerText()))
						.toBe('An account with that email address exists. Log in instead.');
					expect(await page.locator('input[aria-invalid="true"]').count()).toBe(1);
				}
			}
		]
	},
	{
		name: 'your classes',
		kind: 'new-teacher',
		path: () => '/teacher',
		typed: true,
		states: [
			{ state: 'no classes yet' },
			{
				state: 'an empty class name refused',
				async prepare(page) {
					await page.getByLabel('Class name').fill('   ');
					expect(await submit(page, 'Create class')).toBe(400);
					expect(fold(await page.locator('#f-name-error').innerText())).toBe('Give the class a name.');
				}
			}
		]
	},
	{ name: 'your classes', kind: 'teacher', path: () => '/teacher', states: [{ state: 'two classes' }] },
	{
		name: 'class page',
		kind: 'teacher',
		path: () => classPage(empty),
		states: [
			{
				state: 'no students, nothing assigned',
				async prepare(page) {
					expect(fold(await page.locator('main').innerText())).toContain('No students yet');
				}
			}
		]
	},
	{
		name: 'class page',
		kind: 'teacher',
		path: () => classPage(full),
		typed: true,
		states: [
			{
				state: 'students and assignments',
				dark: true,
				async prepare(page) {
					expect(await page.locator('section[aria-labelledby="roster-h"] tbody tr').count()).toBe(2);
					expect(await page.locator('section[aria-labelledby="assign-h"] li').count()).toBe(3);
				}
			},
			{
				state: 'a saved setting and an assignment refused',
				async prepare(page) {
					await page.getByLabel('Which attempt counts').selectOption('best');
					expect(await submit(page, page.locator('form[action="?/counting"]').getByRole('button', { name: 'Save' }))).toBe(200);
					await page.locator('p.notice[role="status"]').waitFor();
					// the form without a choice: the browser's `required` is lifted to reach the server's message
					await page.locator('#f-target').evaluate((el) => el.removeAttribute('required'));
					expect(await submit(page, 'Assign')).toBe(400);
					await page.locator('#f-target-error').waitFor();
					expect(await page.getByLabel('Module or lesson').getAttribute('aria-invalid')).toBe('true');
				}
			}
		]
	},
	{
		name: 'join a class',
		kind: 'student',
		path: () => '/join',
		typed: true,
		states: [
			{ state: 'in one class' },
			{
				state: 'a code nobody uses',
				async prepare(page) {
					await page.getByLabel('Join code').fill('ZZZ-ZZZ');
					expect(await submit(page, 'Join')).toBe(400);
					expect(fold(await page.locator('#f-code-error').innerText())).toBe('No class uses that code. Check it with your teacher.');
				}
			}
		]
	},
	{
		name: 'gradebook',
		kind: 'teacher',
		path: () => `${classPage(full)}/gradebook`,
		states: [
			{
				state: 'students in every state',
				dark: true,
				async prepare(page) {
					const states = (await page.locator('.scroll tbody .state').allInnerTexts()).map(fold);
					for (const s of ['Done', 'Done late', 'Overdue', 'Due soon', 'In progress']) expect(states).toContain(s);
				}
			}
		]
	},
	{
		name: 'results per question',
		kind: 'teacher',
		path: () => `${classPage(full)}/lessons/${L1.slug}`,
		states: [
			{
				state: 'two students, with charts',
				dark: true,
				async prepare(page) {
					expect(await page.locator('svg[role="img"]').count()).toBe(L1.questions.length);
				}
			}
		]
	},
	{ name: 'results per question', kind: 'teacher', path: () => `${classPage(full)}/lessons/${L2.slug}`, states: [{ state: 'nobody answered yet' }] },
	{
		name: "a student's answers",
		kind: 'teacher',
		path: () => `${classPage(full)}/students/${studentId}`,
		states: [
			{
				state: 'two lessons answered, with the sources',
				dark: true,
				async prepare(page) {
					expect(await page.locator('blockquote').count()).toBeGreaterThan(0);
				}
			}
		]
	}
];

describe('axe on the teacher pages', () => {
	test.each(pages.map((p) => ({ ...p, list: p.states.map((s) => s.state).join('; ') })))(
		'$name ($list) has no WCAG A/AA violations, in light, dark and high contrast',
		async ({ kind, path: pathFn, typed, states }) => {
			const path = pathFn();
			const page = await openAs(kind, path, Boolean(typed));
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

describe('the teacher pages at a phone width and on a desktop', () => {
	const shots: { name: string; kind: Kind; path: () => string }[] = [
		{ name: 'teacher-signup', kind: 'anonymous', path: () => '/teacher/signup' },
		{ name: 'teacher-no-classes', kind: 'new-teacher', path: () => '/teacher' },
		{ name: 'teacher-classes', kind: 'teacher', path: () => '/teacher' },
		{ name: 'teacher-class-empty', kind: 'teacher', path: () => classPage(empty) },
		{ name: 'teacher-class', kind: 'teacher', path: () => classPage(full) },
		{ name: 'teacher-join', kind: 'student', path: () => '/join' },
		{ name: 'teacher-gradebook', kind: 'teacher', path: () => `${classPage(full)}/gradebook` },
		{ name: 'teacher-lesson-results', kind: 'teacher', path: () => `${classPage(full)}/lessons/${L1.slug}` },
		{ name: 'teacher-student-answers', kind: 'teacher', path: () => `${classPage(full)}/students/${studentId}` }
	];
	test.each(shots)('$name fits 375 px and 1280 px, with screenshots', async ({ name, kind, path: pathFn }) => {
		const path = pathFn();
		const page = await openAs(kind, path, false);
		try {
			// both screenshots first, so that a page that overflows is still there to look at
			const measured: [number, Awaited<ReturnType<typeof overflow>>][] = [];
			for (const width of [375, 1280]) {
				await page.setViewportSize({ width, height: width === 375 ? 812 : 800 });
				await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
				measured.push([width, await overflow(page)]);
			}
			for (const [width, o] of measured) {
				expect(o.scrollWidth, `${path} overflows at ${width} px: ${o.wide.join(', ')}`).toBeLessThanOrEqual(width);
			}
			if (name === 'teacher-gradebook') {
				// at 375 px the table is wider than its region, which scrolls (and takes keyboard focus)
				await page.setViewportSize({ width: 375, height: 812 });
				const region = page.getByRole('region', { name: 'Gradebook table (scrolls sideways)' });
				const { scroll, client, tabIndex } = await region.evaluate((el) => ({
					scroll: el.scrollWidth,
					client: el.clientWidth,
					tabIndex: (el as HTMLElement).tabIndex
				}));
				expect(scroll).toBeGreaterThan(client);
				expect(tabIndex).toBe(0);
			}
		} finally {
			await page.close();
		}
	});
});

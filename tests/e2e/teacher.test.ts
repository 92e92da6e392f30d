/**
 * A teacher's whole path in a real browser (JavaScript on): signs up, creates a class (an empty
 * name is refused next to the field), assigns the first module with a due date in the class's
 * time zone, and students join with /signup?code=…. One finishes the first lesson before the
 * due date; a new join code retires the old one and turning joining off retires every code; the
 * due date moves into the past and another student finishes after it: Done and Done late, on
 * their dashboards and in the gradebook, whose numbers, sorting, per-question and per-student
 * reports and both CSV downloads are checked against what the students answered. Then a student
 * and the assignment are removed (the answers stay). Besides: the time zone chosen survives a
 * refused form, and the join rate limit holds on a fresh server.
 *
 * This file runs on a server of its own: every wrong join code tried (at /join or at sign-up)
 * counts against a limit of 10 per address in 15 minutes (right ones give their try back).
 *
 * Due dates are whole minutes, so the new due date can only fall between A's last answer and
 * B's first once a minute has turned: the tests that do not need B's answers run in between,
 * and the rest waits for the turn of the minute if it has not come yet.
 */
import type { ChildProcess } from 'node:child_process';
import { parse } from 'csv-parse/sync';
import type { APIResponse, Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch } from './browser';
import {
	addCookies,
	answerByPost,
	answerInPage,
	answerText,
	citedText,
	content,
	expectedBars,
	cookieHeader,
	createClassByPost,
	fold,
	joinCodeIn,
	newStudent,
	newTeacher,
	postForm,
	searchable,
	signUpByPost,
	signUpTeacherByPost,
	signUpWithCode,
	type Student
} from './content';
import { startServer } from './global-setup';
import { JOIN_LIMIT } from '../../src/lib/server/auth/join';
import { formatInZone } from '../../src/lib/time-zone';

const M = content().modules[0]!;
const L = M.lessons[0]!;
const LESSON_PATH = `/modules/${M.slug}/${L.slug}`;
const N = L.questions.length;
const TOTAL = M.lessons.reduce((n, l) => n + l.questions.length, 0);
const ZONE = 'UTC';
/** the teacher's browser is elsewhere, so that choosing UTC is a real choice */
const BROWSER_ZONE = 'America/Sao_Paulo';
const CLASS_NAME = 'Year 11 — Politics & Media';
const CLASS_SLUG = 'year-11-politics-media';
const SECTION = 'Period 3';
const NOT_FOUND_CODE = 'No class uses that code. Check it with your teacher.';

let server: { url: string; child: ChildProcess };
let base: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const started = new Date().toISOString();

/** A student of the story: who they are and what they answer (true right, false wrong, undefined not at all). */
interface Learner {
	s: Student;
	plan: (boolean | undefined)[];
	cookie: string;
	context?: BrowserContext;
}
const tag = Date.now().toString(36);
const mk = (displayName: string, username: string, plan: (boolean | undefined)[]): Learner => ({
	s: { ...newStudent(username), displayName },
	plan,
	cookie: ''
});
// A: 4 of 6 right, before the due date; B: 2 of 6 right, after it; H: one wrong answer, and a name a spreadsheet would run
const A = mk(`Ada Archer ${tag}`, 'ada', L.questions.map((_, i) => i % 3 !== 2));
const B = mk(`Ben Baker ${tag}`, 'ben', L.questions.map((_, i) => i % 3 === 0));
const H = mk('=HYPERLINK("x")', 'hyp', L.questions.map((_, i) => (i === 0 ? false : undefined)));
const everyone = [A, B, H];
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const byName = [...everyone].sort((x, y) => collator.compare(x.s.displayName, y.s.displayName));

const rightCount = (p: Learner) => p.plan.filter((x) => x === true).length;
const answeredCount = (p: Learner) => p.plan.filter((x) => x !== undefined).length;
const pct = (x: number) => `${Math.round(x * 100)}%`;
/** As a spreadsheet-safe CSV cell: a leading = + - @ tab or CR gets a ' in front. */
const csvCell = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
/** "2026-05-01T17:00" for a datetime-local field in UTC (the class's zone). */
const utcInput = (ms: number) => new Date(ms).toISOString().slice(0, 16);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** "17 Nov, 22:22" in UTC, as a gradebook column header shows a due date */
const shortUtc = (iso: string) =>
	new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let teacher: Page;
let classPath = '';
let due1 = ''; // the first due date (ISO), three days ahead
let due2 = ''; // the due date moved into the past (ISO), between A's and B's answers
let aFinished = 0; // when the last answer given before the due date moves (A's, then H's) was acknowledged (ms)
let code = ''; // the code students joined with (ABC-DEF)

beforeAll(async () => {
	[server, browser] = await Promise.all([startServer(), launch()]);
	base = server.url;
});
afterAll(async () => {
	await Promise.all(contexts.map((c) => c.close()));
	await browser?.close();
	server?.child.kill('SIGTERM');
});

async function newPage(options: { timezoneId?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
	contexts.push(context);
	return { context, page: await context.newPage() };
}

/** Opens a page; `hydrated` (for pages that are typed into or need JavaScript) waits for the app to start. */
async function goto(page: Page, path: string, hydrated = true) {
	const response = await page.goto(`${base}${path}`, { waitUntil: hydrated ? 'networkidle' : 'load' });
	expect(response?.status(), `GET ${path}`).toBe(200);
}

/** Clicks a button of a plain (not enhanced) form and waits for the page the server answers with (and its app, if `hydrated`); its status. */
async function submit(page: Page, button: Locator, hydrated = false): Promise<number> {
	const [response] = await Promise.all([page.waitForNavigation({ waitUntil: hydrated ? 'networkidle' : 'load' }), button.click()]);
	return response?.status() ?? 0;
}

const notice = (page: Page) => page.locator('p.notice[role="status"]');

/** The student's "Assigned to you": each lesson's address and its state. */
async function assignedStates(page: Page): Promise<Record<string, string>> {
	await goto(page, '/me', false);
	const items = page.locator('section[aria-labelledby="assigned"] li');
	const out: Record<string, string> = {};
	for (const li of await items.all()) out[(await li.locator('a').getAttribute('href'))!] = fold(await li.locator('.badge').innerText());
	return out;
}
const lessonHref = (i: number) => `/modules/${M.slug}/${M.lessons[i]!.slug}`;

async function answersExported(context: BrowserContext) {
	const res = await context.request.get(`${base}/me/data/export.json`);
	expect(res.status()).toBe(200);
	return ((await res.json()) as { answers: { lesson: string; question_id: string; correct: boolean | number }[] }).answers.map((a) => [
		a.lesson,
		a.question_id,
		Boolean(a.correct)
	]);
}
const planned = (p: Learner) =>
	L.questions.flatMap((q, i) => (p.plan[i] === undefined ? [] : [[`${M.slug}/${L.slug}`, q.id, p.plan[i]]]));

/** A download: its type, the BOM, the file name, and the rows parsed strictly (no relaxed quotes or columns). */
async function csvOf(res: APIResponse, what: 'gradebook' | 'answers'): Promise<string[][]> {
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toBe('text/csv; charset=utf-8');
	const day = new Date().toISOString().slice(0, 10); // the class is in UTC
	expect(res.headers()['content-disposition']).toBe(`attachment; filename="${CLASS_SLUG}-${what}-${day}.csv"`);
	const text = await res.text();
	expect(text.startsWith('\uFEFF'), 'starts with a UTF-8 BOM').toBe(true);
	expect(text.endsWith('\r\n')).toBe(true);
	const rows = parse(text.slice(1), { bom: false, record_delimiter: '\r\n', relax_quotes: false, relax_column_count: false }) as string[][];
	// nothing a spreadsheet would run as a formula
	for (const cell of rows.flat()) expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
	return rows;
}

/**
 * What the gradebook should show for a student, before the due date moved (`late` false: B has
 * not answered yet) or after: lesson 1, the other lessons, the total.
 */
function expectedRow(p: Learner, late: boolean) {
	const answered = p === B && !late ? 0 : answeredCount(p);
	const right = p === B && !late ? 0 : rightCount(p);
	const state = p === A ? 'Done' : p === B ? (late ? 'Done late' : 'Not started') : late ? 'Overdue' : 'In progress';
	return {
		name: p.s.displayName,
		cells: [
			[answered ? pct(right / N) : '—', state, `${answered} of ${N} answered`],
			...M.lessons.slice(1).map((l) => ['—', late ? 'Overdue' : 'Not started', `0 of ${l.questions.length} answered`])
		],
		total: [answered ? pct(right / TOTAL) : '—', `${state.startsWith('Done') ? 1 : 0} of ${M.lessons.length} done`, `${answered} of ${TOTAL} answered`]
	};
}

/** The class row under the gradebook: per lesson, the mean score of those who started, how many started and finished. */
function expectedFooter(late: boolean) {
	const started = everyone.filter((p) => (p === B ? late : true));
	const mean = started.reduce((n, p) => n + rightCount(p) / N, 0) / started.length;
	const done = late ? 2 : 1;
	return [
		[pct(mean), `mean of ${started.length} started`, `${done} of 3 done`],
		...M.lessons.slice(1).map(() => ['—', 'mean of 0 started', '0 of 3 done'])
	];
}

/** The gradebook as shown: per row the name, then score, state and "answered" per lesson, then the total's lines; and the class row. */
async function gradebookTable(page: Page) {
	return page.locator('.scroll table').evaluate((table) => {
		const text = (el: Element | null) => (el as HTMLElement | null)?.innerText.replace(/\s+/g, ' ').trim();
		return {
			rows: [...table.querySelectorAll('tbody tr')].map((tr) => ({
				name: text(tr.querySelector('th a')),
				cells: [...tr.querySelectorAll('td:not(.total)')].map((td) => ['.score', '.state', '.meta'].map((c) => text(td.querySelector(c)))),
				total: [...tr.querySelectorAll('td.total .score, td.total .meta')].map((el) => text(el))
			})),
			footer: [...table.querySelectorAll('tfoot td')].filter((td) => td.textContent!.trim()).map((td) => [...td.querySelectorAll('.score, .meta')].map((el) => text(el)))
		};
	});
}
const gradebookRows = async (page: Page) => (await gradebookTable(page)).rows;

describe('a teacher, a class and its students', () => {
	test('a teacher signs up, creates a class (an empty name is refused next to the field) and assigns the first module, due in UTC', async () => {
		const t = newTeacher('t');
		const { context, page } = await newPage({ timezoneId: BROWSER_ZONE });
		teacher = page;
		await goto(page, '/teacher/signup');
		await page.getByLabel('Your name').fill(t.displayName);
		await page.getByLabel('Email').fill(t.email);
		await page.getByLabel('Password').fill(t.password);
		await page.getByRole('button', { name: 'Create teacher account' }).click();
		await page.waitForURL((u) => u.pathname === '/teacher');
		await page.waitForLoadState('networkidle');
		expect(fold(await page.locator('h1').innerText())).toBe('Your classes');
		expect(fold(await page.locator('main').innerText())).toContain('No classes yet');
		expect(await page.getByRole('link', { name: 'My classes' }).count()).toBe(1);
		// with JavaScript the zone list starts at the browser's zone
		expect(await page.getByLabel('Time zone').inputValue()).toBe(BROWSER_ZONE);

		// a name of spaces passes the browser's `required`, and the server refuses it
		await page.getByLabel('Class name').fill('   ');
		await page.getByLabel('Period or section (optional)').fill(SECTION);
		await page.getByLabel('Time zone').selectOption(ZONE);
		expect(await submit(page, page.getByRole('button', { name: 'Create class' }), true)).toBe(400);
		const name = page.getByLabel('Class name');
		expect(await name.getAttribute('aria-invalid')).toBe('true');
		expect(await name.getAttribute('aria-describedby')).toBe('f-name-error');
		const field = page.locator('.field', { has: page.locator('#f-name') });
		expect(fold(await field.locator('#f-name-error').innerText())).toBe('Give the class a name.');
		expect(await page.getByLabel('Period or section (optional)').inputValue()).toBe(SECTION);
		expect(await page.locator('[aria-invalid="true"]').count()).toBe(1);

		await name.fill(CLASS_NAME);
		// chosen again: the refused form loses an explicit UTC (see the last test of this file)
		await page.getByLabel('Time zone').selectOption(ZONE);
		await page.getByRole('button', { name: 'Create class' }).click();
		await page.waitForURL((u) => /^\/teacher\/classes\/[0-9a-f-]{36}$/.test(u.pathname));
		await page.waitForLoadState('networkidle');
		classPath = new URL(page.url()).pathname;
		expect(fold(await page.locator('h1').innerText())).toBe(`${CLASS_NAME} · ${SECTION}`);
		expect(fold(await page.locator('main').innerText())).toContain('Times in UTC.');
		code = fold(await page.locator('p.code').innerText());
		expect(code).toMatch(/^[A-HJ-NP-Z2-9]{3}-[A-HJ-NP-Z2-9]{3}$/);
		expect(fold(await page.locator('section[aria-labelledby="roster-h"]').innerText())).toContain(`No students yet — share code ${code}.`);

		// "Copy code" puts the code on the clipboard, without the dash
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
		await page.getByRole('button', { name: 'Copy code' }).click();
		await expect.poll(() => page.getByRole('status').filter({ hasText: 'Join code copied' }).count()).toBe(1);
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code.replace('-', ''));

		// the first module, due in three days at a whole minute, entered in UTC
		const dueMs = Math.floor((Date.now() + 3 * 86_400_000) / 60_000) * 60_000;
		due1 = new Date(dueMs).toISOString();
		await page.getByLabel('Module or lesson').selectOption(M.slug);
		await page.getByLabel('Due (optional, UTC time)').fill(utcInput(dueMs));
		expect(await submit(page, page.getByRole('button', { name: 'Assign' }))).toBe(200);
		expect(fold(await notice(page).innerText())).toBe(`Assigned: Module: ${M.title}.`);
		const item = page.locator('section[aria-labelledby="assign-h"] li');
		expect(await item.count()).toBe(1);
		expect(fold(await item.locator('h3').innerText())).toBe(`Module: ${M.title}`);
		expect(fold(await item.locator('p.muted').innerText())).toBe(`${M.lessons.length} lessons · due ${formatInZone(due1, ZONE)}`);
		expect(await item.getByLabel('Due', { exact: true }).inputValue()).toBe(utcInput(dueMs));
	});

	/** Signs a student up in a browser at /signup?code=…, the code in the field already. */
	async function signUpInBrowser(p: Learner, shared: string) {
		const { context, page } = await newPage();
		p.context = context;
		await goto(page, `/signup?code=${encodeURIComponent(shared)}`);
		expect(await page.getByLabel('Class join code (optional)').inputValue()).toBe(shared);
		await page.getByLabel('Your name').fill(p.s.displayName);
		await page.getByLabel('Username').fill(p.s.username);
		await page.getByLabel('Password').fill(p.s.password);
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.waitForURL((u) => u.pathname === '/me');
		p.cookie = await cookieHeader(context);
		return page;
	}

	test('students join with /signup?code=…; one finishes the first lesson before the due date: Done', async () => {
		expect(classPath).not.toBe('');
		// A with the code as shown (ABC-DEF), and answers every question of the first lesson
		const page = await signUpInBrowser(A, code);
		expect(await assignedStates(page)).toEqual(Object.fromEntries(M.lessons.map((_, i) => [lessonHref(i), 'Not started'])));
		await goto(page, LESSON_PATH);
		for (const [i, q] of L.questions.entries()) await answerInPage(page, q, A.plan[i]!);
		aFinished = Date.now();

		// the dashboard: done, with the class and the due date
		expect(await assignedStates(page)).toEqual({
			[lessonHref(0)]: 'Done',
			...Object.fromEntries(M.lessons.slice(1).map((_, i) => [lessonHref(i + 1), 'Not started']))
		});
		const first = page.locator('section[aria-labelledby="assigned"] li', { has: page.locator(`a[href="${LESSON_PATH}"]`) });
		// with the class's rule for late answers (the default: they count, marked late)
		expect(fold(await first.locator('.muted').innerText())).toBe(`· ${CLASS_NAME} · due ${formatInZone(due1, ZONE)} (late answers count, marked late)`);
		await page.close();

		// B with the code as a link carries it (ABCDEF); B answers after the due date, below
		await (await signUpInBrowser(B, code.replace('-', ''))).close();
		// the student with a formula for a name joins over HTTP and answers one question wrong
		H.cookie = await signUpWithCode(H.s, code, base);
		await answerByPost(LESSON_PATH, L.questions[0]!, false, H.cookie, base);
		// the due date moves to a minute after this too, or H's answer could fall after it and count late
		aFinished = Date.now();
	});

	test('a new code retires the old one, and turning joining off retires every code', async () => {
		const join = (c: string) => postForm('/join', { code: c }, { base, cookie: H.cookie });
		await goto(teacher, classPath, false);
		expect(fold(await teacher.locator('p.code').innerText())).toBe(code);

		expect(await submit(teacher, teacher.getByRole('button', { name: 'New code' }))).toBe(200);
		expect(fold(await notice(teacher).innerText())).toBe('A new join code is ready. The old one no longer works.');
		const fresh = fold(await teacher.locator('p.code').innerText());
		expect(fresh).toMatch(/^[A-HJ-NP-Z2-9]{3}-[A-HJ-NP-Z2-9]{3}$/);
		expect(fresh).not.toBe(code);

		const old = await join(code);
		expect(old.status).toBe(400);
		expect(old.text).toMatch(new RegExp(`id="f-code-error"[^>]*>${escapeRegExp(NOT_FOUND_CODE)}<`));
		// dashes and case do not matter
		const ok = await join(fresh.replace('-', '').toLowerCase());
		expect(ok.status).toBe(200);
		expect(searchable(ok.text.replace(/<[^>]*>/g, ''))).toContain(`You joined ${CLASS_NAME}.`);

		expect(await submit(teacher, teacher.getByRole('button', { name: 'Turn off joining' }))).toBe(200);
		expect(fold(await notice(teacher).innerText())).toBe('Joining is switched off. Make a new code to let students join again.');
		expect(await teacher.locator('p.code').count()).toBe(0);
		expect(fold(await teacher.locator('section[aria-labelledby="code-h"]').innerText())).toContain('Joining is off: no code works for this class.');
		expect(await teacher.getByRole('button', { name: 'Make a join code' }).count()).toBe(1);

		for (const c of [fresh, code]) {
			const r = await join(c);
			expect(r.status, `code ${c} after joining was turned off`).toBe(400);
			expect(r.text).toContain(NOT_FOUND_CODE);
		}
		const s = newStudent('late');
		const signup = await postForm('/signup', { displayName: s.displayName, username: s.username, password: s.password, code: fresh }, { base });
		expect(signup.status).toBe(400);
		expect(signup.text).toMatch(new RegExp(`id="f-code-error"[^>]*>${escapeRegExp(NOT_FOUND_CODE)}<`));
		expect(signup.cookie).not.toContain('bc_session=');
	});

	test('before the due date the gradebook shows Done, In progress and Not started', async () => {
		await goto(teacher, `${classPath}/gradebook`, false);
		expect(await gradebookTable(teacher)).toEqual({ rows: byName.map((p) => expectedRow(p, false)), footer: expectedFooter(false) });
		expect(fold(await teacher.locator('thead').innerText())).toContain(`Due ${shortUtc(due1)}`);
	});
});

describe('the time zone a teacher chose', () => {
	test('survives a refused class form (JavaScript on, in a browser set to another zone)', async () => {
		const cookie = await signUpTeacherByPost(newTeacher('tz'), base);
		const { context, page } = await newPage({ timezoneId: BROWSER_ZONE });
		await addCookies(context, cookie, base);
		await goto(page, '/teacher');
		const zone = page.getByLabel('Time zone');
		expect(await zone.inputValue()).toBe(BROWSER_ZONE);
		await zone.selectOption(ZONE);
		await page.getByLabel('Class name').fill('   ');
		expect(await submit(page, page.getByRole('button', { name: 'Create class' }), true)).toBe(400);
		// submitting again now would create the class in the browser's zone instead
		expect(await zone.inputValue(), 'the zone chosen before the error').toBe(ZONE);
	});
});

describe('join rate limit (on a server of its own)', () => {
	let fresh: { url: string; child: ChildProcess } | undefined;
	afterAll(() => {
		fresh?.child.kill('SIGTERM');
	});

	test('right codes never count (a class joins from one address); the 11th wrong code within 15 minutes gets 429, then even the right one', async () => {
		fresh = await startServer();
		const url = fresh.url;
		const t = await signUpTeacherByPost(newTeacher('rl'), url);
		const classId = await createClassByPost(t, 'Rate limit class', { base: url });
		const real = joinCodeIn(await (await fetch(`${url}/teacher/classes/${classId}`, { headers: { cookie: t } })).text());
		expect(real).not.toBeNull();
		// a class of more than the limit signs up with the code on the board, all from one address
		for (let i = 0; i < JOIN_LIMIT.max + 2; i++) await signUpWithCode(newStudent(`rlok${i}`), real!, url);
		const cookie = await signUpByPost(newStudent('rl'), url);
		const join = (c: string) => postForm('/join', { code: c }, { base: url, cookie });
		const wrong = (i: number) => `ZZZZZ${'ABCDEFGHJKMNPQRSTUVWXYZ23456789'[i]}`;
		for (let i = 0; i < JOIN_LIMIT.max; i++) {
			const r = await join(wrong(i));
			expect(r.status, `wrong code ${i + 1}`).toBe(400);
			expect(r.text).toContain(NOT_FOUND_CODE);
		}
		for (const c of [wrong(JOIN_LIMIT.max), real!]) {
			const r = await join(c);
			expect(r.status, `code ${c} after ${JOIN_LIMIT.max} tries`).toBe(429);
			expect(r.text).toMatch(/id="f-code-error"[^>]*>Too many join codes tried\. Please wait 15 minutes and try again\.</);
		}
	});
});

// after the tests above, which fill some of the time until the due date can move between A's answers and B's
describe('the class after the due date moved into the past', () => {
	test(
		'the due date moves into the past (answers kept); the other student finishes after it: Done late',
		async () => {
			expect(aFinished).toBeGreaterThan(0);
			// due dates are whole minutes: the first minute after A's last answer, once it has passed
			const dueMs = Math.ceil((aFinished + 1) / 60_000) * 60_000;
			await sleep(dueMs + 1000 - Date.now());
			due2 = new Date(dueMs).toISOString();
			await goto(teacher, classPath);
			const item = teacher.locator('section[aria-labelledby="assign-h"] li');
			await item.getByLabel('Due', { exact: true }).fill(utcInput(dueMs));
			expect(dueMs).toBeLessThan(Date.now());
			expect(await submit(teacher, item.getByRole('button', { name: 'Change due date' }))).toBe(200);
			expect(fold(await notice(teacher).innerText())).toBe('Due date changed. Answers already given are kept.');
			expect(fold(await item.locator('p.muted').innerText())).toBe(`${M.lessons.length} lessons · due ${formatInZone(due2, ZONE)}`);
			expect(await answersExported(A.context!)).toEqual(planned(A));

			for (const [i, q] of L.questions.entries()) await answerByPost(LESSON_PATH, q, B.plan[i]!, B.cookie, base);

			const overdue = Object.fromEntries(M.lessons.slice(1).map((_, i) => [lessonHref(i + 1), 'Overdue']));
			const page = await B.context!.newPage();
			expect(await assignedStates(page)).toEqual({ [lessonHref(0)]: 'Done late', ...overdue });
			await page.close();
			const pageA = await A.context!.newPage();
			expect(await assignedStates(pageA)).toEqual({ [lessonHref(0)]: 'Done', ...overdue });
			await pageA.close();
		},
		120_000
	);

	test('the gradebook shows every score and state, sorts by name and by total, and links to the per-question and per-student reports', async () => {
		const page = teacher;
		await goto(page, classPath, false);
		await page.getByRole('link', { name: 'Open the gradebook' }).click();
		await page.waitForURL((u) => u.pathname === `${classPath}/gradebook`);
		await page.waitForLoadState('load');
		expect(fold(await page.locator('h1').innerText())).toBe('Gradebook');
		expect(fold(await page.locator('caption').innerText())).toBe(
			`3 students × ${M.lessons.length} assigned lessons, sorted by name, A to Z. Due dates in UTC time.`
		);
		expect(await gradebookTable(page)).toEqual({ rows: byName.map((p) => expectedRow(p, true)), footer: expectedFooter(true) });
		expect(fold(await page.locator('thead').innerText())).toContain(`Due ${shortUtc(due2)}`);
		const nameHeader = page.locator('thead th.corner');
		expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');

		// by name, Z to A
		await nameHeader.getByRole('link').click();
		await page.waitForURL((u) => u.search === '?sort=name&dir=desc');
		await expect.poll(async () => (await gradebookRows(page)).map((r) => r.name)).toEqual(byName.map((p) => p.s.displayName).reverse());
		expect(await nameHeader.getAttribute('aria-sort')).toBe('descending');
		expect(fold(await page.locator('caption').innerText())).toContain('sorted by name, Z to A.');
		// by total, highest first
		await page.getByRole('link', { name: /^Total/ }).click();
		await page.waitForURL((u) => u.search === '?sort=total&dir=desc');
		await expect.poll(async () => (await gradebookRows(page)).map((r) => r.name)).toEqual([A, B, H].map((p) => p.s.displayName));
		expect(await page.locator('thead th').last().getAttribute('aria-sort')).toBe('descending');

		// the lesson's results per question
		// (Chromium puts a space before the visually hidden part of the link's name)
		await page.getByRole('link', { name: new RegExp(`^${escapeRegExp(L.title)}\\s?: results per question$`) }).click();
		await page.waitForURL((u) => u.pathname === `${classPath}/lessons/${L.slug}`);
		// a client-side navigation may change the address a moment before the page
		await expect.poll(async () => fold(await page.locator('h1').innerText())).toBe(`${L.title}: results per question`);
		const main = fold(await page.locator('main').innerText());
		expect(main).toContain(`assigned, due ${formatInZone(due2, ZONE)}`);
		expect(main).toContain('3 of 3 students answered at least one question. Counting each student’s latest attempt at each question.');
		const how = fold(await page.locator('section[aria-labelledby="how-h"]').innerText());
		expect(how).toContain(
			'Facility = share of students who answered right; discrimination = share right in the top 27% minus the bottom 27% by lesson score.'
		);
		expect(how).toContain('Right first try uses their first attempt.');
		expect(how).toContain('Discrimination runs from −1 to +1.');

		// every number, worked out here from what each student answered (one attempt each)
		const total = (p: Learner) => rightCount(p); // wrong answers score 0 points
		const signed = (x: number) => (x > 0 ? `+${x.toFixed(2)}` : x < 0 ? `−${Math.abs(x).toFixed(2)}` : '0.00');
		const summary = await Promise.all(
			(await page.locator('table.summary tbody tr').all()).map(async (tr) => [
				fold(await tr.locator('th').innerText()),
				...(await tr.locator('td').allInnerTexts()).slice(0, 5).map(fold)
			])
		);
		const expected = L.questions.map((q, i) => {
			const takers = everyone.filter((p) => p.plan[i] !== undefined).sort((x, y) => total(y) - total(x));
			const right = takers.filter((p) => p.plan[i]).length;
			const k = takers.length < 2 ? 0 : Math.max(1, Math.round(takers.length * 0.27));
			const d = k ? (takers.slice(0, k).filter((p) => p.plan[i]).length - takers.slice(-k).filter((p) => p.plan[i]).length) / k : null;
			const skill = q.skill[0]!.toUpperCase() + q.skill.slice(1);
			return [`${i + 1}. ${fold(q.prompt)}`, skill, String(takers.length), pct(right / takers.length), pct(right / takers.length), d === null ? '—' : signed(d)];
		});
		expect(summary).toEqual(expected);
		// the first question: three students, two right, the strongest right and the weakest wrong
		expect(summary[0]!.slice(2)).toEqual(['3', '67%', '67%', '+1.00']);

		// one chart per question, described for screen readers by its choice counts
		expect(await page.locator('svg[role="img"]').count()).toBe(N);
		for (const [i, q] of L.questions.entries()) {
			const card = page.locator(`#q-${q.id}`);
			const takers = everyone.filter((p) => p.plan[i] !== undefined);
			const counts = expectedBars(q, takers.map((p) => p.plan[i]!)).map(
				(b) => `${b.text}: ${b.count} (${Math.round((b.count / takers.length) * 100)}%)${b.right ? ', right' : ''}`
			);
			const chart = card.getByRole('img');
			expect(await chart.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
			expect(fold((await chart.locator('title').textContent()) ?? '')).toBe(fold(`${takers.length} students: ${counts.join('; ')}`));
			expect(await chart.locator('rect.bar').count()).toBe(counts.length);
		}

		// a student's answers, each with the sentence that proves the right one
		await page.getByRole('link', { name: 'Gradebook', exact: true }).click();
		await page.waitForURL((u) => u.pathname === `${classPath}/gradebook`);
		await page.locator('.scroll tbody').getByRole('link', { name: A.s.displayName }).click();
		await page.waitForURL((u) => u.pathname.startsWith(`${classPath}/students/`));
		await expect.poll(async () => fold(await page.locator('h1').innerText())).toBe(A.s.displayName);
		const overview = page.locator('section[aria-labelledby="assigned-h"] tbody tr').first();
		expect([fold(await overview.locator('th').innerText()), ...(await overview.locator('td').allInnerTexts()).map(fold)]).toEqual([
			fold(L.title),
			pct(rightCount(A) / N),
			`${N} of ${N}`,
			'Done',
			formatInZone(due2, ZONE)
		]);
		const section = page.locator(`#lesson-${L.slug}`);
		expect(fold(await section.locator('p.muted').first().innerText())).toContain(
			`Assigned · ${N} of ${N} questions answered · ${rightCount(A)} right on the counted attempt (${pct(rightCount(A) / N)})`
		);
		const cards = section.locator('ol.questions > li');
		expect(await cards.count()).toBe(N);
		for (const [i, q] of L.questions.entries()) {
			const card = cards.nth(i);
			expect(fold(await card.locator('h4').innerText())).toBe(fold(q.prompt));
			expect(fold((await card.locator('.key').textContent()) ?? '')).toBe(fold(`Right answer ${answerText(q, true)}`));
			const attempt = card.locator('ol.attempts > li');
			expect(await attempt.count()).toBe(1);
			expect(fold(await attempt.locator('.badge').innerText())).toBe(A.plan[i] ? '✓ Right' : '✗ Wrong');
			expect(fold(await attempt.locator('.given').innerText())).toBe(fold(`“${answerText(q, A.plan[i]!)}”`));
			expect(fold(await attempt.locator('.meta').innerText())).toMatch(/^Attempt 1 · .+ · counts$/);
			const quotes = (await card.locator('blockquote').allInnerTexts()).map(fold);
			expect(quotes).toEqual(q.cite.map((c) => fold(citedText(c))));
		}
	});

	test('gradebook.csv and answers.csv hold exactly what the students answered, with the formula-like name neutralised', async () => {
		const request = teacher.context().request;
		const gradebook = await csvOf(await request.get(`${base}${classPath}/gradebook.csv`), 'gradebook');
		expect(gradebook[0]).toEqual([
			'Student',
			'Username',
			...M.lessons.flatMap((l) => [`${l.title}: score %`, `${l.title}: answered`, `${l.title}: state`, `${l.title}: answered late (late answers count)`, `${l.title}: written answers waiting for grading`]),
			'Total score %',
			'Total answered',
			'Lessons done'
		]);
		expect(gradebook.slice(1)).toEqual(
			byName.map((p) => {
				const row = expectedRow(p, true);
				return [
					csvCell(p.s.displayName),
					p.s.username,
					// B answered every question of the first lesson after its due date
					...row.cells.flatMap(([score, state, answered], i) => [score === '—' ? '' : score!.replace('%', ''), answered!.replace(' answered', ''), state!, String(p === B && i === 0 ? N : 0), '0']), // no written answer waits here
					String(Math.round((rightCount(p) / TOTAL) * 100)),
					`${answeredCount(p)} of ${TOTAL}`,
					p === H ? '0' : '1'
				];
			})
		);
		expect(gradebook.find((r) => r[1] === H.s.username)![0]).toBe(`'=HYPERLINK("x")`);

		const answers = await csvOf(await request.get(`${base}${classPath}/answers.csv`), 'answers');
		expect(answers[0]).toEqual([
			'Student',
			'Username',
			'Lesson',
			'Lesson id',
			'Question id',
			'Question',
			'Answer given',
			'Right or wrong',
			'Points',
			'Time (UTC)',
			'Time (ISO, UTC)'
		]);
		const body = answers.slice(1);
		const expectedAnswers = byName.flatMap((p) =>
			L.questions.flatMap((q, i) => {
				if (p.plan[i] === undefined) return [];
				return [[csvCell(p.s.displayName), p.s.username, L.title, `${M.slug}/${L.slug}`, q.id, q.prompt, answerText(q, p.plan[i]!), p.plan[i] ? 'right' : 'wrong', p.plan[i] ? '1' : '0']];
			})
		);
		expect(body.map((r) => r.slice(0, 9))).toEqual(expectedAnswers);
		for (const r of body) {
			const iso = r[10]!;
			expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
			expect(iso >= started && iso <= new Date().toISOString()).toBe(true);
			expect(r[9]).toBe(formatInZone(iso, ZONE));
		}
		// each student's answers oldest first; A's before the due date, B's after it
		for (const p of everyone) {
			const times = body.filter((r) => r[1] === p.s.username).map((r) => r[10]!);
			expect(times).toEqual([...times].sort());
			if (p === A) for (const t of times) expect(t < due2).toBe(true);
			if (p === B) for (const t of times) expect(t > due2).toBe(true);
		}
		expect(body.filter((r) => r[1] === H.s.username).map((r) => r[0])).toEqual([`'=HYPERLINK("x")`]);
	});

	test('removing a student or the assignment keeps the answers', async () => {
		const page = teacher;
		await goto(page, classPath, false);
		const roster = page.locator('section[aria-labelledby="roster-h"] tbody tr');
		expect(await roster.count()).toBe(3);
		expect(await submit(page, page.getByRole('button', { name: `Remove ${B.s.displayName}` }))).toBe(200);
		expect(fold(await notice(page).innerText())).toBe(`${B.s.displayName} was removed from the class. Their answers are kept.`);
		expect((await roster.locator('th').allInnerTexts()).map(fold)).toEqual(byName.filter((p) => p !== B).map((p) => p.s.displayName));
		// kept: B still has every answer; the reports show current members only (src/lib/server/db/gradebook.ts)
		expect(await answersExported(B.context!)).toEqual(planned(B));
		const pageB = await B.context!.newPage();
		expect(await assignedStates(pageB)).toEqual({});
		await pageB.close();
		const request = page.context().request;
		const afterStudent = (await csvOf(await request.get(`${base}${classPath}/answers.csv`), 'answers')).slice(1);
		expect(afterStudent.filter((r) => r[1] === B.s.username)).toEqual([]);
		expect(afterStudent.filter((r) => r[1] === A.s.username)).toHaveLength(answeredCount(A));

		const item = page.locator('section[aria-labelledby="assign-h"] li');
		expect(await submit(page, item.getByRole('button', { name: `Remove Module: ${M.title}` }))).toBe(200);
		expect(fold(await notice(page).innerText())).toBe(`Removed: Module: ${M.title}. The answers already given are kept.`);
		expect(await item.count()).toBe(0);
		expect(fold(await page.locator('section[aria-labelledby="assign-h"]').innerText())).toContain('Nothing assigned yet');
		expect(await answersExported(A.context!)).toEqual(planned(A));
		const pageA = await A.context!.newPage();
		expect(await assignedStates(pageA)).toEqual({});
		await pageA.close();
		// the answers download covers the whole course, assigned or not
		const afterAssignment = (await csvOf(await request.get(`${base}${classPath}/answers.csv`), 'answers')).slice(1);
		expect(afterAssignment).toEqual(afterStudent);
		await goto(page, `${classPath}/gradebook`, false);
		expect(fold(await page.locator('main').innerText())).toContain('Nothing assigned yet');
	});
});

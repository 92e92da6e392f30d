/**
 * Reading settings in chromium, against the built server. Without JavaScript: a student's
 * settings apply to every page the server renders, leave with signing out and come back with
 * signing in; a guest's live in a cookie and become their account's at sign-up; an account's
 * own settings win over a guest's. Bad values are a 400 with words, a bad cookie is the
 * defaults. With JavaScript: saving applies at once without a reload, and so does signing in.
 * The largest text fits 375 px; screenshots of each theme at 1280 and 375 px.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
	answerInPage,
	baseURL,
	createClassByPost,
	fillLogIn,
	fillSignUp,
	fold,
	getPage,
	lessonWithAllTypes,
	newStudent,
	newTeacher,
	overflow,
	postForm,
	rightAnswer,
	signUpByPost,
	signUpTeacherByPost,
	wrongAnswer
} from './content';
import { SHOTS, usePages } from './pages';

const L = lessonWithAllTypes();
const DEFAULTS = { size: 'default', leading: 'default', tracking: 'default', font: 'default', theme: 'device' };
/** the most demanding for a narrow screen: the largest text, the widest spacing, Verdana */
const WIDEST = { size: 'largest', leading: 'wider', tracking: 'wider', font: 'plain', theme: 'contrast' };

const pages = usePages();

async function newContext(javaScriptEnabled: boolean, { cookie, width = 1280, colorScheme = 'light' }: { cookie?: string; width?: number; colorScheme?: 'light' | 'dark' } = {}) {
	// no smooth scrolling: a screenshot right after scrolling shows where it ends
	return pages.context(javaScriptEnabled, { cookie, width, height: width === 375 ? 812 : 800, colorScheme, reducedMotion: 'reduce' });
}

/** <html>'s attributes, as the server wrote them (or the page set them). */
const htmlAttributes = (page: Page) =>
	page.evaluate(() => Object.fromEntries([...document.documentElement.attributes].map((a) => [a.name, a.value])));

/** What the settings change, as chromium computes it: on <html>, <body>, the lesson's first paragraph and question prompt. */
const computed = (page: Page) =>
	page.evaluate(() => {
		const html = getComputedStyle(document.documentElement);
		const body = getComputedStyle(document.body);
		// the lesson's prose where there is some
		const p = document.querySelector('main .prose p') ?? document.querySelector('main p');
		const ps = p ? getComputedStyle(p) : body;
		const px = (v: string) => parseFloat(v) || 0;
		const prompt = document.querySelector('main .question-prompt');
		const qs = prompt && getComputedStyle(prompt);
		return {
			rootSize: html.fontSize,
			background: body.backgroundColor,
			colour: body.color,
			// as shares of the paragraph's own font size
			letterSpacing: Math.round((px(ps.letterSpacing) / px(ps.fontSize)) * 100) / 100,
			wordSpacing: Math.round((px(ps.wordSpacing) / px(ps.fontSize)) * 100) / 100,
			lineHeight: Math.round((px(ps.lineHeight) / px(ps.fontSize)) * 100) / 100,
			promptLineHeight: qs ? Math.round((px(qs.lineHeight) / px(qs.fontSize)) * 100) / 100 : null,
			font: ps.fontFamily
		};
	});

/** Picks a choice in one of the settings' groups, by the group's legend and the choice's label. */
const choose = (page: Page, legend: string, label: string | RegExp) =>
	page.getByRole('group', { name: legend }).getByRole('radio', { name: label }).check();

async function chooseAll(page: Page, s: typeof WIDEST) {
	const labels: Record<string, Record<string, string | RegExp>> = {
		size: { smaller: 'Smaller', default: 'Default', large: 'Large', larger: 'Larger', largest: 'Largest' },
		leading: { default: 'Default', wide: 'Wide', wider: 'Wider' },
		tracking: { default: 'Default', wide: 'Wide', wider: 'Wider' },
		font: { default: /^Default/, plain: /^Plain/ },
		theme: { device: /^Match this device/, light: 'Light', dark: 'Dark', contrast: /^High contrast/ }
	};
	const legends: Record<string, string> = { size: 'Text size', leading: 'Space between lines', tracking: 'Space between letters and words', font: 'Font', theme: 'Colours' };
	for (const [key, value] of Object.entries(s)) {
		const label = labels[key]![value]!;
		await choose(page, legends[key]!, typeof label === 'string' ? new RegExp(`^${label}$`) : label);
	}
}

/** Clicks and waits for the page the server answers with (JavaScript off: every click that posts or follows a link loads a page). */
async function loadsPage(page: Page, click: Promise<void>): Promise<number> {
	const [response] = await Promise.all([page.waitForNavigation(), click]);
	return response?.status() ?? 0;
}

const ATTRIBUTES = { lang: 'en', 'data-size': 'largest', 'data-leading': 'wider', 'data-tracking': 'wider', 'data-font': 'plain', 'data-theme': 'contrast' };

describe('without JavaScript', () => {
	test("a student's settings apply to every page, go with signing out, and come back with signing in", async () => {
		const s = newStudent('rs');
		const page = await (await newContext(false, { cookie: await signUpByPost(s) })).newPage();
		await page.goto(`${baseURL()}${L.path}`);
		expect(await htmlAttributes(page)).toEqual({ lang: 'en' });
		const plain = await computed(page);
		expect(plain).toMatchObject({ rootSize: '16px', background: 'rgb(251, 250, 247)', letterSpacing: 0, lineHeight: 1.7, promptLineHeight: 1.35 });

		// from the header's link, which knows nothing of the page it is on: the page says where to go back to
		expect(await loadsPage(page, page.getByRole('link', { name: 'Display' }).click())).toBe(200);
		expect(new URL(page.url()).pathname).toBe('/settings');
		await chooseAll(page, WIDEST);
		expect(await loadsPage(page, page.getByRole('button', { name: 'Save' }).click())).toBe(200);
		expect(fold(await page.getByRole('status').innerText())).toContain('Your settings are saved.');
		// the very page that answered the post has them
		expect(await htmlAttributes(page)).toEqual(ATTRIBUTES);
		for (const [legend, label] of [['Text size', 'Largest'], ['Space between lines', 'Wider'], ['Font', /^Plain/]] as const) {
			expect(await page.getByRole('group', { name: legend }).getByRole('radio', { name: label }).isChecked()).toBe(true);
		}
		const back = page.getByRole('link', { name: 'Back to the page you were on' });
		expect(await back.getAttribute('href')).toBe(L.path);
		expect(await loadsPage(page, back.click())).toBe(200);

		expect(await htmlAttributes(page)).toEqual(ATTRIBUTES);
		const set = await computed(page);
		// 150 % of 16 px; black; 0.12em between letters and 0.16em between words; 1.7 × 1.4 between lines (1.35 × 1.4 in a question's prompt); Verdana or its kin
		expect(set).toMatchObject({ rootSize: '24px', background: 'rgb(0, 0, 0)', colour: 'rgb(255, 255, 255)', letterSpacing: 0.12, wordSpacing: 0.16, lineHeight: 2.38, promptLineHeight: 1.89 });
		expect(set.font).toMatch(/^Verdana/);
		expect((await page.context().cookies()).map((c) => c.name)).not.toContain('bc_reading');

		expect(await loadsPage(page, page.getByRole('button', { name: /^Sign out/ }).click())).toBe(200);
		expect(await htmlAttributes(page)).toEqual({ lang: 'en' });
		expect(await computed(page)).toMatchObject({ rootSize: '16px', background: 'rgb(251, 250, 247)' });

		await page.goto(`${baseURL()}/login`);
		await loadsPage(page, fillLogIn(page, s.username, s.password));
		expect(new URL(page.url()).pathname).toBe('/me');
		expect(await htmlAttributes(page)).toEqual(ATTRIBUTES);
		expect(await computed(page)).toMatchObject({ rootSize: '24px', background: 'rgb(0, 0, 0)' });
	});

	test("a guest's settings are kept in a cookie, apply as the server renders, and become their account's at sign-up", async () => {
		const context = await newContext(false);
		const page = await context.newPage();
		await page.goto(`${baseURL()}/settings`);
		await choose(page, 'Text size', /^Larger$/);
		await choose(page, 'Colours', /^Dark$/);
		expect(await loadsPage(page, page.getByRole('button', { name: 'Save' }).click())).toBe(200);
		expect(fold(await page.getByRole('status').innerText())).toContain('They apply on every page in this browser.');
		const cookie = (await context.cookies()).find((c) => c.name === 'bc_reading');
		expect(cookie).toMatchObject({ value: 'size-larger.theme-dark', httpOnly: true, sameSite: 'Lax', path: '/' });
		// kept for a year
		expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(360 * 24 * 3600_000);

		await page.goto(`${baseURL()}/sources/001`);
		expect(await htmlAttributes(page)).toEqual({ lang: 'en', 'data-size': 'larger', 'data-theme': 'dark' });
		// dark, chosen, on a device in the light scheme
		expect(await computed(page)).toMatchObject({ rootSize: '20px', background: 'rgb(20, 22, 26)' });

		await page.goto(`${baseURL()}/signup`);
		await loadsPage(page, fillSignUp(page, newStudent('rsg')));
		expect(new URL(page.url()).pathname).toBe('/me');
		expect(await htmlAttributes(page)).toEqual({ lang: 'en', 'data-size': 'larger', 'data-theme': 'dark' });
		expect((await context.cookies()).map((c) => c.name)).not.toContain('bc_reading');
		// on the account now: signed out, this browser is back to the defaults
		expect(await loadsPage(page, page.getByRole('button', { name: /^Sign out/ }).click())).toBe(200);
		expect(await htmlAttributes(page)).toEqual({ lang: 'en' });
	});
});

describe('over HTTP', () => {
	test("an account's own settings win over a guest's at log in; the guest's cookie goes", async () => {
		const s = newStudent('rsw');
		const cookie = await signUpByPost(s);
		expect((await postForm('/settings?/save', { ...DEFAULTS, theme: 'contrast' }, { cookie })).status).toBe(200);
		const login = await postForm('/login', { username: s.username, password: s.password }, { cookie: 'bc_reading=size-smaller.theme-light' });
		expect(login.status).toBe(303);
		expect(login.setCookies.some((c) => /^bc_reading=;.*Max-Age=0/i.test(c))).toBe(true);
		const me = await getPage('/me', login.cookie);
		expect(/<html[^>]*>/.exec(me.text)![0]).toBe('<html lang="en" data-theme="contrast">');
	});

	test('an account that chose the defaults (Reset) keeps them at log in, over a guest’s cookie', async () => {
		const s = newStudent('rsr');
		const cookie = await signUpByPost(s);
		expect((await postForm('/settings?/save', { ...DEFAULTS, theme: 'contrast' }, { cookie })).status).toBe(200);
		expect((await postForm('/settings?/reset', {}, { cookie })).status).toBe(200);
		const login = await postForm('/login', { username: s.username, password: s.password }, { cookie: 'bc_reading=size-smaller.theme-light' });
		expect(login.status).toBe(303);
		expect(login.setCookies.some((c) => /^bc_reading=;.*Max-Age=0/i.test(c))).toBe(true);
		expect(/<html[^>]*>/.exec((await getPage('/me', login.cookie)).text)![0]).toBe('<html lang="en">');
	});

	test('values not in the lists are a 400 with words, nothing is kept, and the valid choices stay picked', async () => {
		const res = await postForm('/settings?/save', { size: 'huge', leading: 'wide', tracking: 'default', font: 'Comic Sans', theme: '<b>neon</b>' });
		expect(res.status).toBe(400);
		const text = fold(res.text.replace(/<[^>]+>/g, ' '));
		for (const words of ['Nothing was saved: some settings need a choice from their lists.', 'Choose a text size from the list.', 'Choose a font from the list.', 'Choose the colours from the list.']) {
			expect(text).toContain(words);
		}
		expect(res.text).not.toContain('neon');
		expect(res.text).toMatch(/name="leading" value="wide" checked/);
		expect(res.setCookies.filter((c) => c.startsWith('bc_reading='))).toEqual([]);
		expect(/<html[^>]*>/.exec(res.text)![0]).toBe('<html lang="en">');
	});

	test('a cookie that is not ours is the defaults, never an error', async () => {
		for (const junk of ['nonsense', 'theme-%3Cscript%3E', 'size-huge.theme-neon', 'x'.repeat(3000), '%E0%A4%A']) {
			const page = await getPage(L.path, `bc_reading=${junk}`);
			expect(page.status, junk).toBe(200);
			expect(/<html[^>]*>/.exec(page.text)![0]).toBe('<html lang="en">');
		}
		expect(/<html[^>]*>/.exec((await getPage(L.path, 'bc_reading=theme-dark.colour-red.size-huge')).text)![0]).toBe('<html lang="en" data-theme="dark">');
	});

	test('"Back" goes only to a page of this site', async () => {
		const backOf = async (back: string) => {
			const res = await postForm('/settings?/save', { ...DEFAULTS, back });
			expect(res.status).toBe(200);
			return /<a href="([^"]*)">Back to (?:the page you were on|the course)<\/a>/.exec(res.text)?.[1];
		};
		expect(await backOf('/sources/001?hl=3')).toBe('/sources/001?hl=3');
		for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/settings?back=/me', '/.//evil.example/x', '/..//evil.example', '/a/..//evil.example', '/%2e//evil.example']) expect(await backOf(bad), bad).toBe('/');
		// a ?back= address is kept in the form
		expect((await getPage('/settings?back=%2Ftimeline')).text).toContain('name="back" value="/timeline"');
	});
});

describe('with JavaScript', () => {
	test('saving applies at once, without a reload; the next pages keep it', async () => {
		const page = await (await newContext(true)).newPage();
		await page.goto(`${baseURL()}/settings`, { waitUntil: 'networkidle' });
		await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
		await choose(page, 'Colours', /^High contrast/);
		await choose(page, 'Text size', /^Large$/);
		await page.getByRole('button', { name: 'Save' }).click();
		await page.getByRole('status').filter({ hasText: 'Your settings are saved.' }).waitFor();
		expect(await htmlAttributes(page)).toEqual({ lang: 'en', 'data-size': 'large', 'data-theme': 'contrast' });
		expect(await computed(page)).toMatchObject({ rootSize: '18px', background: 'rgb(0, 0, 0)' });
		// a link within the app: the same document, still in its settings
		await page.getByRole('link', { name: 'Back to the course' }).click();
		await page.waitForURL(`${baseURL()}/`);
		expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
		expect(await htmlAttributes(page)).toEqual({ lang: 'en', 'data-size': 'large', 'data-theme': 'contrast' });
		// and the server has them: a reload renders them
		await page.reload();
		expect(await htmlAttributes(page)).toEqual({ lang: 'en', 'data-size': 'large', 'data-theme': 'contrast' });
		// back to the defaults, at once
		await page.goto(`${baseURL()}/settings`);
		await page.getByRole('button', { name: 'Reset to defaults' }).click();
		await page.getByRole('status').filter({ hasText: 'Back to the default settings.' }).waitFor();
		expect(await htmlAttributes(page)).toEqual({ lang: 'en' });
		expect(await page.getByRole('group', { name: 'Colours' }).getByRole('radio', { name: /^Match this device/ }).isChecked()).toBe(true);
	});

	test("logging in brings the account's settings without a reload", async () => {
		const s = newStudent('rsj');
		expect((await postForm('/settings?/save', { ...DEFAULTS, size: 'larger', leading: 'wide' }, { cookie: await signUpByPost(s) })).status).toBe(200);
		const page = await (await newContext(true)).newPage();
		await page.goto(`${baseURL()}/login`);
		await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
		await fillLogIn(page, s.username, s.password);
		await page.waitForURL(`${baseURL()}/me`);
		await expect.poll(() => htmlAttributes(page)).toEqual({ lang: 'en', 'data-size': 'larger', 'data-leading': 'wide' });
		expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
	});

	test('a chosen light or dark theme wins over the device’s scheme; the device’s is kept otherwise', async () => {
		const backgroundOf = async (colorScheme: 'light' | 'dark', cookie?: string) => {
			const page = await (await newContext(true, { colorScheme, cookie })).newPage();
			await page.goto(`${baseURL()}/glossary`);
			const { background, colour } = await computed(page);
			return { background, colour };
		};
		const light = { background: 'rgb(251, 250, 247)', colour: 'rgb(28, 27, 25)' };
		const dark = { background: 'rgb(20, 22, 26)', colour: 'rgb(236, 235, 232)' };
		expect(await backgroundOf('light')).toEqual(light);
		expect(await backgroundOf('dark')).toEqual(dark);
		expect(await backgroundOf('dark', 'bc_reading=theme-light')).toEqual(light);
		expect(await backgroundOf('light', 'bc_reading=theme-dark')).toEqual(dark);
	});

	test('printed, every theme is dark ink on white paper', async () => {
		const printed = async (colorScheme: 'light' | 'dark', cookie?: string) => {
			const page = await (await newContext(true, { colorScheme, cookie })).newPage();
			await page.emulateMedia({ media: 'print' });
			await page.goto(`${baseURL()}/timeline`);
			return page.evaluate(() => {
				// the badges a graded question shows, as the stylesheet colours them
				for (const cls of ['right', 'wrong']) document.querySelector('main')!.insertAdjacentHTML('beforeend', `<span class="badge ${cls}" id="print-${cls}">x</span>`);
				const colour = (selector: string) => getComputedStyle(document.querySelector(selector)!).color;
				return { background: getComputedStyle(document.body).backgroundColor, text: colour('body'), when: colour('.when'), right: colour('#print-right'), wrong: colour('#print-wrong') };
			});
		};
		const paper = { background: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)', when: 'rgb(20, 48, 79)', right: 'rgb(22, 101, 52)', wrong: 'rgb(159, 18, 57)' };
		expect(await printed('light', 'bc_reading=theme-contrast')).toEqual(paper);
		expect(await printed('dark')).toEqual(paper);
	});
});

describe('at a phone width', () => {
	test('the largest text, the widest spacing and the plain font fit 375 px on a lesson, a source, /me, /settings and a teacher’s class page', async () => {
		const [student, teacher] = await Promise.all([signUpByPost(newStudent('rsn')), signUpTeacherByPost(newTeacher('rsn'))]);
		const klass = await createClassByPost(teacher, 'Year 11 Negotiation Studies', { section: 'Period 4' });
		for (const cookie of [student, teacher]) expect((await postForm('/settings?/save', WIDEST, { cookie })).status).toBe(200);
		const pages: [string, string][] = [
			[student, L.path],
			[student, '/sources/001'],
			[student, '/me'],
			[student, '/settings'],
			[teacher, `/teacher/classes/${klass}`]
		];
		for (const [cookie, path] of pages) {
			const page = await (await newContext(false, { cookie, width: 375 })).newPage();
			await page.goto(`${baseURL()}${path}`);
			expect(await htmlAttributes(page)).toEqual(ATTRIBUTES);
			const o = await overflow(page);
			expect(o.scrollWidth, `${path} overflows at 375 px: ${o.wide.join(', ')}`).toBeLessThanOrEqual(375);
			await page.close();
		}
	});
});

describe('screenshots', () => {
	const shots = [
		{ name: 'light', reading: 'theme-light', width: 1280 },
		{ name: 'light', reading: 'theme-light', width: 375 },
		{ name: 'dark', reading: 'theme-dark', width: 1280 },
		{ name: 'dark', reading: 'theme-dark', width: 375 },
		{ name: 'contrast', reading: 'theme-contrast', width: 1280 },
		{ name: 'contrast', reading: 'theme-contrast', width: 375 },
		{ name: 'largest', reading: 'size-largest', width: 375 }
	];
	test.each(shots)('$name at $width px: a lesson with feedback, and /settings', async ({ name, reading, width }) => {
		const page = await (await newContext(true, { cookie: `bc_reading=${reading}`, width })).newPage();
		await page.goto(`${baseURL()}${L.path}`, { waitUntil: 'networkidle' });
		await answerInPage(page, L.single, rightAnswer(L.single));
		await answerInPage(page, L.trueFalse, wrongAnswer(L.trueFalse));
		// the first answered question at the top of the screen, its feedback below
		const first = [L.single, L.trueFalse].sort((a, b) => L.lesson.questions.indexOf(a) - L.lesson.questions.indexOf(b))[0]!;
		await page.locator(`#q-${first.id}`).evaluate((el) => el.scrollIntoView({ block: 'start' }));
		await page.screenshot({ path: `${SHOTS}/reading-${name}-lesson-${width}.png` });
		if (name === 'largest') {
			await page.evaluate(() => window.scrollTo(0, 0));
			await page.screenshot({ path: `${SHOTS}/reading-${name}-lesson-top-${width}.png` });
		}
		await page.goto(`${baseURL()}/settings`);
		await page.screenshot({ path: `${SHOTS}/reading-${name}-settings-${width}.png`, fullPage: true });
	});
});

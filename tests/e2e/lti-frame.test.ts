/**
 * LTI 1.3 in Chromium, the tool inside the platform stand-in's course page (an iframe from
 * another site: the platform is http://localhost:<port>, the tool http://127.0.0.1:<port>): a
 * student's launch opens the lesson signed in, and their answer's score reaches the LMS (AGS);
 * an instructor's launch makes the course's class with that student on it; scores queued while
 * the LMS is down arrive once it is back, each once and in order; and a deep-linking launch lets
 * the instructor pick a lesson that the LMS receives as a signed content item.
 */
import type { Browser, BrowserContext, Frame, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LessonQuestion } from '../../src/lib/content/load';
import { APP_STARTED, launch } from './browser';
import { answerByPost, fold, lessonWithAllTypes, rightAnswer, isAnswerPost } from './content';
import { COURSE, frameAncestors, postLaunch, startToolWithPlatform, type DeepLinkResponse, type LaunchOptions, type Platform } from './lti-platform';

const L = lessonWithAllTypes();
const TARGET = `${L.module.slug}/${L.lesson.slug}`;
/** questions the lesson's score counts */
const N = L.lesson.questions.length;

let tool: string;
let platform: Platform;
let stop: () => Promise<void>;
let browser: Browser;
const contexts: BrowserContext[] = [];

const student = { sub: `student-${crypto.randomUUID()}`, name: 'Alex Framewell' };
const instructor = { sub: `instructor-${crypto.randomUUID()}`, name: 'Morgan Coursekeeper' };

beforeAll(async () => {
	[{ tool, platform, stop }, browser] = await Promise.all([startToolWithPlatform(), launch()]);
});
afterAll(async () => {
	await Promise.all(contexts.map((c) => c.close()));
	await browser?.close();
	await stop?.();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const scoresOf = (sub: string) => platform.scores.filter((s) => s.userId === sub);

/**
 * Opens the platform's course page for a launch and waits until the tool's frame has left the
 * launch steps (login, authorization, launch, start) for a page of the app, started.
 */
async function launchInFrame(o: LaunchOptions): Promise<{ context: BrowserContext; page: Page; frame: Frame; documents: Response[]; consoleLines: string[] }> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
	contexts.push(context);
	const page = await context.newPage();
	const documents: Response[] = [];
	const consoleLines: string[] = [];
	page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
	page.on('response', (r) => {
		if (r.request().isNavigationRequest() && r.url().startsWith(tool)) documents.push(r);
	});
	// the platform's page is not ours: its frame's goto, not the page's (which waits for our app to start)
	await page.mainFrame().goto(platform.coursePage(tool, o));
	const frame = page.frame({ name: 'tool-frame' });
	if (!frame) throw new Error('the course page has no tool frame');
	// the platform's pages, our login and launch addresses: steps on the way (redirects never show)
	const launchStep = (u: URL) => u.origin !== tool || u.pathname === '/lti/login' || u.pathname === '/lti/launch';
	try {
		await frame.waitForURL((u) => !launchStep(u), { timeout: 20_000 });
		await frame.locator(APP_STARTED).first().waitFor({ state: 'attached', timeout: 15_000 });
	} catch (e) {
		throw new Error(
			`the launch did not reach a page of the tool in the frame: at ${frame.url()}\n` +
				`frame says: ${fold(await frame.locator('body').innerText().catch(() => '?')).slice(0, 400)}\n` +
				`platform refused: ${platform.errors.join(' | ')}`,
			{ cause: e }
		);
	}
	return { context, page, frame, documents, consoleLines };
}

/** Where the frame is (path and query), and its heading; says so when cookies were blocked. */
async function expectFrameAt(frame: Frame, context: BrowserContext, path: string) {
	await frame.waitForURL((u) => u.pathname !== '/lti/start', { timeout: 10_000 }).catch(async () => {
		const cookies = await context.cookies();
		throw new Error(
			`the frame stayed on /lti/start: ${fold(await frame.locator('h1').innerText())}. ` +
				`Cookies the browser kept: ${JSON.stringify(cookies.map((c) => ({ name: c.name, domain: c.domain, path: c.path, sameSite: c.sameSite, secure: c.secure, partitionKey: c.partitionKey })))}`
		);
	});
	const u = new URL(frame.url());
	expect(u.origin + u.pathname).toBe(`${tool}${path}`);
}

/** A verified deep-linking response with one resource link to lesson L and a grade column. */
function expectResourceLink(response: DeepLinkResponse) {
	expect(response.deploymentId).toBe(platform.deploymentId);
	expect(response.contentItems).toHaveLength(1);
	const item = response.contentItems[0] as { type: string; title?: string; url?: string; custom?: { target?: string }; lineItem?: { scoreMaximum?: number; label?: string } };
	expect(item.type).toBe('ltiResourceLink');
	expect(item.title).toBeTruthy();
	expect(item.custom?.target).toBe(TARGET);
	expect(item.lineItem?.scoreMaximum).toBeGreaterThan(0);
	if (item.url !== undefined) expect(item.url.startsWith(tool)).toBe(true);
}

/** Answers a choice question in the frame (with JavaScript: feedback in place). */
async function answerInFrame(page: Page, frame: Frame, q: LessonQuestion, choices: string[]) {
	const card = frame.locator(`#q-${q.id}`);
	for (const id of choices) await card.locator(`input[name="choice"][value="${id}"]`).check();
	await Promise.all([
		page.waitForResponse(isAnswerPost),
		card.locator('button[type="submit"]').click()
	]);
	await card.getByRole('status').waitFor();
}

describe('LTI in the LMS frame', () => {
	test('a student launch opens the lesson in the frame, signed in; the answer\'s score reaches the LMS', async () => {
		const { context, page, frame, documents } = await launchInFrame({ ...student, target: TARGET });
		await expectFrameAt(frame, context, L.path);
		expect(fold(await frame.locator('h1').innerText())).toBe(fold(L.lesson.title));
		// the app's header: the student is signed in
		expect(await frame.getByRole('button', { name: `Sign out (${student.name})` }).count()).toBe(1);
		expect(await frame.getByRole('link', { name: 'My progress' }).count()).toBe(1);
		expect(await frame.getByRole('link', { name: 'Log in' }).count()).toBe(0);

		// the lesson's response let the LMS frame it
		const lesson = documents.find((r) => new URL(r.url()).pathname === L.path);
		expect(lesson, documents.map((r) => r.url()).join(', ')).toBeDefined();
		const headers = await lesson!.allHeaders();
		expect(frameAncestors(headers['content-security-policy'] ?? '')).toContain(platform.url);
		expect(headers['x-frame-options']).toBeUndefined();

		// the session cookie, as the browser keeps it: third-party, partitioned to the LMS's site
		const session = (await context.cookies(tool)).find((c) => c.name === 'bc_session');
		console.log('cookies in the frame:', JSON.stringify((await context.cookies()).map((c) => ({ name: c.name, domain: c.domain, sameSite: c.sameSite, secure: c.secure, httpOnly: c.httpOnly, partitionKey: c.partitionKey }))));
		expect(session).toMatchObject({ sameSite: 'None', secure: true, httpOnly: true });
		// CHIPS: kept for this LMS's site only
		expect(session!.partitionKey).toBe('http://localhost');

		// an answer in the frame; its lesson score goes to the line item of (course, lesson)
		await answerInFrame(page, frame, L.single, rightAnswer(L.single));
		await expect.poll(() => scoresOf(student.sub).length, { timeout: 20_000, interval: 250, message: `no score arrived; platform refused: ${platform.errors.join(' | ')}` }).toBeGreaterThan(0);
		const [score] = scoresOf(student.sub);
		expect(score!.lineitem).toBe(platform.lineitemOf(COURSE.id, TARGET));
		expect(score!.scoreMaximum).toBeGreaterThan(0);
		expect(score!.scoreGiven / score!.scoreMaximum).toBeCloseTo(1 / N, 5);
		expect(platform.tokenRequests).toBeGreaterThan(0);
	});

	test('an instructor launch makes the course\'s class: it is on /teacher with the course title, the student on its roster', async () => {
		const { context, frame } = await launchInFrame({ ...instructor, role: 'instructor', target: TARGET });
		await expectFrameAt(frame, context, L.path);
		expect(await frame.getByRole('button', { name: `Sign out (${instructor.name})` }).count()).toBe(1);

		await frame.getByRole('link', { name: 'My classes' }).click();
		await frame.waitForURL(`${tool}/teacher`);
		const card = frame.locator('li.card', { has: frame.getByRole('link', { name: COURSE.title }) });
		await expect.poll(() => card.count()).toBe(1);
		await card.getByRole('link', { name: COURSE.title }).click();
		await frame.waitForURL((u) => /^\/teacher\/classes\/[0-9a-f-]{36}$/.test(u.pathname));
		await expect.poll(async () => fold(await frame.locator('h1').innerText())).toBe(COURSE.title);
		const roster = frame.getByRole('table', { name: `Students in ${COURSE.title}` });
		expect(await roster.getByRole('rowheader', { name: student.name }).count()).toBe(1);
	});

	test('while the LMS is down no score arrives; once it is back, both arrive, once each, in order', async () => {
		const sub = `down-${crypto.randomUUID()}`;
		const form = await platform.launchForm(tool, { sub, name: 'Dana Downtime', target: TARGET });
		const launched = await postLaunch(form, { cookie: form.stateCookie, origin: platform.url });
		expect(launched.status).toBe(303);
		const probe = launched.setCookies.find((c) => c.startsWith('bc_lti_probe='))!.split(';')[0]!;
		const start = await fetch(`${tool}${launched.location}`, { headers: { cookie: probe }, redirect: 'manual' });
		expect(start.status).toBe(303);
		const cookie = start.headers.getSetCookie().find((c) => c.startsWith('bc_session='))!.split(';')[0]!;

		platform.setDown(true);
		const hitsBefore = platform.downHits;
		try {
			await answerByPost(L.path, L.single, true, cookie, tool);
			await answerByPost(L.path, L.trueFalse, true, cookie, tool);
			// the tool tries (and is turned away) while the LMS is down
			await expect.poll(() => platform.downHits, { timeout: 10_000, interval: 250 }).toBeGreaterThan(hitsBefore);
			await sleep(1000);
			expect(scoresOf(sub)).toEqual([]);
		} finally {
			platform.setDown(false);
		}
		await expect.poll(() => scoresOf(sub).length, { timeout: 30_000, interval: 250, message: `platform refused: ${platform.errors.join(' | ')}` }).toBeGreaterThanOrEqual(2);
		// nothing more comes: each score once
		await sleep(2000);
		const scores = scoresOf(sub);
		expect(scores.map((s) => `${s.scoreGiven}/${s.scoreMaximum}`)).toHaveLength(2);
		const [first, last] = scores as [(typeof scores)[0], (typeof scores)[0]];
		expect(Date.parse(first.timestamp)).toBeLessThan(Date.parse(last.timestamp));
		expect(first.scoreGiven / first.scoreMaximum).toBeCloseTo(1 / N, 5);
		expect(last.scoreGiven / last.scoreMaximum).toBeCloseTo(2 / N, 5);
		expect(new Set(scores.map((s) => s.lineitem))).toEqual(new Set([platform.lineitemOf(COURSE.id, TARGET)]));
	});

	test('deep linking: the instructor picks a lesson in the frame; the LMS gets a verified ltiResourceLink for it', async () => {
		const { page, frame, consoleLines } = await launchInFrame({ ...instructor, role: 'instructor', messageType: 'LtiDeepLinkingRequest' });
		// what the tool answered to the pick and the requests after it, for the failure message
		const after: string[] = [];
		page.on('response', (r) => {
			if (r.url().startsWith(tool) && after.length < 8) after.push(`${r.request().method()} ${r.url().slice(tool.length)} → ${r.status()}`);
		});
		const at = new URL(frame.url());
		const heading = fold(await frame.locator('h1').innerText());
		expect(at.origin + at.pathname, `the deep-linking launch landed on: ${heading}`).toMatch(new RegExp(`^${tool}/lti/deep-link(/|$)`));
		// a picker, not the page for someone who typed the address
		expect(await frame.getByRole('radio').count(), heading).toBeGreaterThan(0);

		const before = platform.deepLinkResponses.length;
		// pick the lesson: a radio button and a submit, or a button of its own
		const title = new RegExp(L.lesson.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
		const radio = frame.getByRole('radio', { name: title });
		if ((await radio.count()) > 0) {
			await radio.first().check();
			await frame.locator('form:has(input[type="radio"]) button[type="submit"]').first().click();
		} else {
			await frame.getByRole('button', { name: title }).first().click();
		}
		await expect
			.poll(() => platform.deepLinkResponses.length, { timeout: 15_000 })
			.toBe(before + 1)
			.catch(async (e: unknown) => {
				const shows = fold(await frame.locator('body').innerText().catch(() => '?')).slice(0, 400);
				throw new Error(`no deep-linking response reached the LMS. The frame is at ${frame.url()} and shows: ${shows}\nrequests after the pick: ${after.join(', ')}\nconsole: ${consoleLines.join(' | ')}\nplatform refused: ${platform.errors.join(' | ')}`, { cause: e });
			});
		expectResourceLink(platform.deepLinkResponses[before]!);
		// the platform's page answered in the frame
		await frame.waitForURL(`${platform.url}/deep-link-return`);
		expect(fold(await frame.locator('h1').innerText())).toBe('Content added');
	});

	test('deep linking without JavaScript: the pick, then the button that returns to the LMS', async () => {
		// the launch over HTTP; its session in a browser without JavaScript, at the top level
		const form = await platform.launchForm(tool, { ...instructor, role: 'instructor', messageType: 'LtiDeepLinkingRequest' });
		const launched = await postLaunch(form, { cookie: form.stateCookie, origin: platform.url });
		expect(launched.status).toBe(303);
		const probe = launched.setCookies.find((c) => c.startsWith('bc_lti_probe='))!.split(';')[0]!;
		const start = await fetch(`${tool}${launched.location}`, { headers: { cookie: probe }, redirect: 'manual' });
		expect(start.status).toBe(303);
		const session = start.headers.getSetCookie().find((c) => c.startsWith('bc_session='))!.split(';')[0]!;
		const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 1000 } });
		contexts.push(context);
		await context.addCookies([{ name: 'bc_session', value: session.slice('bc_session='.length), url: tool }]);
		const page = await context.newPage();
		const picker = await page.goto(`${tool}${start.headers.get('location')}`);
		expect(picker?.status()).toBe(200);
		expect(new URL(page.url()).pathname).toMatch(/^\/lti\/deep-link(\/|$)/);

		const before = platform.deepLinkResponses.length;
		await page.getByRole('radio', { name: new RegExp(L.lesson.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first().check();
		await Promise.all([page.waitForNavigation(), page.locator('form:has(input[type="radio"]) button[type="submit"]').first().click()]);
		const shows = fold(await page.locator('main').innerText());
		// without JavaScript a button posts the signed answer to the LMS
		const back = page.getByRole('button', { name: /LMS/ });
		expect(await back.count(), `after the pick the page shows: ${shows}`).toBe(1);
		await Promise.all([page.waitForURL(`${platform.url}/deep-link-return`), back.click()]);
		expect(fold(await page.locator('h1').innerText())).toBe('Content added');
		expect(platform.deepLinkResponses.length, platform.errors.join(' | ')).toBe(before + 1);
		expectResourceLink(platform.deepLinkResponses[before]!);
	});
});

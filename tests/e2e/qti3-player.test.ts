/**
 * The exports in third-party hands (issue 18): every question of the course exported as a QTI 3.0
 * item and loaded into an independent QTI 3 player (@citolab/qti-components, its browser bundle) in
 * chromium. A right answer must score full marks and a wrong one zero under the player's own
 * response processing. A teacher's guide links the downloads: they are a zip package and GIFT text.
 * Screenshot: an exported item rendered by the player, answered, its feedback open.
 */
import { mkdirSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { parse } from 'gift-pegjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { select } from '../../src/lib/server/exports/course';
import { packageFiles } from '../../src/lib/server/exports/package';
import { itemHref, qtiId } from '../../src/lib/server/exports/qti3';
import { launch } from './browser';
import { addCookies, allLessons, baseURL, content, getPage, newTeacher, overflow, signUpTeacherByPost } from './content';
import { SHOTS } from './pages';
import { playCases } from './qti-cases';
import { openPlayer, play, scored } from './qti-player';

const SCREENSHOT = process.env.QTI_SCREENSHOT ?? '/work/qti-item-screenshot.png';

let browser: Browser;
let page: Page;
beforeAll(async () => {
	browser = await launch();
	page = await browser.newPage({ viewport: { width: 900, height: 900 } });
	await openPlayer(page);
});
afterAll(async () => browser?.close());

/** The package of the whole course, as the export writes it. */
function exported(): Record<string, string> {
	const selected = select(content());
	if (!selected.ok) throw new Error(selected.message);
	return packageFiles(content(), selected.selection);
}

describe('exported QTI 3 items in the citolab player', () => {
	test('every item: the right answer scores full marks, a wrong one zero, by the player’s own response processing', async () => {
		const files = exported();
		const questions = content().modules.flatMap((m) => m.lessons.flatMap((l) => l.questions));
		const items = questions.map((q) => ({ id: q.id, xml: files[itemHref(q)]!, cases: playCases(q, content()) }));
		const played = await play(page, items);
		const mismatches = played.filter((p) => !scored(p)).map((p) => `${p.id} (${p.what}): ${p.outcome} ${p.got}, want ${p.want}`);
		const playedItems = new Set(played.map((p) => p.id)).size;
		console.log(`QTI 3: ${items.length} items, ${playedItems} played (${played.length} responses scored), ${mismatches.length} mismatches`);
		expect(mismatches).toEqual([]);
		expect(playedItems).toBe(questions.length);
		// every case was played, so a full score is the player's, not an item that never ran
		expect(played).toHaveLength(items.reduce((n, i) => n + i.cases.length, 0));
	});

	test('screenshot: a two-part item answered through the player, its feedback with the cited sentence open', async () => {
		const q = content().modules.flatMap((m) => m.lessons.flatMap((l) => l.questions)).find((x) => x.type === 'two-part')!;
		if (q.type !== 'two-part') throw new Error('the course has no two-part question');
		await play(page, [{ id: q.id, xml: exported()[itemHref(q)]!, cases: [] }], q.id);
		// answered by clicking, as a student would: the right choice, then a proving sentence
		await page.locator(`qti-simple-choice[identifier="${qtiId(q.answer)}"]`).click();
		await page.locator(`qti-hottext[identifier="s-${q.proving[0]!.sentenceIds[0]}"]`).click();
		const score = await page.evaluate(() => {
			const item = document.querySelector('qti-assessment-item') as HTMLElement & { processResponse(): boolean; getOutcome(id: string): { value: unknown } };
			item.processResponse();
			return item.getOutcome('SCORE').value;
		});
		expect(Number(score)).toBe(1);
		// the feedback element is a host for the player's dialog: what shows is the text slotted into it
		await expect.poll(() => page.getByText(q.explanation.slice(0, 40)).isVisible()).toBe(true);
		const cited = q.cite[0]!.quote.slice(0, 40);
		await expect.poll(() => page.locator('qti-modal-feedback').getByText(cited).isVisible()).toBe(true);
		await page.screenshot({ path: SCREENSHOT, fullPage: true });
		mkdirSync(SHOTS, { recursive: true });
		await page.screenshot({ path: `${SHOTS}/qti-item-${q.id}.png`, fullPage: true });
	});
});

describe("the teacher's guide links the downloads", () => {
	test('as a signed-in teacher: the lesson guide’s links give a QTI zip and GIFT text; a wrong format is 404 in words', async () => {
		const cookie = await signUpTeacherByPost(newTeacher('export'));
		const { module, lesson } = allLessons()[0]!;
		const guide = await getPage(`/teacher/lessons/${module.slug}/${lesson.slug}`, cookie);
		expect(guide.status).toBe(200);
		const link = (format: string) => {
			const href = new RegExp(`href="(/teacher/export/${format}/${module.slug}/${lesson.slug})"`).exec(guide.text)?.[1];
			if (!href) throw new Error(`the lesson guide has no ${format} link`);
			return href;
		};
		const qti = await fetch(`${baseURL()}${link('qti3')}`, { headers: { cookie } });
		expect(qti.status).toBe(200);
		expect(qti.headers.get('content-type')).toBe('application/zip');
		expect(qti.headers.get('content-disposition')).toBe(`attachment; filename="back-channel-${module.slug}-${lesson.slug}-qti3.zip"`);
		const zip = unzipSync(new Uint8Array(await qti.arrayBuffer()));
		expect(strFromU8(zip['imsmanifest.xml']!)).toContain('imsqti_test_xmlv3p0');
		expect(Object.keys(zip).filter((p) => p.startsWith('items/'))).toHaveLength(lesson.questions.length);

		const gift = await fetch(`${baseURL()}${link('gift')}`, { headers: { cookie } });
		expect(gift.status).toBe(200);
		expect(gift.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(gift.headers.get('content-disposition')).toMatch(/^attachment; filename="back-channel-.+\.gift\.txt"$/);
		const text = await gift.text();
		const parsed = parse(text).filter((p) => p.type !== 'Category');
		expect(parsed).toHaveLength(lesson.questions.reduce((n, q) => n + (q.type === 'two-part' ? 2 : 1), 0));

		const missing = await getPage(`/teacher/export/pdf/${module.slug}`, cookie);
		expect(missing.status).toBe(404);
		expect(missing.text).toContain('There is no export as');
		const noLesson = await getPage(`/teacher/export/gift/${module.slug}/no-such-lesson`, cookie);
		expect(noLesson.status).toBe(404);
		expect(noLesson.text).toContain('no lesson');
	});

	test('at 375 px without JavaScript: the module guide’s export links fit, and the course link downloads the zip', async () => {
		const cookie = await signUpTeacherByPost(newTeacher('export-375'));
		const module = content().modules[0]!;
		const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
		try {
			await addCookies(context, cookie);
			const narrow = await context.newPage();
			await narrow.goto(`${baseURL()}/teacher/lessons/${module.slug}`);
			const section = narrow.locator('section', { has: narrow.getByRole('heading', { name: 'Export questions' }) });
			await expect.poll(() => section.locator(`a[href="/teacher/export/qti3/${module.slug}"]`).isVisible()).toBe(true);
			const o = await overflow(narrow);
			expect(o.scrollWidth, `sticking out: ${o.wide.join(', ')}`).toBeLessThanOrEqual(o.clientWidth);
			await section.screenshot({ path: `${SHOTS}/export-links-375.png` });
			const [download] = await Promise.all([narrow.waitForEvent('download'), section.locator('a[href="/teacher/export/qti3"]').click()]);
			expect(download.suggestedFilename()).toBe('back-channel-qti3.zip');
		} finally {
			await context.close();
		}
	});
});

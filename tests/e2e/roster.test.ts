/**
 * Roster import and login cards, end to end in chromium with JavaScript on (names pasted) and off
 * (a CSV uploaded): a roster of 5 with one bad row and one repeated name is previewed with line
 * numbers, nothing is created until the teacher says so, then 3 accounts are made in the class.
 * The cards are printed to PDF and read back with pdftotext (every username and code is on
 * paper); a student signs in with a card and sets a password. A new card for one student is a
 * new code, and the old one stops working. Screenshots of the preview and the cards at 1280 and
 * 375 px, and axe on both.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { baseURL, createClassByPost, fold, getPage, newTeacher, overflow, postForm, signUpTeacherByPost } from './content';
import { expectAxeClean as axeClean, usePages, printedText as printed, SHOTS } from './pages';

const work = mkdtempSync(join(tmpdir(), 'bc-roster-'));
const newPage = usePages();

interface Card {
	username: string;
	code: string;
	url: string;
}

async function cardsIn(page: Page): Promise<Card[]> {
	return page.locator('.login-card').evaluateAll((cards) =>
		cards.map((c) => ({
			username: c.querySelector('dd.mono:not(.code)')?.textContent?.trim() ?? '',
			code: c.querySelector('dd.code')?.textContent?.trim() ?? '',
			url: c.querySelector('svg.qr')?.getAttribute('aria-label')?.replace('QR code of the address ', '') ?? ''
		}))
	);
}


describe.each([true, false])('roster import and login cards, JavaScript %s', (js) => {
	test('preview with line numbers, create 3 of 5, print cards to PDF, a student starts with a card', async () => {
		const id = `${Date.now().toString(36)}${js ? 'j' : 'n'}`;
		const teacher = newTeacher(`ro${js ? 'j' : 'n'}`);
		const cookie = await signUpTeacherByPost(teacher);
		const classId = await createClassByPost(cookie, `Roster class ${id}`);
		const names = [`Amira Q${id}`, `Li W${id}`, 'x'.repeat(61), `Amira  Q${id}`, `Tomás R${id}`];
		const expected = [`amira.q${id}`, `li.w${id}`, `tomas.r${id}`];

		const page = await newPage(js, cookie);
		await page.goto(`${baseURL()}/teacher/classes/${classId}`);
		await page.getByRole('link', { name: 'Add students from a list' }).click();
		await page.waitForURL(/\/roster$/);
		if (js) {
			await page.getByLabel('Names, one per line').fill(names.join('\n'));
		} else {
			const file = join(work, `roster-${id}.csv`);
			writeFileSync(file, `name,username\n${names.map((n) => `"${n}",`).join('\n')}\n`);
			await page.getByLabel('Or a CSV file').setInputFiles(file);
		}
		await page.getByRole('button', { name: 'Preview' }).click();
		const preview = page.locator('.preview');
		await preview.waitFor();
		// a CSV's header is its line 1, so its names start on line 2
		const first = js ? 1 : 2;
		expect(fold((await preview.getByRole('heading').textContent()) ?? '')).toBe('Preview: 3 to create, 2 skipped');
		const rows = await preview.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((c) => c.textContent?.replace(/\s+/g, ' ').trim())));
		expect(rows).toEqual([
			[`${first}`, `Amira Q${id}`, expected[0], 'New account (username made from the name)'],
			[`${first + 1}`, `Li W${id}`, expected[1], 'New account (username made from the name)'],
			[`${first + 2}`, 'x'.repeat(61), '', 'Skipped: Keep the name under 60 characters.'],
			[`${first + 3}`, `Amira Q${id}`, '', `Skipped: The same name as line ${first}. Remove one, or give each a username in a CSV.`],
			[`${first + 4}`, `Tomás R${id}`, expected[2], 'New account (username made from the name)']
		]);
		// nothing made yet
		expect((await getPage(`/teacher/classes/${classId}`, cookie)).text).toContain('Students (0)');
		if (js) {
			await axeClean(page);
			await page.screenshot({ path: `${SHOTS}/roster-preview-1280.png`, fullPage: true });
		}

		await page.getByRole('button', { name: 'Create 3 accounts and make login cards' }).click();
		await page.locator('.login-card').first().waitFor();
		const cards = await cardsIn(page);
		expect(cards.map((c) => c.username)).toEqual(expected);
		for (const c of cards) {
			expect(c.code).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
			expect(c.url).toBe(`${baseURL()}/reset?username=${c.username}`);
		}
		expect((await getPage(`/teacher/classes/${classId}`, cookie)).text).toContain('Students (3)');
		if (js) {
			await axeClean(page);
			await page.screenshot({ path: `${SHOTS}/cards-1280.png`, fullPage: true });
		}
		const paper = await printed(page, join(work, `cards-${id}.pdf`), true);
		for (const c of cards) {
			expect(paper).toContain(c.username);
			expect(paper).toContain(c.code);
		}
		expect(paper).toContain(`Roster class ${id}`);
		// the page around the cards stays off the paper
		expect(paper).not.toContain('Print the cards');
		expect(paper).not.toContain('Your classes');

		// a student starts from the card's address, and is signed in with the password chosen
		const student = await newPage(js);
		await student.goto(cards[0]!.url);
		await student.getByLabel('One-time code').fill(cards[0]!.code);
		await student.getByLabel('New password', { exact: true }).fill('my very own password');
		await student.getByLabel('New password again').fill('my very own password');
		await student.getByRole('button', { name: 'Set password and sign in' }).click();
		await student.waitForURL(/\/me\?password=set$/);
		expect((await postForm('/login', { username: cards[0]!.username, password: 'my very own password' })).status).toBe(303);

		// a new card for the second student: a new code, and the old one stops working
		await page.goto(`${baseURL()}/teacher/classes/${classId}/cards`);
		await page.getByRole('checkbox', { name: new RegExp(`Li W${id}`) }).check();
		await page.getByRole('button', { name: 'Make new codes and show the cards' }).click();
		await page.locator('.login-card').first().waitFor();
		const [fresh] = await cardsIn(page);
		expect(fresh!.username).toBe(cards[1]!.username);
		expect(fresh!.code).not.toBe(cards[1]!.code);
		const reset = (code: string) => postForm('/reset', { username: cards[1]!.username, code, password: 'second student pw', confirm: 'second student pw' });
		expect((await reset(cards[1]!.code)).status).toBe(400);
		expect((await reset(fresh!.code)).status).toBe(303);
	});
});

test('the preview and the cards fit 375 px', async () => {
	const id = `${Date.now().toString(36)}s`;
	const cookie = await signUpTeacherByPost(newTeacher('ros'));
	const classId = await createClassByPost(cookie, `Small screen ${id}`);
	const page = await newPage(true, cookie, 375);
	await page.goto(`${baseURL()}/teacher/classes/${classId}/roster`);
	await page.getByLabel('Names, one per line').fill(`Ada L${id}\nAda L${id}\nGrace H${id}`);
	await page.getByRole('button', { name: 'Preview' }).click();
	await page.locator('.preview').waitFor();
	let o = await overflow(page);
	expect(o.scrollWidth, o.wide.join(', ')).toBeLessThanOrEqual(o.clientWidth);
	await page.screenshot({ path: `${SHOTS}/roster-preview-375.png`, fullPage: true });
	await page.getByRole('button', { name: /^Create 2 accounts/ }).click();
	await page.locator('.login-card').first().waitFor();
	o = await overflow(page);
	expect(o.scrollWidth, o.wide.join(', ')).toBeLessThanOrEqual(o.clientWidth);
	await axeClean(page);
	await page.screenshot({ path: `${SHOTS}/cards-375.png`, fullPage: true });
	// the page that picks whose cards to print
	await page.goto(`${baseURL()}/teacher/classes/${classId}/cards`);
	o = await overflow(page);
	expect(o.scrollWidth, o.wide.join(', ')).toBeLessThanOrEqual(o.clientWidth);
	await axeClean(page);
});

test('bad input is refused next to the field, and a stale preview creates nothing', async () => {
	const cookie = await signUpTeacherByPost(newTeacher('robad'));
	const classId = await createClassByPost(cookie, 'Bad input class');
	const empty = await postForm(`/teacher/classes/${classId}/roster?/preview`, { names: ' \n ' }, { cookie });
	expect(empty.status).toBe(400);
	expect(empty.text).toContain('There are no names.');
	const junk = await postForm(`/teacher/classes/${classId}/roster?/create`, { accept: 'not json' }, { cookie });
	expect(junk.status).toBe(400);
	expect(junk.text).toContain('Preview the roster again');
	const taken = await postForm(`/teacher/classes/${classId}/roster?/create`, { accept: JSON.stringify([{ line: 1, name: 'Someone', username: 'li.w' }, { line: 2, name: 'Another', username: '../x' }]) }, { cookie });
	expect(taken.status).toBe(409);
	expect(taken.text).toContain('Nothing was created');
	expect((await getPage(`/teacher/classes/${classId}`, cookie)).text).toContain('Students (0)');
	const none = await postForm(`/teacher/classes/${classId}/cards?/print`, {}, { cookie });
	expect(none.status).toBe(400);
	expect(none.text).toContain('Tick at least one student');
});

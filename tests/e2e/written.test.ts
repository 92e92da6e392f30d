/**
 * Written answers (claim, evidence, reasoning) in chromium, with JavaScript on and off: a student
 * in a class drafts, reloads and finds the draft, and submits (the evidence checked at once, the
 * writing waiting for the teacher); the teacher grades in the queue with the keyboard (number keys
 * for the levels, names hidden); the student sees the scores and the comment on the lesson and
 * on /me; the gradebook and the CSV show the points. axe on the question, the queue and the
 * feedback; screenshots at 1280 and 375 px. Also: guests and teachers cannot write, a student in
 * no class sees the model answer after submitting, text is shown as text, and lengths are refused
 * with words.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
	allLessons,
	baseURL,
	createClassByPost,
	fold,
	getPage,
	joinCodeIn,
	newStudent,
	newTeacher,
	overflow,
	postForm,
	signUpByPost,
	signUpTeacherByPost,
	signUpWithCode,
	writtenEvidence,
	type QuestionOf
} from './content';
import { expectAxeClean, SHOTS, usePages } from './pages';

const ref = allLessons().find((l) => l.lesson.questions.some((q) => q.type === 'written'));
if (!ref) throw new Error('the course has no written question');
const q = ref.lesson.questions.find((x): x is QuestionOf<'written'> => x.type === 'written')!;
const proving = writtenEvidence(q, true);
const notProving = writtenEvidence(q, false);
const top = q.rubric.map((c) => c.levels.length);
const max = q.rubric.reduce((n, c) => n + c.levels.at(-1)!.points, 0);
const newPage = usePages();

/** A teacher, a class with the lesson's module assigned, a student who joined it. */
async function world(tag: string) {
	const teacher = newTeacher(`${tag}t`);
	const teacherCookie = await signUpTeacherByPost(teacher);
	const className = `Writing class ${tag} ${Date.now().toString(36)}`;
	const classId = await createClassByPost(teacherCookie, className);
	expect((await postForm(`/teacher/classes/${classId}?/assign`, { target: ref!.module.slug, due: '' }, { cookie: teacherCookie })).status).toBe(200);
	const code = joinCodeIn((await getPage(`/teacher/classes/${classId}`, teacherCookie)).text)!;
	const student = { ...newStudent(`${tag}s`), displayName: `Writer ${tag} ${Date.now().toString(36)}` };
	const studentCookie = await signUpWithCode(student, code);
	return { teacher, teacherCookie, classId, className, student, studentCookie };
}

const card = (page: Page) => page.locator(`#q-${q.id}`);
const lessonUrl = () => `${baseURL()}${ref!.path}#q-${q.id}`;

async function openLesson(page: Page, js: boolean) {
	const res = await page.goto(lessonUrl(), { waitUntil: js ? 'networkidle' : 'load' });
	expect(res?.status()).toBe(200);
}

/** Clicks a button of the card and waits for the post (and, without JavaScript, the new page). */
async function press(page: Page, js: boolean, name: RegExp) {
	// without JavaScript the form posts to the `write` action; with it, to the lesson's card address
	const posted = (url: string) => (js ? new URL(url).pathname.endsWith('/card') : url.includes('?/write'));
	await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && posted(r.url())), card(page).getByRole('button', { name }).click()]);
	if (!js) await page.waitForLoadState('load');
	else await page.waitForLoadState('networkidle');
}

describe.each([true, false])('written answers, JavaScript %s', (js) => {
	const tag = js ? 'wj' : 'wn';
	const claim = `Claim ${tag}: the reports differ on it <b>not bold</b> \u200F\u05E9\u05DC\u05D5\u05DD\u200E`;
	const reasoning = `Reasoning ${tag}: one report says one thing.\nThe other says another.`;
	const comment = `Comment ${tag}: good use of both reports.`;
	let w: Awaited<ReturnType<typeof world>>;

	test('a student drafts, reloads, finds the draft, and submits; the evidence is checked at once', { timeout: 120_000 }, async () => {
		w = await world(tag);
		const page = await newPage(js, w.studentCookie);
		await openLesson(page, js);
		const c = card(page);
		await c.getByLabel('Your claim').fill(claim);
		await c.locator(`input[name="evidence"][value="${proving}"]`).check();
		await c.locator(`input[name="evidence"][value="${notProving}"]`).check();
		await c.getByLabel('Your reasoning').fill(reasoning);
		if (js) {
			// autosave: no button pressed
			await expect.poll(async () => fold(await c.getByRole('status').innerText()), { timeout: 15_000 }).toMatch(/^Draft saved at/);
		} else {
			await press(page, js, /Save draft/);
			expect(fold(await card(page).getByRole('status').innerText())).toMatch(/Draft saved/);
		}
		await expectAxeCleanIf(page, js);
		await page.screenshot({ path: `${SHOTS}/written-draft-${js ? 'js' : 'nojs'}-1280.png`, fullPage: false });

		// coming back finds the draft (without JavaScript the page shown is the post's answer: open the lesson anew)
		if (js) await page.reload({ waitUntil: 'networkidle' });
		else await openLesson(page, js);
		expect(await card(page).getByLabel('Your claim').inputValue()).toBe(claim);
		expect(await card(page).getByLabel('Your reasoning').inputValue()).toBe(reasoning);
		expect(await card(page).locator(`input[name="evidence"][value="${proving}"]`).isChecked()).toBe(true);
		expect(fold(await card(page).getByRole('status').innerText())).toMatch(/Draft saved at .* Not submitted yet/);

		await press(page, js, /Submit for grading/);
		const feedback = card(page).getByRole('region', { name: 'Feedback on your written answer' });
		await feedback.waitFor();
		const text = fold(await feedback.innerText());
		expect(text).toContain('✓ Can prove a claim like this');
		expect(text).toContain('✗ Not one of the sentences that prove a claim like this');
		expect(text).toContain('Waiting for your teacher');
		// in a class: the model answer waits for the grade
		expect(text).not.toContain('A model answer');
		// the text is text: the tags typed are shown, never made into markup
		expect(await card(page).getByLabel('Your claim').inputValue()).toBe(claim);
		expect(await card(page).locator('b').count()).toBe(0);
		await expectAxeCleanIf(page, js);
		await feedback.screenshot({ path: `${SHOTS}/written-waiting-${js ? 'js' : 'nojs'}-1280.png` });
	});

	test('the teacher grades it in the queue with the keyboard, names hidden', { timeout: 120_000 }, async () => {
		const page = await newPage(js, w.teacherCookie);
		const cls = (await getPage(`/teacher/classes/${w.classId}`, w.teacherCookie)).text;
		expect(fold(cls)).toContain('Grade written answers: 1 waiting');
		await page.goto(`${baseURL()}/teacher/classes/${w.classId}/grading?blind=1`, { waitUntil: js ? 'networkidle' : 'load' });
		const body = fold(await page.locator('main').innerText());
		expect(body).toContain('One answer is waiting.');
		expect(body).not.toContain(w.student.displayName);
		expect(body).toContain(claim.replace(/\s+/g, ' '));
		// the student's evidence, marked in the article
		expect(await page.locator('mark.picked').count()).toBe(2);
		await expectAxeCleanIf(page, js);
		await page.screenshot({ path: `${SHOTS}/written-queue-${js ? 'js' : 'nojs'}-1280.png`, fullPage: true });

		const first = page.locator('fieldset.criterion').first().locator('input[type="radio"]').first();
		await first.focus();
		if (js) {
			// the number of each criterion's top level, one criterion after another
			for (const n of top) await page.keyboard.press(String(n));
			expect(await page.evaluate(() => document.activeElement?.id)).toBe('comment');
		} else {
			// without JavaScript, the keyboard still does it: arrows within a group, Tab to the next
			for (const [i, n] of top.entries()) {
				if (i > 0) await page.keyboard.press('Tab');
				await page.keyboard.press('Space');
				for (let k = 1; k < n; k++) await page.keyboard.press('ArrowDown');
			}
			await page.keyboard.press('Tab');
		}
		await page.keyboard.type(comment);
		await Promise.all([page.waitForURL(/grading\?saved=1/), page.getByRole('button', { name: /Save and next/ }).press('Enter')]);
		const after = fold(await page.locator('main').innerText());
		expect(after).toContain('Grade saved.');
		expect(after).toContain('No answers are waiting.');
		// graded, the name is shown again in the list to regrade from
		expect(after).toContain(w.student.displayName);
	});

	test('the student sees the scores and the comment, on the lesson and on /me', async () => {
		const page = await newPage(js, w.studentCookie);
		await page.goto(`${baseURL()}/me`, { waitUntil: 'load' });
		const me = fold(await page.locator('main').innerText());
		expect(me).toContain('New feedback from your teacher');
		expect(me).toContain(`scored ${max} / ${max}`);
		await page.getByRole('link', { name: ref!.lesson.title }).first().click();
		await page.waitForLoadState(js ? 'networkidle' : 'load');
		const feedback = card(page).getByRole('region', { name: 'Feedback on your written answer' });
		const text = fold(await feedback.innerText());
		expect(text).toContain(`Total ${max} / ${max}`);
		expect(text).toContain(comment);
		expect(text).toContain(`${w.teacher.displayName} wrote:`);
		// graded: the model answer is shown, and the answer can no longer be changed
		expect(text).toContain('A model answer');
		expect(await card(page).getByLabel('Your claim').isDisabled()).toBe(true);
		expect(await card(page).getByRole('button', { name: /Submit/ }).count()).toBe(0);
		await expectAxeCleanIf(page, js);
		await feedback.screenshot({ path: `${SHOTS}/written-feedback-${js ? 'js' : 'nojs'}-1280.png` });
		// seen once: /me no longer calls it new
		await page.goto(`${baseURL()}/me`, { waitUntil: 'load' });
		expect(fold(await page.locator('main').innerText())).not.toContain('from your teacher');
	});

	test('the gradebook and the CSV show the points', async () => {
		const book = fold((await getPage(`/teacher/classes/${w.classId}/gradebook`, w.teacherCookie)).text);
		expect(book).toContain(w.student.displayName);
		const csv = (await getPage(`/teacher/classes/${w.classId}/answers.csv`, w.teacherCookie)).text;
		const line = csv.split('\r\n').find((l) => l.includes(q.id))!;
		expect(line).toContain(`${max}/${max} rubric points`);
		expect(line).toContain(`Claim: ${claim.split('<')[0]}`);
		expect(line).toContain(comment);
		const gradebook = (await getPage(`/teacher/classes/${w.classId}/gradebook.csv`, w.teacherCookie)).text;
		expect(gradebook).toContain('written answers waiting for grading');
	});
});

async function fits(page: Page) {
	const o = await overflow(page);
	expect(o.scrollWidth, o.wide.join(', ')).toBeLessThanOrEqual(o.clientWidth);
}

async function expectAxeCleanIf(page: Page, js: boolean) {
	if (js) await expectAxeClean(page);
}

describe('written answers: who may write, and bad input', () => {
	test('a guest sees the question and an invitation to sign up; a post is sent to log in', async () => {
		const page = await newPage(true);
		await openLesson(page, true);
		const text = fold(await card(page).innerText());
		expect(text).toContain('Sign up or log in as a student to write yours');
		expect(await card(page).getByRole('button', { name: /Submit/ }).count()).toBe(0);
		await expectAxeClean(page);
		const res = await postForm(`${ref!.path}?/write`, [['question', q.id], ['intent', 'draft'], ['idem', crypto.randomUUID()]]);
		expect(res.status).toBe(303);
	});

	test('a student in no class submits and sees the model answer and the rubric, to score themselves', async () => {
		const cookie = await signUpByPost(newStudent('wsolo'));
		const res = await postForm(`${ref!.path}?/write`, [['question', q.id], ['intent', 'submit'], ['idem', crypto.randomUUID()], ['claim', 'Mine'], ['evidence', proving], ['reasoning', 'Because.']], { cookie });
		expect(res.status).toBe(200);
		const page = await newPage(true, cookie, 375);
		await openLesson(page, true);
		const text = fold(await card(page).innerText());
		expect(text).toContain('You are in no class, so nobody will score this');
		expect(text).toContain(fold(q.model));
		await fits(page);
		await expectAxeClean(page);
		await page.screenshot({ path: `${SHOTS}/written-solo-375.png`, fullPage: false });
	});

	test('lengths, evidence and a missing part are refused with words, and what was typed comes back', async () => {
		const cookie = await signUpByPost(newStudent('wbad'));
		const post = (fields: [string, string][]) => postForm(`${ref!.path}?/write`, [['question', q.id], ['idem', crypto.randomUUID()], ...fields], { cookie });
		const long = await post([['intent', 'draft'], ['claim', 'x'.repeat(301)], ['reasoning', 'kept text 7f3']]);
		expect(long.status).toBe(400);
		expect(long.text).toContain('Your claim is 301 characters long; keep it to 300.');
		expect(long.text).toContain('kept text 7f3');
		const missing = await post([['intent', 'submit'], ['claim', 'A claim']]);
		expect(missing.status).toBe(400);
		expect(missing.text).toContain('Pick at least one evidence sentence before submitting.');
		const foreign = await post([['intent', 'draft'], ['evidence', '999:1']]);
		expect(foreign.status).toBe(400);
		expect(foreign.text).toContain('not a sentence of this question’s articles');
		const teacher = await signUpTeacherByPost(newTeacher('wteach'));
		const refused = await postForm(`${ref!.path}?/write`, [['question', q.id], ['intent', 'draft'], ['idem', crypto.randomUUID()]], { cookie: teacher });
		expect(refused.status).toBe(403);
	});

	test('the queue, the question and the feedback fit 375 px', async () => {
		const w = await world('w375');
		await postForm(`${ref!.path}?/write`, [['question', q.id], ['intent', 'submit'], ['idem', crypto.randomUUID()], ['claim', 'A claim to grade'], ['evidence', proving], ['reasoning', 'Because.']], { cookie: w.studentCookie });
		const page = await newPage(true, w.teacherCookie, 375);
		await page.goto(`${baseURL()}/teacher/classes/${w.classId}/grading`, { waitUntil: 'networkidle' });
		await fits(page);
		await page.screenshot({ path: `${SHOTS}/written-queue-375.png`, fullPage: true });
		const student = await newPage(true, w.studentCookie, 375);
		await openLesson(student, true);
		await fits(student);
		await card(student).screenshot({ path: `${SHOTS}/written-question-375.png` });
	});
});

/**
 * A forgotten password, end to end in chromium, with JavaScript on and off: the teacher makes a
 * one-time code from the roster (shown once, on a printable slip), the student sets a new password
 * at /reset and is signed in; the old password and every old session stop working, the code fails
 * a second time, and /account says who made the code. Also: the slip and /reset are axe clean and
 * fit 375 px; a teacher cannot get a code for a student outside their classes; wrong codes are
 * refused with words, then limited (429, with the time to wait) on a server of its own.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, test } from 'vitest';
import {
	baseURL,
	createClassByPost,
	fold,
	getPage,
	joinCodeIn,
	newStudent,
	newTeacher,
	overflow,
	postForm,
	signUpTeacherByPost,
	signUpWithCode,
	slipCodeIn
} from './content';
import { startServer } from './global-setup';
import { RESET_LIMITS } from '../../src/lib/server/auth/password-reset';
import { expectAxeClean as axeClean, usePages, SHOTS } from './pages';

const newPage = usePages();

/** A teacher with a class, and a student in it (signed up with the class code). */
async function classWithStudent(tag: string) {
	const teacher = newTeacher(tag);
	const teacherCookie = await signUpTeacherByPost(teacher);
	const classId = await createClassByPost(teacherCookie, `Reset class ${tag}`);
	const code = joinCodeIn((await getPage(`/teacher/classes/${classId}`, teacherCookie)).text)!;
	const student = newStudent(tag);
	const studentCookie = await signUpWithCode(student, code);
	return { teacher, teacherCookie, classId, student, studentCookie };
}

describe.each([true, false])('a forgotten password, JavaScript %s', (js) => {
	test('the teacher makes a code, the student resets, old password and sessions end, the code works once', async () => {
		const w = await classWithStudent(js ? 'rjs' : 'rnojs');
		const teacherPage = await newPage(js, w.teacherCookie);
		await teacherPage.goto(`${baseURL()}/teacher/classes/${w.classId}`);
		await teacherPage.getByRole('button', { name: `New password code for ${w.student.displayName}` }).click();
		const slip = teacherPage.locator('.slip');
		await slip.waitFor();
		await expect.poll(() => slip.textContent()).toContain(w.student.username);
		const code = slipCodeIn(await teacherPage.content());
		expect(code).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
		// axe runs as a script in the page: it needs JavaScript
		if (js) await axeClean(teacherPage);
		if (js) await slip.screenshot({ path: `${SHOTS}/reset-slip-1280.png` });

		// the student, in another browser, with the code typed in lower case and without the dash
		const studentPage = await newPage(js);
		await studentPage.goto(`${baseURL()}/reset?username=${w.student.username}`);
		await expect.poll(() => studentPage.getByLabel('Username (teachers: email)').inputValue()).toBe(w.student.username);
		const fresh = `${w.student.password} after reset`;
		await studentPage.getByLabel('One-time code').fill(code!.replace('-', '').toLowerCase());
		await studentPage.getByLabel('New password', { exact: true }).fill(fresh);
		await studentPage.getByLabel('New password again').fill(fresh);
		await studentPage.getByRole('button', { name: 'Set password and sign in' }).click();
		await studentPage.waitForURL(/\/me\?password=set$/);
		await expect.poll(() => studentPage.getByRole('status').first().textContent()).toContain('Your new password is set');
		await studentPage.goto(`${baseURL()}/account`);
		await expect.poll(async () => fold((await studentPage.locator('main').textContent()) ?? '')).toContain(`from a code made by ${w.teacher.displayName}`);

		// the old password and the old session no longer work; the new password does
		expect((await postForm('/login', { username: w.student.username, password: w.student.password })).status).toBe(401);
		expect((await getPage('/me', w.studentCookie)).status).toBe(303);
		expect((await postForm('/login', { username: w.student.username, password: fresh })).status).toBe(303);

		// the code a second time
		await studentPage.goto(`${baseURL()}/reset`);
		await studentPage.getByLabel('Username (teachers: email)').fill(w.student.username);
		await studentPage.getByLabel('One-time code').fill(code!);
		await studentPage.getByLabel('New password', { exact: true }).fill(`${fresh} again`);
		await studentPage.getByLabel('New password again').fill(`${fresh} again`);
		await studentPage.getByRole('button', { name: 'Set password and sign in' }).click();
		const error = studentPage.locator('#f-code-error');
		await error.waitFor();
		expect(await error.textContent()).toContain('used already');
		expect(await studentPage.getByLabel('One-time code').getAttribute('aria-invalid')).toBe('true');
		if (js) await axeClean(studentPage);
	});
});

test('the slip and /reset fit 375 px', async () => {
	const w = await classWithStudent('r375');
	const page = await newPage(true, w.teacherCookie, 375);
	await page.goto(`${baseURL()}/teacher/classes/${w.classId}`);
	await page.getByRole('button', { name: `New password code for ${w.student.displayName}` }).click();
	await page.locator('.slip').waitFor();
	const o = await overflow(page);
	expect(o.scrollWidth, o.wide.join(', ')).toBeLessThanOrEqual(o.clientWidth);
	await page.locator('.slip').screenshot({ path: `${SHOTS}/reset-slip-375.png` });
	const student = await newPage(true, undefined, 375);
	await student.goto(`${baseURL()}/reset`);
	const o2 = await overflow(student);
	expect(o2.scrollWidth, o2.wide.join(', ')).toBeLessThanOrEqual(o2.clientWidth);
	await axeClean(student);
	await student.screenshot({ path: `${SHOTS}/reset-page-375.png`, fullPage: true });
});

test('a teacher gets no code for a student outside their classes, nor for another teacher', async () => {
	const mine = await classWithStudent('rmine');
	const theirs = await classWithStudent('rtheirs');
	const post = (cookie: string, classId: string, student: string) => postForm(`/teacher/classes/${classId}?/resetPassword`, { student }, { cookie });
	const theirId = /href="\/teacher\/classes\/[0-9a-f-]{36}\/students\/([0-9a-f-]{36})"/.exec((await getPage(`/teacher/classes/${theirs.classId}`, theirs.teacherCookie)).text)![1]!;
	// their student, through my class: not in my class
	const viaMine = await post(mine.teacherCookie, mine.classId, theirId);
	expect(viaMine.status).toBe(404);
	expect(slipCodeIn(viaMine.text)).toBeNull();
	// through their class: not my class at all
	expect((await post(mine.teacherCookie, theirs.classId, theirId)).status).toBe(404);
	// a student cannot ask
	expect((await post(mine.studentCookie, mine.classId, theirId)).status).toBe(403);
});

describe('wrong codes (on a server of its own)', () => {
	let server: { url: string; child: ChildProcess } | undefined;
	afterAll(() => {
		server?.child.kill('SIGTERM');
	});

	test('are refused with words, then limited per username with the time to wait; bad forms get 400 with the field named', async () => {
		server = await startServer();
		const base = server.url;
		const s = newStudent('rlimit');
		const t = newTeacher('rlimit');
		const tc = await signUpTeacherByPost(t, base);
		const classId = await createClassByPost(tc, 'Limit class', { base });
		const joinCode = joinCodeIn((await getPage(`/teacher/classes/${classId}`, tc, base)).text)!;
		await signUpWithCode(s, joinCode, base);
		const form = (code: string) => ({ username: s.username, code, password: 'long enough password', confirm: 'long enough password' });

		const short = await postForm('/reset', { ...form('ABCDE-FGHJK'), confirm: 'different' }, { base });
		expect(short.status).toBe(400);
		expect(short.text).toContain('The two new passwords are not the same');

		for (let i = 0; i < RESET_LIMITS.perUsername.max; i++) {
			const r = await postForm('/reset', form('ABCDE-FGHJK'), { base });
			expect(r.status).toBe(400);
			expect(r.text).toContain('That code does not work for this username');
		}
		const page = await getPage(`/teacher/classes/${classId}`, tc, base);
		const studentId = /\/students\/([0-9a-f-]{36})"/.exec(page.text)![1]!;
		const slip = await postForm(`/teacher/classes/${classId}?/resetPassword`, { student: studentId }, { base, cookie: tc });
		const limited = await postForm('/reset', form(slipCodeIn(slip.text)!), { base });
		expect(limited.status).toBe(429);
		expect(limited.text).toMatch(/Too many wrong codes\. Please wait 1[45] minutes and try again\./);
	});
});

/**
 * Co-teachers and the end of term, in chromium with JavaScript on and off. The owner adds a
 * co-teacher by email; the co-teacher sees the class, its gradebook and a student's answers,
 * assigns a module and makes a password code, but cannot delete the class or change its
 * teachers; removed, the class is gone for them. Archiving takes the class's work off the
 * student's dashboard, stops joining and assigning, keeps the reports, and restoring brings it
 * back. Deleting asks for the class's name, removes the class and never the student's answers.
 */
import { describe, expect, test } from 'vitest';
import {
	answerByPost,
	baseURL,
	content,
	createClassByPost,
	fold,
	getPage,
	joinCodeIn,
	newStudent,
	newTeacher,
	overflow,
	postForm,
	signUpTeacherByPost,
	signUpWithCode
} from './content';
import { expectAxeClean, usePages } from './pages';

const M = content().modules[0]!;
const L = M.lessons[0]!;
const newPage = usePages();

/** A class with its owner, a student who joined and answered, and the first module assigned. */
async function world(tag: string) {
	const owner = newTeacher(`${tag}o`);
	const ownerCookie = await signUpTeacherByPost(owner);
	const name = `Team class ${tag} ${Date.now().toString(36)}`;
	const classId = await createClassByPost(ownerCookie, name);
	expect((await postForm(`/teacher/classes/${classId}?/assign`, { target: M.slug, due: '' }, { cookie: ownerCookie })).status).toBe(200);
	const code = joinCodeIn((await getPage(`/teacher/classes/${classId}`, ownerCookie)).text)!;
	const student = newStudent(`${tag}s`);
	const studentCookie = await signUpWithCode(student, code);
	await answerByPost(`/modules/${M.slug}/${L.slug}`, L.questions[0]!, true, studentCookie);
	const studentId = new RegExp(`/teacher/classes/${classId}/students/([0-9a-f-]{36})`).exec((await getPage(`/teacher/classes/${classId}`, ownerCookie)).text)![1]!;
	return { owner, ownerCookie, name, classId, code, student, studentCookie, studentId };
}

const classPath = (id: string) => `/teacher/classes/${id}`;

describe.each([true, false])('with JavaScript %s', (js) => {
	test('a co-teacher grades and assigns, but cannot delete the class or change its teachers', async () => {
		const w = await world(js ? 'ctj' : 'ctn');
		const co = newTeacher(js ? 'coj' : 'con');
		const coCookie = await signUpTeacherByPost(co);

		// the owner adds the co-teacher on the class page; an unknown address is refused next to the field
		const owner = await newPage(js, w.ownerCookie);
		await owner.goto(`${baseURL()}${classPath(w.classId)}`);
		await owner.getByLabel('Add a co-teacher by their email').fill('nobody-here@school.example');
		await owner.getByRole('button', { name: 'Add co-teacher' }).click();
		await expect.poll(() => owner.locator('#f-email-error').textContent()).toContain('No teacher account uses that email address');
		await owner.getByLabel('Add a co-teacher by their email').fill(co.email);
		await owner.getByRole('button', { name: 'Add co-teacher' }).click();
		await expect.poll(async () => fold((await owner.locator('#teachers-h + ul').textContent()) ?? '')).toContain(co.displayName);

		// the co-teacher's side
		const page = await newPage(js, coCookie);
		await page.goto(`${baseURL()}/teacher`);
		expect(fold((await page.locator('main').textContent()) ?? '')).toContain(`Co-teaching with ${w.owner.displayName}`);
		await page.getByRole('link', { name: w.name }).click();
		await page.waitForURL(`**${classPath(w.classId)}`);
		expect(await page.getByRole('heading', { name: 'Delete the class' }).count()).toBe(0);
		expect(await page.getByRole('button', { name: 'Add co-teacher' }).count()).toBe(0);
		// assigns a lesson
		await page.getByLabel('Module or lesson').selectOption({ index: 2 });
		await page.getByRole('button', { name: 'Assign', exact: true }).click();
		await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Assigned:');
		// grades: the gradebook and the student's answers
		for (const path of [`${classPath(w.classId)}/gradebook`, `${classPath(w.classId)}/students/${w.studentId}`]) {
			const res = await page.goto(`${baseURL()}${path}`);
			expect(res?.status(), path).toBe(200);
			expect(await page.content()).toContain(w.student.displayName);
		}
		if (js) {
			await page.goto(`${baseURL()}${classPath(w.classId)}`);
			await expectAxeClean(page);
		}
		// what only the owner may do
		const del = await postForm(`${classPath(w.classId)}?/deleteClass`, { confirm: w.name }, { cookie: coCookie });
		expect(del.status).toBe(403);
		expect(del.text).toContain('Only the teacher who made this class can do that');
		expect((await postForm(`${classPath(w.classId)}?/addCoTeacher`, { email: w.owner.email }, { cookie: coCookie })).status).toBe(403);
		expect((await getPage(classPath(w.classId), w.ownerCookie)).status).toBe(200);

		// removed by the owner, the class is gone for them
		await owner.goto(`${baseURL()}${classPath(w.classId)}`);
		await owner.getByRole('button', { name: `Remove ${co.displayName} as co-teacher` }).click();
		await expect.poll(() => owner.getByRole('status').first().textContent()).toContain('no longer co-teaches');
		expect((await getPage(classPath(w.classId), coCookie)).status).toBe(404);
	});

	test('archive: off the student’s dashboard, no joining or assigning, reports still work; restore brings it back', async () => {
		const w = await world(js ? 'arj' : 'arn');
		const student = await newPage(js, w.studentCookie);
		const assigned = async () => {
			await student.goto(`${baseURL()}/me`);
			return student.getByRole('heading', { name: 'Assigned to you' }).count();
		};
		expect(await assigned()).toBe(1);

		const owner = await newPage(js, w.ownerCookie);
		await owner.goto(`${baseURL()}${classPath(w.classId)}`);
		await owner.getByRole('button', { name: 'Archive the class' }).click();
		await expect.poll(() => owner.getByRole('status').first().textContent()).toContain('is archived');
		expect(await assigned()).toBe(0);

		// read-only: joining and assigning are refused with words; reports and exports still work
		const late = newStudent(js ? 'arlj' : 'arln');
		const signup = await postForm('/signup', { displayName: late.displayName, username: late.username, password: late.password, code: w.code });
		expect(signup.status).toBe(400);
		const assign = await postForm(`${classPath(w.classId)}?/assign`, { target: M.slug, due: '' }, { cookie: w.ownerCookie });
		expect(assign.status).toBe(409);
		expect(assign.text).toContain('This class is archived');
		for (const path of ['/gradebook', '/gradebook.csv', '/answers.csv']) expect((await getPage(`${classPath(w.classId)}${path}`, w.ownerCookie)).status, path).toBe(200);
		await owner.goto(`${baseURL()}/teacher`);
		expect(await owner.locator('details.archived').textContent()).toContain(w.name);

		await owner.goto(`${baseURL()}${classPath(w.classId)}`);
		await owner.getByRole('button', { name: 'Restore the class' }).click();
		await expect.poll(() => owner.getByRole('status').first().textContent()).toContain('is restored');
		expect(await assigned()).toBe(1);
	});

	test('delete: the class’s name is asked for; the class goes, the student’s account and answers stay', async () => {
		const w = await world(js ? 'dlj' : 'dln');
		const owner = await newPage(js, w.ownerCookie);
		await owner.goto(`${baseURL()}${classPath(w.classId)}`);
		expect(fold((await owner.locator('#term-h ~ p').last().textContent()) ?? '')).toContain('1 student membership, 1 assignment and 0 co-teachers');
		await owner.getByLabel(`Type the class's name to confirm: ${w.name}`).fill('not the name');
		await owner.getByRole('button', { name: `Delete ${w.name}` }).click();
		await expect.poll(() => owner.locator('#f-confirm-error').textContent()).toContain("Type the class's name exactly");
		expect((await getPage(classPath(w.classId), w.ownerCookie)).status).toBe(200);
		await owner.getByLabel(`Type the class's name to confirm: ${w.name}`).fill(w.name);
		await owner.getByRole('button', { name: `Delete ${w.name}` }).click();
		await owner.waitForURL(/\/teacher\?deleted=/);
		expect(fold((await owner.getByRole('status').first().textContent()) ?? '')).toContain(`${w.name} is deleted`);
		expect((await getPage(classPath(w.classId), w.ownerCookie)).status).toBe(404);
		const data = JSON.parse((await getPage('/me/data/export.json', w.studentCookie)).text) as { answers: unknown[]; memberships: unknown[] };
		expect(data.answers).toHaveLength(1);
		expect(data.memberships).toHaveLength(0);
	});
});

test('the class page with teachers and the end of term fits 375 px', async () => {
	const w = await world('ct375');
	const page = await newPage(true, w.ownerCookie, 375);
	await page.goto(`${baseURL()}${classPath(w.classId)}`);
	const o = await overflow(page);
	expect(o.scrollWidth, o.wide.join(', ')).toBeLessThanOrEqual(o.clientWidth);
	await expectAxeClean(page);
});

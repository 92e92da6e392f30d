/**
 * Who may see and change a class: only its teacher. Another teacher gets 404 for every page,
 * download and form action of the class (as if it did not exist, and without a word of it in
 * the answer), a student gets 403, an anonymous visitor is sent to log in, and none of them
 * changes anything. Unknown and malformed ids are 404, never a server error.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	answerByPost,
	baseURL,
	content,
	createClassByPost,
	getPage,
	joinCodeIn,
	newStudent,
	newTeacher,
	postForm,
	signUpByPost,
	signUpTeacherByPost,
	signUpWithCode,
	statusOf,
	unchanging
} from './content';

const M = content().modules[0]!;
const L = M.lessons[0]!;
const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
/** plain letters, so that a search of any response finds them however it is escaped */
const CLASS_A = `Seminar Alpha ${tag}`;
const CLASS_B = `Seminar Beta ${tag}`;
const student = { ...newStudent('authz'), displayName: `Sam Secret ${tag}` };

const world = {
	teacherA: '',
	teacherB: '',
	student: '',
	classA: '',
	classB: '',
	studentId: '',
	assignmentId: '',
	code: ''
};

const get = (path: string, cookie?: string) => getPage(path, cookie);

/** Every page and download of a class. */
const pages = (classId: string, studentId = world.studentId) => {
	const c = `/teacher/classes/${classId}`;
	return [c, `${c}/gradebook`, `${c}/gradebook.csv`, `${c}/answers.csv`, `${c}/lessons/${L.slug}`, `${c}/students/${studentId}`];
};
/** The data a client-side navigation to each page loads. */
const dataOf = (classId: string) => pages(classId).filter((p) => !p.endsWith('.csv')).map((p) => `${p}/__data.json`);
/** Every form action of the class page, with fields that would change something. */
const actions = (): [string, Record<string, string>][] => [
	['resetCode', {}],
	['disableCode', {}],
	['removeStudent', { student: world.studentId }],
	['assign', { target: M.slug, due: '' }],
	['updateDue', { assignment: world.assignmentId, due: '2031-02-03T04:05' }],
	['removeAssignment', { assignment: world.assignmentId }],
	['counting', { counting: 'first' }]
];

/** What A's class looks like to A: the whole class page, the gradebook download and the answers download. */
async function snapshotA() {
	const c = `/teacher/classes/${world.classA}`;
	const [page, gradebook, answers] = await Promise.all([get(c, world.teacherA), get(`${c}/gradebook.csv`, world.teacherA), get(`${c}/answers.csv`, world.teacherA)]);
	expect([page.status, gradebook.status, answers.status]).toEqual([200, 200, 200]);
	expect(joinCodeIn(page.text)).toBe(world.code);
	return { page: unchanging(page.text), gradebook: gradebook.text, answers: answers.text };
}

/** Nothing of A's class in a response: its name, its code, its student. */
function expectNoLeak(text: string, what: string, { studentToo = true } = {}) {
	for (const secret of [CLASS_A, world.code, world.code.replace('-', ''), ...(studentToo ? [student.displayName, student.username] : [])]) {
		expect(text.includes(secret), `${what} mentions ${secret}`).toBe(false);
	}
}

beforeAll(async () => {
	[world.teacherA, world.teacherB] = await Promise.all([signUpTeacherByPost(newTeacher('ta')), signUpTeacherByPost(newTeacher('tb'))]);
	[world.classA, world.classB] = await Promise.all([createClassByPost(world.teacherA, CLASS_A), createClassByPost(world.teacherB, CLASS_B)]);
	const assigned = await postForm(`/teacher/classes/${world.classA}?/assign`, { target: M.slug, due: '2030-01-01T10:00' }, { cookie: world.teacherA });
	expect(assigned.status).toBe(200);
	const html = (await get(`/teacher/classes/${world.classA}`, world.teacherA)).text;
	world.code = joinCodeIn(html)!;
	world.assignmentId = /name="assignment" value="([0-9a-f-]{36})"/.exec(html)![1]!;
	world.student = await signUpWithCode(student, world.code);
	await answerByPost(`/modules/${M.slug}/${L.slug}`, L.questions[0]!, true, world.student);
	const roster = (await get(`/teacher/classes/${world.classA}`, world.teacherA)).text;
	world.studentId = new RegExp(`/teacher/classes/${world.classA}/students/([0-9a-f-]{36})`).exec(roster)![1]!;
	// A sees all of it
	for (const path of pages(world.classA)) expect((await get(path, world.teacherA)).status, `${path} for its teacher`).toBe(200);
});

let before: Awaited<ReturnType<typeof snapshotA>>;
beforeAll(async () => {
	before = await snapshotA();
	expect(before.answers).toContain(student.username);
});
afterAll(async () => {
	// whatever the tests did, A's class is as it was
	if (world.classA && before) expect(await snapshotA()).toEqual(before);
});

describe("another teacher and A's class", () => {
	test('gets 404 for every page, download and data request, without a word of the class', async () => {
		for (const path of [...pages(world.classA), ...dataOf(world.classA)]) {
			const r = await statusOf(path, world.teacherB);
			expect(r.status, `GET ${path} as teacher B`).toBe(404);
			expectNoLeak(r.text, `GET ${path} as teacher B`);
		}
	});

	test('gets 404 for every form action, and nothing changes', async () => {
		for (const [action, fields] of actions()) {
			const r = await postForm(`/teacher/classes/${world.classA}?/${action}`, fields, { cookie: world.teacherB });
			expect(r.status, `POST ?/${action} as teacher B`).toBe(404);
			expectNoLeak(r.text, `POST ?/${action} as teacher B`);
		}
		expect(await snapshotA()).toEqual(before);
	});

	test("cannot reach A's student or assignment through B's own class", async () => {
		const own = `/teacher/classes/${world.classB}`;
		const r = await get(`${own}/students/${world.studentId}`, world.teacherB);
		expect(r.status).toBe(404);
		expectNoLeak(r.text, "A's student in B's class");
		for (const [action, fields] of actions().filter(([a]) => ['removeStudent', 'updateDue', 'removeAssignment'].includes(a))) {
			const res = await postForm(`${own}?/${action}`, fields, { cookie: world.teacherB });
			expect(res.status, `POST ${own}?/${action} with A's ids`).toBe(404);
			expectNoLeak(res.text, `POST ?/${action} in B's class`);
		}
		// B's own class is fine, and empty
		const page = await get(own, world.teacherB);
		expect(page.status).toBe(200);
		expect(page.text).toContain(CLASS_B);
		expectNoLeak(page.text, "B's class page");
		expect(await snapshotA()).toEqual(before);
	});
});

describe('a student of the class', () => {
	test('gets 403 for every teacher page, download and action, and nothing changes', async () => {
		for (const path of ['/teacher', ...pages(world.classA), ...dataOf(world.classA)]) {
			const r = await statusOf(path, world.student);
			expect(r.status, `GET ${path} as a student`).toBe(403);
			expectNoLeak(r.text, `GET ${path} as a student`, { studentToo: false });
			if (!path.endsWith('.csv') && !path.endsWith('.json')) expect(r.text).toContain('This page is for teachers. Student accounts cannot open it.');
		}
		const forms: [string, Record<string, string>][] = [
			['/teacher?/create', { name: 'Sneaky class', section: '', timeZone: 'UTC' }],
			...actions().map(([a, fields]): [string, Record<string, string>] => [`/teacher/classes/${world.classA}?/${a}`, fields])
		];
		for (const [path, fields] of forms) {
			const r = await postForm(path, fields, { cookie: world.student });
			expect(r.status, `POST ${path} as a student`).toBe(403);
			expectNoLeak(r.text, `POST ${path} as a student`, { studentToo: false });
		}
		expect(await snapshotA()).toEqual(before);
	});
});

describe('an anonymous visitor', () => {
	test('is sent to log in (and back afterwards) from every teacher page, download and action, and nothing changes', async () => {
		for (const path of ['/teacher', ...pages(world.classA)]) {
			const r = await get(path);
			expect(r.status, `GET ${path} anonymously`).toBe(303);
			expect(r.location).toBe(`/login?next=${encodeURIComponent(path)}`);
		}
		for (const path of dataOf(world.classA)) {
			const r = await statusOf(path);
			expect(r.status, `GET ${path} anonymously`).toBe(303);
			expect(r.location).toMatch(/^\/login\?next=/);
			expectNoLeak(r.text, `GET ${path} anonymously`);
		}
		for (const [action, fields] of actions()) {
			const path = `/teacher/classes/${world.classA}?/${action}`;
			const r = await postForm(path, fields);
			expect(r.status, `POST ${path} anonymously`).toBe(303);
			expect(r.location).toBe(`/login?next=${encodeURIComponent(path)}`);
			expectNoLeak(r.text, `POST ${path} anonymously`);
		}
		expect(await snapshotA()).toEqual(before);
	});
});

describe('unknown and malformed ids', () => {
	const weird = [crypto.randomUUID(), 'nope', '12345', 'x'.repeat(300), "1' OR '1'='1", '%E2%80%A6', '..%2F..%2Fsources', '%00'];

	test('an unknown or malformed class id is 404 for its teacher-to-be, never 500', async () => {
		for (const id of weird) {
			for (const path of pages(id)) {
				const r = await get(path, world.teacherA);
				expect(r.status, `GET ${path}`).toBe(404);
			}
			const r = await postForm(`/teacher/classes/${id}?/resetCode`, {}, { cookie: world.teacherA });
			expect(r.status, `POST resetCode to class ${id}`).toBe(404);
		}
	});

	test("an unknown lesson or student in A's own class is 404, never 500", async () => {
		const c = `/teacher/classes/${world.classA}`;
		for (const id of weird) {
			const lesson = await get(`${c}/lessons/${id}`, world.teacherA);
			expect(lesson.status, `lesson ${id}`).toBe(404);
			const someone = await get(`${c}/students/${id}`, world.teacherA);
			expect(someone.status, `student ${id}`).toBe(404);
		}
		// a student of the course who is not in this class, and B's class id in the student's place
		const outsiderCookie = await signUpByPost(newStudent('outsider'));
		const outsiderId = ((await (await fetch(`${baseURL()}/me/data/export.json`, { headers: { cookie: outsiderCookie } })).json()) as { user: { id: string } }).user.id;
		for (const id of [outsiderId, world.classB]) expect((await get(`${c}/students/${id}`, world.teacherA)).status, `student ${id}`).toBe(404);
		for (const [action, field] of [
			['removeStudent', 'student'],
			['updateDue', 'assignment'],
			['removeAssignment', 'assignment']
		] as const) {
			for (const id of weird) {
				const r = await postForm(`${c}?/${action}`, { [field]: id, due: '' }, { cookie: world.teacherA });
				expect(r.status, `POST ?/${action} with ${field}=${id}`).toBe(404);
			}
		}
	});
});

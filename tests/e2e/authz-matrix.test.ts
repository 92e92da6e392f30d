/**
 * The authorization matrix: every route of the inventory (page, its client-side data request,
 * form action, endpoint) × five identities (anonymous, a student of class A, a student of
 * class B, the teacher of A, the teacher of B), with the ids in the address taken from one
 * class or the other. What the inventory allows succeeds; the rest is refused (anonymous: sent
 * to log in; wrong role: 403; another teacher's class: 404), and no response carries a word
 * of the other class or its student: name, username, join code, or an answer only they gave.
 * A route added to the inventory is in the matrix without anyone writing a line here, unless
 * it has a form action (which needs its fields below) or an unknown address parameter.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { routeInventory, type Access, type RouteEntry } from '../../src/lib/server/route-inventory';
import {
	answerFields,
	writtenEvidence,
	type QuestionOf,
	content,
	createClassByPost,
	getPage,
	joinCodeIn,
	newStudent,
	newTeacher,
	postForm,
	signUpTeacherByPost,
	signUpWithCode,
	slipCodeIn,
	statusOf,
	type Student,
	unchanging,
	type Teacher
} from './content';
import { startServer } from './global-setup';

type PartyName = 'A' | 'B';
type Role = 'anonymous' | 'student A' | 'student B' | 'teacher A' | 'teacher B' | 'co-teacher A';
const ROLES: Role[] = ['anonymous', 'student A', 'student B', 'teacher A', 'teacher B', 'co-teacher A'];

interface Party {
	teacher: Teacher & { cookie: string };
	/** co-teaches the class: everything but deleting it or changing its teachers */
	coTeacher: Teacher & { cookie: string };
	/** a teacher only the owner's "add co-teacher" adds (and "remove" removes again) */
	spare: Teacher & { id: string };
	student: Student & { cookie: string; id: string };
	klass: { id: string; name: string; codes: string[]; assignment: string };
	/** a numeric answer and a written claim only this party's student gave, as they could be printed */
	answer: string[];
	/** the student's written answer, as the grading form names it */
	writtenAnswer: { id: string; submitted: string };
}

const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const course = content();
const lessons = course.modules.flatMap((m) => m.lessons);
const has = (l: (typeof lessons)[number], type: string) => l.questions.some((q) => q.type === type);
// a lesson with a numeric and a written question: the one lesson page every lesson action is posted to
const numericLesson = lessons.find((l) => has(l, 'numeric') && has(l, 'written'))!;
const numeric = numericLesson.questions.find((q) => q.type === 'numeric')!;
const written = numericLesson.questions.find((q): q is QuestionOf<'written'> => q.type === 'written')!;
const writtenFields = (claim: string, intent: 'draft' | 'submit'): [string, string][] => [
	['question', written.id],
	['intent', intent],
	['idem', crypto.randomUUID()],
	['claim', claim],
	['evidence', writtenEvidence(written, true)],
	['reasoning', `The reasoning behind ${claim}.`]
];
const lesson = course.modules[0]!.lessons[0]!;
const ANSWERS: Record<PartyName, string> = { A: '4817.93', B: '6293.71' };

let base = '';
// port 9 (discard) on loopback: nothing answers there
const MATRIX_LMS = { issuer: 'https://lms.matrix.test', clientId: 'matrix-client', unreachable: 'http://127.0.0.1:9' };
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const unsignedToken = (claims: object) =>
	`${b64({ alg: 'RS256', kid: 'matrix' })}.${b64({ ...claims, sub: 'matrix', nonce: 'n', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 60 })}.${b64({ not: 'a signature' })}`;
let server: ChildProcess | undefined;
const world = {} as Record<PartyName, Party>;

const partyOf = (role: Role): PartyName | null => (role === 'anonymous' ? null : (role.slice(-1) as PartyName));
const kindOf = (role: Role) => (role === 'anonymous' ? 'anonymous' : role.startsWith('student') ? 'student' : 'teacher');
const isCoTeacher = (role: Role) => role.startsWith('co-teacher');
function cookieOf(role: Role): string | undefined {
	const p = partyOf(role);
	if (!p) return undefined;
	return kindOf(role) === 'student' ? world[p].student.cookie : isCoTeacher(role) ? world[p].coTeacher.cookie : world[p].teacher.cookie;
}

/** Words only party P's people and their teacher may see. */
function secretsOf(p: PartyName): string[] {
	const { klass, student, answer } = world[p];
	return [klass.name, ...klass.codes.flatMap((c) => [c, c.replace('-', '')]), student.displayName, student.username, ...answer];
}

function leaks(role: Role, text: string): string[] {
	const own = partyOf(role);
	const others = (['A', 'B'] as const).filter((p) => p !== own);
	return others.flatMap((p) => secretsOf(p).filter((s) => text.includes(s)).map((s) => `${p}'s "${s}"`));
}

// ---- what each identity should get ----

type Expect = { allowed: true } | { allowed: false; status: 303 | 401 | 403 | 404 };

function expected(access: Access, role: Role, target: PartyName | null): Expect {
	const kind = kindOf(role);
	if (access === 'anyone') return { allowed: true };
	if (kind === 'anonymous') return { allowed: false, status: 303 };
	if (access === 'signed-in') return { allowed: true };
	if (access === 'student') return kind === 'student' ? { allowed: true } : { allowed: false, status: 403 };
	if (kind !== 'teacher') return { allowed: false, status: 403 };
	if (access === 'teacher') return { allowed: true };
	// another teacher's class does not exist for them; its co-teacher may do all but the owner's part
	if (partyOf(role) !== target) return { allowed: false, status: 404 };
	return access === 'class-owner' && isCoTeacher(role) ? { allowed: false, status: 403 } : { allowed: true };
}

// ---- addresses ----

/** The route with its parameters filled from party `target` (or the course, for content). */
function address(route: RouteEntry, target: PartyName | null): string {
	return route.id.replace(/\[(\w+)\]/g, (_, name: string) => {
		if (name === 'module') return numericLesson.module;
		if (name === 'lesson') return numericLesson.slug;
		if (name === 'source') return '000';
		if (name === 'format') return 'gift';
		if (name === 'class') return world[target!].klass.id;
		if (name === 'student') return world[target!].student.id;
		throw new Error(`${route.id}: the matrix does not know how to fill [${name}]. Add it to address() in ${import.meta.url}.`);
	});
}
const targetsOf = (route: RouteEntry): (PartyName | null)[] => (route.id.includes('[class]') ? ['A', 'B'] : [null]);

// ---- form actions: fields that would do something, and when a success may run ----

interface ActionPlan {
	/** valid fields, so that only authorization can stop the action */
	fields: (role: Role, target: PartyName | null) => Record<string, string> | [string, string][];
	/** allowed cells run in this order: later phases change or end what earlier ones rely on */
	phase: number;
	/** the action ends the session it is posted with: an allowed cell uses a second session of that person */
	endsSession?: boolean;
	/** called before an allowed cell is posted (to make what its fields need) */
	prepare?: (role: Role, target: PartyName | null) => Promise<void>;
	/**
	 * what an allowed cell answers when success is not 200/303: for an address whose only
	 * authority is a signed token or a request made elsewhere (an LMS's launch, a deep-linking
	 * request), the matrix can post only ones that are refused for what they are, with words
	 * (tests/e2e/lti-*.test.ts make real ones)
	 */
	allowedStatus?: number[];
	/** called after an allowed cell succeeded */
	after?: (role: Role, target: PartyName | null, res: Awaited<ReturnType<typeof postForm>>) => Promise<void> | void;
}

const own = (role: Role): Party => world[partyOf(role) ?? 'A'];
/** The person signed in as this role. */
const personOf = (role: Role) => (kindOf(role) === 'student' ? own(role).student : isCoTeacher(role) ? own(role).coTeacher : own(role).teacher);
const creds = (role: Role) => {
	const p = personOf(role);
	return { username: 'username' in p ? p.username : p.email, password: p.password };
};

const PLANS: Record<string, ActionPlan> = {
	'/modules/[module]/[lesson] ?/answer': {
		phase: 1,
		fields: () => [['question', numeric.id], ['idem', crypto.randomUUID()], ...answerFields(numeric, true)]
	},
	'/modules/[module]/[lesson] ?/write': { phase: 1, fields: () => writtenFields('A matrix draft', 'draft') },
	// a review card: as the review page's action takes it
	'/me/review/card ?/default': {
		phase: 1,
		fields: () => [['question', lesson.questions[0]!.id], ['idem', crypto.randomUUID()], ...answerFields(lesson.questions[0]!, true)]
	},
	// the card endpoint (a POST endpoint, not an action): an answer from anyone, the card back
	'/modules/[module]/[lesson]/card ?/default': {
		phase: 1,
		fields: () => [['question', numeric.id], ['idem', crypto.randomUUID()], ...answerFields(numeric, true)]
	},
	// regrades of the party's student's submission, in phase 2 (after the drafts above, which leave the submission as it was)
	'/teacher/classes/[class]/grading ?/grade': {
		phase: 2,
		fields: (_r, t) => {
			const w = world[t ?? 'A'].writtenAnswer;
			return [['answer', w.id], ['submitted', w.submitted], ['idem', crypto.randomUUID()], ['comment', 'Matrix comment'], ...written.rubric.map((c): [string, string] => [`c-${c.id}`, String(c.levels.at(-1)!.points)])];
		}
	},
	'/me/review ?/answer': {
		phase: 1,
		fields: () => [['question', lesson.questions[0]!.id], ['idem', crypto.randomUUID()], ...answerFields(lesson.questions[0]!, true)]
	},
	// anyone may keep reading settings: a guest's in a cookie, an account's on the account
	'/settings ?/save': { phase: 1, fields: () => ({ size: 'larger', leading: 'wide', tracking: 'default', font: 'plain', theme: 'contrast', back: '/me' }) },
	'/settings ?/reset': { phase: 1, fields: () => ({ back: '/' }) },
	'/join ?/default': { phase: 1, fields: (role) => ({ code: own(role).klass.codes.at(-1)! }) },
	'/teacher ?/create': { phase: 1, fields: () => ({ name: `Matrix extra ${tag}`, section: '', timeZone: 'UTC' }) },
	'/teacher/classes/[class] ?/assign': { phase: 1, fields: () => ({ target: course.modules[1]!.slug, due: '' }) },
	'/teacher/classes/[class] ?/counting': { phase: 1, fields: () => ({ counting: 'best' }) },
	'/teacher/classes/[class] ?/updateDue': { phase: 1, fields: (_r, t) => ({ assignment: world[t!].klass.assignment, due: '2031-02-03T04:05' }) },
	'/teacher/classes/[class] ?/resetCode': {
		phase: 2,
		fields: () => ({}),
		after: async (_r, t) => {
			const page = await getPage(`/teacher/classes/${world[t!].klass.id}`, world[t!].teacher.cookie, base);
			world[t!].klass.codes.push(joinCodeIn(page.text)!);
		}
	},
	'/teacher/classes/[class]/roster ?/preview': { phase: 1, fields: () => ({ names: `Matrix Newcomer ${tag}` }) },
	'/teacher/classes/[class]/roster ?/create': {
		phase: 1,
		fields: () => {
			const n = ++rosterCount;
			return { accept: JSON.stringify([{ line: 1, name: `Matrix Newcomer ${n}`, username: `mx-roster-${tag}-${n}` }]) };
		}
	},
	'/teacher/classes/[class]/cards ?/print': { phase: 2, fields: (_r, t) => [['student', world[t!].student.id]] },
	'/teacher/classes/[class] ?/resetPassword': { phase: 2, fields: (_r, t) => ({ student: world[t!].student.id }) },
	'/teacher/classes/[class] ?/disableCode': { phase: 3, fields: () => ({}) },
	// the owner and the co-teacher each remove one: a fresh assignment for every allowed cell
	'/teacher/classes/[class] ?/removeAssignment': {
		phase: 3,
		prepare: async (_r, t) => {
			const c = world[t!];
			await postForm(`/teacher/classes/${c.klass.id}?/assign`, { target: course.modules[2]!.slug, due: '' }, { base, cookie: c.teacher.cookie });
			const page = (await getPage(`/teacher/classes/${c.klass.id}`, c.teacher.cookie, base)).text;
			c.klass.assignment = [...page.matchAll(/name="assignment" value="([0-9a-f-]{36})"/g)].at(-1)![1]!;
		},
		fields: (_r, t) => ({ assignment: world[t!].klass.assignment })
	},
	// likewise a fresh student (from a roster) for every allowed cell
	'/teacher/classes/[class] ?/removeStudent': {
		phase: 4,
		prepare: async (_r, t) => {
			const c = world[t!];
			const name = `Matrix Leaver ${++rosterCount}`;
			await postForm(`/teacher/classes/${c.klass.id}/roster?/create`, { accept: JSON.stringify([{ line: 1, name, username: `mx-leaver-${tag}-${rosterCount}` }]) }, { base, cookie: c.teacher.cookie });
			const page = (await getPage(`/teacher/classes/${c.klass.id}`, c.teacher.cookie, base)).text;
			leaverId = new RegExp(`/students/([0-9a-f-]{36})">${name}<`).exec(page)![1]!;
		},
		fields: () => ({ student: leaverId })
	},
	'/login ?/default': { phase: 5, endsSession: true, fields: (role) => creds(role) },
	'/logout ?/default': { phase: 5, endsSession: true, fields: () => ({}) },
	'/signup ?/default': {
		phase: 5,
		endsSession: true,
		fields: () => {
			const s = newStudent('mx');
			return { displayName: s.displayName, username: s.username, password: s.password, code: '' };
		}
	},
	'/teacher/signup ?/default': {
		phase: 5,
		endsSession: true,
		fields: () => {
			const t = newTeacher('mx');
			return { displayName: t.displayName, email: t.email, password: t.password };
		}
	},
	// after logging in with the old passwords, before /account changes them again
	'/reset ?/default': {
		phase: 5.5,
		endsSession: true,
		prepare: async (role) => {
			// the student's own teacher makes a fresh code for each cell
			const p = own(role);
			const slip = await postForm(`/teacher/classes/${p.klass.id}?/resetPassword`, { student: p.student.id }, { base, cookie: p.teacher.cookie });
			resetCode = slipCodeIn(slip.text)!;
		},
		fields: (role) => {
			const { student } = own(role);
			return { username: student.username, code: resetCode, password: `${student.password} r`, confirm: `${student.password} r` };
		},
		after: (role, _t, res) => {
			// the reset ended every session of the student and signed them in anew
			const { student } = own(role);
			student.password = `${student.password} r`;
			student.cookie = res.cookie;
		}
	},
	'/account ?/password': {
		phase: 6,
		fields: (role) => {
			const { password } = creds(role);
			return { current: password, password: `${password} v2`, confirm: `${password} v2` };
		},
		after: (role, _t, res) => {
			// the change ended every session of this person: carry on with the new one
			const person = personOf(role);
			person.password = `${person.password} v2`;
			person.cookie = res.cookie;
		}
	},
	'/me/data ?/delete': { phase: 7, fields: (role) => ({ confirm: kindOf(role) === 'student' ? own(role).student.username : 'someone' }) },
	'/teacher/classes/[class] ?/latePolicy': { phase: 1, fields: () => ({ latePolicy: 'accept' }) },
	'/teacher/classes/[class] ?/addCoTeacher': {
		phase: 1,
		fields: (_r, t) => ({ email: world[t!].spare.email }),
		after: async (_r, t) => {
			// the spare's id, from the remove button beside their name
			const page = (await getPage(`/teacher/classes/${world[t!].klass.id}`, world[t!].teacher.cookie, base)).text;
			const at = page.indexOf(world[t!].spare.displayName);
			world[t!].spare.id = /name="teacher" value="([0-9a-f-]{36})"/.exec(page.slice(at))![1]!;
		}
	},
	'/teacher/classes/[class] ?/removeCoTeacher': { phase: 3, fields: (_r, t) => ({ teacher: world[t!].spare.id }) },
	// the end of term, last: an archived class refuses changes, and a deleted one is gone
	'/teacher/classes/[class] ?/archive': { phase: 7.5, fields: () => ({}) },
	'/teacher/classes/[class] ?/restore': { phase: 7.6, fields: () => ({}) },
	// a login initiation from the LMS registered in beforeAll: off to its authorization address
	'/lti/login ?/default': {
		phase: 1,
		fields: () => ({ iss: MATRIX_LMS.issuer, client_id: MATRIX_LMS.clientId, login_hint: 'matrix', target_link_uri: `${base}/` })
	},
	// a token naming that LMS, whose keys cannot be fetched: refused as unverifiable
	'/lti/launch ?/default': {
		phase: 1,
		allowedStatus: [401],
		fields: () => ({ id_token: unsignedToken({ iss: MATRIX_LMS.issuer, aud: MATRIX_LMS.clientId }), state: 'matrix-state' })
	},
	// a launch code nobody was given: refused with words
	'/lti/start ?/continue': { phase: 1, allowedStatus: [400], fields: () => ({ code: 'no-such-launch-code' }) },
	// no LMS asked this teacher for content: refused with words
	'/lti/deep-link ?/pick': { phase: 1, allowedStatus: [404], fields: () => ({ request: crypto.randomUUID(), target: numericLesson.module }) },
	'/teacher/classes/[class] ?/deleteClass': { phase: 8, fields: (_r, t) => ({ confirm: world[t!].klass.name }) }
};

let resetCode = '';
let rosterCount = 0;
let leaverId = '';

const actionPath = (path: string, action: string) => (action === 'default' ? path : `${path}?/${action}`);

// ---- the world: two classes, each with a teacher, a student and a numeric answer only they gave ----

async function makeParty(p: PartyName): Promise<Party> {
	const t = newTeacher(`mx${p.toLowerCase()}`);
	const teacherCookie = await signUpTeacherByPost(t, base);
	const name = `Matrix Seminar ${p === 'A' ? 'Alpha' : 'Beta'} ${tag}`;
	const classId = await createClassByPost(teacherCookie, name, { base });
	const co = newTeacher(`mxco${p.toLowerCase()}`);
	const coCookie = await signUpTeacherByPost(co, base);
	expect((await postForm(`/teacher/classes/${classId}?/addCoTeacher`, { email: co.email }, { base, cookie: teacherCookie })).status).toBe(200);
	const spare = newTeacher(`mxsp${p.toLowerCase()}`);
	await signUpTeacherByPost(spare, base);
	const assigned = await postForm(`/teacher/classes/${classId}?/assign`, { target: numericLesson.module, due: '2030-01-01T10:00' }, { base, cookie: teacherCookie });
	expect(assigned.status).toBe(200);
	const page = (await getPage(`/teacher/classes/${classId}`, teacherCookie, base)).text;
	const code = joinCodeIn(page)!;
	const assignment = /name="assignment" value="([0-9a-f-]{36})"/.exec(page)![1]!;
	const s = { ...newStudent(`mx${p.toLowerCase()}`), displayName: `Matrix Pupil ${p === 'A' ? 'Alpha' : 'Beta'} ${tag}` };
	const studentCookie = await signUpWithCode(s, code, base);
	const answered = await postForm(
		`/modules/${numericLesson.module}/${numericLesson.slug}?/answer`,
		[['question', numeric.id], ['idem', crypto.randomUUID()], ['value', ANSWERS[p]]],
		{ base, cookie: studentCookie }
	);
	expect(answered.status).toBe(200);
	const claim = `Matrix claim ${p === 'A' ? 'Alpha' : 'Beta'} ${tag}`;
	const wrote = await postForm(`/modules/${numericLesson.module}/${numericLesson.slug}?/write`, writtenFields(claim, 'submit'), { base, cookie: studentCookie });
	expect(wrote.status).toBe(200);
	const queue = (await getPage(`/teacher/classes/${classId}/grading`, teacherCookie, base)).text;
	expect(queue).toContain(claim);
	const writtenAnswer = { id: /name="answer" value="([0-9a-f-]{36})"/.exec(queue)![1]!, submitted: /name="submitted" value="([^"]+)"/.exec(queue)![1]! };
	const roster = (await getPage(`/teacher/classes/${classId}`, teacherCookie, base)).text;
	const studentId = new RegExp(`/teacher/classes/${classId}/students/([0-9a-f-]{36})`).exec(roster)![1]!;
	const shown = [ANSWERS[p], Number(ANSWERS[p]).toLocaleString('en-US')];
	return {
		teacher: { ...t, cookie: teacherCookie },
		coTeacher: { ...co, cookie: coCookie },
		spare: { ...spare, id: '' },
		student: { ...s, cookie: studentCookie, id: studentId },
		klass: { id: classId, name, codes: [code], assignment },
		answer: [...new Set(shown), claim],
		writtenAnswer
	};
}

beforeAll(async () => {
	// a server of its own: the matrix trips join and login limits, and changes passwords; with an
	// LMS registered in its database, so that an LTI login initiation has somewhere to go
	const dataFile = join(mkdtempSync(join(tmpdir(), 'bc-matrix-')), 'matrix.db');
	execFileSync(process.execPath, [
		'--import',
		'tsx',
		'src/cli/lti-register.ts',
		'--issuer',
		MATRIX_LMS.issuer,
		'--client-id',
		MATRIX_LMS.clientId,
		'--deployment-id',
		'matrix-deployment',
		'--auth-url',
		`${MATRIX_LMS.unreachable}/auth`,
		'--token-url',
		`${MATRIX_LMS.unreachable}/token`,
		'--jwks-url',
		`${MATRIX_LMS.unreachable}/jwks`
	], { env: { ...process.env, DATABASE_FILE: dataFile }, stdio: 'pipe' });
	const started = await startServer({ DATABASE_FILE: dataFile });
	base = started.url;
	server = started.child;
	[world.A, world.B] = await Promise.all([makeParty('A'), makeParty('B')]);
	// each teacher sees their own student's answer: the secrets are real
	const answersA = await getPage(`/teacher/classes/${world.A.klass.id}/answers.csv`, world.A.teacher.cookie, base);
	expect(world.A.answer.some((a) => answersA.text.includes(a)), 'A’s answer in A’s export').toBe(true);
}, 120_000);

afterAll(() => {
	server?.kill('SIGTERM');
});

const counts = { routes: routeInventory.length, get: 0, refusedPosts: 0, allowedPosts: 0 };

interface Cell {
	route: RouteEntry;
	action: string;
	/** a POST endpoint (a script's address), not a form action */
	endpoint: boolean;
	access: Access;
	role: Role;
	target: PartyName | null;
}

/** Every form action, and every POST endpoint (as a `default` action: posted to its own address). */
function actionCells(): Cell[] {
	return routeInventory.flatMap((route) =>
		[
			...Object.entries(route.actions ?? {}).map(([action, access]) => ({ action, access, endpoint: false })),
			...(route.endpoint?.POST ? [{ action: 'default', access: route.endpoint.POST, endpoint: true }] : [])
		].flatMap(({ action, access, endpoint }) => targetsOf(route).flatMap((target) => ROLES.map((role) => ({ route, action, endpoint, access, role, target }))))
	);
}

function expectRefusal(what: string, got: { status: number; location: string | null }, want: Expect & { allowed: false }, path: string) {
	expect(got.status, what).toBe(want.status);
	if (want.status === 303) expect(got.location, `${what}: sent to log in`).toBe(`/login?next=${encodeURIComponent(path)}`);
}

describe('authorization matrix', () => {
	test('every action of the inventory has a plan here (fields that would change something)', () => {
		const missing = actionCells()
			.map((c) => `${c.route.id} ?/${c.action}`)
			.filter((k) => !PLANS[k]);
		expect([...new Set(missing)], 'add an entry to PLANS in tests/e2e/authz-matrix.test.ts').toEqual([]);
	});

	test('every page, data request and endpoint × every identity: allowed ones succeed, the rest are refused, nothing leaks', async () => {
		const problems: string[] = [];
		for (const route of routeInventory) {
			const gets: [string, Access][] = [];
			for (const target of targetsOf(route)) {
				const path = address(route, target);
				if (route.page) gets.push([path, route.page], [`${path === '/' ? '' : path}/__data.json`, route.page]);
				if (route.endpoint?.GET) gets.push([path, route.endpoint.GET]);
				for (const [path2, access] of gets.splice(0)) {
					for (const role of ROLES) {
						counts.get++;
						const what = `GET ${path2} as ${role}`;
						const want = expected(access, role, target);
						const r = await statusOf(path2, cookieOf(role), base);
						const leaked = leaks(role, r.text + (r.location ?? ''));
						if (leaked.length) problems.push(`${what} shows ${leaked.join(', ')}`);
						if (want.allowed) {
							const ok = access === 'anyone' ? r.status === 200 || (r.status === 303 && !r.location?.startsWith('/login')) : r.status === 200;
							if (!ok) problems.push(`${what}: allowed, but ${r.status} ${r.location ?? ''}`);
						} else if (r.status !== want.status || (want.status === 303 && !r.location?.startsWith('/login?next='))) {
							problems.push(`${what}: should be ${want.status === 303 ? '303 to /login' : want.status}, got ${r.status} ${r.location ?? ''}`);
						}
					}
				}
			}
		}
		console.log(`authz matrix: ${counts.get} GET cells over ${routeInventory.length} routes, ${problems.length} problems`);
		expect(problems).toEqual([]);
	});

	test('every form action × every identity: refused ones change nothing and leak nothing; allowed ones succeed', async () => {
		const cells = actionCells();
		const refused = cells.filter((c) => !expected(c.access, c.role, c.target).allowed);
		const allowed = cells.filter((c) => expected(c.access, c.role, c.target).allowed);

		const snapshot = async () => {
			const out: string[] = [];
			for (const p of ['A', 'B'] as const) {
				const c = `/teacher/classes/${world[p].klass.id}`;
				for (const path of [c, `${c}/answers.csv`, `${c}/gradebook.csv`]) out.push(unchanging((await getPage(path, world[p].teacher.cookie, base)).text));
				out.push(unchanging((await getPage('/me/data/export.json', world[p].student.cookie, base)).text));
			}
			return out;
		};
		const before = await snapshot();
		for (const cell of refused) {
			counts.refusedPosts++;
			const path = actionPath(address(cell.route, cell.target), cell.action);
			let want = expected(cell.access, cell.role, cell.target) as Expect & { allowed: false };
			// a POST endpoint is the page script's: it answers 401 in words where a form is sent to log in
			if (cell.endpoint && want.status === 303) want = { allowed: false, status: 401 };
			const res = await postForm(path, PLANS[`${cell.route.id} ?/${cell.action}`]!.fields(cell.role, cell.target), { base, cookie: cookieOf(cell.role) });
			const what = `POST ${path} as ${cell.role}`;
			expectRefusal(what, res, want, path);
			expect(leaks(cell.role, res.text), `${what} leaks`).toEqual([]);
		}
		expect(await snapshot(), 'refused actions changed something').toEqual(before);

		const plan = (c: Cell) => PLANS[`${c.route.id} ?/${c.action}`]!;
		allowed.sort((a, b) => plan(a).phase - plan(b).phase);
		for (const cell of allowed) {
			counts.allowedPosts++;
			const p = plan(cell);
			const path = actionPath(address(cell.route, cell.target), cell.action);
			await p.prepare?.(cell.role, cell.target);
			let cookie = cookieOf(cell.role);
			if (p.endsSession && cookie) {
				// a second session of the same person, so the one the matrix uses lives on
				const { username, password } = creds(cell.role);
				const second = await postForm('/login', { username, password }, { base });
				expect(second.status, `a second session for ${cell.role}`).toBe(303);
				cookie = second.cookie;
			}
			const res = await postForm(path, p.fields(cell.role, cell.target), { base, cookie });
			const what = `POST ${path} as ${cell.role}`;
			const ok = p.allowedStatus ? p.allowedStatus.includes(res.status) : res.status === 200 || (res.status === 303 && !res.location?.startsWith('/login'));
			expect(ok, `${what}: allowed, but ${res.status} ${res.location ?? ''}\n${res.text.slice(0, 300)}`).toBe(true);
			expect(leaks(cell.role, res.text), `${what} leaks`).toEqual([]);
			await p.after?.(cell.role, cell.target, res);
		}
		console.log(
			`authz matrix: ${counts.routes} routes, ${counts.get + counts.refusedPosts + counts.allowedPosts} cells checked ` +
				`(${counts.get} GET, ${counts.refusedPosts} refused POST, ${counts.allowedPosts} allowed POST), 0 leaks`
		);
	});
});

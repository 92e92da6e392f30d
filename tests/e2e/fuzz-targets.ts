/**
 * What the fuzz tests aim at: every form action, endpoint and page of `routeInventory`, with
 * its route parameters filled from a test world (real slugs and ids) or with hostile ones, and
 * for the forms we know, their real field names (so values reach the validators). A route
 * added to the inventory is fuzzed with generic fields without anyone writing code here.
 */
import fc from 'fast-check';
import type { LessonQuestion } from '../../src/lib/content/load';
import { routeInventory, type Access } from '../../src/lib/server/route-inventory';
import { hostileParam, hostileString, mutated, oddDates, type Fields } from './fuzz-arbitraries';
import { allLessons, answerFields, content, writtenEvidence, type QuestionOf } from './content';

/** The accounts and ids the fuzz cases use, made over HTTP before fuzzing. */
export interface World {
	teacher: string;
	/** a second teacher, co-teaching the class */
	coTeacher: string;
	student: string;
	/** the student's username: the one value `me/data?/delete` must never get from the fuzzer */
	studentUsername: string;
	studentPassword: string;
	classId: string;
	studentId: string;
	/** a second student in the class, whom `removeStudent` may remove */
	student2Id: string;
	/** an assignment `updateDue` may change, and one `removeAssignment` may remove */
	assignmentId: string;
	removableAssignmentId: string;
	code: string;
	/** the student's submitted written answer, as the grading form names it */
	writtenAnswerId: string;
	writtenSubmitted: string;
}

/** `co-teacher`: a teacher who co-teaches the world's class (but does not own it) */
export type Identity = 'anonymous' | 'student' | 'teacher' | 'co-teacher' | 'forged';

export interface Target {
	/** e.g. `/teacher/classes/[class]?/assign`, `GET /me/data/export.csv`, `PAGE /sources/[source]` */
	key: string;
	route: string;
	kind: 'action' | 'endpoint' | 'page';
	/** the action's name (`default` is posted to the bare path) */
	action?: string;
	access: Access;
}

/** Every action, endpoint method and page of the inventory. A POST endpoint takes forms, as an action posted to its bare path does. */
export function targets(): Target[] {
	return routeInventory.flatMap((r) => [
		...Object.entries(r.actions ?? {}).map(([action, access]): Target => ({ key: `${r.id}?/${action}`, route: r.id, kind: 'action', action, access })),
		...Object.entries(r.endpoint ?? {}).map(([method, access]): Target =>
			method === 'POST' ? { key: `POST ${r.id}`, route: r.id, kind: 'action', action: 'default', access: access! } : { key: `${method} ${r.id}`, route: r.id, kind: 'endpoint', access: access! }
		),
		...(r.page ? [{ key: `PAGE ${r.id}`, route: r.id, kind: 'page', access: r.page } satisfies Target] : [])
	]);
}

/** The identity that passes the target's guard; the others are fuzzed too, less often. */
export function allowed(access: Access): Identity[] {
	switch (access) {
		case 'anyone':
			return ['anonymous', 'student', 'teacher'];
		case 'signed-in':
			return ['student', 'teacher'];
		case 'student':
			return ['student'];
		case 'teacher':
		case 'class-teacher':
			return ['teacher', 'co-teacher'];
		case 'class-owner':
			return ['teacher'];
	}
}

/**
 * Identities that must not be used for a target because the fuzzer would end the world:
 * signing out ends the session every later case of that identity relies on.
 */
export const destructive: Record<string, Identity[]> = { '/logout?/default': ['student', 'teacher', 'co-teacher'] };

export const paramNames = (route: string): string[] => [...route.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);

/** A real value for a parameter name, or undefined for a name this table does not know. */
function realParam(name: string, w: World): fc.Arbitrary<string> | undefined {
	const c = content();
	switch (name) {
		case 'module':
			return fc.constantFrom(...c.modules.map((m) => m.slug));
		case 'lesson':
			return fc.constantFrom(...allLessons().map((l) => l.lesson.slug));
		case 'source':
			return fc.constantFrom(...c.sources.map((s) => s.id));
		case 'format':
			return fc.constantFrom('gift', 'qti3');
		case 'class':
			return fc.constant(w.classId);
		case 'student':
			return fc.constantFrom(w.studentId, w.student2Id);
	}
	return undefined;
}

/** Route parameters: real ones that fit together (a lesson of its module), or each real or hostile. */
export function paramsFor(route: string, w: World): fc.Arbitrary<Record<string, string>> {
	const names = paramNames(route);
	if (!names.length) return fc.constant({});
	const each = fc.record(
		Object.fromEntries(names.map((n) => [n, realParam(n, w) ? fc.oneof({ arbitrary: realParam(n, w)!, weight: 1 }, { arbitrary: hostileParam, weight: 2 }) : hostileParam]))
	) as fc.Arbitrary<Record<string, string>>;
	const real = fc.record(Object.fromEntries(names.map((n) => [n, realParam(n, w) ?? hostileParam]))) as fc.Arbitrary<Record<string, string>>;
	const coherent = names.includes('module') && names.includes('lesson')
		? fc.constantFrom(...allLessons()).chain((l) => real.map((p) => ({ ...p, module: l.module.slug, lesson: l.lesson.slug })))
		: real;
	return fc.oneof({ arbitrary: coherent, weight: 3 }, { arbitrary: each, weight: 2 });
}

export const fillRoute = (route: string, params: Record<string, string>): string =>
	route.replace(/\[(\w+)\]/g, (_, name: string) => params[name] ?? 'x');

// ---- field hints: the real field names of each form ----

const questions = (): LessonQuestion[] => allLessons().flatMap((l) => l.lesson.questions);
const byType = (): Map<string, LessonQuestion[]> => {
	const out = new Map<string, LessonQuestion[]>();
	for (const q of questions()) out.set(q.type, [...(out.get(q.type) ?? []), q]);
	return out;
};

/** A submission key the fuzzer shares between cases: replays hit the stored answer or a conflict. */
export const SHARED_IDEM = 'fuzz-shared-key-0001';

/**
 * An answer form: a question (of this lesson mostly), the fields of its own type right or
 * wrong, or the fields of another type ("wrong question types"), and a submission key.
 */
function answerForm(lessonQuestions: LessonQuestion[]): fc.Arbitrary<Fields> {
	const all = questions();
	const types = byType();
	const own = lessonQuestions.length ? lessonQuestions : all;
	const question = fc.oneof({ arbitrary: fc.constantFrom(...own), weight: 4 }, { arbitrary: fc.constantFrom(...all), weight: 1 });
	const idem = fc.oneof(
		{ arbitrary: fc.uuid().map(String), weight: 6 },
		{ arbitrary: fc.constant(SHARED_IDEM), weight: 2 },
		{ arbitrary: fc.stringMatching(/^[A-Za-z0-9-]{16,64}$/), weight: 1 },
		{ arbitrary: hostileString, weight: 1 }
	);
	const answer = (q: LessonQuestion) =>
		fc.oneof(
			fc.boolean().map((right) => answerFields(q, right)),
			// the fields of another question type, sent for this question
			fc.constantFrom(...types.keys()).chain((t) => fc.constantFrom(...types.get(t)!)).chain((other) => fc.boolean().map((right) => answerFields(other, right)))
		);
	return question.chain((q) =>
		fc.tuple(answer(q), idem, fc.oneof(fc.constant(q.id), { arbitrary: hostileString, weight: 1 })).map(([fields, key, qid]): Fields => [['question', qid], ...fields, ['idem', key]])
	);
}

/** Text a student may type: plain, at and past the limits, and Unicode that breaks naive code (RTL marks, joiners, lone surrogates, NUL). */
const writing = (max: number) =>
	fc.oneof(
		{ arbitrary: fc.string({ maxLength: 80 }), weight: 3 },
		{ arbitrary: fc.constantFrom('x'.repeat(max), 'x'.repeat(max + 1), '\u200F\u05E9\u05DC\u05D5\u05DD\u200E', '\u{1F469}\u200D\u{1F4BB}', 'a\uD800b', '\uDC00', '\u0000', '=HYPERLINK("x")', '<script>alert(1)</script>'), weight: 2 },
		{ arbitrary: hostileString, weight: 2 }
	);

/** A written answer's form: a written question (of this lesson mostly), draft or submit, the three parts. */
function writeForm(lessonQuestions: LessonQuestion[]): fc.Arbitrary<Fields> {
	const all = questions().filter((q): q is QuestionOf<'written'> => q.type === 'written');
	const own = lessonQuestions.filter((q): q is QuestionOf<'written'> => q.type === 'written');
	const question = own.length ? fc.oneof({ arbitrary: fc.constantFrom(...own), weight: 4 }, { arbitrary: fc.constantFrom(...all), weight: 1 }) : fc.constantFrom(...all);
	return question.chain((q) =>
		fc
			.record({
				qid: fc.oneof({ arbitrary: fc.constant(q.id), weight: 5 }, { arbitrary: hostileString, weight: 1 }),
				intent: fc.oneof({ arbitrary: fc.constantFrom('draft', 'submit'), weight: 5 }, { arbitrary: hostileString, weight: 1 }),
				idem: fc.oneof({ arbitrary: fc.uuid().map(String), weight: 5 }, { arbitrary: fc.constant(SHARED_IDEM), weight: 1 }, { arbitrary: hostileString, weight: 1 }),
				claim: writing(300),
				evidence: fc.array(fc.oneof(fc.boolean().map((right) => writtenEvidence(q, right)), fc.constantFrom('004:99999', '999:1', '004:0'), hostileString), { maxLength: 8 }),
				reasoning: writing(2000)
			})
			.map((r): Fields => [['question', r.qid], ['intent', r.intent], ['idem', r.idem], ['claim', r.claim], ...r.evidence.map((e): [string, string] => ['evidence', e]), ['reasoning', r.reasoning]])
	);
}

/** Passwords: mostly too short to be hashed (argon2 is slow), now and then a valid one. */
const password = fc.oneof({ arbitrary: fc.string({ maxLength: 9 }), weight: 12 }, { arbitrary: fc.string({ minLength: 10, maxLength: 40 }), weight: 1 });
const username = fc.oneof(fc.stringMatching(/^[a-z0-9._-]{3,30}$/), hostileString);
const displayName = fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), hostileString);
const timeZone = fc.oneof(fc.constantFrom('UTC', 'Europe/London', 'America/Argentina/ComodRivadavia', 'Etc/GMT+12', 'Pacific/Kiritimati', 'utc', 'Mars/Olympus'), hostileString);

export interface Hint {
	names: string[];
	fields: (w: World, params: Record<string, string>) => fc.Arbitrary<Fields>;
}

const record = (arbs: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<Fields> =>
	fc.record(arbs).map((r) => Object.entries(r) as Fields);

/** Real field names per target (see each +page.server.ts and $lib/schemas). */
export const hints: Record<string, Hint> = {
	'/modules/[module]/[lesson]?/answer': {
		names: ['question', 'idem', 'choice', 'value', 'sentence'],
		fields: (_w, p) => answerForm(allLessons().find((l) => l.module.slug === p.module && l.lesson.slug === p.lesson)?.lesson.questions ?? [])
	},
	'/modules/[module]/[lesson]?/write': {
		names: ['question', 'idem', 'intent', 'claim', 'evidence', 'reasoning'],
		fields: (_w, p) => writeForm(allLessons().find((l) => l.module.slug === p.module && l.lesson.slug === p.lesson)?.lesson.questions ?? [])
	},
	'POST /me/review/card': {
		names: ['question', 'idem', 'choice', 'value', 'sentence'],
		fields: () => answerForm(questions())
	},
	// the card endpoint takes what both actions take
	'POST /modules/[module]/[lesson]/card': {
		names: ['question', 'idem', 'choice', 'value', 'sentence', 'intent', 'claim', 'evidence', 'reasoning'],
		fields: (_w, p) => {
			const qs = allLessons().find((l) => l.module.slug === p.module && l.lesson.slug === p.lesson)?.lesson.questions ?? [];
			return fc.oneof(answerForm(qs), writeForm(qs));
		}
	},
	'/teacher/classes/[class]/grading?/grade': {
		names: ['answer', 'submitted', 'idem', 'comment', 'c-claim', 'c-evidence', 'c-reasoning'],
		fields: (w) => {
			const criteria = [...new Set(questions().flatMap((q) => (q.type === 'written' ? q.rubric.map((c) => c.id) : [])))];
			return fc
				.record({
					answer: fc.oneof({ arbitrary: fc.constant(w.writtenAnswerId), weight: 4 }, fc.uuid().map(String), hostileString),
					submitted: fc.oneof({ arbitrary: fc.constant(w.writtenSubmitted), weight: 4 }, fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), hostileString),
					idem: fc.oneof({ arbitrary: fc.uuid().map(String), weight: 4 }, fc.constant(SHARED_IDEM), hostileString),
					comment: writing(2000),
					scores: fc.tuple(...criteria.map(() => fc.oneof(fc.constantFrom('0', '1', '2', '3', '4'), fc.constant(''), hostileString)))
				})
				.map((r): Fields => [['answer', r.answer], ['submitted', r.submitted], ['idem', r.idem], ['comment', r.comment], ...criteria.map((c, i): [string, string] => [`c-${c}`, r.scores[i]!])]);
		}
	},
	'/me/review?/answer': { names: ['question', 'idem', 'choice', 'value', 'sentence'], fields: () => answerForm([]) },
	'/signup?/default': {
		names: ['displayName', 'username', 'password', 'code', 'timeZone'],
		fields: (w) =>
			record({ displayName, username, password, code: fc.oneof(fc.constantFrom('', w.code, w.code.replace('-', ''), 'ABC-DEF'), hostileString), timeZone })
	},
	'/teacher/signup?/default': {
		names: ['displayName', 'email', 'password'],
		fields: () => record({ displayName, email: fc.oneof(fc.emailAddress(), fc.constantFrom('a@b', '@x.org', 'x@y.z\0'), hostileString), password })
	},
	'/login?/default': {
		names: ['username', 'password'],
		fields: () => record({ username, password: fc.oneof({ arbitrary: fc.constant(''), weight: 3 }, { arbitrary: password, weight: 1 }) })
	},
	'/join?/default': {
		names: ['code'],
		fields: (w) => record({ code: fc.oneof(fc.constantFrom(w.code, w.code.toLowerCase(), ''), fc.stringMatching(/^[A-HJ-NP-Z2-9]{3}-?[A-HJ-NP-Z2-9]{3}$/), hostileString) })
	},
	'/account?/password': {
		names: ['current', 'password', 'confirm'],
		// a new password that matches its confirmation now and then, so the current one gets checked (and rate-limited)
		fields: () => fc.oneof(record({ current: password, password, confirm: password }), fc.tuple(password, password).map(([current, p]): Fields => [['current', current], ['password', p], ['confirm', p]]))
	},
	'/reset?/default': {
		names: ['username', 'code', 'password', 'confirm'],
		// a well-formed code now and then, so the lookup and the rate limits run, not only the schema
		fields: (w) =>
			fc.oneof(
				record({ username, code: fc.oneof(fc.stringMatching(/^[2-9A-HJ-NP-Z]{5}-?[2-9A-HJ-NP-Z]{5}$/), hostileString), password, confirm: password }),
				fc
					.tuple(fc.constantFrom(w.studentUsername, 'nobody-here'), fc.stringMatching(/^[2-9a-hj-np-z]{10}$/), password)
					.map(([u, c, p]): Fields => [['username', u], ['code', c], ['password', p], ['confirm', p]])
			)
	},
	'/teacher/classes/[class]/roster?/preview': {
		names: ['names', 'file'],
		fields: () =>
			record({
				names: fc.oneof(
					fc.array(fc.oneof(displayName, fc.constant('')), { maxLength: 8 }).map((l) => l.join('\n')),
					fc.constantFrom('name,username\nA B,ab\n"broken', 'username\nx', 'name;username\nLi Wei;li.wei'),
					hostileString
				)
			})
	},
	'/teacher/classes/[class]/roster?/create': {
		names: ['accept'],
		fields: () =>
			record({
				accept: fc.oneof(
					fc.array(fc.record({ line: fc.integer({ min: -1, max: 300 }), name: displayName, username }), { maxLength: 4 }).map((rows) => JSON.stringify(rows)),
					fc.constantFrom('[]', '{}', '[{"line":1}]', 'not json', '[{"line":1,"name":"A","username":"b"}]'),
					hostileString
				)
			})
	},
	'/teacher/classes/[class]/cards?/print': {
		names: ['student'],
		fields: (w) => fc.array(fc.oneof(fc.constant(w.studentId), fc.uuid().map(String), hostileString), { maxLength: 3 }).map((ids): Fields => ids.map((id) => ['student', id]))
	},
	'/teacher/classes/[class]?/resetPassword': {
		names: ['student'],
		fields: (w) => record({ student: fc.oneof(fc.constant(w.studentId), fc.uuid().map(String), hostileString) })
	},
	'/me/data?/delete': { names: ['confirm'], fields: () => record({ confirm: fc.oneof(fc.constantFrom('', 'me', 'DELETE'), hostileString) }) },
	'/teacher?/create': {
		names: ['name', 'section', 'timeZone'],
		fields: () => record({ name: displayName, section: fc.oneof(fc.constant(''), hostileString), timeZone })
	},
	'/teacher/classes/[class]?/removeStudent': {
		names: ['student'],
		fields: (w) => record({ student: fc.oneof(fc.constant(w.student2Id), fc.uuid().map(String), hostileString) })
	},
	'/teacher/classes/[class]?/assign': {
		names: ['target', 'due'],
		fields: () => {
			const c = content();
			const targets = [...c.modules.map((m) => m.slug), ...allLessons().map((l) => `${l.module.slug}/${l.lesson.slug}`)];
			return record({
				target: fc.oneof({ arbitrary: fc.constantFrom(...targets), weight: 2 }, fc.constantFrom('/', 'x/y', '../etc', `${targets[0]}/`), hostileString),
				due: fc.oneof(fc.constant(''), fc.constantFrom(...oddDates), hostileString)
			});
		}
	},
	'/teacher/classes/[class]?/updateDue': {
		names: ['assignment', 'due'],
		fields: (w) =>
			record({
				assignment: fc.oneof({ arbitrary: fc.constant(w.assignmentId), weight: 3 }, fc.uuid().map(String), hostileString),
				due: fc.oneof(fc.constant(''), fc.constantFrom(...oddDates), hostileString)
			})
	},
	'/teacher/classes/[class]?/removeAssignment': {
		names: ['assignment'],
		fields: (w) => record({ assignment: fc.oneof(fc.constant(w.removableAssignmentId), fc.uuid().map(String), hostileString) })
	},
	'/settings?/save': {
		names: ['size', 'leading', 'tracking', 'font', 'theme', 'back'],
		fields: () => {
			// each setting's choices, a neighbour's, a changed case, nothing, and hostile text
			const setting = (...choices: string[]) => fc.oneof({ arbitrary: fc.constantFrom(...choices, 'wide', 'LARGE', ''), weight: 4 }, { arbitrary: hostileString, weight: 1 });
			const back = fc.oneof(fc.constantFrom('/', '/me', '/sources/001?hl=2', '//evil.example', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/settings'), hostileString);
			return record({
				size: setting('smaller', 'default', 'large', 'larger', 'largest'),
				leading: setting('default', 'wide', 'wider'),
				tracking: setting('default', 'wide', 'wider'),
				font: setting('default', 'plain'),
				theme: setting('device', 'light', 'dark', 'contrast'),
				back
			});
		}
	},
	'/settings?/reset': { names: ['back'], fields: () => record({ back: fc.oneof(fc.constantFrom('/', '/me', '//evil.example'), hostileString) }) },
	'/teacher/classes/[class]?/counting': {
		names: ['counting'],
		fields: () => record({ counting: fc.oneof(fc.constantFrom('first', 'best', 'latest', 'FIRST', 'worst', ''), hostileString) })
	}
};

/** Query parameters the pages and downloads read. */
export const queryHints: Record<string, string[]> = {
	'PAGE /modules/[module]/[lesson]': ['retry'],
	'PAGE /login': ['next'],
	'PAGE /reset': ['username'],
	'PAGE /teacher/lessons/[module]/[lesson]': ['print'],
	'PAGE /signup': ['code'],
	'PAGE /join': ['code'],
	'PAGE /sources/[source]': ['hl'],
	'PAGE /teacher/classes/[class]/gradebook': ['sort', 'dir']
};

/** The fields of one case for a target: its hint's real form, mutated; generic fields when it has no hint. */
export function fieldsFor(target: Target, w: World, params: Record<string, string>): fc.Arbitrary<Fields> {
	const hint = hints[target.key];
	const names = hint?.names ?? [];
	return mutated(hint ? hint.fields(w, params) : fc.constant([]), names).map((fields) =>
		// the fuzzer may try anything on the account page except the one word that really deletes it
		target.key === '/me/data?/delete' ? fields.filter(([, v]) => typeof v !== 'string' || v.trim().toLowerCase() !== w.studentUsername) : fields
	);
}

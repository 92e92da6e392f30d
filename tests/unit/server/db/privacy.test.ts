/**
 * Privacy, proved against the live schema rather than a list kept by hand: a student leaves data
 * everywhere a student can, then every column of every table is searched for their id, username
 * and name. Each table that holds any of it must be in the export; after deletion, none may.
 */
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { dataAsCsv, dataAsJson } from '../../../../src/lib/server/account-data';
import { LOGIN_LIMITS } from '../../../../src/lib/server/auth/accounts';
import { JOIN_LIMIT } from '../../../../src/lib/server/auth/join';
import { PASSWORD_CHANGE_LIMIT } from '../../../../src/lib/server/auth/password-change';
import { issueCode, RESET_LIMITS, resetWithCode } from '../../../../src/lib/server/auth/password-reset';
import { recordAnswer } from '../../../../src/lib/server/db/answers';
import { addAssignment, addMembership, createClass } from '../../../../src/lib/server/db/classes';
import type { Db } from '../../../../src/lib/server/db/client';
import { EXPORT_SECTIONS, exportUserData, WITHHELD } from '../../../../src/lib/server/db/export';
import { hit, limitKeys } from '../../../../src/lib/server/db/rate-limit';
import type { Database } from '../../../../src/lib/server/db/schema';
import { saveReadingSettings } from '../../../../src/lib/server/db/reading-settings';
import { createSession } from '../../../../src/lib/server/db/sessions';
import { claimGuestAnswers, createUser, deleteUser, type User } from '../../../../src/lib/server/db/users';
import { gradeWritten, saveWritten } from '../../../../src/lib/server/db/written';
import { createLaunchCode, joinContext, linkGrade, registerPlatform } from '../../../../src/lib/server/db/lti';
import { gradeLinksOf, markSent, queueScore } from '../../../../src/lib/server/db/lti-outbox';
import { engines } from './engines';

/** Tables that never hold a student's data, and why. Any other table must be in EXPORT_SECTIONS. */
const NOT_A_STUDENTS: Record<string, string> = {
	classes: 'a teacher’s class; a student’s link to it is their membership',
	assignments: 'what a teacher set for a class',
	class_teachers: 'which teachers share a class',
	lti_platforms: 'an LMS registered by whoever runs the server',
	lti_deployments: 'the deployments of a registered LMS',
	lti_keys: 'our own signing keys',
	lti_states: 'a login initiation: random state and nonce, no user',
	lti_contexts: 'an LMS course and its class; a student’s link to it is in lti_context_learners',
	lti_deep_links: 'a teacher’s “add content” request (students are refused deep-linking launches)'
};

// distinctive, so that "contains" cannot match anything but this student's data
const STUDENT = { username: 'zorvath.quell', displayName: 'Ysolde Brackenfirth' };
const IP = '203.0.113.77';

type Row = Record<string, unknown>;

async function tablesOf(db: Kysely<Database>) {
	return (await db.introspection.getTables()).filter((t) => !t.name.startsWith('kysely_'));
}

/** Every row, in every table, with any column containing any needle (case-insensitive), by table. */
async function rowsHolding(db: Kysely<Database>, needles: string[]): Promise<Map<string, Row[]>> {
	const found = new Map<string, Row[]>();
	for (const table of await tablesOf(db)) {
		const tests = table.columns.flatMap((c) =>
			needles.map((n) => sql`lower(cast(${sql.ref(c.name)} as text)) like ${`%${n.toLowerCase()}%`}`)
		);
		const { rows } = await sql<Row>`select * from ${sql.table(table.name)} where ${sql.join(tests, sql` or `)}`.execute(db);
		if (rows.length) found.set(table.name, rows.map((r) => ({ ...r })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
	}
	return found;
}

const needlesOf = (u: User) => [u.id, u.username ?? u.email ?? '', u.display_name];

/** The student leaves data everywhere a student can; a second student and a teacher are bystanders. */
async function seed(db: Kysely<Database>) {
	const person = (role: 'student' | 'teacher', username: string | null, email: string | null, displayName: string) =>
		createUser(db, { role, username, email, displayName, passwordHash: `hash of ${displayName}`, timeZone: 'Europe/Vienna' });
	const teacher = await person('teacher', null, 'ms.oduya@school.test', 'Ms Oduya');
	const student = await person('student', STUDENT.username, null, STUDENT.displayName);
	const other = await person('student', 'tobin.marsh', null, 'Tobin Marsh');

	const klass = await createClass(db, { teacherId: teacher.id, name: 'History 9', section: 'Period 3', timeZone: 'UTC' });
	await addAssignment(db, klass.id, 'ancient-rome', '2026-06-01T00:00:00.000Z');
	let t = Date.parse('2026-05-04T08:00:00Z');
	const later = () => new Date((t += 60_000));
	const answer = (userId: string | null, guestId: string | null, text: string, correct: boolean) =>
		recordAnswer(
			db,
			{ userId, guestId, lesson: 'ancient-rome/forum', questionId: 'q-forum', answer: text, correct, points: correct ? 1 : 0, keyHash: 'kh', idempotencyKey: crypto.randomUUID() },
			later()
		);

	for (const u of [teacher, student, other]) await createSession(db, u.id, later());
	await createSession(db, student.id, later()); // a second device
	for (const u of [student, other]) await addMembership(db, klass.id, u.id);
	// reading settings, on the account's row: the other student's differ
	await saveReadingSettings(db, student.id, JSON.stringify({ size: 'larger', theme: 'contrast' }));
	await saveReadingSettings(db, other.id, JSON.stringify({ font: 'plain' }));

	// answers as a guest, claimed at sign-up, then signed in; one names the student in free text
	const guest = crypto.randomUUID();
	await answer(null, guest, 'the senate', false);
	await answer(null, guest, 'the forum', true);
	await answer(null, crypto.randomUUID(), 'someone else, never claimed', true);
	expect(await claimGuestAnswers(db, guest, student.id)).toBe(2);
	await answer(student.id, null, `signed, ${STUDENT.displayName}`, true);
	await answer(other.id, null, 'the forum', true);

	// attempt counters: failed logins and join codes tried, for each person and for the shared IP
	const now = later();
	for (const u of [student, other]) {
		await hit(db, limitKeys.login(u.username!), LOGIN_LIMITS.perUsername, now);
		await hit(db, limitKeys.join(u.id), JOIN_LIMIT, now);
	}
	await hit(db, limitKeys.login(student.username!), LOGIN_LIMITS.perUsername, now); // a second failure
	await hit(db, limitKeys.passwordChange(student.id), PASSWORD_CHANGE_LIMIT, now);
	await hit(db, limitKeys.login(teacher.email!), LOGIN_LIMITS.perUsername, now);
	await hit(db, limitKeys.loginIp(IP), LOGIN_LIMITS.perIp, now);
	await hit(db, limitKeys.joinIp(IP), JOIN_LIMIT, now);

	// a forgotten password: a wrong code, then the teacher's code used; and a newer code not yet used
	const { code } = await issueCode(db, student.id, 'reset', { id: teacher.id, name: teacher.display_name }, now);
	const reset = { username: STUDENT.username, password: 'a new password', confirm: 'a new password' };
	expect(await resetWithCode(db, { ...reset, code: 'AAAAA-AAAAA' }, IP, now)).toMatchObject({ ok: false });
	expect(await resetWithCode(db, { ...reset, code }, IP, now)).toMatchObject({ ok: true });
	await hit(db, limitKeys.reset(STUDENT.username), RESET_LIMITS.perUsername, now);
	await issueCode(db, student.id, 'setup', { id: teacher.id, name: teacher.display_name }, later());

	// written answers: a draft, a submission, a regraded grade with a comment; the other student's too
	const write = (userId: string, kind: 'draft' | 'submission', claim: string) =>
		saveWritten(
			db,
			{ userId, lesson: 'ancient-rome/forum', questionId: 'q-argue', kind, content: { claim, evidence: ['004:3'], reasoning: `because ${claim}` }, keyHash: 'kh', idempotencyKey: crypto.randomUUID() },
			later()
		);
	await write(student.id, 'draft', 'a first try');
	const { answer: mine } = await write(student.id, 'submission', `${STUDENT.displayName} argues`);
	await write(student.id, 'draft', 'a revision not submitted');
	const { answer: theirs } = await write(other.id, 'submission', 'the other claim');
	const grade = (a: { id: string; submitted_at: string | null }, total: number) =>
		gradeWritten(
			db,
			{ answerId: a.id, submittedAt: a.submitted_at!, graderId: teacher.id, graderName: teacher.display_name, scores: { claim: total }, total, max: 2, comment: `Seen, ${total}`, rubricHash: 'rh', idempotencyKey: crypto.randomUUID() },
			later()
		);
	await grade(mine, 1);
	await grade({ ...mine, submitted_at: (await db.selectFrom('written_answers').select('submitted_at').where('id', '=', mine.id).executeTakeFirstOrThrow()).submitted_at }, 2);
	await grade(theirs, 2);

	// launched from an LMS: an account by (issuer, subject), its course, a launch code, a grade
	// column, and two scores for it (the first sent); the other student too
	const { platform } = await registerPlatform(db, {
		issuer: 'https://lms.test',
		clientId: 'client-1',
		authUrl: 'https://lms.test/auth',
		tokenUrl: 'https://lms.test/token',
		jwksUrl: 'https://lms.test/jwks',
		deploymentIds: ['deployment-1']
	});
	for (const [u, sub] of [[student, 'lms-7781'], [other, 'lms-7782']] as const) {
		await db.insertInto('lti_accounts').values({ issuer: platform.issuer, subject: sub, user_id: u.id, created_at: later().toISOString() }).execute();
		await joinContext(db, { platformId: platform.id, contextId: 'course-1', title: 'History 9 in the LMS', user: u });
		await createLaunchCode(db, u.id, 'ancient-rome/forum', `browser secret of ${u.id}`, later());
		await linkGrade(db, { platformId: platform.id, userId: u.id, subject: sub, contextId: 'course-1', target: 'ancient-rome', lineitemUrl: `https://lms.test/lineitems/${sub}` });
		const [link] = await gradeLinksOf(db, u.id, ['ancient-rome']);
		const score = (given: number) =>
			queueScore(db, { link_id: link!.id, user_id: u.id, score_given: given, score_maximum: 2, activity_progress: 'InProgress', grading_progress: 'FullyGraded' }, later());
		await score(1);
		const [head] = await db.selectFrom('lti_score_outbox').select('id').where('user_id', '=', u.id).execute();
		await markSent(db, head!.id, later());
		await score(2);
	}
	return { student, other, teacher };
}

describe.each(engines)('privacy on $name', (engine) => {
	let handle: Db;
	afterEach(async () => handle?.close());

	it('every table is either exported or holds no student data', async () => {
		handle = await engine.open();
		const names = (await tablesOf(handle.db)).map((t) => t.name);
		const classified = [...Object.keys(EXPORT_SECTIONS), ...Object.keys(NOT_A_STUDENTS)];
		expect(names.filter((n) => !classified.includes(n)), 'in neither EXPORT_SECTIONS (src/lib/server/db/export.ts) nor NOT_A_STUDENTS').toEqual([]);
		expect(classified.filter((n) => !names.includes(n)), 'listed but not in the schema').toEqual([]);
	});

	it('the export covers every row, in every table, that holds the student’s id, username or name', async () => {
		const started = performance.now();
		handle = await engine.open();
		const { db } = handle;
		const { student } = await seed(db);
		const found = await rowsHolding(db, needlesOf(student));
		const data = await exportUserData(db, student.id);
		const json = await dataAsJson(db, student.id);
		expect(data.user?.id).toBe(student.id);

		for (const [table, rows] of found) {
			expect(EXPORT_SECTIONS, `table ${table} holds the student's data but is not exported`).toHaveProperty(table);
			const section = EXPORT_SECTIONS[table as keyof typeof EXPORT_SECTIONS];
			expect(json, `the JSON names ${section}`).toHaveProperty(section);
			const value: unknown = data[section];
			const records = (Array.isArray(value) ? value : [value]) as Row[];
			expect(records, `${table}: one exported record per row`).toHaveLength(rows.length);
			const inJson: unknown = json[section];
			expect(Array.isArray(inJson) ? inJson.length : 1, `${section} in the JSON`).toBe(rows.length);
			const withheld = WITHHELD[table as keyof Database] ?? [];
			for (const row of rows) {
				// every stored value is in the export, except the withheld ones and links back to the account (user.id)
				const expected = Object.fromEntries(
					Object.entries(row).filter(([column, v]) => v !== null && !withheld.includes(column) && (v !== student.id || column === 'id'))
				);
				expect(records, `${table} row ${JSON.stringify(row)}`).toContainEqual(expect.objectContaining(expected));
			}
		}
		// the seed really reaches every exported table, so none of the checks above is vacuous
		expect([...found.keys()].sort()).toEqual(Object.keys(EXPORT_SECTIONS).sort());
		expect(found.get('answers')).toHaveLength(3);
		expect(found.get('rate_limits')?.map((r) => [r.key, Number(r.count)])).toEqual([
			[limitKeys.join(student.id), 1],
			[limitKeys.login(STUDENT.username), 2],
			[limitKeys.passwordChange(student.id), 1],
			[limitKeys.reset(STUDENT.username), 1]
		]);
		expect(found.get('password_codes')).toHaveLength(2);
		expect(found.get('written_answers')).toHaveLength(1);
		expect(found.get('written_versions')).toHaveLength(3);
		expect(found.get('written_grades')).toHaveLength(2);

		// the CSV has a row for every exported record
		const csvRows = (await dataAsCsv(db, student.id)).trim().split('\n').length - 1;
		const records = Object.values(EXPORT_SECTIONS).reduce((n, s) => n + (Array.isArray(data[s]) ? (data[s] as unknown[]).length : 1), 0);
		expect(csvRows).toBe(records);
		expect(await dataAsCsv(db, student.id)).toContain('attempt counter');
		expect(await dataAsCsv(db, student.id)).toContain('reading settings=size larger, theme contrast');
		expect(json.user?.reading_settings).toEqual({ size: 'larger', theme: 'contrast' });
		console.log(`privacy export on ${engine.name}: ${found.size} tables, ${records} records, ${Math.round(performance.now() - started)} ms`);
	});

	it('after deletion no row in any table holds the student’s id, username or name; bystanders keep theirs', async () => {
		handle = await engine.open();
		const { db } = handle;
		const { student, other, teacher } = await seed(db);
		const before = {
			other: await rowsHolding(db, needlesOf(other)),
			teacher: await rowsHolding(db, needlesOf(teacher)),
			ip: await rowsHolding(db, [IP])
		};
		expect(before.other.size).toBeGreaterThanOrEqual(5);

		await deleteUser(db, student.id);
		// the codes the teacher made for this student, and the student's account row naming the
		// teacher who made the code used, are the student's data, and go with them
		expect(before.teacher.get('password_codes')).toHaveLength(2);
		before.teacher.delete('password_codes');
		// likewise the grades the teacher gave this student's writing (the other student's stay)
		expect(before.teacher.get('written_grades')).toHaveLength(3);
		before.teacher.set('written_grades', before.teacher.get('written_grades')!.filter((g) => g.user_id !== student.id));
		before.teacher.set('users', before.teacher.get('users')!.filter((u) => u.id !== student.id));

		expect(Object.fromEntries(await rowsHolding(db, needlesOf(student)))).toEqual({});
		expect(await rowsHolding(db, needlesOf(other))).toEqual(before.other);
		expect(await rowsHolding(db, needlesOf(teacher))).toEqual(before.teacher);
		// counters keyed by IP name nobody, and keep slowing down guessing from that address
		expect(await rowsHolding(db, [IP])).toEqual(before.ip);
		expect(before.ip.get('rate_limits')).toHaveLength(3);
		// the never-claimed guest answer stays, too
		expect((await db.selectFrom('answers').select('answer').where('user_id', 'is', null).execute()).map((a) => a.answer)).toEqual([
			JSON.stringify('someone else, never claimed')
		]);
	});
});

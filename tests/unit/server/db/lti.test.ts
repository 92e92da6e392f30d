/** LTI state in the database, on both engines: single-use states, accounts, course classes, the score outbox. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../../src/lib/server/db/client';
import { accountFor, consumeState, createState, joinContext, linkGrade, registerPlatform, RoleMismatch, STATE_TTL_MS } from '../../../../src/lib/server/db/lti';
import { dueHeads, gradeLinksOf, leaseRow, markFailed, markSent, queueScore } from '../../../../src/lib/server/db/lti-outbox';
import { engines } from './engines';

const platformInput = {
	issuer: 'https://lms.example',
	clientId: 'tool-1',
	authUrl: 'https://lms.example/auth',
	tokenUrl: 'https://lms.example/token',
	jwksUrl: 'https://lms.example/jwks',
	deploymentIds: ['dep-1']
};

describe.each(engines)('LTI tables on $name', (engine) => {
	let handle: Db;
	afterEach(async () => handle?.close());

	it('a state is used once, and not after it expires', async () => {
		handle = await engine.open();
		const { db } = handle;
		const { platform } = await registerPlatform(db, platformInput);
		const t0 = new Date('2026-12-04T10:00:00Z');
		const a = await createState(db, platform.id, t0);
		expect(await consumeState(db, a.state, new Date(t0.getTime() + 1000))).toEqual({ ok: true, nonce: a.nonce, platformId: platform.id });
		expect(await consumeState(db, a.state, new Date(t0.getTime() + 2000))).toEqual({ ok: false, why: 'used' });
		const b = await createState(db, platform.id, t0);
		expect(await consumeState(db, b.state, new Date(t0.getTime() + STATE_TTL_MS + 1))).toEqual({ ok: false, why: 'expired' });
		expect(await consumeState(db, 'never-issued')).toEqual({ ok: false, why: 'unknown' });
	});

	it('registering again updates the addresses and adds deployments', async () => {
		handle = await engine.open();
		const { db } = handle;
		const first = await registerPlatform(db, platformInput);
		const again = await registerPlatform(db, { ...platformInput, authUrl: 'https://lms.example/auth2', deploymentIds: ['dep-2'] });
		expect(again.created).toBe(false);
		expect(again.platform.id).toBe(first.platform.id);
		const deps = await db.selectFrom('lti_deployments').select('deployment_id').orderBy('deployment_id').execute();
		expect(deps.map((d) => d.deployment_id)).toEqual(['dep-1', 'dep-2']);
	});

	it('an account is keyed by (issuer, subject) and keeps its role; a learner waits for the class an instructor makes', async () => {
		handle = await engine.open();
		const { db } = handle;
		const { platform } = await registerPlatform(db, platformInput);
		const who = (subject: string, role: 'student' | 'teacher', name: string) => accountFor(db, { issuer: platform.issuer, subject, role, name, timeZone: 'UTC' });
		const learner = await who('s-1', 'student', 'Ana');
		expect((await who('s-1', 'student', 'Ana B.')).id).toBe(learner.id);
		expect((await who('s-1', 'student', 'Ana B.')).display_name).toBe('Ana B.');
		await expect(who('s-1', 'teacher', 'Ana')).rejects.toBeInstanceOf(RoleMismatch);
		// the same subject at another issuer is someone else
		expect((await accountFor(db, { issuer: 'https://other.example', subject: 's-1', role: 'student', name: 'X', timeZone: 'UTC' })).id).not.toBe(learner.id);

		const ctx = { platformId: platform.id, contextId: 'course-9', title: 'Civics 9' };
		expect(await joinContext(db, { ...ctx, user: learner })).toBeNull();
		const teacher = await who('t-1', 'teacher', 'Mr Lee');
		const classId = await joinContext(db, { ...ctx, user: teacher });
		expect(classId).toBeTruthy();
		const klass = await db.selectFrom('classes').selectAll().where('id', '=', classId!).executeTakeFirstOrThrow();
		expect([klass.name, klass.teacher_id]).toEqual(['Civics 9', teacher.id]);
		expect(await db.selectFrom('memberships').select('student_id').where('class_id', '=', classId!).execute()).toEqual([{ student_id: learner.id }]);
		const second = await who('t-2', 'teacher', 'Ms Roy');
		expect(await joinContext(db, { ...ctx, user: second })).toBe(classId);
		expect(await db.selectFrom('class_teachers').select('teacher_id').where('class_id', '=', classId!).execute()).toEqual([{ teacher_id: second.id }]);
	});

	it('the outbox sends each line item in order, skips an unchanged score, and leases a row to one sender', async () => {
		handle = await engine.open();
		const { db } = handle;
		const { platform } = await registerPlatform(db, platformInput);
		const s = await accountFor(db, { issuer: platform.issuer, subject: 's-1', role: 'student', name: 'Ana', timeZone: 'UTC' });
		await linkGrade(db, { platformId: platform.id, userId: s.id, subject: 's-1', contextId: 'c', target: 'm1/l1', lineitemUrl: 'https://lms.example/li/1' });
		const [link] = await gradeLinksOf(db, s.id, ['m1/l1', 'm1']);
		const t = (sec: number) => new Date(Date.UTC(2026, 11, 4, 10, 0, sec));
		const score = (given: number, at: Date) =>
			queueScore(db, { link_id: link!.id, user_id: s.id, score_given: given, score_maximum: 3, activity_progress: 'InProgress', grading_progress: 'FullyGraded' }, at);
		expect(await score(1, t(1))).toBe(true);
		expect(await score(1, t(2))).toBe(false);
		expect(await score(2, t(3))).toBe(true);

		const [head] = await dueHeads(db, t(10));
		expect(Number(head!.score_given)).toBe(1);
		expect(await dueHeads(db, t(10))).toHaveLength(1);
		// two senders read the same row: one lease wins
		expect(await leaseRow(db, head!, t(70))).toBe(true);
		expect(await leaseRow(db, head!, t(70))).toBe(false);
		// while leased, and after a failure until its retry time, nothing behind it goes first
		expect(await dueHeads(db, t(20))).toEqual([]);
		await markFailed(db, head!.id, 1, t(30), 'score endpoint answered 503');
		expect(await dueHeads(db, t(29))).toEqual([]);
		expect((await dueHeads(db, t(30)))[0]!.id).toBe(head!.id);
		await markSent(db, head!.id, t(31));
		const [next] = await dueHeads(db, t(32));
		expect(Number(next!.score_given)).toBe(2);
	});

	it('line items stuck behind refused or unreachable scores never hide a due score elsewhere', async () => {
		handle = await engine.open();
		const { db } = handle;
		const { platform } = await registerPlatform(db, platformInput);
		const s = await accountFor(db, { issuer: platform.issuer, subject: 's-9', role: 'student', name: 'Bo', timeZone: 'UTC' });
		const t = (sec: number) => new Date(Date.UTC(2026, 11, 4, 10, 0, sec));
		// 30 line items, each with 40 scores queued behind a head that waits an hour
		for (let i = 0; i < 30; i++) await linkGrade(db, { platformId: platform.id, userId: s.id, subject: 's-9', contextId: 'c', target: `m${i}`, lineitemUrl: `https://lms.example/li/${i}` });
		const links = await gradeLinksOf(db, s.id, Array.from({ length: 30 }, (_, i) => `m${i}`));
		const rows = links.flatMap((link) =>
			Array.from({ length: 40 }, (_, k) => ({
				id: crypto.randomUUID(),
				link_id: link.id,
				user_id: s.id,
				score_given: k,
				score_maximum: 40,
				activity_progress: 'InProgress' as const,
				grading_progress: 'FullyGraded' as const,
				created_at: t(k).toISOString(),
				attempts: k === 0 ? 3 : 0,
				next_attempt_at: k === 0 ? new Date(Date.UTC(2026, 11, 4, 11)).toISOString() : t(k).toISOString(),
				sent_at: null,
				last_error: k === 0 ? 'score endpoint answered 404' : null
			}))
		);
		await db.insertInto('lti_score_outbox').values(rows).execute();
		expect(await dueHeads(db, t(59))).toEqual([]);
		// a healthy line item, queued last
		await linkGrade(db, { platformId: platform.id, userId: s.id, subject: 's-9', contextId: 'c', target: 'healthy', lineitemUrl: 'https://lms.example/li/ok' });
		const [healthy] = await gradeLinksOf(db, s.id, ['healthy']);
		await queueScore(db, { link_id: healthy!.id, user_id: s.id, score_given: 1, score_maximum: 2, activity_progress: 'InProgress', grading_progress: 'FullyGraded' }, t(58));
		const due = await dueHeads(db, t(59));
		expect(due.map((r) => r.lineitem_url)).toEqual(['https://lms.example/li/ok']);
	});
});

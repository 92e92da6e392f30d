/**
 * Issue 17, target 4: a district's day, whole sessions. 20 000 students in classes of 30, each
 * class with a lesson assigned, each student following a session script: open /me (which must
 * list the assigned lesson), open that lesson, answer up to three of its questions with the
 * submission keys their page gave them and 30–90 s of thought before each, open the sentence
 * the first answer cites in its source, then open the review queue. The 20 000 arrive over
 * 3 minutes: each session begins at a random moment of the first 180 s, and the run lasts until
 * the last one ends (about 7 minutes). Before them, 300 other students of the same classes run
 * the same script without thinking, so the process has served every kind of page once, as it
 * would have by the time a district's classes start; they are not counted. p99 ≤ 100 ms for
 * every kind of request, 0 errors, every acknowledged answer stored, RSS ≤ 200 MB; the rate
 * reached is printed.
 */
import { join } from 'node:path';
import { allLessons, answerFields, formKeyIn } from '../../e2e/content';
import { addAssignment, addMembership, createClass } from '../../../src/lib/server/db/classes';
import { createDb } from '../../../src/lib/server/db/client';
import { atRandomMoments, lostAnswers } from '../load';
import { createUser } from '../../../src/lib/server/db/users';
import { quantile, type BenchContext, type Result } from '../report';
import { startApp } from '../server';
import { seedStudents } from './district';
import { decode, resent, send } from './start';

const STUDENTS = Number(process.env.BENCH_DAY_STUDENTS ?? 20_000);
const WARM_UP = 300;
const ARRIVALS_MS = 180_000;
const CLASS_SIZE = 30;
const THINK_MS: [number, number] = [30_000, 90_000];
const ANSWERS = 3;
const MAX_P99_MS = 100;
const MAX_RSS_MB = 200;
const KINDS = ['/me', 'lesson page', 'answer', 'cited sentence', 'review queue'] as const;
type Kind = (typeof KINDS)[number];

const lessons = allLessons().filter((r) => r.lesson.questions.some((q) => q.type !== 'written' && q.cite.length));

/** Students with sessions, in classes of 30, each class with one lesson assigned; the lesson of each student. */
async function seedDistrict(file: string) {
	const ids: string[] = [];
	const cookies = await seedStudents(file, STUDENTS + WARM_UP, ids);
	const handle = createDb({ engine: 'sqlite', file });
	const lessonOf: (typeof lessons)[number][] = [];
	try {
		await handle.db.transaction().execute(async (tx) => {
			const teacher = await createUser(tx, { role: 'teacher', username: null, email: 'day-teacher@school.example', displayName: 'Day Teacher', passwordHash: 'seeded', timeZone: 'UTC' });
			for (let start = 0; start < ids.length; start += CLASS_SIZE) {
				const ref = lessons[(start / CLASS_SIZE) % lessons.length]!;
				const c = await createClass(tx, { teacherId: teacher.id, name: `Class ${start / CLASS_SIZE + 1}`, section: null, timeZone: 'UTC' });
				await addAssignment(tx, c.id, `${ref.module.slug}/${ref.lesson.slug}`, null);
				for (const id of ids.slice(start, start + CLASS_SIZE)) {
					await addMembership(tx, c.id, id);
					lessonOf.push(ref);
				}
			}
		});
	} finally {
		await handle.close();
	}
	return { cookies, lessonOf };
}

export async function run(ctx: BenchContext): Promise<Result[]> {
	const file = join(ctx.tmp, 'day.db');
	const t0 = Date.now();
	const { cookies, lessonOf } = await seedDistrict(file);
	ctx.log(`${cookies.length} students in ${Math.ceil(cookies.length / CLASS_SIZE)} classes written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	const app = await startApp({ DATABASE_FILE: file });
	const times = () => Object.fromEntries(KINDS.map((k) => [k, [] as number[]])) as Record<Kind, number[]>;
	const ms = times();
	const warmUpMs = times();
	const problems: string[] = [];
	const acknowledged: string[] = [];
	let maxRss = 0;
	const sampler = setInterval(() => (maxRss = Math.max(maxRss, app.rssMb())), 500);
	const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
	const think = () => sleep(THINK_MS[0] + Math.random() * (THINK_MS[1] - THINK_MS[0]));
	const headers = (cookie: string) => ({ cookie, 'accept-encoding': 'br, gzip', accept: 'text/html' });

	/** One request of a kind, timed into `into`; its body decoded, or an error when its status is not the one expected. */
	async function timed(into: Record<Kind, number[]>, kind: Kind, path: string, init: { cookie: string; body?: string }, expect = 200) {
		const t = performance.now();
		const res = init.body
			? await send(app.url + path, 'POST', { origin: app.url, accept: 'application/json', 'x-sveltekit-action': 'true', 'content-type': 'application/x-www-form-urlencoded', cookie: init.cookie }, init.body)
			: await send(app.url + path, 'GET', headers(init.cookie));
		into[kind].push(performance.now() - t);
		if (res.status !== expect) throw new Error(`${kind}: HTTP ${res.status}`);
		return decode(res);
	}

	async function session(i: number, warmUp = false) {
		const cookie = cookies[i]!;
		const ref = lessonOf[i]!;
		const into = warmUp ? warmUpMs : ms;
		const me = await timed(into, '/me', '/me', { cookie });
		if (!me.includes(`href="${ref.path}"`)) throw new Error('/me does not list the assigned lesson');
		const page = await timed(into, 'lesson page', ref.path, { cookie });
		const questions = ref.lesson.questions.filter((q) => q.type !== 'written').slice(0, ANSWERS);
		for (const [n, q] of questions.entries()) {
			const idem = formKeyIn(page, q.id);
			if (!idem) throw new Error(`no submission key for ${q.id}`);
			if (!warmUp) await think();
			const body = new URLSearchParams([['question', q.id], ['idem', idem], ...answerFields(q, Math.random() < 0.6)]).toString();
			const reply = await timed(into, 'answer', `${ref.path}?/answer`, { cookie, body });
			if (!reply.includes('saved')) throw new Error('answer not acknowledged');
			acknowledged.push(idem);
			const cited = q.cite[0];
			if (n === 0 && cited) await timed(into, 'cited sentence', `/sources/${cited.source}?hl=${cited.sentenceIds.join(',')}`, { cookie });
		}
		await timed(into, 'review queue', '/me/review', { cookie });
	}

	// the count is the module's, shared with the start target when both run in one bench
	const resentBefore = resent.count;
	let started: number;
	try {
		// the warm-up: ten students at a time, with the same checks
		for (let i = STUDENTS; i < STUDENTS + WARM_UP; i += 10) {
			await Promise.all(Array.from({ length: Math.min(10, STUDENTS + WARM_UP - i) }, (_, k) => session(i + k, true).catch((e: unknown) => void problems.push(`warm-up: ${e instanceof Error ? e.message : String(e)}`))));
		}
		ctx.log(`warm-up: ${WARM_UP} students, ${KINDS.reduce((n, k) => n + warmUpMs[k].length, 0)} requests, /me p99 ${quantile(warmUpMs['/me'], 0.99).toFixed(0)} ms (not counted)`);
		started = Date.now();
		await atRandomMoments(STUDENTS, ARRIVALS_MS, session, problems);
	} finally {
		clearInterval(sampler);
		await app.stop();
	}
	const elapsed = (Date.now() - started) / 1000;
	const lost = await lostAnswers(file, acknowledged);
	const requests = KINDS.reduce((n, k) => n + ms[k].length, 0);
	ctx.log(`${requests} requests in ${elapsed.toFixed(0)} s: ${(requests / elapsed).toFixed(0)}/s; RSS ≤ ${maxRss.toFixed(0)} MB; ${resent.count - resentBefore} sent again after a kept-alive connection closed under them`);
	for (const k of KINDS) ctx.log(`${k}: ${ms[k].length}, p50 ${quantile(ms[k], 0.5).toFixed(1)} ms, p99 ${quantile(ms[k], 0.99).toFixed(1)} ms`);
	if (problems.length) ctx.log(`first problems: ${[...new Set(problems)].slice(0, 3).join('; ')}`);
	return [
		...KINDS.map((k) => ({
			target: `4. District day (${STUDENTS} students, ${elapsed.toFixed(0)} s): ${k}`,
			figure: `p99 ${quantile(ms[k], 0.99).toFixed(1)} ms over ${ms[k].length} requests`,
			ceiling: `≤ ${MAX_P99_MS} ms`,
			ratio: quantile(ms[k], 0.99) / MAX_P99_MS,
			ok: ms[k].length > 0 && quantile(ms[k], 0.99) <= MAX_P99_MS && elapsed >= 180
		})),
		{
			target: '4. District day: errors and lost answers, rate',
			figure: `${problems.length} errors, ${acknowledged.length} acknowledged, ${lost} lost; ${(requests / elapsed).toFixed(0)} requests/s`,
			ceiling: '0 errors, 0 lost',
			ok: problems.length === 0 && lost === 0
		},
		{ target: '4. District day: server RSS', figure: `${maxRss.toFixed(0)} MB at most`, ceiling: `≤ ${MAX_RSS_MB} MB`, ratio: maxRss / MAX_RSS_MB, ok: maxRss <= MAX_RSS_MB }
	];
}

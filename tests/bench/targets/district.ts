/**
 * Target 2 (and 5): a school district on two cores. 20 000 distinct signed-in students, each
 * answering a question every 30–90 s (uniformly random think time), for at least 3 minutes,
 * from this load script on the same machine, against the built app on the embedded database:
 * p99 latency ≤ 100 ms, no errors, every acknowledged answer stored; the rate reached and the
 * app's resident memory are printed. The students and their sessions are written straight into
 * the database beforehand (20 000 sign-ups through argon2 would take half an hour); each then
 * signs in with its own session cookie, as after a login.
 */
import { join } from 'node:path';
import { loadContent } from '../../../src/lib/content/load';
import { hashPassword } from '../../../src/lib/server/auth/password';
import { readContentFiles } from '../../../src/lib/server/content/files';
import { createDb } from '../../../src/lib/server/db/client';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';
import { createSession } from '../../../src/lib/server/db/sessions';
import { createUser } from '../../../src/lib/server/db/users';
import { answerFields } from '../../e2e/content';
import { lostAnswers } from '../load';
import { quantile, type BenchContext, type Result } from '../report';
import { startApp } from '../server';

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 20_000);
const SECONDS = Number(process.env.BENCH_DISTRICT_SECONDS ?? 180);
const THINK_MS: [number, number] = [30_000, 90_000];
const MAX_P99_MS = 100;
const MAX_RSS_MB = 200;

const { content } = loadContent(readContentFiles(process.cwd()));
const lessons = content.modules.flatMap((m) => m.lessons);

/** `count` students with a session each, written straight into a new SQLite file; their cookies (and, if given an array, their ids). */
export async function seedStudents(file: string, count = STUDENTS, ids: string[] = []): Promise<string[]> {
	const handle = createDb({ engine: 'sqlite', file });
	await migrateToLatest(handle.db);
	const hash = await hashPassword('a district password');
	const cookies: string[] = [];
	try {
		for (let start = 0; start < count; start += 1000) {
			await handle.db.transaction().execute(async (tx) => {
				for (let i = start; i < Math.min(count, start + 1000); i++) {
					const user = await createUser(tx, { role: 'student', username: `district-${i}`, email: null, displayName: `District Student ${i}`, passwordHash: hash, timeZone: 'UTC' });
					const { token } = await createSession(tx, user.id);
					ids.push(user.id);
					cookies.push(`bc_session=${token}`);
				}
			});
		}
	} finally {
		await handle.close();
	}
	return cookies;
}

export async function run(ctx: BenchContext): Promise<Result[]> {
	const file = join(ctx.tmp, 'district.db');
	const t0 = Date.now();
	const cookies = await seedStudents(file);
	ctx.log(`${cookies.length} students with sessions written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	const app = await startApp({ DATABASE_FILE: file });
	const latencies: number[] = [];
	const acknowledged: string[] = [];
	const students = new Set<number>();
	let errors = 0;
	let maxRss = 0;
	const sampler = setInterval(() => (maxRss = Math.max(maxRss, app.rssMb())), 500);
	const inFlight = new Set<Promise<void>>();
	const end = Date.now() + SECONDS * 1000;
	const think = () => THINK_MS[0] + Math.random() * (THINK_MS[1] - THINK_MS[0]);

	async function answer(i: number) {
		const lesson = lessons[Math.floor(Math.random() * lessons.length)]!;
		const q = lesson.questions[Math.floor(Math.random() * lesson.questions.length)]!;
		const idem = crypto.randomUUID();
		const started = performance.now();
		try {
			const res = await fetch(`${app.url}/modules/${lesson.module}/${lesson.slug}?/answer`, {
				method: 'POST',
				headers: { origin: app.url, accept: 'application/json', 'x-sveltekit-action': 'true', cookie: cookies[i]! },
				body: new URLSearchParams([['question', q.id], ...answerFields(q, Math.random() < 0.7), ['idem', idem]])
			});
			const body = await res.text();
			latencies.push(performance.now() - started);
			if (res.status === 200 && body.includes('saved')) {
				acknowledged.push(idem);
				students.add(i);
			} else errors++;
		} catch {
			errors++;
		}
	}

	function schedule(i: number, delay: number) {
		setTimeout(() => {
			if (Date.now() >= end) return;
			const p = answer(i).finally(() => inFlight.delete(p));
			inFlight.add(p);
			schedule(i, think());
		}, delay);
	}
	const started = Date.now();
	// the first answer of each student falls anywhere in a think time, so the rate is steady from the start
	for (let i = 0; i < cookies.length; i++) schedule(i, Math.random() * THINK_MS[1]);
	await new Promise((r) => setTimeout(r, SECONDS * 1000));
	await Promise.all(inFlight);
	const elapsed = (Date.now() - started) / 1000;
	clearInterval(sampler);
	await app.stop();

	const lost = await lostAnswers(file, acknowledged);
	const p99 = quantile(latencies, 0.99);
	const rate = latencies.length / elapsed;
	ctx.log(`${latencies.length} answers from ${students.size} students in ${elapsed.toFixed(0)} s: ${rate.toFixed(0)}/s, p50 ${quantile(latencies, 0.5).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
	return [
		{
			target: `2. District: ${cookies.length} students, think 30–90 s, ${elapsed.toFixed(0)} s`,
			figure: `p99 ${p99.toFixed(1)} ms at ${rate.toFixed(0)} answers/s (${students.size} students answered)`,
			ceiling: `≤ ${MAX_P99_MS} ms`,
			ratio: p99 / MAX_P99_MS,
			ok: p99 <= MAX_P99_MS && elapsed >= 180
		},
		{
			target: '2. District: errors and lost answers',
			figure: `${errors} errors, ${acknowledged.length} acknowledged, ${lost} lost`,
			ceiling: '0 errors, 0 lost',
			ok: errors === 0 && lost === 0 && acknowledged.length > 0
		},
		{
			target: '5. Server RSS under target 2',
			figure: `${maxRss.toFixed(0)} MB at most`,
			ceiling: `≤ ${MAX_RSS_MB} MB`,
			ratio: maxRss / MAX_RSS_MB,
			ok: maxRss <= MAX_RSS_MB
		}
	];
}

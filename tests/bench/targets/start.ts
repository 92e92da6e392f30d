/**
 * Issue 17, target 2: the start of a period. 2 000 distinct signed-in students each open the
 * same lesson (the heaviest, with a find-evidence article) at a random moment within 10 s, as a
 * browser does (`accept-encoding: br, gzip`), then answer its first question with the
 * submission key their page gave them. 0 errors, p99 ≤ 500 ms for the page and for the answer,
 * and every acknowledged answer in the database afterwards.
 */
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { allLessons, answerFields, formKeyIn } from '../../e2e/content';
import { atRandomMoments, lostAnswers } from '../load';
import { quantile, type BenchContext, type Result } from '../report';
import { startApp } from '../server';
import { seedStudents } from './district';

const STUDENTS = Number(process.env.BENCH_START_STUDENTS ?? 2000);
const WINDOW_MS = 10_000;
const MAX_P99_MS = 500;

// the heaviest lesson page: the find-evidence lesson with the most questions
const ref = allLessons()
	.filter((r) => r.lesson.questions.some((q) => q.type === 'find-evidence'))
	.reduce((a, b) => (b.lesson.questions.length > a.lesson.questions.length ? b : a));
const first = ref.lesson.questions.find((q) => q.type !== 'written')!;

// node:http, not fetch: fetch's stream decoding of 2 000 pages of 180 KB would make this load
// generator, on the same two cores, the slowest part of what it measures
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** How many requests were sent again after a kept-alive connection closed under them (see `send`). */
export const resent = { count: 0 };

/**
 * One request; resolves when the whole body is in (the time the student waits), undecoded. A
 * request that fails with a reset on a kept-alive connection it reused (the server closed it
 * while idle, as the request went out) is sent once more, as browsers do and as Node's
 * documentation of `request.reusedSocket` shows; answers carry their submission key, so a
 * resent one is still stored once.
 */
export function send(url: string, method: string, headers: Record<string, string>, body?: string, again = true): Promise<{ status: number; body: Buffer; encoding?: string }> {
	return new Promise((resolve, reject) => {
		const req = request(url, { method, headers, agent }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), encoding: res.headers['content-encoding'] }));
			res.on('error', reject);
		});
		req.on('error', (e: NodeJS.ErrnoException) => {
			if (again && req.reusedSocket && (e.code === 'ECONNRESET' || e.code === 'EPIPE')) {
				resent.count++;
				resolve(send(url, method, headers, body, false));
			} else reject(e);
		});
		req.end(body);
	});
}

export const decode = (r: { body: Buffer; encoding?: string }) => (r.encoding === 'gzip' ? gunzipSync(r.body) : r.encoding === 'br' ? brotliDecompressSync(r.body) : r.body).toString();

export async function run(ctx: BenchContext): Promise<Result[]> {
	const file = join(ctx.tmp, 'start.db');
	const cookies = await seedStudents(file, STUDENTS);
	const app = await startApp({ DATABASE_FILE: file });
	const pageMs: number[] = [];
	const answerMs: number[] = [];
	const acknowledged: string[] = [];
	const problems: string[] = [];
	let maxRss = 0;
	const sampler = setInterval(() => (maxRss = Math.max(maxRss, app.rssMb())), 250);

	async function student(cookie: string) {
		let t = performance.now();
		const page = await send(app.url + ref.path, 'GET', { cookie, 'accept-encoding': 'br, gzip', accept: 'text/html' });
		pageMs.push(performance.now() - t);
		const html = decode(page);
		// the key of the first question's form, as the browser would send it
		const idem = formKeyIn(html, first.id);
		if (page.status !== 200 || !idem) throw new Error(`page: HTTP ${page.status}${idem ? '' : ', no submission key'}`);
		t = performance.now();
		const form = new URLSearchParams([['question', first.id], ['idem', idem], ...answerFields(first, Math.random() < 0.6)]).toString();
		const res = await send(`${app.url}${ref.path}?/answer`, 'POST', { origin: app.url, accept: 'application/json', 'x-sveltekit-action': 'true', 'content-type': 'application/x-www-form-urlencoded', cookie }, form);
		answerMs.push(performance.now() - t);
		const body = decode(res);
		if (res.status !== 200 || !body.includes('saved')) throw new Error(`answer: HTTP ${res.status}`);
		acknowledged.push(idem);
	}

	const started = Date.now();
	try {
		await atRandomMoments(cookies.length, WINDOW_MS, (i) => student(cookies[i]!), problems);
	} finally {
		clearInterval(sampler);
		await app.stop();
	}
	const elapsed = (Date.now() - started) / 1000;
	const lost = await lostAnswers(file, acknowledged);
	const [page99, answer99] = [quantile(pageMs, 0.99), quantile(answerMs, 0.99)];
	ctx.log(`${cookies.length} students in ${elapsed.toFixed(1)} s on ${ref.path}: page p50 ${quantile(pageMs, 0.5).toFixed(0)} ms, p99 ${page99.toFixed(0)} ms; answer p50 ${quantile(answerMs, 0.5).toFixed(0)} ms, p99 ${answer99.toFixed(0)} ms; RSS ≤ ${maxRss.toFixed(0)} MB`);
	if (problems.length) ctx.log(`first problems: ${[...new Set(problems)].slice(0, 3).join('; ')}`);
	return [
		{
			target: `2. Start of a period: ${cookies.length} students open a lesson within 10 s (page)`,
			figure: `p99 ${page99.toFixed(0)} ms (p50 ${quantile(pageMs, 0.5).toFixed(0)} ms) for ${pageMs.length} pages of ${ref.path}`,
			ceiling: `≤ ${MAX_P99_MS} ms`,
			ratio: page99 / MAX_P99_MS,
			ok: page99 <= MAX_P99_MS && pageMs.length === cookies.length
		},
		{
			target: '2. Start of a period: then answer its first question',
			figure: `p99 ${answer99.toFixed(0)} ms (p50 ${quantile(answerMs, 0.5).toFixed(0)} ms) for ${answerMs.length} answers`,
			ceiling: `≤ ${MAX_P99_MS} ms`,
			ratio: answer99 / MAX_P99_MS,
			ok: answer99 <= MAX_P99_MS && answerMs.length === cookies.length
		},
		{
			target: '2. Start of a period: errors and lost answers',
			figure: `${problems.length} errors, ${acknowledged.length} acknowledged, ${lost} lost`,
			ceiling: '0 errors, every answer stored',
			ok: problems.length === 0 && lost === 0 && acknowledged.length === cookies.length
		}
	];
}

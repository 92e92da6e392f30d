/**
 * Issue 17's target 3 (which replaced issue 9's target 1) and issue 9's target 5: answer
 * submissions per second on loopback, closed loop at 100 connections, against the app's own
 * floor in the same run (GET /healthz), with a bare node:http server printed beside it; then
 * open loop, answers arriving at half the rate just reached, whose p99 must stay ≤ 50 ms. Both
 * engines. Signed-in students post where the lesson page's script does, the card address
 * (session lookup, validation, grading, durable write, and the card rendered on the server);
 * every answer the app acknowledged must be in the database afterwards. The app's resident memory is sampled
 * during the load.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadContent } from '../../../src/lib/content/load';
import { readContentFiles } from '../../../src/lib/server/content/files';
import { createPostgresDatabase } from '../../../src/lib/server/db/admin';
import { findAnswersByIdempotencyKeys } from '../../../src/lib/server/db/answers';
import { createDb, type DbConfig } from '../../../src/lib/server/db/client';
import { freePort } from '../../e2e/global-setup';
import type { BenchContext, Result } from '../report';
import { openLoop, signUpStudents, type OpenLoad } from '../load';
import { rssMb, startApp } from '../server';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const STUDENTS = 100;
const MIN_FLOOR_RATIO = 0.4;
const MAX_P99_MS = 50;
const MAX_RSS_MB = 200;

const { content } = loadContent(readContentFiles(process.cwd()));
const lesson = content.modules[0]!.lessons[0]!;
const question = lesson.questions.find((q) => q.type === 'single')!;
const choice = question.type === 'single' ? question.choices[0]!.id : '';
/** where the lesson page's script posts an answer: the card address, which answers with the card rendered on the server */
const PATH = `/modules/${lesson.module}/${lesson.slug}/card`;

/** what the lesson page's script sends with an answer */
const ANSWER_HEADERS = (origin: string) => ({ origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' });
/** the card came back with the answer stored (the feedback says so) */
const SAVED = 'Your answer is saved.';

interface Load {
	rps: number;
	p99: number;
	errors: number;
	non2xx: number;
	acknowledged: string[];
	maxRssMb?: number;
}

/**
 * autocannon at CONNECTIONS connections for SECONDS, each request a fresh answer of a student
 * in turn; with `get`, plain GETs of that path with no cookie instead.
 */
export function drive(url: string, cookies: string[], pid?: number, get?: string, overallRate?: number): Promise<Load> {
	const acknowledged: string[] = [];
	let n = 0;
	let maxRssMb = 0;
	const sampler = pid ? setInterval(() => (maxRssMb = Math.max(maxRssMb, rssMb(pid))), 200) : undefined;
	return new Promise((resolve, reject) => {
		autocannon(
			{
				url: url + (get ?? PATH),
				connections: CONNECTIONS,
				duration: SECONDS,
				// open loop: requests go out at this fixed rate, whether or not answers have come back
				...(overallRate ? { overallRate } : {}),
				method: get ? 'GET' : 'POST',
				headers: ANSWER_HEADERS(url),
				requests: [
					{
						// one request at a time per connection: the connection's context knows whose answer comes back
						setupRequest: (req, context) => {
							if (get) return req;
							const idem = crypto.randomUUID();
							const body = new URLSearchParams({ question: question.id, choice, idem }).toString();
							(context as { idem?: string }).idem = idem;
							return { ...req, body, headers: { ...req.headers, cookie: cookies[n++ % cookies.length]! } };
						},
						onResponse: (status, body, context) => {
							if (!get && status === 200 && body.includes(SAVED)) acknowledged.push((context as { idem?: string }).idem ?? '');
						}
					}
				]
			},
			(err, res) => {
				if (sampler) clearInterval(sampler);
				if (err) return reject(err);
				resolve({ rps: res.requests.average, p99: res.latency.p99, errors: res.errors + res.timeouts, non2xx: res.non2xx, acknowledged, maxRssMb: pid ? maxRssMb : undefined });
			}
		);
	});
}

/** The ceiling: node:http answering "ok" once the body is read, in a process of its own. */
async function bare(): Promise<Load> {
	const port = await freePort();
	const child = spawn(process.execPath, [
		'-e',
		`require('node:http').createServer((q, s) => { q.resume(); q.on('end', () => s.end('ok')); }).listen(${port}, '127.0.0.1', () => console.log('up'))`
	]);
	await new Promise((r) => child.stdout.once('data', r));
	try {
		return await drive(`http://127.0.0.1:${port}`, ['a=b']);
	} finally {
		child.kill();
	}
}

/**
 * The app under answer load, and its own floor first: the same server answering GET /healthz
 * with no cookie (SvelteKit, the app's hooks and one `select 1`, and nothing else), the most
 * requests per second any route of this app could reach on this machine.
 */
async function measureApp(ctx: BenchContext, engine: 'sqlite' | 'postgres'): Promise<Load & { lost: number; floor: Load; open: OpenLoad & { rate: number } }> {
	const config: DbConfig =
		engine === 'sqlite'
			? { engine, file: join(ctx.tmp, 'throughput.db') }
			: { engine, url: await createPostgresDatabase(await ctx.pgAdminUrl(), `bench_tp_${Date.now()}`) };
	const app = await startApp(engine === 'sqlite' ? { DATABASE_FILE: config.engine === 'sqlite' ? config.file : '' } : { DATABASE_URL: config.engine === 'postgres' ? config.url : '' });
	try {
		const cookies = await signUpStudents(app.url, STUDENTS, 'bench');
		const floor = await drive(app.url, [], undefined, '/healthz');
		const load = await drive(app.url, cookies, app.pid);
		const rate = Math.max(1, Math.round(load.rps / 2));
		let n = 0;
		const open = {
			...(await openLoop(
				app.url + PATH,
				rate,
				SECONDS,
				() => {
					const key = crypto.randomUUID();
					const body = new URLSearchParams({ question: question.id, choice, idem: key }).toString();
					return { method: 'POST', headers: { ...ANSWER_HEADERS(app.url), cookie: cookies[n++ % cookies.length]! }, body, key };
				},
				(status, body) => status === 200 && body.includes(SAVED)
			)),
			rate
		};
		const check = createDb(config);
		try {
			const acknowledged = [...load.acknowledged, ...open.acknowledged];
			const found = await findAnswersByIdempotencyKeys(check.db, acknowledged);
			return { ...load, lost: acknowledged.length - found.length, floor, open };
		} finally {
			await check.close();
		}
	} finally {
		await app.stop();
	}
}

export async function run(ctx: BenchContext): Promise<Result[]> {
	const results: Result[] = [];
	for (const engine of ['sqlite', 'postgres'] as const) {
		// the ceiling is measured right before each engine, so both see the same machine
		const ceiling = await bare();
		ctx.log(`bare node:http: ${ceiling.rps.toFixed(0)} requests/s, p99 ${ceiling.p99} ms`);
		const app = await measureApp(ctx, engine);
		const ratio = app.rps / ceiling.rps;
		const floorShare = `${((app.floor.rps / ceiling.rps) * 100).toFixed(0)} %`;
		ctx.log(`${engine}: the app's floor, GET /healthz with no cookie: ${app.floor.rps.toFixed(0)} requests/s (${floorShare} of bare), p99 ${app.floor.p99} ms, ${app.floor.errors + app.floor.non2xx} failed`);
		ctx.log(`${engine}: ${app.rps.toFixed(0)} answers/s, p99 ${app.p99} ms, ${app.errors} errors, ${app.non2xx} non-2xx, ${app.acknowledged.length} acknowledged, ${app.lost} lost`);
		const floorRatio = app.rps / app.floor.rps;
		ctx.log(`${engine}: open loop at ${app.open.rate}/s: p50 ${app.open.p50.toFixed(0)} ms, p99 ${app.open.p99.toFixed(0)} ms, ${app.open.rps.toFixed(0)}/s served, ${app.open.errors} errors, ${app.open.non2xx} non-2xx; the generator sent at worst ${app.open.maxLagMs.toFixed(0)} ms late`);
		results.push(
			{
				// issue 17's target 3 replaces issue 9's target 1 (a share of bare node:http, printed for comparison)
				target: `3. Answers/s (${engine}), ${CONNECTIONS} connections, closed loop`,
				figure: `${app.rps.toFixed(0)}/s vs the app's floor (GET /healthz) ${app.floor.rps.toFixed(0)}/s; p99 ${app.p99} ms; bare node:http ${ceiling.rps.toFixed(0)}/s (${(ratio * 100).toFixed(0)} % of it)`,
				ceiling: `≥ ${MIN_FLOOR_RATIO * 100} % of the floor`,
				ratio: floorRatio,
				ok: floorRatio >= MIN_FLOOR_RATIO
			},
			{
				target: `3. Answer p99 (${engine}), open loop at half that rate`,
				figure: `${app.open.p99.toFixed(0)} ms at ${app.open.rate} answers/s arriving at fixed moments (${app.open.rps.toFixed(0)}/s served)`,
				ceiling: `≤ ${MAX_P99_MS} ms`,
				ratio: app.open.p99 / MAX_P99_MS,
				ok: app.open.p99 <= MAX_P99_MS && app.open.errors === 0 && app.open.non2xx === 0
			},
			{
				target: `1. Errors and lost answers (${engine})`,
				figure: `${app.errors + app.open.errors} errors, ${app.non2xx + app.open.non2xx} non-2xx, ${app.acknowledged.length + app.open.acknowledged.length} acknowledged, ${app.lost} lost`,
				ceiling: '0 errors, 0 lost',
				ok: app.errors + app.open.errors === 0 && app.non2xx + app.open.non2xx === 0 && app.lost === 0 && app.acknowledged.length > 0
			},
			{
				target: `5. Server RSS under target 1 (${engine})`,
				figure: `${app.maxRssMb!.toFixed(0)} MB at most`,
				ceiling: `≤ ${MAX_RSS_MB} MB`,
				ratio: app.maxRssMb! / MAX_RSS_MB,
				ok: app.maxRssMb! <= MAX_RSS_MB
			}
		);
	}
	return results;
}

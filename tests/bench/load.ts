/** What the load targets share: students started at random moments, an open-loop driver, and the check that what the app acknowledged was stored. */
import { Agent, request } from 'node:http';
import { findAnswersByIdempotencyKeys } from '../../src/lib/server/db/answers';
import { createDb } from '../../src/lib/server/db/client';
import { newStudent, signUpByPost } from '../e2e/content';
import { quantile } from './report';

/** Runs `student(i)` for i < count, each at a random moment within `windowMs`; a failure's message goes into `problems`. */
export function atRandomMoments(count: number, windowMs: number, student: (i: number) => Promise<void>, problems: string[]): Promise<void> {
	const one = (i: number) =>
		new Promise<void>((resolve) =>
			setTimeout(() => {
				student(i)
					.catch((e: unknown) => void problems.push(e instanceof Error ? e.message : String(e)))
					.finally(resolve);
			}, Math.random() * windowMs)
		);
	return Promise.all(Array.from({ length: count }, (_, i) => one(i))).then(() => {});
}

/** `count` students signed up through the app at `base`, five at a time (each sign-up hashes a password); their cookies. */
export async function signUpStudents(base: string, count: number, tag: string): Promise<string[]> {
	const cookies: string[] = [];
	for (let i = 0; i < count; i += 5) cookies.push(...(await Promise.all([0, 1, 2, 3, 4].map(() => signUpByPost(newStudent(tag), base)))));
	return cookies;
}

/** How many of the acknowledged submission keys have no answer in the SQLite file. */
export async function lostAnswers(file: string, acknowledged: string[]): Promise<number> {
	const check = createDb({ engine: 'sqlite', file });
	try {
		return acknowledged.length - (await findAnswersByIdempotencyKeys(check.db, acknowledged)).length;
	} finally {
		await check.close();
	}
}

export interface OpenLoad {
	rps: number;
	p99: number;
	p50: number;
	errors: number;
	non2xx: number;
	acknowledged: string[];
	/** how far, at worst, a request went out after its scheduled moment (the generator's own lag) */
	maxLagMs: number;
}

/**
 * Open loop: request i is due at i / rate seconds, whether or not earlier ones have been
 * answered, each on a free kept-alive connection (a new one when all are busy). Its latency is
 * counted from the moment it was due, so a generator that falls behind cannot hide a slow
 * server. autocannon's `overallRate` does not do this: each connection spends a per-second
 * budget as fast as it can and then waits for the next second (lib/httpClient.js), so requests
 * arrive in bursts at the top of every second, and its coordinated-omission correction uses an
 * expected interval of ceil(1 / rate) = 1 ms (lib/run.js), which adds hundreds of made-up
 * samples per slow answer.
 */
export function openLoop(
	url: string,
	rate: number,
	seconds: number,
	next: () => { method: string; headers: Record<string, string>; body?: string; key?: string },
	isAcknowledged: (status: number, body: string) => boolean
): Promise<OpenLoad> {
	const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
	const latencies: number[] = [];
	const acknowledged: string[] = [];
	let errors = 0;
	let non2xx = 0;
	let sent = 0;
	let maxLagMs = 0;
	const total = Math.round(rate * seconds);
	const start = performance.now();
	return new Promise((resolve) => {
		let pending = 0;
		const finish = () => {
			agent.destroy();
			resolve({ rps: latencies.length / seconds, p99: quantile(latencies, 0.99), p50: quantile(latencies, 0.5), errors, non2xx, acknowledged, maxLagMs });
		};
		const fire = (due: number) => {
			const r = next();
			pending++;
			maxLagMs = Math.max(maxLagMs, performance.now() - due);
			const req = request(url, { method: r.method, headers: r.headers, agent }, (res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d: string) => (text += d));
				res.on('end', () => {
					latencies.push(performance.now() - due);
					if ((res.statusCode ?? 0) >= 300) non2xx++;
					else if (r.key && isAcknowledged(res.statusCode ?? 0, text)) acknowledged.push(r.key);
					if (--pending === 0 && sent === total) finish();
				});
			});
			req.on('error', () => {
				errors++;
				if (--pending === 0 && sent === total) finish();
			});
			req.end(r.body);
		};
		const tick = () => {
			const dueNow = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
			while (sent < dueNow) fire(start + (sent++ / rate) * 1000);
			if (sent < total) setTimeout(tick, 1);
		};
		tick();
	});
}

/**
 * An answer the server acknowledged survives SIGKILL: a child server takes answers from a
 * loop of requests, is killed at a random moment, restarted on the same data, and every
 * acknowledged answer must be there. Repeated KILLS times; prints "0 lost of N acknowledged".
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/content/load';
import { findAnswersByIdempotencyKeys } from '../../src/lib/server/db/answers';
import { createDb } from '../../src/lib/server/db/client';
import { sqliteIntegrity } from '../../src/lib/server/db/health';
import { readContentFiles } from '../../src/lib/server/content/files';
import { startServer } from './global-setup';

const KILLS = Number(process.env.DURABILITY_KILLS ?? 20);
const PARALLEL = 8;

const { content } = loadContent(readContentFiles(process.cwd()));
const lesson = content.modules[0]!.lessons[0]!;
const question = lesson.questions.find((q) => q.type === 'single' || q.type === 'true-false')!;
const choice = question.type === 'true-false' ? 'true' : question.type === 'single' ? question.choices[0]!.id : '';
const path = `/modules/${lesson.module}/${lesson.slug}?/answer`;

describe('durability', () => {
	it(`keeps every acknowledged answer across ${KILLS} SIGKILLs`, { timeout: 300_000 }, async () => {
		const file = join(mkdtempSync(join(tmpdir(), 'bc-kill-')), 'kill.db');
		const acknowledged: string[] = [];
		let lost = 0;
		for (let round = 0; round < KILLS; round++) {
			const { url, child } = await startServer({ DATABASE_FILE: file });
			let running = true;
			const loop = async () => {
				while (running) {
					const idem = crypto.randomUUID();
					try {
						const res = await fetch(url + path, {
							method: 'POST',
							headers: { origin: url, accept: 'application/json', 'x-sveltekit-action': 'true' },
							body: new URLSearchParams({ question: question.id, choice, idem })
						});
						const body = (await res.json()) as { type: string; data: string };
						if (res.status === 200 && body.type === 'success' && body.data.includes('"saved":')) acknowledged.push(idem);
					} catch {
						// the server was killed mid-request: not acknowledged
					}
				}
			};
			const loops = Array.from({ length: PARALLEL }, loop);
			await new Promise((r) => setTimeout(r, 100 + Math.random() * 400));
			const exited = new Promise((r) => (child.exitCode !== null || child.signalCode ? r(null) : child.once('exit', r)));
			child.kill('SIGKILL');
			running = false;
			await Promise.all(loops);
			await exited;

			expect(sqliteIntegrity(file)).toBe('ok');
			const check = createDb({ engine: 'sqlite', file });
			const found = await findAnswersByIdempotencyKeys(check.db, acknowledged);
			await check.close();
			lost = acknowledged.length - found.length;
			expect(lost).toBe(0);
		}
		console.log(`durability: ${KILLS} kills, ${acknowledged.length} acknowledged, ${lost} lost`);
		expect(acknowledged.length).toBeGreaterThan(KILLS);
	});
});

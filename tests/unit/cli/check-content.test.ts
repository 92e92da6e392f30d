/**
 * The command that `npm run build` runs first: on a copy of lessons/ with one character of
 * one quote changed, it must exit non-zero naming the lesson, the question and the nearest sentence.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const cli = join(root, 'src', 'cli', 'check-content.ts');
const work = mkdtempSync(join(tmpdir(), 'bc-content-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (cwd: string) => spawnSync(tsx, [cli], { cwd, encoding: 'utf8' });

describe('npm run check:content', () => {
	it('passes on the course and prints what it checked', () => {
		const r = run(root);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toMatch(/Content check passed/);
		expect(r.stdout).toMatch(/citations\s+\d+ quotes proved verbatim/);
	});

	it('shows the course teaching reasoning: at least 150 questions, half beyond recall, 15 two-part, no unexplained repeat', () => {
		const out = run(root).stdout;
		const questions = Number(/questions\s+(\d+) \(/.exec(out)?.[1]);
		expect(questions).toBeGreaterThanOrEqual(150);
		expect(Number(/skills\s+(\d+) % not recall/.exec(out)?.[1])).toBeGreaterThanOrEqual(50);
		expect(Number(/two-part\s+(\d+) \(/.exec(out)?.[1])).toBeGreaterThanOrEqual(15);
		expect(out).toMatch(/repeats\s+0 unexplained; \d+ deliberate/);
		const perSource = /by source\s+questions citing each \(at least 20\): (.*)/.exec(out)![1]!.split(', ').map((x) => Number(x.split(' ')[1]));
		expect(perSource).toHaveLength(5);
		for (const n of perSource) expect(n).toBeGreaterThanOrEqual(20);
		// every lesson line is clean: no ✗ under skills or reading level
		expect(out).not.toContain('✗');
	});

	it('fails on one changed character of a quote, naming lesson, question and nearest sentence', () => {
		cpSync(join(root, 'lessons'), join(work, 'lessons'), { recursive: true });
		const dir = readdirSync(join(work, 'lessons')).find((d) => d !== 'sources')!;
		const file = readdirSync(join(work, 'lessons', dir)).find((f) => f.endsWith('.svx'))!;
		const path = join(work, 'lessons', dir, file);
		const text = readFileSync(path, 'utf8');
		// change one letter inside the first quote
		const m = /quote: "(.)(.*)"/.exec(text)!;
		const changed = text.replace(m[0], `quote: "${m[1]}${m[2]!.replace(/[a-z]/, (c) => (c === 'x' ? 'y' : 'x'))}"`);
		expect(changed).not.toBe(text);
		writeFileSync(path, changed);
		const before = text.slice(0, text.indexOf(m[0]));
		const questionId = [...before.matchAll(/- id: ([a-z0-9-]+)/g)].pop()![1];

		const r = run(work);
		expect(r.status).toBe(1);
		const line = r.stderr.split('\n').find((l) => l.includes('not verbatim'));
		expect(line).toContain(`lessons/${dir}/${file}:`);
		expect(line).toContain(`question "${questionId}"`);
		expect(line).toMatch(/nearest real sentences? s-[\d,]+ \(similarity 0\.\d\d\): "/);
		expect(line).toContain(m[1]! + m[2]!.slice(0, 20));
	});
});

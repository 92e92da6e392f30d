/**
 * Starts the production build (`node build` with the flags `npm start` gives it) on a free loopback port
 * for the end-to-end tests, and stops it afterwards. The test line builds first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		/** One server per worker: files in parallel never share rate limits or load. */
		baseURLs: string[];
	}
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => resolve(port));
		});
	});
}

/** The flags `npm start` gives node (package.json), so that every test runs the server as it runs. */
export function startFlags(): string[] {
	const start: string = JSON.parse(readFileSync('package.json', 'utf8')).scripts.start;
	const m = /\bnode((?: --[\w-]+(?:=\S+)?)*) build$/.exec(start);
	if (!m) throw new Error(`package.json's start script should end with "node [--flags] build"; it is: ${start}`);
	return m[1]!.trim().split(/\s+/).filter(Boolean);
}

/**
 * Spawns the production build on a free port without waiting for it (for tests that kill it
 * during start-up); `output` collects what it prints. Each server gets its own embedded
 * database unless `env` names one.
 */
export async function spawnServer(env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess; output: () => string }> {
	if (!existsSync('build/index.js')) {
		throw new Error('No production build found: run `npm run build` before the end-to-end tests.');
	}
	// a port of the caller's choosing (a process restarted where a load balancer expects it), or any free one
	const port = env.PORT ? Number(env.PORT) : await freePort();
	const url = `http://127.0.0.1:${port}`;
	const dataFile = join(mkdtempSync(join(tmpdir(), 'bc-e2e-')), 'test.db');
	const child = spawn(process.execPath, [...startFlags(), 'build'], {
		env: { ...process.env, DATABASE_FILE: dataFile, HOST: '127.0.0.1', ORIGIN: url, ...env, PORT: String(port) },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout?.on('data', (d) => (output += d));
	child.stderr?.on('data', (d) => (output += d));
	return { url, child, output: () => output };
}

/** Starts the production build and waits until it serves `/`. */
export async function startServer(env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
	const { url, child, output } = await spawnServer(env);
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`The server exited early:\n${output()}`);
		try {
			const res = await fetch(url);
			if (res.ok) return { url, child };
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 25));
	}
	child.kill('SIGKILL');
	throw new Error(`The server did not answer within 30 s:\n${output()}`);
}

export default async function setup(project: TestProject) {
	const workers = Math.max(1, project.config.maxWorkers ?? 1);
	const servers = await Promise.all(Array.from({ length: workers }, () => startServer()));
	project.provide(
		'baseURLs',
		servers.map((s) => s.url)
	);
	return () => {
		for (const { child } of servers) child.kill('SIGTERM');
	};
}

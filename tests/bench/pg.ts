/**
 * A throwaway PostgreSQL cluster on a free loopback port, in a temp folder removed on stop.
 * Shared by the database tests (tests/unit/server/db/pg-setup.ts) and the benchmark.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../e2e/global-setup';

export interface PgCluster {
	/** postgres://postgres@127.0.0.1:<port>/postgres, a superuser without password */
	adminUrl: string;
	stop(): void;
}

function pgBin(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
	versions.sort((a, b) => Number(a) - Number(b));
	if (!versions.length) {
		throw new Error(
			'PostgreSQL is not installed, and the database tests and the benchmark run against both engines (SQLite and PostgreSQL).\n' +
				'Install it with `sudo apt-get install postgresql` (or `bash .ci/install-test-deps`),\n' +
				'or set TEST_DATABASE_URL=postgres://user@host:port/db to use a server of your own.'
		);
	}
	return join(root, versions.at(-1)!, 'bin');
}

/** `settings` are extra `-c name=value` server settings. */
export async function startPostgres(settings: Record<string, string> = {}): Promise<PgCluster> {
	const bin = pgBin();
	const dir = mkdtempSync(join(tmpdir(), 'bc-pg-'));
	const data = join(dir, 'data');
	const port = await freePort();
	const asRoot = process.getuid?.() === 0;
	// initdb refuses to run as root: run the cluster as the postgres user then
	const run = (cmd: string, args: string[]) =>
		asRoot
			? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' })
			: execFileSync(cmd, args, { stdio: 'pipe' });
	if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), 0);
	run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
	const extra = Object.entries({ fsync: 'on', ...settings }).map(([k, v]) => `-c ${k}=${v}`);
	run(join(bin, 'pg_ctl'), [
		'-D', data, '-l', join(dir, 'log'), '-w', '-o',
		[`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', ...extra].join(' '), 'start'
	]);
	return {
		adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
		stop() {
			try {
				run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}

/**
 * A throwaway PostgreSQL cluster for the database tests (tests/bench/pg.ts), stopped at the
 * end. TEST_DATABASE_URL points the tests at a server of your own instead.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../../../bench/pg';

declare module 'vitest' {
	export interface ProvidedContext {
		pgAdminUrl: string;
	}
}

export default async function setup(project: TestProject) {
	if (process.env.TEST_DATABASE_URL) {
		project.provide('pgAdminUrl', process.env.TEST_DATABASE_URL);
		return;
	}
	const cluster = await startPostgres();
	project.provide('pgAdminUrl', cluster.adminUrl);
	return () => cluster.stop();
}

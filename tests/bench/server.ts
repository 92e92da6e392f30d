/**
 * The built app (`node build` with the flags `npm start` gives it) on a free loopback port for the
 * benchmark: started with the given env (DATABASE_FILE or DATABASE_URL), stopped, and its
 * resident memory read from /proc.
 */
import { readFileSync } from 'node:fs';
import { startServer } from '../e2e/global-setup';

export interface App {
	url: string;
	pid: number;
	/** resident set size in MB (VmRSS), now */
	rssMb(): number;
	/** SIGTERM, then SIGKILL if it has not exited after 10 s */
	stop(): Promise<void>;
}

/** VmRSS of a process in MB, from /proc/<pid>/status. */
export function rssMb(pid: number): number {
	const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	if (!m) throw new Error(`No VmRSS for process ${pid}`);
	return Number(m[1]) / 1024;
}

export async function startApp(env: Record<string, string> = {}): Promise<App> {
	const { url, child } = await startServer(env);
	const pid = child.pid!;
	return {
		url,
		pid,
		rssMb: () => rssMb(pid),
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
		}
	};
}

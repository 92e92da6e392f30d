/**
 * SQLite checkpoints on a thread of their own. In WAL mode SQLite copies the log back into the
 * database file every 1,000 pages, inside whichever commit crosses that line; better-sqlite3 runs
 * on the main thread, so every request waited for those writes and their fsync (the answers'
 * p99 under a steady load). Here the app's connection never checkpoints; a worker thread with
 * its own connection does, PASSIVE (it never blocks a reader or a writer), every second. If the
 * worker stops, the connection checkpoints by itself again, so the log cannot grow without end.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL');
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)');
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
	clearInterval(timer);
	checkpoint();
	db.close();
	parentPort.postMessage('stopped');
});
`;

export const AUTO_CHECKPOINT_PAGES = 1000;

/** Starts the checkpoint thread for the database `raw` has open; resolves `stop` once it has checkpointed a last time. */
export function startCheckpointer(raw: SQLite.Database, file: string, everyMs = 1000): { stop(): Promise<void> } {
	const driver = createRequire(import.meta.url).resolve('better-sqlite3');
	raw.pragma('wal_autocheckpoint = 0');
	const worker = new Worker(WORKER, { eval: true, workerData: { file, everyMs, driver } });
	worker.unref();
	let stopping = false;
	let exited = false;
	const fallBack = () => {
		if (!stopping && raw.open) raw.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
	};
	worker.on('error', (e) => {
		console.error(`The SQLite checkpoint thread failed; the app checkpoints by itself again: ${e instanceof Error ? e.message : e}`);
		fallBack();
	});
	worker.on('exit', () => {
		exited = true;
		fallBack();
	});
	return {
		stop() {
			if (stopping || exited) return Promise.resolve();
			stopping = true;
			return new Promise((resolve) => {
				worker.once('exit', () => resolve());
				worker.once('message', () => void worker.terminate());
				worker.postMessage('stop');
			});
		}
	};
}

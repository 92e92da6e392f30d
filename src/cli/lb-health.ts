/**
 * `npm run lb:health -- --servers 127.0.0.1:3001,127.0.0.1:3002 --upstreams /etc/nginx/back-channel-upstreams.conf`
 *
 * Asks each app process's /healthz every second and keeps nginx's upstream list in step: a
 * process that fails (or does not answer within the timeout) `--fall` times in a row is marked
 * down and nginx reloaded; one good answer brings it back. Open-source nginx only notices a
 * dead process when a request to it fails; a hung one would hold requests until the read
 * timeout. See deploy/nginx/ and the README.
 */
import { execFile } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import { parseArgs, promisify } from 'node:util';
import { afterChecks, parseServers, upstreamFile, type Upstream } from '../lib/server/balancer/upstreams';

const usage = `Usage: npm run lb:health -- --servers host:port[,host:port…] --upstreams <file>
  [--reload "nginx -s reload"] [--every 1000] [--timeout 1000] [--fall 2]`;

function options() {
	const { values } = parseArgs({
		options: {
			servers: { type: 'string' },
			upstreams: { type: 'string' },
			reload: { type: 'string', default: 'nginx -s reload' },
			every: { type: 'string', default: '1000' },
			timeout: { type: 'string', default: '1000' },
			fall: { type: 'string', default: '2' }
		}
	});
	if (!values.servers || !values.upstreams) throw new Error(usage);
	const ms = (name: 'every' | 'timeout' | 'fall', min: number) => {
		const n = Number(values[name]);
		if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number, at least ${min}`);
		return n;
	};
	return {
		upstreams: parseServers(values.servers),
		file: values.upstreams,
		reload: values.reload.split(/\s+/).filter(Boolean),
		every: ms('every', 100),
		timeout: ms('timeout', 100),
		fall: ms('fall', 1)
	};
}

async function healthy(address: string, timeout: number): Promise<boolean> {
	try {
		const res = await fetch(`http://${address}/healthz`, { signal: AbortSignal.timeout(timeout) });
		await res.arrayBuffer();
		return res.ok;
	} catch {
		return false;
	}
}

let opts: ReturnType<typeof options>;
try {
	opts = options();
} catch (e) {
	console.error(e instanceof Error ? e.message : e);
	process.exit(2);
}

const write = (upstreams: readonly Upstream[]) => {
	// renamed into place, so nginx never reads half a file
	writeFileSync(`${opts.file}.tmp`, upstreamFile(upstreams));
	renameSync(`${opts.file}.tmp`, opts.file);
};
const reload = promisify(execFile);

let state = opts.upstreams;
write(state);
console.log(`lb:health: watching ${state.map((u) => u.address).join(', ')} every ${opts.every} ms; upstream list in ${opts.file}`);
// a reload that failed is tried again next round, until nginx has the list on disk
let reloadPending = false;
for (;;) {
	const started = Date.now();
	const results = await Promise.all(state.map((u) => healthy(u.address, opts.timeout)));
	const next = afterChecks(state, results, { fallAfter: opts.fall });
	state = next.upstreams;
	if (next.changed) {
		write(state);
		reloadPending = true;
	}
	if (reloadPending) {
		try {
			await reload(opts.reload[0]!, opts.reload.slice(1));
			reloadPending = false;
			console.log(`lb:health: ${state.map((u) => `${u.address} ${u.up ? 'up' : 'DOWN'}`).join(', ')}; nginx reloaded`);
		} catch (e) {
			console.error(`lb:health: the upstream list changed, but "${opts.reload.join(' ')}" failed: ${e instanceof Error ? e.message : e}`);
		}
	}
	await new Promise((r) => setTimeout(r, Math.max(0, opts.every - (Date.now() - started))));
}

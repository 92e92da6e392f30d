/**
 * What `npm run lb:health` decides from the /healthz answers of the app processes behind nginx:
 * which are in rotation, and the upstream list nginx then reads. Pure, so it is tested alone.
 */

export interface Upstream {
	/** host:port, as nginx's `server` line names it */
	address: string;
	up: boolean;
	/** failed checks in a row since the last success */
	fails: number;
}

export interface Rules {
	/** failed checks in a row that take a process out of rotation */
	fallAfter: number;
}

/** The next state after one round of checks (`healthy[i]` for `upstreams[i]`); `changed` when nginx must reload. */
export function afterChecks(upstreams: readonly Upstream[], healthy: readonly boolean[], rules: Rules): { upstreams: Upstream[]; changed: boolean } {
	let changed = false;
	const next = upstreams.map((u, i) => {
		const fails = healthy[i] ? 0 : u.fails + 1;
		// one good answer brings a process back: its /healthz says it reaches the database
		const up = healthy[i] ? true : u.up && fails < rules.fallAfter;
		if (up !== u.up) changed = true;
		return { ...u, fails, up };
	});
	return { upstreams: next, changed };
}

/**
 * The file nginx includes in its upstream block. A process out of rotation is marked `down`,
 * not left out, so the list stays whole; if every process is down they are all listed as up,
 * since nginx answers 502 at once with none, and a process that recovers is better tried.
 */
export function upstreamFile(upstreams: readonly Upstream[]): string {
	const anyUp = upstreams.some((u) => u.up);
	const lines = upstreams.map((u) => `server ${u.address} max_fails=1 fail_timeout=5s${anyUp && !u.up ? ' down' : ''};`);
	return `# Written by npm run lb:health from the /healthz answers (${new Date().toISOString()}).\n${lines.join('\n')}\n`;
}

/** `127.0.0.1:3001,127.0.0.1:3002` → upstreams, all up; a clear error for anything else. */
export function parseServers(list: string): Upstream[] {
	const addresses = list.split(',').map((s) => s.trim()).filter(Boolean);
	if (!addresses.length) throw new Error('--servers needs at least one host:port, e.g. --servers 127.0.0.1:3001,127.0.0.1:3002');
	for (const a of addresses) {
		const m = /^([\w.-]+|\[[0-9a-f:]+\]):(\d{1,5})$/i.exec(a);
		if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) throw new Error(`--servers: "${a}" is not host:port (e.g. 127.0.0.1:3001)`);
	}
	if (new Set(addresses).size !== addresses.length) throw new Error('--servers names the same process twice');
	return addresses.map((address) => ({ address, up: true, fails: 0 }));
}

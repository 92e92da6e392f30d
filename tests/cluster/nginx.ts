/**
 * Starts Debian's nginx in front of app processes for the tests and the bench, with the
 * repository's own site file (deploy/nginx/back-channel.conf), changing only its port and the
 * path of its upstream list, in a temp folder removed on stop. `servedBy` adds a response header
 * naming the process that answered, so a test can tell them apart.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { upstreamFile } from '../../src/lib/server/balancer/upstreams';
import { freePort } from '../e2e/global-setup';

export const NGINX = '/usr/sbin/nginx';

export interface Nginx {
	url: string;
	/** the upstream list, as `npm run lb:health --upstreams` writes it */
	upstreamsFile: string;
	/** the command that makes this nginx reread its configuration */
	reloadCommand: string;
	stop(): Promise<void>;
}

export async function startNginx(servers: string[], { servedBy = true, port = 0 } = {}): Promise<Nginx> {
	if (!existsSync(NGINX)) {
		throw new Error('nginx is not installed: `sudo apt-get install nginx` (or `bash .ci/install-test-deps`).');
	}
	const dir = mkdtempSync(join(tmpdir(), 'bc-nginx-'));
	// worker processes run as nobody when started by root: they write request and proxy buffers here
	chmodSync(dir, 0o755);
	const temp = join(dir, 'temp');
	mkdirSync(temp, { mode: 0o777 });
	chmodSync(temp, 0o777);
	port ||= await freePort();
	const upstreamsFile = join(dir, 'upstreams.conf');
	writeFileSync(upstreamsFile, upstreamFile(servers.map((address) => ({ address, up: true, fails: 0 }))));
	const site = readFileSync('deploy/nginx/back-channel.conf', 'utf8');
	const changed = site.replace(/listen 8080;/, `listen 127.0.0.1:${port};`).replace('/etc/nginx/back-channel-upstreams.conf', upstreamsFile);
	if (!changed.includes(`listen 127.0.0.1:${port};`) || !changed.includes(upstreamsFile)) {
		throw new Error('deploy/nginx/back-channel.conf no longer has `listen 8080;` and the upstream include this script replaces');
	}
	writeFileSync(join(dir, 'site.conf'), changed);
	const conf = join(dir, 'nginx.conf');
	writeFileSync(
		conf,
		`daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log stderr warn;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path ${join(temp, 'body')};
	proxy_temp_path ${join(temp, 'proxy')};
	fastcgi_temp_path ${join(temp, 'fastcgi')};
	uwsgi_temp_path ${join(temp, 'uwsgi')};
	scgi_temp_path ${join(temp, 'scgi')};
	${servedBy ? 'add_header X-Served-By $upstream_addr always;' : ''}
	include ${join(dir, 'site.conf')};
}
`
	);
	execFileSync(NGINX, ['-t', '-q', '-p', dir, '-c', conf], { stdio: 'pipe' });
	const child = spawn(NGINX, ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
	let errors = '';
	child.stderr.on('data', (d) => (errors += d));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 10_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`nginx exited: ${errors}`);
		// a TCP connection, not a request: a request before the app processes listen would mark them failed
		const listening = await new Promise<boolean>((resolve) => {
			const socket = connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
			socket.on('error', () => resolve(false));
		});
		if (listening) break;
		else {
			if (Date.now() > deadline) throw new Error(`nginx did not listen within 10 s: ${errors}`);
			await new Promise((r) => setTimeout(r, 25));
		}
	}
	return {
		url,
		upstreamsFile,
		reloadCommand: `${NGINX} -p ${dir} -c ${conf} -s reload`,
		async stop() {
			if (child.exitCode === null) {
				const gone = new Promise((r) => child.once('exit', r));
				child.kill('SIGQUIT');
				await gone;
			}
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

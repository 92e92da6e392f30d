import { describe, expect, it } from 'vitest';
import { afterChecks, parseServers, upstreamFile } from '../../../../src/lib/server/balancer/upstreams';

const two = () => parseServers('127.0.0.1:3001,127.0.0.1:3002');

describe('lb:health decisions', () => {
	it('takes a process out after `fallAfter` failed checks in a row, and brings it back after one good one', () => {
		let s = two();
		let r = afterChecks(s, [true, false], { fallAfter: 2 });
		expect(r.changed).toBe(false);
		expect(r.upstreams[1]).toMatchObject({ up: true, fails: 1 });
		r = afterChecks(r.upstreams, [true, false], { fallAfter: 2 });
		expect(r.changed).toBe(true);
		expect(r.upstreams[1]).toMatchObject({ up: false, fails: 2 });
		s = r.upstreams;
		r = afterChecks(s, [true, false], { fallAfter: 2 });
		expect(r.changed).toBe(false);
		r = afterChecks(r.upstreams, [true, true], { fallAfter: 2 });
		expect(r.changed).toBe(true);
		expect(r.upstreams.map((u) => u.up)).toEqual([true, true]);
	});

	it('a failure between successes does not add up', () => {
		let s = two();
		for (const h of [false, true, false, true, false]) s = afterChecks(s, [true, h], { fallAfter: 2 }).upstreams;
		expect(s[1]).toMatchObject({ up: true, fails: 1 });
	});

	it('marks a process down in nginx’s list, and lists all as up when none is', () => {
		const [a, b] = two();
		expect(upstreamFile([a!, { ...b!, up: false }])).toMatch(/server 127\.0\.0\.1:3001 max_fails=1 fail_timeout=5s;\nserver 127\.0\.0\.1:3002 max_fails=1 fail_timeout=5s down;\n$/);
		expect(upstreamFile([{ ...a!, up: false }, { ...b!, up: false }])).not.toContain('down');
	});

	it('refuses a server list it cannot use, saying why', () => {
		expect(() => parseServers('')).toThrow(/at least one host:port/);
		expect(() => parseServers('127.0.0.1')).toThrow(/"127.0.0.1" is not host:port/);
		expect(() => parseServers('a:3001,a:99999')).toThrow(/"a:99999"/);
		expect(() => parseServers('a:1; include /etc/passwd:2')).toThrow(/not host:port/);
		expect(() => parseServers('a:1,a:1')).toThrow(/same process twice/);
		expect(parseServers('[::1]:3001, app-2.internal:3002').map((u) => u.address)).toEqual(['[::1]:3001', 'app-2.internal:3002']);
	});
});

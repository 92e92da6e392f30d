import { describe, expect, it } from 'vitest';
import { planRoster, usernameBase } from '../../../../src/lib/server/roster/plan';

const rows = (...names: (string | [string, string])[]) =>
	names.map((n, i) => (typeof n === 'string' ? { line: i + 1, name: n, username: '' } : { line: i + 1, name: n[0], username: n[1] }));

describe('planning a roster import', () => {
	it('makes readable usernames from names: first and last, Latin letters and digits', () => {
		expect(usernameBase('Amira Haddad')).toBe('amira.haddad');
		expect(usernameBase('José María  de la Peña')).toBe('jose.pena');
		expect(usernameBase('Zoë')).toBe('zoe');
		expect(usernameBase('李 伟')).toBe('student');
	});

	it('keeps usernames unique against existing accounts and within the list', () => {
		const plan = planRoster(rows('Amira Haddad', 'Amira  Haddad', 'Li Wei', 'Al'), new Set(['li.wei', 'li.wei2']), new Map());
		expect(plan.map((r) => [r.line, r.ok, r.username])).toEqual([
			[1, true, 'amira.haddad'],
			[2, false, ''],
			[3, true, 'li.wei3'],
			[4, true, 'al1']
		]);
		expect(plan[1]).toMatchObject({ problem: 'The same name as line 1. Remove one, or give each a username in a CSV.' });
	});

	it('reports bad rows with their reason, and students already in the class', () => {
		const plan = planRoster(
			rows('', 'x'.repeat(61), 'Bad\u0000Name', ['Sam Lee', 'no spaces'], ['Sam Lee', 'taken'], 'Ola Berg'),
			new Set(['taken']),
			new Map([['ola berg', 'ola.berg']])
		);
		expect(plan.map((r) => (r.ok ? 'ok' : r.problem))).toEqual([
			'The name is empty.',
			'Keep the name under 60 characters.',
			'Remove the invisible characters from the name.',
			'Username: Use only letters, digits, dots, dashes and underscores.',
			'The username taken is taken. Choose another, or leave it empty to make one.',
			'Already in this class, as ola.berg.'
		]);
	});

	it('lets two students share a name when each has a username of their own', () => {
		const plan = planRoster(rows(['Sam Lee', 'sam.lee.a'], ['Sam Lee', 'sam.lee.b']), new Set(), new Map());
		expect(plan.every((r) => r.ok)).toBe(true);
	});
});

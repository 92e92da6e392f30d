/**
 * The preview of a roster import: for each row, the account it would make (with a readable,
 * unique username) or why it is skipped. Nothing is created here.
 */
import { displayName, username as usernameSchema } from '$lib/schemas/account';
import type { RosterRow } from './parse';

export type PlannedRow =
	| { line: number; name: string; username: string; ok: true; generated: boolean }
	| { line: number; name: string; username: string; ok: false; problem: string };

/** "Amira Haddad-Nour" → "amira.haddadnour": first and last name, Latin letters and digits only. */
export function usernameBase(name: string): string {
	const words = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.split(/\s+/)
		.map((w) => w.replace(/[^a-z0-9]/g, ''))
		.filter(Boolean);
	const base = words.length > 1 ? `${words[0]}.${words.at(-1)}` : (words[0] ?? 'student');
	return base.slice(0, 26);
}

/** Names compared as a teacher reads them: case, width and runs of spaces do not matter. */
export const foldName = (n: string) => n.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * `taken`: usernames that exist already (any account); `members`: names of the class's students,
 * so the same student is not added twice.
 */
export function planRoster(rows: RosterRow[], taken: ReadonlySet<string>, members: ReadonlyMap<string, string>): PlannedRow[] {
	const used = new Set(taken);
	const seenNames = new Map<string, number>();
	const out: PlannedRow[] = [];
	for (const row of rows) {
		const name = displayName.safeParse(row.name);
		const skip = (problem: string): PlannedRow => ({ line: row.line, name: row.name, username: row.username, ok: false, problem });
		if (!name.success) {
			out.push(skip(name.error.issues[0]!.message.replace('your name', 'the name').replace('Enter the name.', 'The name is empty.')));
			continue;
		}
		const folded = foldName(name.data);
		const earlier = seenNames.get(folded);
		if (earlier !== undefined && !row.username) {
			out.push(skip(`The same name as line ${earlier}. Remove one, or give each a username in a CSV.`));
			continue;
		}
		const member = members.get(folded);
		if (member !== undefined && !row.username) {
			out.push(skip(`Already in this class, as ${member}.`));
			continue;
		}
		seenNames.set(folded, row.line);
		if (row.username) {
			const given = usernameSchema.safeParse(row.username);
			if (!given.success) {
				out.push(skip(`Username: ${given.error.issues[0]!.message}`));
				continue;
			}
			if (used.has(given.data)) {
				out.push(skip(`The username ${given.data} is taken. Choose another, or leave it empty to make one.`));
				continue;
			}
			used.add(given.data);
			out.push({ line: row.line, name: name.data, username: given.data, ok: true, generated: false });
			continue;
		}
		const base = usernameBase(name.data);
		let candidate = base.length >= 3 ? base : `${base}${'1'.repeat(3 - base.length)}`;
		for (let n = 2; used.has(candidate); n++) candidate = `${base}${n}`;
		used.add(candidate);
		out.push({ line: row.line, name: name.data, username: candidate, ok: true, generated: true });
	}
	return out;
}

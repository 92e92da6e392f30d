/** Adding students from a roster: preview first, then every account at once, each with a setup code. */
import type { Kysely } from 'kysely';
import { CODE_TTL_MS } from '../auth/password-reset';
import { hashPassword } from '../auth/password';
import { formatCode, newCode } from '../auth/one-time-code';
import { roster } from '../db/classes';
import { createRosterAccounts, RosterConflict, takenUsernames } from '../db/roster';
import type { Database } from '../db/schema';
import type { User } from '../db/users';
import { parseRoster, type RosterRow } from './parse';
import { foldName, planRoster, usernameBase, type PlannedRow } from './plan';

export type Preview = { ok: true; rows: PlannedRow[] } | { ok: false; message: string };

async function plan(db: Kysely<Database>, classId: string, rows: RosterRow[]): Promise<PlannedRow[]> {
	const bases = [...new Set(rows.filter((r) => !r.username).map((r) => usernameBase(r.name)))];
	const exact = rows.map((r) => r.username.trim().toLowerCase()).filter(Boolean);
	const [taken, members] = await Promise.all([takenUsernames(db, bases, exact), roster(db, classId)]);
	const names = new Map(members.map((m) => [foldName(m.display_name), m.username ?? '']));
	return planRoster(rows, taken, names);
}

export async function previewRoster(db: Kysely<Database>, classId: string, text: string, opts: { csv: boolean }): Promise<Preview> {
	const parsed = parseRoster(text, opts);
	if (!parsed.ok) return parsed;
	return { ok: true, rows: await plan(db, classId, parsed.rows) };
}

export interface CardEntry {
	name: string;
	username: string;
	code: string;
}

export type Created = { ok: true; cards: CardEntry[]; expiresAt: Date } | { ok: false; rows: PlannedRow[] };

/**
 * Creates the accounts the teacher saw in the preview. They are checked again first: if a
 * username was taken meanwhile, nothing is created and the new preview goes back.
 */
export async function createFromPreview(
	db: Kysely<Database>,
	klass: { id: string; time_zone: string },
	teacher: User,
	accepted: { line: number; name: string; username: string }[]
): Promise<Created> {
	const rows = await plan(db, klass.id, accepted);
	if (rows.some((r) => !r.ok)) return { ok: false, rows };
	const codes = rows.map(() => newCode());
	const accounts = await Promise.all(rows.map(async (r, i) => ({ name: r.name, username: r.username, codeHash: await hashPassword(codes[i]!) })));
	const now = new Date();
	try {
		await createRosterAccounts(db, { classId: klass.id, accounts, by: { id: teacher.id, name: teacher.display_name }, timeZone: klass.time_zone, now, ttlMs: CODE_TTL_MS });
	} catch (e) {
		if (e instanceof RosterConflict) return { ok: false, rows: await plan(db, klass.id, accepted) };
		throw e;
	}
	return { ok: true, cards: rows.map((r, i) => ({ name: r.name, username: r.username, code: formatCode(codes[i]!) })), expiresAt: new Date(now.getTime() + CODE_TTL_MS) };
}

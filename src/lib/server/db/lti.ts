/** LTI 1.3 state in our database (both engines): platforms, keys, login states, accounts, classes. */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { addCoTeacher, addMembership, createClass } from './classes';
import type { Database, LtiPlatformTable } from './schema';
import { createUser, type User } from './users';

export type Platform = LtiPlatformTable;

const now = () => new Date().toISOString();
const digest = (code: string) => createHash('sha256').update(code).digest('hex');

export interface PlatformInput {
	issuer: string;
	clientId: string;
	authUrl: string;
	tokenUrl: string;
	jwksUrl: string;
	deploymentIds: string[];
	/** origins the LMS frames us from, besides its issuer's and login's (Canvas: the school's domain) */
	frameOrigins?: string[];
}

/** Adds a platform, or updates its addresses, and adds deployments (existing ones are kept). */
export async function registerPlatform(db: Kysely<Database>, p: PlatformInput): Promise<{ platform: Platform; created: boolean }> {
	return db.transaction().execute(async (tx) => {
		const existing = await tx.selectFrom('lti_platforms').selectAll().where('issuer', '=', p.issuer).where('client_id', '=', p.clientId).executeTakeFirst();
		const values = {
			auth_url: p.authUrl,
			token_url: p.tokenUrl,
			jwks_url: p.jwksUrl,
			frame_origins: JSON.stringify([...new Set([...(existing ? (JSON.parse(existing.frame_origins) as string[]) : []), ...(p.frameOrigins ?? [])])].sort())
		};
		let platform: Platform;
		if (existing) {
			await tx.updateTable('lti_platforms').set(values).where('id', '=', existing.id).execute();
			platform = { ...existing, ...values };
		} else {
			platform = { id: crypto.randomUUID(), issuer: p.issuer, client_id: p.clientId, ...values, created_at: now() };
			await tx.insertInto('lti_platforms').values(platform).execute();
		}
		for (const d of p.deploymentIds) {
			await tx
				.insertInto('lti_deployments')
				.values({ platform_id: platform.id, deployment_id: d, created_at: now() })
				.onConflict((oc) => oc.columns(['platform_id', 'deployment_id']).doNothing())
				.execute();
		}
		return { platform, created: !existing };
	});
}

/** The platforms of an issuer, narrowed to one client id when the platform sent it. */
export async function platformsOf(db: Kysely<Database>, issuer: string, clientId?: string): Promise<Platform[]> {
	let q = db.selectFrom('lti_platforms').selectAll().where('issuer', '=', issuer);
	if (clientId !== undefined) q = q.where('client_id', '=', clientId);
	return q.execute();
}

export async function platformById(db: Kysely<Database>, id: string): Promise<Platform | undefined> {
	return db.selectFrom('lti_platforms').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPlatforms(db: Kysely<Database>) {
	const platforms = await db.selectFrom('lti_platforms').selectAll().orderBy('created_at').execute();
	const deployments = await db.selectFrom('lti_deployments').select(['platform_id', 'deployment_id']).execute();
	return platforms.map((p) => ({ ...p, deployments: deployments.filter((d) => d.platform_id === p.id).map((d) => d.deployment_id) }));
}

export async function deploymentKnown(db: Kysely<Database>, platformId: string, deploymentId: string): Promise<boolean> {
	const row = await db
		.selectFrom('lti_deployments')
		.select('deployment_id')
		.where('platform_id', '=', platformId)
		.where('deployment_id', '=', deploymentId)
		.executeTakeFirst();
	return row !== undefined;
}

/** The key we sign with: made once (by `make`) and kept; two processes racing keep the first. */
export async function toolKey(db: Kysely<Database>, make: () => Promise<{ kid: string; privateJwk: string; publicJwk: string }>) {
	const first = () => db.selectFrom('lti_keys').selectAll().orderBy('created_at').orderBy('kid').executeTakeFirst();
	const found = await first();
	if (found) return found;
	const k = await make();
	await db
		.insertInto('lti_keys')
		.values({ kid: k.kid, private_jwk: k.privateJwk, public_jwk: k.publicJwk, created_at: now() })
		.onConflict((oc) => oc.doNothing())
		.execute();
	return (await first())!;
}

export async function publicKeys(db: Kysely<Database>): Promise<string[]> {
	return (await db.selectFrom('lti_keys').select('public_jwk').orderBy('created_at').execute()).map((r) => r.public_jwk);
}

export const STATE_TTL_MS = 10 * 60_000;

/** A login initiation's state and nonce, random, stored for the launch that must answer it. */
export async function createState(db: Kysely<Database>, platformId: string, at = new Date()) {
	const row = {
		state: randomBytes(24).toString('base64url'),
		nonce: randomBytes(24).toString('base64url'),
		platform_id: platformId,
		created_at: at.toISOString(),
		expires_at: new Date(at.getTime() + STATE_TTL_MS).toISOString(),
		used_at: null
	};
	await db.insertInto('lti_states').values(row).execute();
	// states past their time are of no use to anyone
	await db.deleteFrom('lti_states').where('expires_at', '<', new Date(at.getTime() - STATE_TTL_MS).toISOString()).execute();
	return row;
}

export type StateCheck = { ok: true; nonce: string; platformId: string } | { ok: false; why: 'unknown' | 'used' | 'expired' };

/** Marks the state used, once: a second launch with it (a replay) finds it used. */
export async function consumeState(db: Kysely<Database>, state: string, at = new Date()): Promise<StateCheck> {
	const row = await db.selectFrom('lti_states').selectAll().where('state', '=', state).executeTakeFirst();
	if (!row) return { ok: false, why: 'unknown' };
	if (row.used_at !== null) return { ok: false, why: 'used' };
	if (row.expires_at <= at.toISOString()) return { ok: false, why: 'expired' };
	const r = await db.updateTable('lti_states').set({ used_at: at.toISOString() }).where('state', '=', state).where('used_at', 'is', null).executeTakeFirst();
	if (Number(r.numUpdatedRows) !== 1) return { ok: false, why: 'used' };
	return { ok: true, nonce: row.nonce, platformId: row.platform_id };
}

export class RoleMismatch extends Error {}

/** The account of an LMS user, made on their first launch; its role stays the one it was made with. */
export async function accountFor(
	db: Kysely<Database>,
	a: { issuer: string; subject: string; role: 'student' | 'teacher'; name: string; timeZone: string }
): Promise<User> {
	const find = () =>
		db
			.selectFrom('lti_accounts')
			.innerJoin('users', 'users.id', 'lti_accounts.user_id')
			.select(['users.id', 'users.role', 'users.username', 'users.email', 'users.display_name', 'users.time_zone', 'users.created_at', 'users.reading_settings'])
			.where('lti_accounts.issuer', '=', a.issuer)
			.where('lti_accounts.subject', '=', a.subject)
			.executeTakeFirst();
	let user = await find();
	if (!user) {
		// no password: "!" is no argon2 hash, so a password login can never match it
		const made = await createUser(db, { role: a.role, username: null, email: null, displayName: a.name, passwordHash: '!lti', timeZone: a.timeZone });
		const linked = await db
			.insertInto('lti_accounts')
			.values({ issuer: a.issuer, subject: a.subject, user_id: made.id, created_at: now() })
			.onConflict((oc) => oc.doNothing())
			.executeTakeFirst();
		if (Number(linked.numInsertedOrUpdatedRows ?? 0) === 0) await db.deleteFrom('users').where('id', '=', made.id).execute();
		user = await find();
	} else if (user.display_name !== a.name) {
		await db.updateTable('users').set({ display_name: a.name }).where('id', '=', user.id).execute();
		user = { ...user, display_name: a.name };
	}
	if (!user) throw new Error('LTI account could not be made');
	if (user.role !== a.role) throw new RoleMismatch(`This LMS account first came here as a ${user.role}, and now as a ${a.role}.`);
	return user;
}

/**
 * The class of an LMS course. An instructor's launch makes it (they own it) or joins it as a
 * co-teacher; a learner joins it, or waits in lti_context_learners until an instructor makes it.
 */
export async function joinContext(
	db: Kysely<Database>,
	c: { platformId: string; contextId: string; title: string; user: User }
): Promise<string | null> {
	await db
		.insertInto('lti_contexts')
		.values({ platform_id: c.platformId, context_id: c.contextId, title: c.title, class_id: null, created_at: now() })
		.onConflict((oc) => oc.columns(['platform_id', 'context_id']).doNothing())
		.execute();
	const ctx = () =>
		db.selectFrom('lti_contexts').select(['class_id']).where('platform_id', '=', c.platformId).where('context_id', '=', c.contextId).executeTakeFirstOrThrow();
	let classId = (await ctx()).class_id;
	if (c.user.role === 'student') {
		await db
			.insertInto('lti_context_learners')
			.values({ platform_id: c.platformId, context_id: c.contextId, user_id: c.user.id, joined_at: now() })
			.onConflict((oc) => oc.columns(['platform_id', 'context_id', 'user_id']).doNothing())
			.execute();
		if (classId) await addMembership(db, classId, c.user.id);
		return classId;
	}
	if (!classId) {
		const made = await createClass(db, { teacherId: c.user.id, name: c.title, section: null, timeZone: c.user.time_zone });
		const r = await db
			.updateTable('lti_contexts')
			.set({ class_id: made.id })
			.where('platform_id', '=', c.platformId)
			.where('context_id', '=', c.contextId)
			.where('class_id', 'is', null)
			.executeTakeFirst();
		// another instructor's launch made it first: theirs is the class
		if (Number(r.numUpdatedRows) === 0) await db.deleteFrom('classes').where('id', '=', made.id).execute();
		classId = (await ctx()).class_id!;
		const waiting = await db
			.selectFrom('lti_context_learners')
			.select('user_id')
			.where('platform_id', '=', c.platformId)
			.where('context_id', '=', c.contextId)
			.execute();
		for (const w of waiting) await addMembership(db, classId, w.user_id);
	}
	const owner = await db.selectFrom('classes').select('teacher_id').where('id', '=', classId).executeTakeFirstOrThrow();
	if (owner.teacher_id !== c.user.id) await addCoTeacher(db, classId, c.user.id);
	return classId;
}

export const LAUNCH_CODE_TTL_MS = 5 * 60_000;

/** A single-use code for the session a launch starts; only its digest is stored. */
export async function createLaunchCode(db: Kysely<Database>, userId: string, target: string, browserSecret: string | null, at = new Date()): Promise<string> {
	const code = randomBytes(32).toString('base64url');
	await db
		.insertInto('lti_launch_codes')
		.values({ code_hash: digest(code), user_id: userId, target, browser_hash: browserSecret === null ? null : digest(browserSecret), expires_at: new Date(at.getTime() + LAUNCH_CODE_TTL_MS).toISOString(), used_at: null })
		.execute();
	await db.deleteFrom('lti_launch_codes').where('expires_at', '<', new Date(at.getTime() - LAUNCH_CODE_TTL_MS).toISOString()).execute();
	return code;
}

export async function peekLaunchCode(db: Kysely<Database>, code: string, at = new Date()) {
	const row = await db
		.selectFrom('lti_launch_codes')
		.innerJoin('users', 'users.id', 'lti_launch_codes.user_id')
		.selectAll('lti_launch_codes')
		.select('users.display_name')
		.where('code_hash', '=', digest(code))
		.executeTakeFirst();
	if (!row || row.used_at !== null || row.expires_at <= at.toISOString()) return undefined;
	return row;
}

/** Whether this browser's secret (from its probe cookie) is the one the launch was bound to. */
export const boundTo = (row: { browser_hash: string | null }, secret: string | undefined) =>
	row.browser_hash !== null && secret !== undefined && digest(secret) === row.browser_hash;

/** The code's user and target, once; undefined when unknown, used or expired. */
export async function consumeLaunchCode(db: Kysely<Database>, code: string, at = new Date()) {
	const row = await peekLaunchCode(db, code, at);
	if (!row) return undefined;
	const r = await db
		.updateTable('lti_launch_codes')
		.set({ used_at: at.toISOString() })
		.where('code_hash', '=', row.code_hash)
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1 ? row : undefined;
}

/** Remembers where a student's score for a lesson or module goes (one row per line item). */
export async function linkGrade(
	db: Kysely<Database>,
	g: { platformId: string; userId: string; subject: string; contextId: string; target: string; lineitemUrl: string }
): Promise<void> {
	await db
		.insertInto('lti_grade_links')
		.values({
			id: crypto.randomUUID(),
			platform_id: g.platformId,
			user_id: g.userId,
			subject: g.subject,
			context_id: g.contextId,
			target: g.target,
			lineitem_url: g.lineitemUrl,
			created_at: now()
		})
		.onConflict((oc) => oc.columns(['user_id', 'lineitem_url']).doUpdateSet({ target: g.target, subject: g.subject, context_id: g.contextId }))
		.execute();
}

/** Origins of every registered platform: the pages an LMS may show us in a frame. */
export async function platformOrigins(db: Kysely<Database>): Promise<string[]> {
	const rows = await db.selectFrom('lti_platforms').select(['issuer', 'auth_url', 'frame_origins']).execute();
	const origins = new Set<string>();
	for (const r of rows) {
		for (const u of [r.issuer, r.auth_url, ...(JSON.parse(r.frame_origins) as string[])]) {
			try {
				origins.add(new URL(u).origin);
			} catch {
				// an issuer need not be a URL
			}
		}
	}
	return [...origins].sort();
}

/** The LMS an account signs in through (it has no password here), or undefined. */
export async function lmsOf(db: Kysely<Database>, userId: string): Promise<string | undefined> {
	const row = await db.selectFrom('lti_accounts').select('issuer').where('user_id', '=', userId).executeTakeFirst();
	return row?.issuer;
}

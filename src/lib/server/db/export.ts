/** Everything stored about one student, for "download my data". */
import type { Kysely } from 'kysely';
import { limitKeys, personalLimitKeys } from './rate-limit';
import type { Database } from './schema';
import { ltiExport } from './lti-privacy';
import { writtenExport } from './written';

/**
 * Where each table's rows about the student land in the export. tests/unit/server/db/privacy.test.ts
 * walks the schema and fails for any table holding the student's id, username or name that is not here.
 */
export const EXPORT_SECTIONS = {
	users: 'user',
	sessions: 'sessions',
	memberships: 'memberships',
	answers: 'answers',
	rate_limits: 'attemptCounters',
	password_codes: 'passwordCodes',
	written_answers: 'writtenAnswers',
	written_versions: 'writtenVersions',
	written_grades: 'writtenGrades',
	lti_accounts: 'lmsAccounts',
	lti_context_learners: 'lmsCourses',
	lti_launch_codes: 'lmsLaunchCodes',
	lti_grade_links: 'lmsGradeColumns',
	lti_score_outbox: 'lmsScores'
} as const;

/** Columns left out on purpose (the columns holding the student's own id are implied by user.id). */
export const WITHHELD: Partial<Record<keyof Database, readonly string[]>> = {
	// a hash, useless to the student and only a risk in a downloaded file
	users: ['password_hash'],
	// SHA-256 of the sign-in cookie: likewise
	sessions: ['id'],
	// a random per-form key that only stops a double submission being stored twice
	answers: ['idempotency_key'],
	// the code's hash: the code itself was shown once, on paper
	password_codes: ['code_hash'],
	// as for answers: keys that only stop a double submission being stored twice; the teacher's
	// account id (their name is exported); the key version of the question
	written_answers: ['key_hash'],
	written_versions: ['idempotency_key'],
	written_grades: ['idempotency_key', 'grader_id', 'rubric_hash'],
	// a launch code's hash, like a password code's, and the hash of the browser secret it was bound to
	lti_launch_codes: ['code_hash', 'browser_hash']
};

/** What an attempt counter counts, in words, by key prefix (the prefixes of `limitKeys`). */
const COUNTER_WORDS: [string, string][] = [
	[limitKeys.login(''), 'login attempts with your username since the last successful one'],
	[limitKeys.join(''), 'class codes tried from your account'],
	[limitKeys.passwordChange(''), 'wrong current passwords typed when changing your password'],
	[limitKeys.reset(''), 'wrong one-time codes typed with your username']
];

export async function exportUserData(db: Kysely<Database>, userId: string) {
	const user = await db
		.selectFrom('users')
		.select(['id', 'role', 'username', 'email', 'display_name', 'time_zone', 'created_at', 'password_reset_at', 'password_reset_by', 'reading_settings'])
		.where('id', '=', userId)
		.executeTakeFirst();
	const sessions = await db
		.selectFrom('sessions')
		.select(['created_at', 'expires_at', 'last_seen_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at')
		.execute();
	const memberships = await db
		.selectFrom('memberships')
		.innerJoin('classes', 'classes.id', 'memberships.class_id')
		.select(['memberships.class_id', 'classes.name as class_name', 'classes.section', 'memberships.joined_at'])
		.where('memberships.student_id', '=', userId)
		.orderBy('memberships.joined_at')
		.execute();
	const answers = await db
		.selectFrom('answers')
		.select(['id', 'lesson', 'question_id', 'answer', 'correct', 'points', 'key_hash', 'created_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at')
		.execute();
	const counters = await db
		.selectFrom('rate_limits')
		.select(['key', 'window_start', 'count'])
		.where('key', 'in', personalLimitKeys(user ?? { id: userId, username: null, email: null }))
		.orderBy('key')
		.execute();
	const attemptCounters = counters.map((c) => ({
		...c,
		what: COUNTER_WORDS.find(([prefix]) => c.key.startsWith(prefix))?.[1] ?? 'attempts'
	}));
	const passwordCodes = await db
		.selectFrom('password_codes')
		.select(['id', 'purpose', 'created_by', 'created_by_name', 'created_at', 'expires_at', 'used_at'])
		.where('user_id', '=', userId)
		.orderBy('created_at')
		.execute();
	return { user, sessions, memberships, answers, attemptCounters, passwordCodes, ...(await writtenExport(db, userId)), ...(await ltiExport(db, userId)) };
}

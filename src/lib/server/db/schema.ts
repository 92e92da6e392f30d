/**
 * The one Database type both engines share. Portable on purpose: ids are random text
 * (crypto.randomUUID), times are ISO-8601 UTC text, booleans are 0/1 integers.
 */
export interface UserTable {
	id: string;
	role: 'student' | 'teacher';
	username: string | null;
	email: string | null;
	display_name: string;
	password_hash: string;
	/** IANA zone, for the review schedule's "different days" */
	time_zone: string;
	created_at: string;
	/** when a one-time code last set the password, and the name of who gave the code */
	password_reset_at: string | null;
	password_reset_by: string | null;
	/** reading settings (src/lib/reading.ts) that differ from the defaults, as JSON; null when none do */
	reading_settings: string | null;
}

export interface PasswordCodeTable {
	id: string;
	user_id: string;
	/** argon2id of the code: the code itself is shown once and never stored */
	code_hash: string;
	/** `reset`: a forgotten password; `setup`: the first password of an account made from a roster */
	purpose: 'reset' | 'setup';
	/** the teacher who made it, or null when whoever runs the server made it */
	created_by: string | null;
	created_by_name: string;
	created_at: string;
	expires_at: string;
	used_at: string | null;
}

export interface SessionTable {
	/** SHA-256 of the token in the cookie, so a leaked database holds no usable session */
	id: string;
	user_id: string;
	created_at: string;
	/** absolute end of the session */
	expires_at: string;
	/** for the idle timeout */
	last_seen_at: string | null;
}

export interface RateLimitTable {
	key: string;
	window_start: string;
	count: number;
}

export interface ClassTable {
	id: string;
	teacher_id: string;
	name: string;
	section: string | null;
	/** null while joining is disabled */
	join_code: string | null;
	time_zone: string;
	/** which attempt the gradebook counts */
	counting: 'first' | 'best' | 'latest';
	created_at: string;
	/** set at the end of term: read-only, out of the everyday lists, restorable */
	archived_at: string | null;
	/** `accept`: answers after the due date count and are marked late; `exclude`: they do not count */
	late_policy: 'accept' | 'exclude';
}

/** Teachers who share a class with its owner (`classes.teacher_id`). */
export interface ClassTeacherTable {
	class_id: string;
	teacher_id: string;
	added_at: string;
}

export interface MembershipTable {
	class_id: string;
	student_id: string;
	joined_at: string;
}

export interface AssignmentTable {
	id: string;
	class_id: string;
	/** "module" or "module/lesson" */
	target: string;
	due_at: string | null;
	created_at: string;
}

export interface AnswerTable {
	id: string;
	/** the signed-in student, or null for a guest (see guest_id) */
	user_id: string | null;
	/** the browser session of a guest, moved to user_id when the guest signs up */
	guest_id: string | null;
	/** "module/lesson": where the question was answered */
	lesson: string;
	question_id: string;
	/** the parsed answer as JSON */
	answer: string;
	correct: 0 | 1;
	points: number;
	/** SHA-256 of the question's type and key when it was graded: a later edit never silently regrades */
	key_hash: string;
	/** from the form: a repeated submission with the same key is stored once */
	idempotency_key: string;
	created_at: string;
}

/** A student's written answer to one question of one lesson: its current draft and submission. */
export interface WrittenAnswerTable {
	id: string;
	user_id: string;
	/** "module/lesson" */
	lesson: string;
	question_id: string;
	/** JSON { claim, evidence, reasoning } of the latest draft not yet submitted, or null */
	draft: string | null;
	draft_at: string | null;
	/** JSON of the latest submission: what the teacher grades */
	submitted: string | null;
	submitted_at: string | null;
	/** of the question's proving sentences and rubric at the last submission */
	key_hash: string | null;
	/** null while waiting for a teacher; once graded, the answer can no longer be edited */
	graded_at: string | null;
	created_at: string;
}

/** Every saved version, draft or submission: nothing a student wrote is overwritten. */
export interface WrittenVersionTable {
	id: string;
	answer_id: string;
	user_id: string;
	kind: 'draft' | 'submission';
	/** JSON { claim, evidence, reasoning } */
	content: string;
	/** from the form: a repeated save with the same key is stored once */
	idempotency_key: string;
	created_at: string;
}

/** A teacher's rubric scores and comment; a regrade adds a row, the latest counts. */
export interface WrittenGradeTable {
	id: string;
	answer_id: string;
	/** the student */
	user_id: string;
	grader_id: string;
	grader_name: string;
	/** JSON { criterion id: points } */
	scores: string;
	total: number;
	max: number;
	comment: string;
	rubric_hash: string;
	idempotency_key: string;
	created_at: string;
	/** when the student first saw it: "new comments" are the unseen ones */
	seen_at: string | null;
}

/** An LMS registered with `npm run lti:register`: where its logins, tokens and keys are. */
export interface LtiPlatformTable {
	id: string;
	issuer: string;
	client_id: string;
	auth_url: string;
	token_url: string;
	jwks_url: string;
	/** JSON array: further origins the LMS shows us from (Canvas frames tools on the school's own domain) */
	frame_origins: string;
	created_at: string;
}

export interface LtiDeploymentTable {
	platform_id: string;
	deployment_id: string;
	created_at: string;
}

/** Our own key pair for signing to platforms (deep-linking responses, token requests), as JWKs. */
export interface LtiKeyTable {
	kid: string;
	private_jwk: string;
	public_jwk: string;
	created_at: string;
}

/** One login initiation: the launch that answers it must bring back this state and nonce, once. */
export interface LtiStateTable {
	state: string;
	nonce: string;
	platform_id: string;
	created_at: string;
	expires_at: string;
	used_at: string | null;
}

/** The account an LMS user signs in as, keyed by (issuer, subject): no email is needed. */
export interface LtiAccountTable {
	issuer: string;
	subject: string;
	user_id: string;
	created_at: string;
}

/** An LMS course: its class here once an instructor has launched. */
export interface LtiContextTable {
	platform_id: string;
	context_id: string;
	title: string;
	class_id: string | null;
	created_at: string;
}

/** Learners who launched from an LMS course: they join its class (now or when it is made). */
export interface LtiContextLearnerTable {
	platform_id: string;
	context_id: string;
	user_id: string;
	joined_at: string;
}

/** A single-use code that turns a validated launch into a session (in the frame or a new tab). */
export interface LtiLaunchCodeTable {
	code_hash: string;
	user_id: string;
	/** where to go: "module/lesson", "module", "" (the course) or "deep-link:<id of lti_deep_links>" */
	target: string;
	/**
	 * SHA-256 of a secret set in a cookie of the browser that posted the launch, when that browser
	 * also started the login (its state cookie came back); null otherwise. Only that browser may
	 * turn the code into a session without confirming who it signs in as.
	 */
	browser_hash: string | null;
	expires_at: string;
	used_at: string | null;
}

/** A teacher's "add content" from an LMS, waiting for them to pick a module or lesson. */
export interface LtiDeepLinkTable {
	id: string;
	platform_id: string;
	deployment_id: string;
	user_id: string;
	/** where the picked item is posted back (the platform's deep_link_return_url) */
	return_url: string;
	/** the platform's opaque `data`, returned as it came */
	data: string | null;
	created_at: string;
	used_at: string | null;
}

/** A student's line item in an LMS for one lesson or module: where their score for it goes. */
export interface LtiGradeLinkTable {
	id: string;
	platform_id: string;
	user_id: string;
	/** the LMS's id of the student (`sub`), which the score names */
	subject: string;
	context_id: string;
	/** "module/lesson" or "module" */
	target: string;
	lineitem_url: string;
	created_at: string;
}

/** Scores to send to a line item, in order; a row stays until the platform has taken it. */
export interface LtiScoreOutboxTable {
	id: string;
	link_id: string;
	user_id: string;
	score_given: number;
	score_maximum: number;
	/** AGS: Completed once every question is answered, else InProgress */
	activity_progress: 'InProgress' | 'Completed';
	/** AGS: Pending while a written answer waits for its teacher, else FullyGraded */
	grading_progress: 'Pending' | 'FullyGraded';
	/** when the score was made: the AGS timestamp, so the platform keeps the newest */
	created_at: string;
	attempts: number;
	next_attempt_at: string;
	sent_at: string | null;
	last_error: string | null;
}

export interface Database {
	users: UserTable;
	sessions: SessionTable;
	classes: ClassTable;
	memberships: MembershipTable;
	assignments: AssignmentTable;
	answers: AnswerTable;
	rate_limits: RateLimitTable;
	password_codes: PasswordCodeTable;
	class_teachers: ClassTeacherTable;
	written_answers: WrittenAnswerTable;
	written_versions: WrittenVersionTable;
	written_grades: WrittenGradeTable;
	lti_platforms: LtiPlatformTable;
	lti_deployments: LtiDeploymentTable;
	lti_keys: LtiKeyTable;
	lti_states: LtiStateTable;
	lti_accounts: LtiAccountTable;
	lti_contexts: LtiContextTable;
	lti_context_learners: LtiContextLearnerTable;
	lti_launch_codes: LtiLaunchCodeTable;
	lti_deep_links: LtiDeepLinkTable;
	lti_grade_links: LtiGradeLinkTable;
	lti_score_outbox: LtiScoreOutboxTable;
}

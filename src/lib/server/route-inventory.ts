/**
 * Every page, form action and endpoint of the app, with who may use it. The tests read this:
 * `tests/unit/route-inventory.test.ts` fails when `src/routes` has a route, action or method
 * that is not listed here (or this lists one that is gone), and the authorization matrix and
 * the fuzz tests in `tests/e2e` walk it, so a new route is covered once it is listed.
 */

/**
 * - `anyone`: guests and every signed-in user
 * - `signed-in`: any account, student or teacher
 * - `student`, `teacher`: that role only
 * - `class-teacher`: a teacher of the class in the address (`[class]`): its owner or a
 *   co-teacher; any other teacher gets 404
 * - `class-owner`: only the teacher who made that class; a co-teacher gets 403, any other teacher 404
 */
export type Access = 'anyone' | 'signed-in' | 'student' | 'teacher' | 'class-teacher' | 'class-owner';

export interface RouteEntry {
	/** the SvelteKit route id, as in `src/routes` */
	id: string;
	/** what a person finds there */
	what: string;
	/** who may load the page (GET) */
	page?: Access;
	/** form actions by name (`default` for a form posted to the page itself) */
	actions?: Record<string, Access>;
	/** endpoints (`+server.ts`) by method */
	endpoint?: Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', Access>>;
}

export const routeInventory: readonly RouteEntry[] = [
	{ id: '/', what: 'the course: every module and lesson', page: 'anyone' },
	{ id: '/glossary', what: 'the glossary', page: 'anyone' },
	{ id: '/timeline', what: 'the timeline', page: 'anyone' },
	{ id: '/sources', what: 'the five source articles', page: 'anyone' },
	{ id: '/sources/[source]', what: 'one article, a sentence highlighted', page: 'anyone' },
	{ id: '/modules/[module]', what: 'a module and its lessons', page: 'anyone' },
	{ id: '/modules/[module]/[lesson]', what: 'a lesson and its questions; written answers are saved by students only', page: 'anyone', actions: { answer: 'anyone', write: 'student' } },
	{ id: '/modules/[module]/[lesson]/card', what: "a lesson's question card, answered with JavaScript: the answer (or a student's written answer) is stored as the actions store it, and the card comes back rendered", endpoint: { POST: 'anyone' } },
	{ id: '/signup', what: 'student sign-up (with an optional class code)', page: 'anyone', actions: { default: 'anyone' } },
	{ id: '/teacher/signup', what: 'teacher sign-up', page: 'anyone', actions: { default: 'anyone' } },
	{ id: '/login', what: 'log in (students and teachers)', page: 'anyone', actions: { default: 'anyone' } },
	{ id: '/reset', what: 'set a new password with a one-time code (forgotten password, or a login card)', page: 'anyone', actions: { default: 'anyone' } },
	{ id: '/logout', what: 'sign out (a POST; a GET only goes home)', page: 'anyone', actions: { default: 'anyone' } },
	{ id: '/account', what: 'change your password; how long sessions last', page: 'signed-in', actions: { password: 'signed-in' } },
	{ id: '/settings', what: "reading settings (text size, spacing, font, colours): a guest's in a cookie, an account's on the account", page: 'anyone', actions: { save: 'anyone', reset: 'anyone' } },
	{ id: '/join', what: 'join a class with its code', page: 'student', actions: { default: 'student' } },
	{ id: '/me', what: "a student's progress and assignments", page: 'student' },
	{ id: '/me/review', what: "a student's review queue", page: 'student', actions: { answer: 'student' } },
	{ id: '/me/review/card', what: 'a review card, answered with JavaScript: the answer stored as the page stores it, the card back rendered', endpoint: { POST: 'student' } },
	{ id: '/me/data', what: 'download my data, delete my account', page: 'student', actions: { delete: 'student' } },
	{ id: '/lti/jwks', what: "the tool's public keys (JWK Set), for LMSs to check what we sign", endpoint: { GET: 'anyone' } },
	{ id: '/lti/login', what: 'LTI 1.3 login initiation from an LMS (GET or cross-site POST); bare, a page saying where to start', page: 'anyone', actions: { default: 'anyone' } },
	{ id: '/lti/launch', what: "an LMS's signed launch (cross-site POST, validated in full); refusals are 4xx pages", page: 'anyone', actions: { default: 'anyone' } },
	{
		id: '/lti/start',
		what: "a validated launch's single-use code becomes a session (at once when this browser started the login, else after the user confirms who they sign in as); a new tab when the frame's cookies are blocked",
		page: 'anyone',
		actions: { continue: 'anyone' }
	},
	{ id: '/lti/deep-link', what: "a teacher's pick of a module or lesson for an LMS's \"add content\" (LTI Deep Linking); ?request= from /lti/start", page: 'teacher', actions: { pick: 'teacher' } },
	{ id: '/healthz', what: 'whether the app and its database answer (for load balancers)', endpoint: { GET: 'anyone' } },
	{ id: '/me/data/export.json', what: "a student's data as JSON", endpoint: { GET: 'student' } },
	{ id: '/me/data/export.csv', what: "a student's data as CSV", endpoint: { GET: 'student' } },
	{ id: '/teacher/lessons/[module]', what: "the teacher's guide to a module: its lessons, with links to guides, worksheets and keys", page: 'teacher' },
	{ id: '/teacher/lessons/[module]/[lesson]', what: "the teacher's guide to a lesson: keys, explanations, skills, cited sentences; ?print=worksheet|key", page: 'teacher' },
	{ id: '/teacher/export/[format]', what: 'every question of the course with keys and feedback, as GIFT (Moodle) or a QTI 3.0 package', endpoint: { GET: 'teacher' } },
	{ id: '/teacher/export/[format]/[module]', what: "a module's questions with keys and feedback, as GIFT or a QTI 3.0 package", endpoint: { GET: 'teacher' } },
	{ id: '/teacher/export/[format]/[module]/[lesson]', what: "a lesson's questions with keys and feedback, as GIFT or a QTI 3.0 package", endpoint: { GET: 'teacher' } },
	{ id: '/teacher', what: "a teacher's classes; create a class", page: 'teacher', actions: { create: 'teacher' } },
	{
		id: '/teacher/classes/[class]',
		what: 'a class: join code, roster, assignments, teachers, late work, end of term',
		page: 'class-teacher',
		actions: {
			resetCode: 'class-teacher',
			resetPassword: 'class-teacher',
			disableCode: 'class-teacher',
			removeStudent: 'class-teacher',
			assign: 'class-teacher',
			updateDue: 'class-teacher',
			removeAssignment: 'class-teacher',
			counting: 'class-teacher',
			latePolicy: 'class-teacher',
			archive: 'class-teacher',
			restore: 'class-teacher',
			addCoTeacher: 'class-owner',
			removeCoTeacher: 'class-owner',
			deleteClass: 'class-owner'
		}
	},
	{ id: '/teacher/classes/[class]/roster', what: 'add students from pasted names or a CSV: preview, then create', page: 'class-teacher', actions: { preview: 'class-teacher', create: 'class-teacher' } },
	{ id: '/teacher/classes/[class]/cards', what: 'printable login cards, each a new one-time code', page: 'class-teacher', actions: { print: 'class-teacher' } },
	{ id: '/teacher/classes/[class]/gradebook', what: 'the gradebook', page: 'class-teacher' },
	{ id: '/teacher/classes/[class]/grading', what: 'the grading queue of written answers: rubric scores, comments, regrades', page: 'class-teacher', actions: { grade: 'class-teacher' } },
	{ id: '/teacher/classes/[class]/gradebook.csv', what: 'the gradebook as CSV', endpoint: { GET: 'class-teacher' } },
	{ id: '/teacher/classes/[class]/answers.csv', what: 'every answer of the class as CSV', endpoint: { GET: 'class-teacher' } },
	{ id: '/teacher/classes/[class]/lessons/[lesson]', what: 'per-question results of a lesson', page: 'class-teacher' },
	{ id: '/teacher/classes/[class]/students/[student]', what: "one student's answers", page: 'class-teacher' }
];

import { countWaiting } from '$lib/server/db/written';
import { syncStateOfClass } from '$lib/server/db/lti-outbox';
import { fail } from '@sveltejs/kit';
import { fieldErrors, formValues } from '$lib/schemas/account';
import { assignmentSchema, countingSchema, isRecordId } from '$lib/schemas/classes';
import { lessonsOfTarget, targetOptions, targetTitle } from '$lib/server/content/assignments';
import {
	addAssignment,
	addCoTeacher,
	classContents,
	coTeachersOf,
	deleteClass,
	removeCoTeacher,
	setArchived,
	assignmentsOf,
	disableJoinCode,
	removeAssignment,
	removeMember,
	resetJoinCode,
	roster,
	updateAssignment,
	updateClass
} from '$lib/server/db/classes';
import { requireOwner, teacherClass } from '$lib/server/reports/class-data';
import { findLoginByEmail } from '$lib/server/db/users';
import { coTeacherSchema, deleteClassSchema, latePolicySchema } from '$lib/schemas/classes';
import { redirect } from '@sveltejs/kit';
import { formatCode } from '$lib/server/join-code';
import { formatInZone, utcToZonedInput, zonedToUtc } from '$lib/time-zone';
import { readForm } from '$lib/server/form-data';
import { teacherResetCode } from '$lib/server/auth/password-reset';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// the same guard as the reports: teachers only (403 for students), and only their own class (404)
const ownClass = async ({ locals, url, params }: RequestEvent | Parameters<PageServerLoad>[0]) => {
	const { db, teacher, cls } = await teacherClass(locals, url, params.class);
	return { db, teacher, klass: cls };
};

const ARCHIVED = 'This class is archived, so it is read-only. Restore it first to change it.';

/**
 * An archived class is read-only: what would change it is refused with words. The form is read
 * first, so a body that is not a form (or too large) gets its own answer whatever the class's state.
 */
const liveClass = async (event: RequestEvent, { form = true } = {}) => {
	const own = await ownClass(event);
	const data = form ? await readForm(event.request) : new FormData();
	return { ...own, data, refused: own.klass.archived_at ? fail(409, { error: ARCHIVED }) : null };
};

export const load: PageServerLoad = async (event) => {
	const { db, klass } = await ownClass(event);
	const [students, assignments, coTeachers, contents, waiting, sync] = await Promise.all([
		roster(db, klass.id),
		assignmentsOf(db, klass.id),
		coTeachersOf(db, klass.id),
		classContents(db, klass.id),
		countWaiting(db, klass.id),
		syncStateOfClass(db, klass.id)
	]);
	return {
		klass: {
			id: klass.id,
			name: klass.name,
			section: klass.section,
			timeZone: klass.time_zone,
			counting: klass.counting,
			latePolicy: klass.late_policy,
			archived: klass.archived_at ? formatInZone(klass.archived_at, klass.time_zone) : null
		},
		role: klass.role,
		coTeachers: coTeachers.map((t) => ({ id: t.id, name: t.display_name, email: t.email ?? '' })),
		contents,
		/** written answers waiting for a teacher */
		waiting,
		code: klass.join_code ? formatCode(klass.join_code) : null,
		joinUrl: klass.join_code ? `${event.url.origin}/signup?code=${klass.join_code}` : null,
		students,
		assignments: assignments.map((a) => ({
			id: a.id,
			title: targetTitle(a.target),
			lessons: lessonsOfTarget(a.target).length,
			due: a.due_at ? formatInZone(a.due_at, klass.time_zone) : null,
			dueInput: a.due_at ? utcToZonedInput(a.due_at, klass.time_zone) : ''
		})),
		targets: targetOptions(),
		/** each LMS student's grade return, per line item (a class made by an LTI launch) */
		lmsSync: sync.map((r) => ({
			student: r.user_id,
			name: r.display_name,
			item: targetTitle(r.target),
			lastSent: r.last_sent_at ? formatInZone(r.last_sent_at, klass.time_zone) : null,
			waiting: Number(r.waiting),
			error: r.last_error,
			nextTry: r.next_attempt_at ? formatInZone(r.next_attempt_at, klass.time_zone) : null
		}))
	};
};

const idField = (data: FormData, name: string) => {
	const v = data.get(name);
	return isRecordId(v) ? v : null;
};

export const actions: Actions = {
	resetCode: async (event) => {
		const { refused, db, klass, teacher } = await liveClass(event, { form: false });
		if (refused) return refused;
		await resetJoinCode(db, teacher.id, klass.id);
		return { done: 'A new join code is ready. The old one no longer works.' };
	},
	disableCode: async (event) => {
		const { db, klass, teacher } = await ownClass(event);
		await disableJoinCode(db, teacher.id, klass.id);
		return { done: 'Joining is switched off. Make a new code to let students join again.' };
	},
	removeStudent: async (event) => {
		const { db, klass } = await ownClass(event);
		const studentId = idField(await readForm(event.request), 'student');
		const students = await roster(db, klass.id);
		const student = students.find((s) => s.id === studentId);
		if (!student) return fail(404, { error: 'That student is not in this class.' });
		await removeMember(db, klass.id, student.id);
		return { done: `${student.display_name} was removed from the class. Their answers are kept.` };
	},
	// the code is shown once, on this response, and stored only as a hash
	resetPassword: async (event) => {
		const { db, klass, teacher } = await ownClass(event);
		const studentId = idField(await readForm(event.request), 'student');
		const student = (await roster(db, klass.id)).find((s) => s.id === studentId);
		if (!student) return fail(404, { error: 'That student is not in this class.' });
		const issued = await teacherResetCode(db, teacher, student.id);
		if (!issued) return fail(403, { error: 'You can make a code only for a student of your own class.' });
		return {
			slip: {
				name: student.display_name,
				username: student.username ?? '',
				code: issued.code,
				expires: formatInZone(issued.expiresAt.toISOString(), klass.time_zone),
				resetUrl: `${event.url.origin}/reset?username=${encodeURIComponent(student.username ?? '')}`
			}
		};
	},
	assign: async (event) => {
		const { refused, db, klass, data } = await liveClass(event);
		if (refused) return refused;
		const raw = formValues(data, ['target', 'due']);
		const parsed = assignmentSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { assign: { values: raw, errors: fieldErrors(parsed.error) } });
		if (!lessonsOfTarget(parsed.data.target).length) {
			return fail(400, { assign: { values: raw, errors: { target: 'Choose a module or lesson from the list.' } } });
		}
		const due = parsed.data.due ? zonedToUtc(parsed.data.due, klass.time_zone) : null;
		if (parsed.data.due && !due) return fail(400, { assign: { values: raw, errors: { due: 'That date does not exist. Check the day and month.' } } });
		await addAssignment(db, klass.id, parsed.data.target, due?.toISOString() ?? null);
		return { done: `Assigned: ${targetTitle(parsed.data.target)}.` };
	},
	updateDue: async (event) => {
		const { refused, db, klass, data } = await liveClass(event);
		if (refused) return refused;
		const id = idField(data, 'assignment');
		const existing = (await assignmentsOf(db, klass.id)).find((a) => a.id === id);
		if (!existing) return fail(404, { error: 'That assignment is not part of this class.' });
		const raw = formValues(data, ['due']);
		const parsed = assignmentSchema.shape.due.safeParse(raw.due);
		const due = parsed.success && parsed.data ? zonedToUtc(parsed.data, klass.time_zone) : null;
		if (!parsed.success || (parsed.data && !due)) {
			return fail(400, { update: { id: existing.id, error: 'Enter the due date and time, like 2026-12-01 17:00, or leave it empty.' } });
		}
		await updateAssignment(db, klass.id, existing.id, due?.toISOString() ?? null);
		return { done: due ? 'Due date changed. Answers already given are kept.' : 'Due date removed.' };
	},
	removeAssignment: async (event) => {
		const { refused, db, klass, data } = await liveClass(event);
		if (refused) return refused;
		const id = idField(data, 'assignment');
		const existing = (await assignmentsOf(db, klass.id)).find((a) => a.id === id);
		if (!existing) return fail(404, { error: 'That assignment is not part of this class.' });
		await removeAssignment(db, klass.id, existing.id);
		return { done: `Removed: ${targetTitle(existing.target)}. The answers already given are kept.` };
	},
	latePolicy: async (event) => {
		const { db, klass, teacher } = await ownClass(event);
		const parsed = latePolicySchema.safeParse(formValues(await readForm(event.request), ['latePolicy']));
		if (!parsed.success) return fail(400, { error: parsed.error.issues[0]!.message });
		await updateClass(db, teacher.id, klass.id, { late_policy: parsed.data.latePolicy });
		return {
			done:
				parsed.data.latePolicy === 'accept'
					? 'Late answers now count, marked late in the gradebook.'
					: 'Answers after the due date no longer count in the gradebook. They are kept, and count again if you change this back.'
		};
	},
	addCoTeacher: async (event) => {
		const { db, klass, teacher } = await ownClass(event);
		requireOwner(klass);
		const raw = formValues(await readForm(event.request), ['email']);
		const parsed = coTeacherSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { coTeacher: { values: raw, errors: fieldErrors(parsed.error) } });
		const other = await findLoginByEmail(db, parsed.data.email);
		if (!other || other.role !== 'teacher') {
			return fail(404, { coTeacher: { values: raw, errors: { email: 'No teacher account uses that email address. Ask them to sign up as a teacher first.' } } });
		}
		if (other.id === teacher.id) return fail(400, { coTeacher: { values: raw, errors: { email: 'That is you: you own this class already.' } } });
		await addCoTeacher(db, klass.id, other.id);
		return { done: `${other.display_name} now co-teaches ${klass.name}: they see and do everything here except delete the class or change its teachers.` };
	},
	removeCoTeacher: async (event) => {
		const { db, klass } = await ownClass(event);
		requireOwner(klass);
		const id = idField(await readForm(event.request), 'teacher');
		const co = (await coTeachersOf(db, klass.id)).find((t) => t.id === id);
		if (!co) return fail(404, { error: 'That teacher does not co-teach this class.' });
		await removeCoTeacher(db, klass.id, co.id);
		return { done: `${co.display_name} no longer co-teaches ${klass.name}.` };
	},
	archive: async (event) => {
		const { db, klass } = await ownClass(event);
		await setArchived(db, klass.id, new Date());
		return { done: `${klass.name} is archived: read-only, out of your students' "Assigned to you" and out of your main list. Its reports and exports still work, and you can restore it.` };
	},
	restore: async (event) => {
		const { db, klass } = await ownClass(event);
		await setArchived(db, klass.id, null);
		return { done: `${klass.name} is restored: its assignments show on your students' dashboards again.` };
	},
	deleteClass: async (event) => {
		const { db, klass } = await ownClass(event);
		requireOwner(klass);
		const raw = formValues(await readForm(event.request), ['confirm']);
		const parsed = deleteClassSchema(klass.name).safeParse(raw);
		if (!parsed.success) return fail(400, { deletion: { errors: fieldErrors(parsed.error) } });
		await deleteClass(db, klass.id);
		redirect(303, `/teacher?deleted=${encodeURIComponent(klass.name)}`);
	},
	counting: async (event) => {
		const { db, klass, teacher } = await ownClass(event);
		const parsed = countingSchema.safeParse(formValues(await readForm(event.request), ['counting']));
		if (!parsed.success) return fail(400, { error: parsed.error.issues[0]!.message });
		await updateClass(db, teacher.id, klass.id, { counting: parsed.data.counting });
		return { done: `The gradebook now counts each student's ${parsed.data.counting} attempt.` };
	}
};

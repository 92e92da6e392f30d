/**
 * Classes, join codes, rosters and assignments. Every teacher query is scoped to the classes the
 * teacher owns (`classes.teacher_id`) or co-teaches (`class_teachers`).
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import { newJoinCode } from '../join-code';
import type { ClassTable, Database } from './schema';

export type ClassRow = ClassTable;

/** The teacher owns the class or co-teaches it. */
const teaches = (teacherId: string) => (eb: ExpressionBuilder<Database, 'classes'>) =>
	eb.or([
		eb('classes.teacher_id', '=', teacherId),
		eb.exists(
			eb
				.selectFrom('class_teachers')
				.select('class_teachers.class_id')
				.whereRef('class_teachers.class_id', '=', 'classes.id')
				.where('class_teachers.teacher_id', '=', teacherId)
		)
	]);

export async function findClassByCode(db: Kysely<Database>, code: string) {
	// an archived class takes nobody new
	return db.selectFrom('classes').select(['id', 'name']).where('join_code', '=', code).where('archived_at', 'is', null).executeTakeFirst();
}

export async function addMembership(db: Kysely<Database>, classId: string, studentId: string): Promise<void> {
	await db
		.insertInto('memberships')
		.values({ class_id: classId, student_id: studentId, joined_at: new Date().toISOString() })
		.onConflict((oc) => oc.columns(['class_id', 'student_id']).doNothing())
		.execute();
}

/** A code unique among live classes: retried on the (rare) collision with the unique index. */
async function freshCode(db: Kysely<Database>): Promise<string> {
	for (let i = 0; i < 20; i++) {
		const code = newJoinCode();
		if (!(await findClassByCode(db, code))) return code;
	}
	throw new Error('Could not find a free join code');
}

export async function createClass(
	db: Kysely<Database>,
	c: { teacherId: string; name: string; section: string | null; timeZone: string }
): Promise<ClassRow> {
	const row: ClassRow = {
		id: crypto.randomUUID(),
		teacher_id: c.teacherId,
		name: c.name,
		section: c.section,
		join_code: await freshCode(db),
		time_zone: c.timeZone,
		counting: 'latest',
		created_at: new Date().toISOString(),
		archived_at: null,
		late_policy: 'accept'
	};
	await db.insertInto('classes').values(row).execute();
	return row;
}

/** Every class the teacher owns or co-teaches, archived ones included (the page sorts them). */
export async function classesOfTeacher(db: Kysely<Database>, teacherId: string) {
	return db
		.selectFrom('classes')
		.innerJoin('users as owner', 'owner.id', 'classes.teacher_id')
		.leftJoin('memberships', 'memberships.class_id', 'classes.id')
		.select((eb) => [
			'classes.id',
			'classes.name',
			'classes.section',
			'classes.join_code',
			'classes.created_at',
			'classes.archived_at',
			'classes.teacher_id',
			'owner.display_name as owner_name',
			eb.fn.count<string | number>('memberships.student_id').as('students')
		])
		.where(teaches(teacherId))
		.groupBy(['classes.id', 'classes.name', 'classes.section', 'classes.join_code', 'classes.created_at', 'classes.archived_at', 'classes.teacher_id', 'owner.display_name'])
		.orderBy('classes.created_at', 'desc')
		.execute();
}

export type ClassRole = 'owner' | 'co-teacher';

/** The class if this teacher owns or co-teaches it, with which; undefined otherwise (the caller answers 404). */
export async function classOfTeacher(db: Kysely<Database>, teacherId: string, classId: string): Promise<(ClassRow & { role: ClassRole }) | undefined> {
	const row = await db.selectFrom('classes').selectAll().where('id', '=', classId).where(teaches(teacherId)).executeTakeFirst();
	return row && { ...row, role: row.teacher_id === teacherId ? 'owner' : 'co-teacher' };
}

/** Whether this teacher owns or co-teaches a class this student belongs to. */
export async function teachesStudent(db: Kysely<Database>, teacherId: string, studentId: string): Promise<boolean> {
	const row = await db
		.selectFrom('memberships')
		.innerJoin('classes', 'classes.id', 'memberships.class_id')
		.innerJoin('users', 'users.id', 'memberships.student_id')
		.select('memberships.student_id')
		.where('memberships.student_id', '=', studentId)
		.where('users.role', '=', 'student')
		.where(teaches(teacherId))
		.executeTakeFirst();
	return row !== undefined;
}

export async function coTeachersOf(db: Kysely<Database>, classId: string) {
	return db
		.selectFrom('class_teachers')
		.innerJoin('users', 'users.id', 'class_teachers.teacher_id')
		.select(['users.id', 'users.display_name', 'users.email', 'class_teachers.added_at'])
		.where('class_teachers.class_id', '=', classId)
		.orderBy('users.display_name')
		.execute();
}

export async function addCoTeacher(db: Kysely<Database>, classId: string, teacherId: string): Promise<void> {
	await db
		.insertInto('class_teachers')
		.values({ class_id: classId, teacher_id: teacherId, added_at: new Date().toISOString() })
		.onConflict((oc) => oc.columns(['class_id', 'teacher_id']).doNothing())
		.execute();
}

export async function removeCoTeacher(db: Kysely<Database>, classId: string, teacherId: string): Promise<void> {
	await db.deleteFrom('class_teachers').where('class_id', '=', classId).where('teacher_id', '=', teacherId).execute();
}

/** Archiving sets the time; restoring clears it. */
export async function setArchived(db: Kysely<Database>, classId: string, at: Date | null): Promise<void> {
	await db.updateTable('classes').set({ archived_at: at ? at.toISOString() : null }).where('id', '=', classId).execute();
}

/** What deleting a class removes, to name it before the teacher confirms. */
export async function classContents(db: Kysely<Database>, classId: string) {
	const count = async (table: 'memberships' | 'assignments' | 'class_teachers') =>
		Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as('n')).where('class_id', '=', classId).executeTakeFirst())?.n ?? 0);
	const [students, assignments, coTeachers] = await Promise.all([count('memberships'), count('assignments'), count('class_teachers')]);
	return { students, assignments, coTeachers };
}

/**
 * Deletes the class, its memberships, assignments and co-teachers, in one transaction. Students'
 * accounts and answers stay: answers belong to the student, not to the class.
 */
export async function deleteClass(db: Kysely<Database>, classId: string): Promise<void> {
	await db.transaction().execute(async (tx) => {
		await tx.deleteFrom('class_teachers').where('class_id', '=', classId).execute();
		await tx.deleteFrom('assignments').where('class_id', '=', classId).execute();
		await tx.deleteFrom('memberships').where('class_id', '=', classId).execute();
		await tx.deleteFrom('classes').where('id', '=', classId).execute();
	});
}

export async function updateClass(
	db: Kysely<Database>,
	teacherId: string,
	classId: string,
	set: Partial<Pick<ClassRow, 'name' | 'section' | 'time_zone' | 'counting' | 'late_policy'>>
) {
	await db.updateTable('classes').set(set).where('id', '=', classId).where(teaches(teacherId)).execute();
}

export async function resetJoinCode(db: Kysely<Database>, teacherId: string, classId: string): Promise<string> {
	const code = await freshCode(db);
	await db.updateTable('classes').set({ join_code: code }).where('id', '=', classId).where(teaches(teacherId)).execute();
	return code;
}

export async function disableJoinCode(db: Kysely<Database>, teacherId: string, classId: string) {
	await db.updateTable('classes').set({ join_code: null }).where('id', '=', classId).where(teaches(teacherId)).execute();
}

export async function roster(db: Kysely<Database>, classId: string) {
	return db
		.selectFrom('memberships')
		.innerJoin('users', 'users.id', 'memberships.student_id')
		.select(['users.id', 'users.display_name', 'users.username', 'memberships.joined_at'])
		.where('memberships.class_id', '=', classId)
		.orderBy('users.display_name')
		.execute();
}

export async function removeMember(db: Kysely<Database>, classId: string, studentId: string) {
	await db.deleteFrom('memberships').where('class_id', '=', classId).where('student_id', '=', studentId).execute();
}

export async function assignmentsOf(db: Kysely<Database>, classId: string) {
	return db.selectFrom('assignments').selectAll().where('class_id', '=', classId).orderBy('created_at').execute();
}

export async function addAssignment(db: Kysely<Database>, classId: string, target: string, dueAt: string | null) {
	await db
		.insertInto('assignments')
		.values({ id: crypto.randomUUID(), class_id: classId, target, due_at: dueAt, created_at: new Date().toISOString() })
		.execute();
}

export async function updateAssignment(db: Kysely<Database>, classId: string, id: string, dueAt: string | null) {
	await db.updateTable('assignments').set({ due_at: dueAt }).where('id', '=', id).where('class_id', '=', classId).execute();
}

/** Removing an assignment keeps every answer already given (answers never reference assignments). */
export async function removeAssignment(db: Kysely<Database>, classId: string, id: string) {
	await db.deleteFrom('assignments').where('id', '=', id).where('class_id', '=', classId).execute();
}

/** Assignments of every class a student belongs to, for their dashboard. */
export async function assignmentsForStudent(db: Kysely<Database>, studentId: string) {
	return db
		.selectFrom('assignments')
		.innerJoin('memberships', 'memberships.class_id', 'assignments.class_id')
		.innerJoin('classes', 'classes.id', 'assignments.class_id')
		.select(['assignments.id', 'assignments.target', 'assignments.due_at', 'classes.name as class_name', 'classes.time_zone', 'classes.late_policy'])
		.where('memberships.student_id', '=', studentId)
		// an archived class's work leaves "Assigned to you"
		.where('classes.archived_at', 'is', null)
		.orderBy('assignments.due_at')
		.execute();
}

export async function classesOfStudent(db: Kysely<Database>, studentId: string) {
	return db
		.selectFrom('memberships')
		.innerJoin('classes', 'classes.id', 'memberships.class_id')
		.select(['classes.id', 'classes.name', 'classes.section'])
		.where('memberships.student_id', '=', studentId)
		.execute();
}

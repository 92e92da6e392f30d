/** Classes, join codes, rosters and assignments. Every teacher query is scoped by teacher_id. */
import type { Kysely } from 'kysely';
import { newJoinCode } from '../join-code';
import type { ClassTable, Database } from './schema';

export type ClassRow = ClassTable;

export async function findClassByCode(db: Kysely<Database>, code: string) {
	return db.selectFrom('classes').select(['id', 'name']).where('join_code', '=', code).executeTakeFirst();
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
		created_at: new Date().toISOString()
	};
	await db.insertInto('classes').values(row).execute();
	return row;
}

export async function classesOfTeacher(db: Kysely<Database>, teacherId: string) {
	return db
		.selectFrom('classes')
		.leftJoin('memberships', 'memberships.class_id', 'classes.id')
		.select((eb) => [
			'classes.id',
			'classes.name',
			'classes.section',
			'classes.join_code',
			'classes.created_at',
			eb.fn.count<string | number>('memberships.student_id').as('students')
		])
		.where('classes.teacher_id', '=', teacherId)
		.groupBy(['classes.id', 'classes.name', 'classes.section', 'classes.join_code', 'classes.created_at'])
		.orderBy('classes.created_at', 'desc')
		.execute();
}

/** The class if it belongs to this teacher; undefined otherwise (the caller answers 404). */
export async function classOfTeacher(db: Kysely<Database>, teacherId: string, classId: string) {
	return db.selectFrom('classes').selectAll().where('id', '=', classId).where('teacher_id', '=', teacherId).executeTakeFirst();
}

export async function updateClass(
	db: Kysely<Database>,
	teacherId: string,
	classId: string,
	set: Partial<Pick<ClassRow, 'name' | 'section' | 'time_zone' | 'counting'>>
) {
	await db.updateTable('classes').set(set).where('id', '=', classId).where('teacher_id', '=', teacherId).execute();
}

export async function resetJoinCode(db: Kysely<Database>, teacherId: string, classId: string): Promise<string> {
	const code = await freshCode(db);
	await db.updateTable('classes').set({ join_code: code }).where('id', '=', classId).where('teacher_id', '=', teacherId).execute();
	return code;
}

export async function disableJoinCode(db: Kysely<Database>, teacherId: string, classId: string) {
	await db.updateTable('classes').set({ join_code: null }).where('id', '=', classId).where('teacher_id', '=', teacherId).execute();
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
		.select(['assignments.id', 'assignments.target', 'assignments.due_at', 'classes.name as class_name', 'classes.time_zone'])
		.where('memberships.student_id', '=', studentId)
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

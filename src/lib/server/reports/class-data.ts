/**
 * What every teacher report starts from: the signed-in teacher's class (404 for anyone
 * else's), and the class's gradebook assembled from the database and the course content.
 */
import { error } from '@sveltejs/kit';
import { isRecordId } from '$lib/schemas/classes';
import type { Kysely } from 'kysely';
import type { LessonQuestion } from '$lib/content/load';
import { shownAnswer, shownKey, shownTexts } from '$lib/questions/registry';
import { findLesson, modules, publicQuestion } from '../content';
import { lessonsOfTarget } from '../content/assignments';
import { getDb } from '../db';
import { assignmentsOf, classOfTeacher, roster } from '../db/classes';
import { answersOfClass, type ClassAnswer } from '../db/gradebook';
import { writtenOfClass, type GradeRow, type WrittenRow } from '../db/written';
import type { WrittenContent } from '$lib/written';
import type { Database } from '../db/schema';
import { requireTeacher } from '../guard';
import { assignedLessons, buildGradebook, type GradebookAnswer } from './gradebook';

export const classNotFound = () => error(404, { message: 'There is no class of yours at this address.' });

/** Guard for every class page: teachers only (403 for students), and only a class they own or co-teach (404). */
export async function teacherClass(locals: App.Locals, url: URL, classId: string) {
	const teacher = requireTeacher(locals, url);
	// an address that cannot be a class id names no class (and never reaches the database: PostgreSQL refuses NUL)
	if (!isRecordId(classId)) classNotFound();
	const { db } = await getDb();
	const cls = await classOfTeacher(db, teacher.id, classId);
	if (!cls) classNotFound();
	return { db, teacher, cls: cls! };
}

/** For what only the class's owner may do: delete it, or change who co-teaches it. */
export function requireOwner(cls: { role: 'owner' | 'co-teacher' }): void {
	if (cls.role !== 'owner') error(403, { message: "Only the teacher who made this class can do that. Ask them, or use the class's other pages." });
}


/** Every lesson key of the course ("module/lesson"), in course order. */
export const courseLessonKeys = (): string[] => modules.flatMap((m) => m.lessons.map((l) => `${m.slug}/${l.slug}`));

export const toAttempt = (a: ClassAnswer): GradebookAnswer => ({
	studentId: a.user_id,
	lesson: a.lesson,
	questionId: a.question_id,
	correct: a.correct === 1,
	points: Number(a.points),
	at: a.created_at
});

/** A submitted written answer as one attempt: its rubric points over the maximum once graded, else waiting. */
export const writtenAttempt = (answer: WrittenRow, grade: GradeRow | undefined): GradebookAnswer => ({
	studentId: answer.user_id,
	lesson: answer.lesson,
	questionId: answer.question_id,
	correct: grade ? grade.total === grade.max : false,
	points: grade && grade.max > 0 ? grade.total / grade.max : 0,
	// the latest submission is the one graded (edits stop once it is)
	at: answer.submitted_at!,
	waiting: !grade
});

/** A class's written answers to the lessons, each as one attempt (writtenAttempt), with what the reports show of it. */
export async function writtenAttempts(db: Kysely<Database>, classId: string, lessonKeys: readonly string[]) {
	const rows = await writtenOfClass(db, classId, lessonKeys);
	return rows.map(({ answer, grade }) => ({
		...writtenAttempt(answer, grade),
		answerId: answer.id,
		text: JSON.parse(answer.submitted!) as WrittenContent,
		grade
	}));
}

export async function loadGradebook(db: Kysely<Database>, cls: { id: string; counting: 'first' | 'best' | 'latest'; late_policy: 'accept' | 'exclude' }, now = new Date()) {
	const [members, assignments] = await Promise.all([roster(db, cls.id), assignmentsOf(db, cls.id)]);
	const lessons = assignedLessons(assignments, lessonsOfTarget, courseLessonKeys());
	const keys = lessons.map((l) => l.key);
	const [answers, written] = members.length ? await Promise.all([answersOfClass(db, cls.id, keys), writtenAttempts(db, cls.id, keys)]) : [[], []];
	const students = members.map((m) => ({ id: m.id, name: m.display_name, username: m.username }));
	const rows = buildGradebook({ students, lessons, answers: [...answers.map(toAttempt), ...written], counting: cls.counting, now, latePolicy: cls.late_policy });
	return { members, assignments, lessons, rows };
}

/** The question of a stored answer, if the course still has it. */
export function questionOf(lessonKey: string, questionId: string): LessonQuestion | undefined {
	const [m, l] = lessonKey.split('/');
	return m && l ? findLesson(m, l)?.questions.find((q) => q.id === questionId) : undefined;
}

/** The choice ids of a stored answer (JSON text); empty when it cannot be read. */
export function givenIds(question: LessonQuestion, answerJson: string): string[] {
	try {
		return shownAnswer(question, JSON.parse(answerJson));
	} catch {
		return [];
	}
}

/** An answer's shown strings (choice ids, values, pairs) as the words the student saw. */
export const choiceTexts = (question: LessonQuestion, ids: readonly string[]): string[] => shownTexts(publicQuestion(question), [...ids]);

export const keyTexts = (question: LessonQuestion) => choiceTexts(question, shownKey(question));

/** "17 Nov, 22:22" in the class's zone: short enough for a column header. */
export function shortTime(iso: string, timeZone: string): string {
	return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
		new Date(iso)
	);
}

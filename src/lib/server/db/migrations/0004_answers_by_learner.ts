import type { Kysely } from 'kysely';

// Reports stay flat as answers grow. Every query that filters answers by lesson also names the
// learner (a class's members, one student, one guest), which answers_user_lesson and
// answers_guest serve. The (lesson, question_id) index served none of them, yet SQLite's
// planner, without statistics, chose it for "a class's answers to one lesson" and walked every
// answer to that lesson in the whole database (and for a student's attempt counts on a retry):
// 238 ms instead of 19 ms for a class's per-question page at 1 M answers. Dropping it leaves only
// the learner-first plans; it also makes each answer's insert one index lighter.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropIndex('answers_lesson_question').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.createIndex('answers_lesson_question').on('answers').columns(['lesson', 'question_id']).execute();
}

/** Class, assignment and join forms. Messages are written for the teacher or student reading them. */
import { z } from 'zod';
import { isTimeZone } from '../time-zone';
import { joinCode, noControlCharacters } from './account';

export const classSchema = z.object({
	name: z
		.string({ error: 'Give the class a name.' })
		.trim()
		.min(1, 'Give the class a name.')
		.max(80, 'Keep the name under 80 characters.')
		.refine(noControlCharacters, 'Remove the invisible characters from the name.'),
	section: z
		.string()
		.trim()
		.max(40, 'Keep the period or section under 40 characters.')
		.refine(noControlCharacters, 'Remove the invisible characters from the period or section.')
		.optional()
		.transform((v) => v || null),
	timeZone: z
		.string({ error: 'Choose a time zone.' })
		.trim()
		.refine(isTimeZone, 'Choose a time zone from the list, like Europe/London.')
});

export const assignmentSchema = z.object({
	target: z.string({ error: 'Choose a module or lesson to assign.' }).min(1, 'Choose a module or lesson to assign.'),
	due: z
		.string()
		.trim()
		.optional()
		.transform((v) => v || null)
		.pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Enter the due date and time, like 2026-12-01 17:00.').nullable())
});

export const countingSchema = z.object({
	counting: z.enum(['first', 'best', 'latest'], { error: 'Choose first, best or latest attempt.' })
});

export const joinSchema = z.object({ code: z.string({ error: 'Enter the join code.' }).min(1, 'Enter the join code.').pipe(joinCode) });

/** The id of a stored record (a class, a student, an assignment), as the app makes them; anything else names nothing. */
export const isRecordId = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/.test(v);

/** The rows a teacher accepted in a roster preview, sent back with "Create accounts". */
export const rosterAcceptSchema = z
	.string({ error: 'Preview the roster first.' })
	.max(100_000, 'That roster is too long. Add at most 200 students at a time.')
	.transform((text, ctx) => {
		try {
			return JSON.parse(text) as unknown;
		} catch {
			ctx.addIssue({ code: 'custom', message: 'Preview the roster again, then create the accounts.' });
			return z.NEVER;
		}
	})
	.pipe(
		z
			.array(z.object({ line: z.number().int().min(1), name: z.string().max(200), username: z.string().max(60) }), { error: 'Preview the roster again, then create the accounts.' })
			.min(1, 'There is nobody to add. Preview a roster with at least one name.')
			.max(200, 'Add at most 200 students at a time.')
	);

/** Students picked for new login cards. */
export const cardPickSchema = z.array(z.uuid()).min(1, 'Tick at least one student.').max(500);

export const latePolicySchema = z.object({
	latePolicy: z.enum(['accept', 'exclude'], { error: 'Choose whether late answers count.' })
});

export const coTeacherSchema = z.object({
	email: z
		.string({ error: "Enter the other teacher's email address." })
		.trim()
		.toLowerCase()
		.min(1, "Enter the other teacher's email address.")
		.max(200, 'That email address is too long.')
		.pipe(z.email('Enter an email address like name@school.org.'))
});

/** Deleting asks for the class's name, typed: nobody deletes a class by a slip of the mouse. */
export const deleteClassSchema = (name: string) =>
	z.object({
		confirm: z
			.string({ error: `Type the class's name, ${name}, to delete it.` })
			.refine((v) => v.trim() === name.trim(), `Type the class's name exactly, ${name}, to delete it.`)
	});

/** Account forms, validated on the server with these schemas; messages are written for students. */
import { z } from 'zod';

const zoneOk = (tz: string) => {
	try {
		new Intl.DateTimeFormat('en', { timeZone: tz });
		return true;
	} catch {
		return false;
	}
};

/**
 * Typed text holds no control characters (NUL and its kin; tabs and line breaks are fine):
 * none belongs in a name, and PostgreSQL cannot store NUL at all (it would be a 500).
 */
export const noControlCharacters = (v: string): boolean =>
	![...v].some((c) => {
		const code = c.charCodeAt(0);
		return (code < 32 && c !== '\t' && c !== '\n' && c !== '\r') || code === 127;
	});

export const displayName = z
	.string({ error: 'Enter your name.' })
	.trim()
	.min(1, 'Enter your name.')
	.max(60, 'Keep your name under 60 characters.')
	.refine(noControlCharacters, 'Remove the invisible characters from your name.');

export const username = z
	.string({ error: 'Choose a username.' })
	.trim()
	.toLowerCase()
	.min(3, 'Use at least 3 characters.')
	.max(30, 'Use at most 30 characters.')
	.regex(/^[a-z0-9._-]+$/, 'Use only letters, digits, dots, dashes and underscores.');

export const password = z
	.string({ error: 'Choose a password.' })
	.min(10, 'Use at least 10 characters.')
	.max(200, 'Use at most 200 characters.');

export const joinCode = z
	.string()
	.trim()
	.toUpperCase()
	.transform((v) => v.replace(/[\s-]/g, ''))
	.pipe(z.string().regex(/^[A-HJ-NP-Z2-9]{6,8}$/, 'A join code has 6 to 8 letters and digits, like K7QXP3.'));

export const timeZone = z
	.string()
	.trim()
	.max(64)
	.refine(zoneOk)
	.catch('UTC');

export const signupSchema = z.object({
	displayName,
	username,
	password,
	code: z.union([z.literal('').transform(() => undefined), joinCode]).optional(),
	timeZone: timeZone.optional().transform((v) => v ?? 'UTC')
});

export const teacherSignupSchema = z.object({
	displayName,
	email: z.string({ error: 'Enter your email address.' }).trim().toLowerCase().max(200, 'That email address is too long.').pipe(z.email('Enter an email address like name@school.org.')),
	password
});

export const loginSchema = z.object({
	// a student's username, or a teacher's email address
	username: z
		.string({ error: 'Enter your username.' })
		.trim()
		.toLowerCase()
		.min(1, 'Enter your username.')
		.max(200)
		.refine(noControlCharacters, 'A username has no invisible characters. Check what you typed.'),
	password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(200)
});

export type FieldErrors = Record<string, string>;

/** The first message per field, for showing next to each field. */
export function fieldErrors(error: z.ZodError): FieldErrors {
	const out: FieldErrors = {};
	for (const issue of error.issues) {
		const key = String(issue.path[0] ?? 'form');
		out[key] ??= issue.message;
	}
	return out;
}

/** Form values as strings, for parsing (missing fields become undefined). */
export function formValues(data: FormData, names: readonly string[]): Record<string, string | undefined> {
	return Object.fromEntries(names.map((n) => [n, typeof data.get(n) === 'string' ? (data.get(n) as string) : undefined]));
}

export const passwordChangeSchema = z
	.object({
		current: z.string({ error: 'Enter your current password.' }).min(1, 'Enter your current password.').max(200, 'That is not your current password.'),
		password,
		confirm: z.string({ error: 'Type the new password again.' }).max(200)
	})
	.refine((v) => v.confirm === v.password, { path: ['confirm'], message: 'The two new passwords are not the same. Type it again.' })
	.refine((v) => v.password !== v.current, { path: ['password'], message: 'Choose a password different from your current one.' });

export const resetSchema = z
	.object({
		// a student's username, or a teacher's email address (as at login)
		username: loginSchema.shape.username,
		code: z
			.string({ error: 'Enter the code from your teacher.' })
			.trim()
			.min(1, 'Enter the code from your teacher.')
			.max(40, 'A code has 10 letters and digits, like K7QXP-3MZ9A.'),
		password,
		confirm: z.string({ error: 'Type the new password again.' }).max(200)
	})
	.refine((v) => v.confirm === v.password, { path: ['confirm'], message: 'The two new passwords are not the same. Type it again.' });

/**
 * Puts a waiting answer back into its form after a reload, so the student sees what they
 * answered: boxes and radios ticked as posted, other fields given their posted value. The
 * submission key is the form's own (the waiting entry keeps its key).
 */
export function restoreFields(form: HTMLFormElement, fields: readonly [string, string][]): void {
	const posted = new Map<string, string[]>();
	for (const [name, value] of fields) if (name !== 'idem' && name !== 'question') posted.set(name, [...(posted.get(name) ?? []), value]);
	for (const el of form.elements) {
		if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)) continue;
		const values = posted.get(el.name);
		if (!values || (el instanceof HTMLInputElement && el.type === 'hidden')) continue;
		if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) el.checked = values.includes(el.value);
		else el.value = values.shift() ?? '';
	}
}

/** A form's text fields as posted, in order (files are never part of an answer). */
export const textFields = (data: FormData): [string, string][] => [...data].filter((f): f is [string, string] => typeof f[1] === 'string');

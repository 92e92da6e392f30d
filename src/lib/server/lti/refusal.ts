/** A launch we turn away: the status and the words the refusal page shows. */
export class LtiRefusal extends Error {
	constructor(
		readonly status: 400 | 401 | 403 | 409,
		readonly title: string,
		message: string
	) {
		super(message);
	}
}

/** Which lesson or module a launch opens: our own custom parameter, else the target link's path. */
import { findLesson, findModule } from '../content';

/** "module/lesson" or "module" when it names content of ours, else undefined */
export function knownTarget(value: string): string | undefined {
	const [m, l, ...rest] = value.replace(/^\/+|\/+$/g, '').split('/');
	if (!m || rest.length) return undefined;
	if (l === undefined) return findModule(m) ? m : undefined;
	return findLesson(m, l) ? `${m}/${l}` : undefined;
}

export function targetOf(custom: Record<string, unknown> | undefined, targetLinkUri: string | undefined): string {
	if (typeof custom?.target === 'string') {
		const t = knownTarget(custom.target);
		if (t) return t;
	}
	if (targetLinkUri) {
		const path = new URL(targetLinkUri).pathname;
		const m = /^\/modules\/(.+)$/.exec(path);
		const t = m ? knownTarget(m[1]!) : undefined;
		if (t) return t;
	}
	return '';
}

/** The page of a target */
export const pathOf = (target: string) => (target ? `/modules/${target}` : '/');

/** The answer to a deep-linking request: the picked module or lesson as a resource link with a line item, signed by us. */
import { SignJWT } from 'jose';
import type { Kysely } from 'kysely';
import { lessonsOfTarget, targetTitle } from '../content/assignments';
import type { Database } from '../db/schema';
import { DL, LTI } from './claims';
import { ALG, signingKey } from './keys';
import { pathOf } from './target';

export interface DeepLinkRequest {
	deployment_id: string;
	data: string | null;
	issuer: string;
	client_id: string;
}

/** The one content item: opening it launches the lesson; its line item's maximum is its number of questions. */
export function contentItem(target: string, origin: string) {
	const questions = lessonsOfTarget(target).reduce((n, l) => n + l.questions.length, 0);
	const title = targetTitle(target).replace(/^Module: /, '');
	return {
		type: 'ltiResourceLink',
		title: `Back Channel: ${title}`,
		url: `${origin}${pathOf(target)}`,
		custom: { target },
		lineItem: { scoreMaximum: questions, label: `Back Channel: ${title}`, resourceId: target }
	};
}

export async function deepLinkResponse(db: Kysely<Database>, request: DeepLinkRequest, target: string, origin: string): Promise<string> {
	const { kid, key } = await signingKey(db);
	return new SignJWT({
		nonce: crypto.randomUUID(),
		[`${LTI}message_type`]: 'LtiDeepLinkingResponse',
		[`${LTI}version`]: '1.3.0',
		[`${LTI}deployment_id`]: request.deployment_id,
		[`${DL}content_items`]: [contentItem(target, origin)],
		...(request.data !== null ? { [`${DL}data`]: request.data } : {})
	})
		.setProtectedHeader({ alg: ALG, kid, typ: 'JWT' })
		.setIssuer(request.client_id)
		.setAudience(request.issuer)
		.setIssuedAt()
		.setExpirationTime('5m')
		.sign(key);
}

import { describe, expect, it } from 'vitest';
import { nameOf, roleOf, launchClaims, LTI } from '../../../../src/lib/server/lti/claims';
import { scoresUrl } from '../../../../src/lib/server/lti/ags';
import { backoff } from '../../../../src/lib/server/lti/outbox';

const V = 'http://purl.imsglobal.org/vocab/lis/v2/';

describe('LTI roles', () => {
	it('a teaching role makes a teacher, even beside a learner role; a learner role a student; none, nobody', () => {
		expect(roleOf([`${V}membership#Learner`, `${V}membership#Instructor`])).toBe('teacher');
		expect(roleOf([`${V}membership/Instructor#TeachingAssistant`])).toBe('teacher');
		expect(roleOf([`${V}institution/person#Student`])).toBe('student');
		expect(roleOf([`${V}membership#Mentor`])).toBeNull();
		expect(roleOf([])).toBeNull();
		// a short role name is not the vocabulary's URI
		expect(roleOf(['Instructor'])).toBeNull();
	});
});

describe('launch claims', () => {
	const base = {
		sub: 'u-1',
		nonce: 'n',
		[`${LTI}message_type`]: 'LtiResourceLinkRequest',
		[`${LTI}version`]: '1.3.0',
		[`${LTI}deployment_id`]: 'd-1',
		[`${LTI}roles`]: [`${V}membership#Learner`],
		[`${LTI}resource_link`]: { id: 'rl-1' }
	};

	it('takes a resource-link launch of version 1.3.0, and refuses another version or message type', () => {
		expect(launchClaims.safeParse(base).success).toBe(true);
		expect(launchClaims.safeParse({ ...base, [`${LTI}version`]: '1.1' }).success).toBe(false);
		expect(launchClaims.safeParse({ ...base, [`${LTI}message_type`]: 'LtiSubmissionReviewRequest' }).success).toBe(false);
		expect(launchClaims.safeParse({ ...base, sub: '' }).success).toBe(false);
	});

	it('names the user as the platform does, or says where they came from', () => {
		const c = launchClaims.parse({ ...base, given_name: 'Ana', family_name: 'Ruiz' });
		expect(nameOf(c)).toBe('Ana Ruiz');
		expect(nameOf(launchClaims.parse({ ...base, name: '  ' }))).toBe('LMS user');
	});
});

describe('grade return', () => {
	it('posts to the line item’s /scores, keeping its query', () => {
		expect(scoresUrl('https://lms.example/api/lti/courses/1/line_items/7')).toBe('https://lms.example/api/lti/courses/1/line_items/7/scores');
		expect(scoresUrl('https://lms.example/mod/lti/services.php/2/lineitems/9/lineitem?type_id=3')).toBe(
			'https://lms.example/mod/lti/services.php/2/lineitems/9/lineitem/scores?type_id=3'
		);
	});

	it('backs off 1 s, 2 s, 4 s … to at most 5 minutes', () => {
		expect([1, 2, 3, 4].map(backoff)).toEqual([1000, 2000, 4000, 8000]);
		expect(backoff(30)).toBe(300_000);
	});
});

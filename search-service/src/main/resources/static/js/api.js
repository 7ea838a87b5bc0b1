// Calls to the search service's own API: every read answers within a deadline (asked
// once more on a fresh connection, then shown as an error), every write sends the
// session's CSRF token, and a session that has ended sends the person to sign in again.

// A read the service has not answered within this long is abandoned and asked once
// more, so one lost answer never leaves the page drawing forever.
export const ANSWER_WITHIN_MS = 20000;

const WRITE_WITHIN_MS = 120000;

// The page's own calls say so: a call refused for want of a session then gets no Basic
// challenge, which would hold it behind the browser's password prompt.
const OWN_CALL = { 'X-Requested-With': 'XMLHttpRequest' };

// Sessions keep CSRF protection: a call that changes something sends back the token the
// service left in the XSRF-TOKEN cookie.
export function csrfHeaders() {
	const cookie = document.cookie.split('; ').find((entry) => entry.startsWith('XSRF-TOKEN='));
	return cookie ? { 'X-XSRF-TOKEN': decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) } : {};
}

// A session that has ended (signed out elsewhere, or the service restarted) sends the
// person to the sign-in form, which brings them back to the page they were on.
function signInAgainOn(response) {
	if (response.status === 401) {
		window.location.assign('/login');
	}
}

async function answerWithin(path, within, options) {
	const abort = new AbortController();
	const timer = setTimeout(() => abort.abort(), within);
	try {
		const response = await fetch(path, Object.assign({ signal: abort.signal }, options));
		const text = await response.text();
		let body = {};
		try {
			body = text ? JSON.parse(text) : {};
		}
		catch (notJson) {
			// A proxy's error page: the status says enough.
		}
		return { response, body };
	}
	finally {
		clearTimeout(timer);
	}
}

async function read(path) {
	const options = { headers: Object.assign({ Accept: 'application/json' }, OWN_CALL) };
	try {
		return await answerWithin(path, ANSWER_WITHIN_MS, options);
	}
	catch (first) {
		try {
			return await answerWithin(path, ANSWER_WITHIN_MS, options);
		}
		catch (second) {
			throw new Error(second.name === 'AbortError'
				? 'The service did not answer within ' + (ANSWER_WITHIN_MS / 1000) + ' s; try again shortly.'
				: 'The service cannot be reached: ' + second.message);
		}
	}
}

function failure(response, body, fallback) {
	const error = new Error(body.detail || fallback || ('The service answered ' + response.status));
	error.problem = body;
	error.status = response.status;
	return error;
}

export async function getJson(path) {
	const { response, body } = await read(path);
	signInAgainOn(response);
	if (!response.ok) {
		throw failure(response, body);
	}
	return body;
}

// A change: POST, PUT, PATCH or DELETE with a JSON body (or none).
export async function send(method, path, body) {
	const headers = Object.assign({ Accept: 'application/json' }, OWN_CALL, csrfHeaders());
	if (body !== undefined) {
		headers['Content-Type'] = 'application/json';
	}
	// A change is not abandoned as soon as a read: acting on many mentions takes a while.
	const { response, body: answer } = await answerWithin(path, WRITE_WITHIN_MS, {
		method: method,
		headers: headers,
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	signInAgainOn(response);
	if (!response.ok) {
		throw failure(response, answer, response.status === 401 ? 'Sign in to change anything.' : undefined);
	}
	return answer;
}

export function postJson(path, body) {
	return send('POST', path, body);
}

/**
 * The people the platform knows, to whom mentions may be assigned: local users, the
 * organization file's members, and those who have signed in.
 */
package io.grapevine.search.people;
